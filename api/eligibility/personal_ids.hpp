// SPDX-License-Identifier: MIT
// Personnummer are not pupil references (issue 10, ../shared/docs/domain.md): a
// register whose pupil_ref holds Swedish personal identity numbers would carry them
// into every output, and they identify a child anywhere. skolvag needs only an opaque
// reference, so such a register is refused unless the caller says otherwise.
#pragma once

#include "api/eligibility/pupil_register.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

/// How a text reads as a personal identity number.
enum class PersonalIdForm {
    none,
    formatted, ///< YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN or YYYYMMDD-NNNN: nothing else looks like it
    bare       ///< ten digits YYMMDDNNNN: an internal number could too, by chance
};

/**
 * Whether a text is a Swedish personnummer or samordningsnummer (day + 60): a real
 * month and day and a valid check digit (Luhn over YYMMDDNNN), in one of the usual forms.
 */
PersonalIdForm personal_id_form(std::string_view text) noexcept;

/**
 * The first row whose pupil_ref is a personal identity number, when the register looks
 * like it holds them: one formatted number, or half of the references as bare ten-digit
 * ones. The row's place only, never its value.
 */
std::optional<std::string> first_personal_id_row(const std::vector<PupilHome>& homes);

} // namespace skolvag::api

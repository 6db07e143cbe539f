// SPDX-License-Identifier: MIT
// School grades in school order (F, 1-9, gy1-gy4) and the `grades` field of a school
// ("F-6", "7-9", "gy", "F-3,7-9", or empty for every grade).
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

namespace skolvag::api {

inline constexpr std::size_t kGradeCount = 14;
using GradeSet = std::bitset<kGradeCount>;

/** Position of a grade in school order (F = 0, 1..9, gy1 = 10 .. gy4 = 13), nullopt if unknown. */
std::optional<std::size_t> grade_rank(std::string_view grade);

/**
 * Parses a school's grades: ranges over F, 1 ... 9 ("F-6"), "gy" (gy1-gy4), single
 * grades, comma lists of those; empty means every grade.
 * @throws std::invalid_argument naming the part that is not a grade.
 */
GradeSet parse_school_grades(std::string_view text);

} // namespace skolvag::api

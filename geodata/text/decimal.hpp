// SPDX-License-Identifier: MIT
// Reading a number from a cell or field as people and programs write them: "674440.14",
// "+18.06", " 59.3 ", "1e3", and "674440,14" (Swedish Excel's decimal comma, in a
// semicolon-separated file). One reader for every table skolvag takes in.
#pragma once

#include <optional>
#include <string_view>

namespace skolvag::geodata {

/**
 * The finite number in the text: blanks around it and a leading '+' are allowed, and
 * one decimal comma in place of the point (a text with a comma and no point); anything
 * else after the number is not.
 * @returns nullopt for empty text, text that is not a number, or inf/nan.
 */
std::optional<double> parse_decimal(std::string_view text) noexcept;

/** A whole number (optional blanks, no sign other than '-'); nullopt otherwise. */
std::optional<long long> parse_whole_number(std::string_view text) noexcept;

} // namespace skolvag::geodata

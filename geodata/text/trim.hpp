// SPDX-License-Identifier: MIT
// Trimming blanks (spaces and tabs) around a piece of text, as people type values.
#pragma once

#include <string_view>

namespace skolvag::geodata {

/** The text without leading and trailing spaces and tabs. */
constexpr std::string_view trim(std::string_view text) noexcept {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace skolvag::geodata

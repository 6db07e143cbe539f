// SPDX-License-Identifier: MIT
// UTF-8 checks for text that comes from outside: files written by spreadsheet programs
// (often Windows-1252 in Sweden: å, ä, ö) and HTTP query strings. Text is carried as
// UTF-8 everywhere inside; invalid bytes are caught at the edge, never in an output.
#pragma once

#include <string>
#include <string_view>

namespace skolvag::geodata {

/** True when the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
bool is_valid_utf8(std::string_view text) noexcept;

/** Decodes Windows-1252 (a superset of Latin-1 for printable text) to UTF-8. */
std::string windows1252_to_utf8(std::string_view text);

/** At most max_bytes of valid UTF-8 text, cut at a character boundary. */
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

} // namespace skolvag::geodata

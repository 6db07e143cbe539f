// SPDX-License-Identifier: MIT
// CSV as RFC 4180 has it: a small reader (quoted fields, "" escapes, CRLF) with line
// numbers, and the one rule for quoting a field on output.
#pragma once

#include <istream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::geodata {

/// Malformed CSV (an unclosed quote, text after a closing quote), with its line.
class CsvError : public std::runtime_error {
public:
    CsvError(std::size_t line, const std::string& what) : std::runtime_error(what), m_line(line) {}
    std::size_t line() const noexcept { return m_line; }

private:
    std::size_t m_line;
};

class CsvReader {
public:
    explicit CsvReader(std::istream& in) : m_in(in) {}

    /**
     * Reads the next record.
     * @param fields receives the fields.
     * @param line receives the 1-based line number where the record starts.
     * @returns false at end of input.
     * @throws CsvError for malformed quoting.
     */
    bool next(std::vector<std::string>& fields, std::size_t& line);

private:
    std::istream& m_in;
    std::size_t m_line = 0;
};

/**
 * A field as written in CSV: quoted (quotes doubled) when it holds the separator (a
 * comma unless given), a quote or a line break.
 */
std::string csv_field(std::string_view field, char separator = ',');

/**
 * A text cell as a spreadsheet must show it, not run it: a cell beginning with = + - @
 * (or a tab or carriage return) would be read by Excel as a formula (CSV injection:
 * =HYPERLINK(...) can send the sheet's data away), so it gets a leading apostrophe,
 * which Excel shows as text and hides.
 */
std::string spreadsheet_text(std::string_view text);

/** The text a spreadsheet_text() cell stands for (the apostrophe it added taken off). */
std::string_view from_spreadsheet_text(std::string_view cell);

} // namespace skolvag::geodata

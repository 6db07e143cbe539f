// SPDX-License-Identifier: MIT
// A small RFC 4180 CSV reader (quoted fields, "" escapes, CRLF) with line numbers.
#pragma once

#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace skolvag::api {

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

/** Quotes a field for CSV output when it contains a comma, quote or line break. */
std::string csv_escape(const std::string& field);

} // namespace skolvag::api

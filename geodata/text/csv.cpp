// SPDX-License-Identifier: MIT
#include "geodata/text/csv.hpp"

#include <stdexcept>

namespace skolvag::geodata {

bool CsvReader::next(std::vector<std::string>& fields, std::size_t& line) {
    fields.clear();
    std::string raw;
    if (!std::getline(m_in, raw)) {
        return false;
    }
    line = ++m_line;
    if (line == 1 && raw.rfind("\xEF\xBB\xBF", 0) == 0) {
        raw.erase(0, 3); // UTF-8 byte order mark written by spreadsheet programs
    }
    if (!raw.empty() && raw.back() == '\r') {
        raw.pop_back(); // CRLF line ending
    }
    std::string field;
    // A quote opens a quoted field only at the start of a field (RFC 4180); elsewhere
    // it is an ordinary character, so one stray quote cannot swallow later rows.
    enum class State { field_start, unquoted, quoted, after_quote } state = State::field_start;
    std::size_t i = 0;
    for (;;) {
        if (i == raw.size()) {
            if (state != State::quoted) {
                break;
            }
            // A quoted field may hold a line break: continue on the next line.
            std::string more;
            if (!std::getline(m_in, more)) {
                throw CsvError(line, "a quoted field is not closed before the end of the file");
            }
            ++m_line;
            if (!more.empty() && more.back() == '\r') {
                more.pop_back();
            }
            field += '\n';
            raw = std::move(more);
            i = 0;
            continue;
        }
        const char c = raw[i++];
        switch (state) {
        case State::field_start:
        case State::unquoted:
            if (c == ',') {
                fields.push_back(std::move(field));
                field.clear();
                state = State::field_start;
            } else if (c == '"' && state == State::field_start) {
                state = State::quoted;
            } else {
                field += c;
                state = State::unquoted;
            }
            break;
        case State::quoted:
            if (c == '"') {
                if (i < raw.size() && raw[i] == '"') {
                    field += '"';
                    ++i;
                } else {
                    state = State::after_quote;
                }
            } else {
                field += c;
            }
            break;
        case State::after_quote:
            if (c != ',') {
                throw CsvError(line, "text after a closing quote (a quote inside a field must be doubled)");
            }
            fields.push_back(std::move(field));
            field.clear();
            state = State::field_start;
            break;
        }
    }
    fields.push_back(std::move(field));
    return true;
}

std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(field);
    }
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

} // namespace skolvag::geodata

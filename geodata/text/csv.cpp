// SPDX-License-Identifier: MIT
#include "geodata/text/csv.hpp"

#include <stdexcept>

namespace skolvag::geodata {

namespace {

/// Splits a record into fields, one character at a time. A quote opens a quoted field
/// only at the start of a field (RFC 4180); elsewhere it is an ordinary character, so
/// one stray quote cannot swallow later rows.
class RecordParser {
public:
    explicit RecordParser(std::vector<std::string>& fields) : m_fields(fields) {}

    /** @throws CsvError for text after a closing quote. */
    void feed(char c, std::size_t line) {
        switch (m_state) {
        case State::field_start:
        case State::unquoted:
            if (c == ',') {
                end_field();
            } else if (c == '"' && m_state == State::field_start) {
                m_state = State::quoted;
            } else {
                m_field += c;
                m_state = State::unquoted;
            }
            break;
        case State::quoted:
            if (c == '"') {
                m_state = State::quote_in_quoted;
            } else {
                m_field += c;
            }
            break;
        case State::quote_in_quoted:
            if (c == '"') { // "" is a quote inside the field
                m_field += '"';
                m_state = State::quoted;
            } else if (c == ',') {
                end_field();
            } else {
                throw CsvError(line, "text after a closing quote (a quote inside a field must be doubled)");
            }
            break;
        }
    }

    /** True when the line ended inside a quoted field: the record goes on on the next line. */
    bool in_quoted_field() const noexcept { return m_state == State::quoted; }
    void line_break() { m_field += '\n'; }
    void finish() { m_fields.push_back(std::move(m_field)); }

private:
    enum class State { field_start, unquoted, quoted, quote_in_quoted };

    void end_field() {
        m_fields.push_back(std::move(m_field));
        m_field.clear();
        m_state = State::field_start;
    }

    std::vector<std::string>& m_fields;
    std::string m_field;
    State m_state = State::field_start;
};

void drop_carriage_return(std::string& line) {
    if (!line.empty() && line.back() == '\r') {
        line.pop_back(); // CRLF line ending
    }
}

} // namespace

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
    drop_carriage_return(raw);
    RecordParser parser(fields);
    for (;;) {
        for (const char c : raw) {
            parser.feed(c, line);
        }
        if (!parser.in_quoted_field()) {
            break;
        }
        // A quoted field may hold a line break: continue on the next line.
        if (!std::getline(m_in, raw)) {
            throw CsvError(line, "a quoted field is not closed before the end of the file");
        }
        ++m_line;
        drop_carriage_return(raw);
        parser.line_break();
    }
    parser.finish();
    return true;
}

std::string csv_field(std::string_view field, char separator) {
    const char special[] = {separator, '"', '\r', '\n', '\0'};
    if (field.find_first_of(special) == std::string_view::npos) {
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

namespace {

bool starts_a_formula(std::string_view text) {
    return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

} // namespace

std::string spreadsheet_text(std::string_view text) {
    return starts_a_formula(text) ? "'" + std::string(text) : std::string(text);
}

std::string_view from_spreadsheet_text(std::string_view cell) {
    return cell.size() > 1 && cell.front() == '\'' && starts_a_formula(cell.substr(1)) ? cell.substr(1) : cell;
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
#include "api/cli/csv_reader.hpp"

namespace skolvag::api {

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
    std::string field;
    bool quoted = false;
    std::size_t i = 0;
    for (;;) {
        if (i == raw.size()) {
            if (quoted) {
                // A quoted field may hold a line break: continue on the next line.
                std::string more;
                if (!std::getline(m_in, more)) {
                    break;
                }
                ++m_line;
                field += '\n';
                raw = std::move(more);
                i = 0;
                continue;
            }
            break;
        }
        const char c = raw[i++];
        if (quoted) {
            if (c == '"') {
                if (i < raw.size() && raw[i] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i == raw.size()) {
            // CRLF line ending
        } else {
            field += c;
        }
    }
    fields.push_back(std::move(field));
    return true;
}

std::string csv_escape(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        return field;
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

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "geodata/toml_reader.hpp"

#include "geodata/errors.hpp"

#include <algorithm>
#include <cmath>

namespace skolvag::geodata {

toml::table TomlReader::parse(std::string_view text) const {
    try {
        return toml::parse(text, m_source);
    } catch (const toml::parse_error& e) {
        fail(e.source(), "not valid TOML: " + std::string(e.description()));
    }
}

void TomlReader::fail(const toml::source_region& where, const std::string& message) const {
    std::string at = m_source;
    if (where.begin.line > 0) {
        at += ":" + std::to_string(where.begin.line);
    }
    if (m_kind == Kind::server_config) {
        throw ConfigError(at + ": " + message);
    }
    throw InputError(at + ": " + message);
}

void TomlReader::reject_unknown_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                                     const std::string& context) const {
    for (auto&& [key, value] : table) {
        if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
            fail(key.source(), "unknown key '" + std::string(key.str()) + "'" + context);
        }
    }
}

double TomlReader::number(const toml::node& node, const std::string& key, bool allow_zero) const {
    double value = 0.0;
    if (auto i = node.value_exact<std::int64_t>()) {
        value = static_cast<double>(*i);
    } else if (auto f = node.value_exact<double>()) {
        value = *f;
    } else {
        fail(node.source(), "'" + key + "' must be a number");
    }
    if (!std::isfinite(value) || value < 0.0 || (!allow_zero && value == 0.0)) {
        fail(node.source(), "'" + key + "' must be a " + (allow_zero ? "non-negative" : "positive") + " number");
    }
    return value;
}

std::string TomlReader::string(const toml::node& node, const std::string& key) const {
    if (auto s = node.value_exact<std::string>()) {
        return *s;
    }
    fail(node.source(), "'" + key + "' must be a string");
}

bool TomlReader::boolean(const toml::node& node, const std::string& key) const {
    if (auto b = node.value_exact<bool>()) {
        return *b;
    }
    fail(node.source(), "'" + key + "' must be true or false");
}

} // namespace skolvag::geodata

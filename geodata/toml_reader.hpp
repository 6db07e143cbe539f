// SPDX-License-Identifier: MIT
// TomlReader: reading a TOML configuration file (rules, server config) with errors that
// name the file, the line and the key, and refuse keys nobody asked for.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace skolvag::geodata {

class TomlReader {
public:
    /// Whose file it is, which decides the error raised: InputError or ConfigError.
    enum class Kind { user_file, server_config };

    /** @param source the file name used in every message. */
    explicit TomlReader(std::string source, Kind kind = Kind::user_file) : m_source(std::move(source)), m_kind(kind) {}

    /** Parses the text. @throws InputError "FILE:LINE: not valid TOML: ..." */
    toml::table parse(std::string_view text) const;

    /** @throws InputError or ConfigError "FILE:LINE: message" (no line when the region has none). */
    [[noreturn]] void fail(const toml::source_region& where, const std::string& message) const;

    /** @throws InputError for the first key of the table not in `allowed`. */
    void reject_unknown_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                             const std::string& context) const;

    /** An integer or float, non-negative (positive unless allow_zero). */
    double number(const toml::node& node, const std::string& key, bool allow_zero) const;
    std::string string(const toml::node& node, const std::string& key) const;
    bool boolean(const toml::node& node, const std::string& key) const;

private:
    std::string m_source;
    Kind m_kind;
};

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
#include "api/cli/arguments.hpp"

#include "geodata/errors.hpp"

namespace skolvag::api {

Arguments::Arguments(std::string command, const std::vector<std::string>& args, const std::set<std::string>& options,
                     const std::set<std::string>& flags)
    : m_command(std::move(command)) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word.rfind("--", 0) != 0 || word.size() == 2) {
            // The word itself is not repeated: it may be a misplaced coordinate.
            throw geodata::UsageError(m_command + ": unexpected argument number " + std::to_string(i + 1) +
                             " (options are written --name value)");
        }
        std::string name = word.substr(2);
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.count(name) > 0 && !inline_value) {
            m_flags.insert(name);
            continue;
        }
        if (options.count(name) == 0) {
            throw geodata::UsageError(m_command + ": unknown option '--" + name + "'");
        }
        if (m_values.count(name) > 0) {
            throw geodata::UsageError(m_command + ": option '--" + name + "' given twice");
        }
        if (inline_value) {
            m_values[name] = *inline_value;
        } else if (i + 1 < args.size()) {
            m_values[name] = args[++i];
        } else {
            throw geodata::UsageError(m_command + ": option '--" + name + "' needs a value");
        }
    }
}

std::optional<std::string> Arguments::get(const std::string& name) const {
    const auto it = m_values.find(name);
    if (it == m_values.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string Arguments::require(const std::string& name) const {
    if (auto v = get(name)) {
        return *v;
    }
    throw geodata::UsageError(m_command + ": missing required option '--" + name + "'");
}

} // namespace skolvag::api

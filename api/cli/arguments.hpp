// SPDX-License-Identifier: MIT
// A small `--name value` / `--flag` command-line parser for the subcommands.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace skolvag::api {

class Arguments {
public:
    /**
     * @param command subcommand name, for messages.
     * @param args the words after the subcommand.
     * @param options names (without --) that take a value.
     * @param flags names (without --) that take none.
     * @throws UsageError for an unknown option, a missing value, or a repeated option.
     */
    Arguments(std::string command, const std::vector<std::string>& args, const std::set<std::string>& options,
              const std::set<std::string>& flags = {});

    std::optional<std::string> get(const std::string& name) const;
    /** @throws UsageError when the option is missing. */
    std::string require(const std::string& name) const;
    bool has_flag(const std::string& name) const { return m_flags.count(name) > 0; }

private:
    std::string m_command;
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace skolvag::api

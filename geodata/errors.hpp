// SPDX-License-Identifier: MIT
// skolvag's errors, one small family under std::runtime_error (as libosmium's io_error
// and osmium-tool's argument_error and config_error). Each message names the file, the
// line or key, or the step that failed, and never holds personal data. The command
// line reports each kind with its own words and exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace skolvag::geodata {

/// Any error skolvag itself raises about what it was given or asked to do.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// A file or value a user gave (a register, a rules file, a network) cannot be used.
class InputError : public Error {
public:
    using Error::Error;
};

/// The command line itself is wrong: an unknown option, a missing value (exit 2).
class UsageError : public Error {
public:
    using Error::Error;
};

/// The server's configuration is wrong: server.toml, the vault key file.
class ConfigError : public Error {
public:
    using Error::Error;
};

/// The server cannot start with a valid configuration: the address cannot be bound,
/// the TLS certificate cannot be used, the vault cannot be opened.
class StartupError : public Error {
public:
    using Error::Error;
};

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// InputError: a file or value given to skolvag cannot be used. The message names the
// file (and line or key) and never contains personal data.
#pragma once

#include <stdexcept>
#include <string>

namespace skolvag::geodata {

class InputError : public std::runtime_error {
public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace skolvag::geodata

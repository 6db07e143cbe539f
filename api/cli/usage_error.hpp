// SPDX-License-Identifier: MIT
// UsageError: the command line itself is wrong (unknown option, missing value).
#pragma once

#include <stdexcept>
#include <string>

namespace skolvag::api {

class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace skolvag::api

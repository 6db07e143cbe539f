// SPDX-License-Identifier: MIT
// Refuses an output path that names one of the command's own input files, so that a
// slip on the command line cannot overwrite the register or the network.
#pragma once

#include "geodata/errors.hpp"

#include <filesystem>
#include <initializer_list>
#include <string>

namespace skolvag::api {

/** @throws geodata::InputError when out_path is the same file as one of the inputs. */
inline void refuse_output_over_input(const std::string& out_path, std::initializer_list<std::string> inputs) {
    std::error_code ec;
    for (const std::string& in : inputs) {
        if (!in.empty() && std::filesystem::equivalent(out_path, in, ec)) {
            throw geodata::InputError(out_path + ": is also an input of this command; choose another output file");
        }
    }
}

} // namespace skolvag::api

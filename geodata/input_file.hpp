// SPDX-License-Identifier: MIT
// Opening a file a user named (a rules file, a pairs file, a network, a config), with
// one clear error naming the file and what it was meant to be.
#pragma once

#include <fstream>
#include <string>
#include <string_view>

namespace skolvag::geodata {

/**
 * Opens a file for reading in binary mode.
 * @param what what the file is, for the message: "rules file", "pairs file".
 * @throws InputError "PATH: is a folder, not a WHAT" or "PATH: cannot open WHAT (reason)".
 */
std::ifstream open_input_file(const std::string& path, std::string_view what);

/** The whole file as text. @throws InputError as open_input_file, or on a read error. */
std::string read_input_file(const std::string& path, std::string_view what);

} // namespace skolvag::geodata

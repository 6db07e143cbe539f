// SPDX-License-Identifier: MIT
#include "geodata/input_file.hpp"

#include "geodata/errors.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace skolvag::geodata {

std::ifstream open_input_file(const std::string& path, std::string_view what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw InputError(path + ": is a folder, not a " + std::string(what));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path + ": cannot open " + std::string(what) + " (" + std::strerror(errno) + ")");
    }
    return in;
}

std::string read_input_file(const std::string& path, std::string_view what) {
    std::ifstream in = open_input_file(path, what);
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw InputError(path + ": read error in " + std::string(what));
    }
    return text.str();
}

} // namespace skolvag::geodata

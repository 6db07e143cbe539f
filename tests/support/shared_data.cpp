// SPDX-License-Identifier: MIT
#include "tests/support/shared_data.hpp"

#include <cstdlib>
#include <filesystem>

namespace skolvag::testing {

std::optional<std::string> shared_dir() {
    std::string dir = SKOLVAG_SHARED_DIR;
    if (const char* env = std::getenv("SKOLVAG_SHARED"); env != nullptr && *env != '\0') {
        dir = env;
    }
    if (std::filesystem::is_directory(dir)) {
        return dir;
    }
    return std::nullopt;
}

std::optional<std::string> shared_file(const std::string& relative) {
    const auto dir = shared_dir();
    if (!dir) {
        return std::nullopt;
    }
    const std::string path = *dir + "/" + relative;
    if (!std::filesystem::exists(path)) {
        return std::nullopt;
    }
    return path;
}

std::string skip_message(const std::string& relative) {
    return "shared data '" + relative + "' not found (looked in " + std::string(SKOLVAG_SHARED_DIR) +
           "; set SKOLVAG_SHARED to the ../shared folder to run this test)";
}

} // namespace skolvag::testing

// SPDX-License-Identifier: MIT
#include "tests/fuzz/fuzz_input.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace skolvag::fuzz {

std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& extension) {
    static const std::filesystem::path folder = [] {
        const std::filesystem::path p =
            std::filesystem::temp_directory_path() / ("skolvag-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(p);
        return p;
    }();
    const std::string path = (folder / ("input" + extension)).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                    static_cast<std::streamsize>(size));
    return path;
}

} // namespace skolvag::fuzz

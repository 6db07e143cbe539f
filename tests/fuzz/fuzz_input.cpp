// SPDX-License-Identifier: MIT
#include "tests/fuzz/fuzz_input.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace skolvag::fuzz {

namespace {

/// The process's own folder, removed when the process ends (a run that stops at a
/// finding keeps it, with the input that found it).
struct InputFolder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("skolvag-fuzz-" + std::to_string(::getpid()));
    InputFolder() { std::filesystem::create_directories(path); }
    ~InputFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    InputFolder(const InputFolder&) = delete;
    InputFolder& operator=(const InputFolder&) = delete;
};

} // namespace

std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& extension) {
    static const InputFolder folder;
    const std::string path = (folder.path / ("input" + extension)).string();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                    static_cast<std::streamsize>(size));
    return path;
}

} // namespace skolvag::fuzz

// SPDX-License-Identifier: MIT
// What the fuzz targets share: the libFuzzer entry point's signature, and the input
// as a file for readers that take a path (written to a private folder per process).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace skolvag::fuzz {

/** The input as text. */
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

/** Writes the input to a file with the given extension (".csv") and returns its path; the same path each time. */
std::string input_file(const std::uint8_t* data, std::size_t size, const std::string& extension);

} // namespace skolvag::fuzz

// SPDX-License-Identifier: MIT
// Runs a fuzz target once on each file given (or each file in each folder given): the
// seeds and the inputs of past crashes, as a regression test in every build, without
// libFuzzer. Exits 0 when every input ran through.
#include "tests/fuzz/fuzz_input.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path p(argv[i]);
        if (std::filesystem::is_directory(p)) {
            for (const auto& entry : std::filesystem::directory_iterator(p)) {
                inputs.push_back(entry.path());
            }
        } else if (std::filesystem::exists(p)) {
            inputs.push_back(p);
        }
    }
    for (const std::filesystem::path& p : inputs) {
        std::ifstream in(p, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::cout << argv[0] << ": " << inputs.size() << " inputs ran through\n";
    return inputs.empty() ? 1 : 0;
}

// SPDX-License-Identifier: MIT
// The PAIRS.csv of `skolvag distances`. Seeds: ../shared/data/cases/*.csv.
#include "api/cli/pairs_csv.hpp"
#include "geodata/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        skolvag::api::read_pairs_csv(skolvag::fuzz::input_file(data, size, ".csv"));
    } catch (const skolvag::geodata::Error&) {
    }
    return 0;
}

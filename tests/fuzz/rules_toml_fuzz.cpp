// SPDX-License-Identifier: MIT
// A rules file (TOML: bands, thresholds, crossings, layers, lighting). Seeds:
// scripts/demo/exempelby-rules.toml and the shared cases' rules.
#include "api/eligibility/rules_file.hpp"
#include "geodata/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        skolvag::api::parse_rules(skolvag::fuzz::text_of(data, size), "rules.toml");
    } catch (const skolvag::geodata::Error&) {
    }
    return 0;
}

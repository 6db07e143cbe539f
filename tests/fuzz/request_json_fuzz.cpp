// SPDX-License-Identifier: MIT
// The JSON bodies of POST /v1/tokens and POST /v1/assessments: every input is tried
// as both. Errors come back as values (400s); nothing may throw.
#include "api/server/request.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body = skolvag::fuzz::text_of(data, size);
    // Exempelby's box, so that the check for swapped axes runs too.
    skolvag::geodata::LonLatBox area;
    area.extend({14.49, 58.29});
    area.extend({14.53, 58.32});
    skolvag::api::parse_register_request(body, area);
    skolvag::api::parse_assessment_request(body);
    return 0;
}

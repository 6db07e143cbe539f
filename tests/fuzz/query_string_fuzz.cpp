// SPDX-License-Identifier: MIT
// Query strings as cpp-httplib splits them, and what the API does with each value
// before any service sees it: the UTF-8 check, grades, tokens, times and numbers.
#include "api/eligibility/grades.hpp"
#include "api/server/request.hpp"
#include "api/vault/crypto.hpp"
#include "geodata/text/decimal.hpp"
#include "geodata/text/rfc3339.hpp"
#include "geodata/text/utf8.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <httplib.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    httplib::Params params;
    httplib::detail::parse_query_text(skolvag::fuzz::text_of(data, size), params);
    for (const auto& [name, value] : params) {
        if (!skolvag::geodata::is_valid_utf8(name) || !skolvag::geodata::is_valid_utf8(value)) {
            continue; // answered 400 before anything reads it
        }
        skolvag::api::required_parameter(value, name.c_str());
        skolvag::api::parse_grade(value);
        skolvag::api::looks_like_token(value);
        skolvag::geodata::normalise_rfc3339(value);
        skolvag::geodata::parse_decimal(value);
        skolvag::geodata::truncate_utf8(value, 16);
    }
    return 0;
}

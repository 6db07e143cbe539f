// SPDX-License-Identifier: MIT
// server.toml. Seeds: the server configs of the tests and of scripts/.
#include "api/server/server_config.hpp"
#include "geodata/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        skolvag::api::parse_server_config(skolvag::fuzz::text_of(data, size), "server.toml", "/etc/skolvag");
    } catch (const skolvag::geodata::Error&) {
    }
    return 0;
}

// SPDX-License-Identifier: MIT
// OSM XML, as libosmium reads it into a walking network. Seeds: scripts/demo/exempelby.osm.
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <osmium/io/file.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const osmium::io::File file(reinterpret_cast<const char*>(data), size, "osm");
        skolvag::geodata::read_osm_network(file);
    } catch (const skolvag::geodata::Error&) {
        // a clear error naming the problem: what bad input should get
    }
    return 0;
}

// SPDX-License-Identifier: MIT
// CRS strings, as a schools file, the command line or an API caller gives them: the
// form check, then PROJ for those that pass it.
#include "geodata/errors.hpp"
#include "geodata/projection.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string crs = skolvag::fuzz::text_of(data, size);
    skolvag::geodata::is_crs_code(crs);
    try {
        skolvag::geodata::check_crs_definition(crs);
        const skolvag::geodata::Projection to_wgs84(crs, "EPSG:4326");
        to_wgs84.transform(674000.0, 6580000.0);
        skolvag::geodata::is_geographic_crs(crs);
    } catch (const skolvag::geodata::Error&) {
    }
    return 0;
}

// SPDX-License-Identifier: MIT
// Schools and pupils tables as CSV (read with GDAL, as a Swedish Excel export saved as
// CSV would be), with and without their own CRS. Seeds: scripts/demo/*-schools.csv,
// *-pupils.csv and the shared cases' tables.
#include "api/eligibility/pupil_register.hpp"
#include "api/eligibility/school_register.hpp"
#include "geodata/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = skolvag::fuzz::input_file(data, size, ".csv");
    for (const std::optional<std::string>& crs : {std::optional<std::string>(), std::optional<std::string>("EPSG:3006")}) {
        try {
            skolvag::api::read_school_register(path, crs);
        } catch (const skolvag::geodata::Error&) {
        }
        try {
            skolvag::api::read_pupil_register(path, crs);
        } catch (const skolvag::geodata::Error&) {
        }
    }
    return 0;
}

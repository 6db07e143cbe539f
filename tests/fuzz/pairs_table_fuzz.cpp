// SPDX-License-Identifier: MIT
// The pairs table of `skolvag distances`, as CSV (read with GDAL like batch's registers),
// with either axis order and a given CRS. Seeds: ../shared/data/cases/*.csv.
#include "api/cli/pairs_table.hpp"
#include "geodata/errors.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = skolvag::fuzz::input_file(data, size, ".csv");
    using skolvag::geodata::AxisOrder;
    for (const auto& [crs, axes] : {std::pair{std::optional<std::string>(), AxisOrder::easting_northing},
                                    std::pair{std::optional<std::string>("EPSG:3006"), AxisOrder::northing_easting}}) {
        try {
            skolvag::api::read_pairs_table(path, crs, axes);
        } catch (const skolvag::geodata::Error&) {
        }
    }
    return 0;
}

// SPDX-License-Identifier: MIT
// `skolvag batch --routes`: the routes file streamed while the schools are searched,
// and `--routes-simplify` drawing the lines with fewer points while route_m stays the
// whole route's length; on a small drawn town, through the real executable.
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

using namespace skolvag::testing;

namespace {

// A footway zig-zagging 2 m either side of a straight line a-e (2 m per character):
// the school's entrance s is at its west end, home 1 at its east end.
constexpr const char* kZigZag = R"(
    s a       c       e
          b       d
                      1
)";

BatchFixture zigzag_town() { return BatchFixture(kZigZag, 2.0, {{"abcde", {{"highway", "footway"}}}}); }

/// One layer of a GeoPackage as CSV with its geometry as WKT (ogr2ogr).
std::string layer_as_csv(const TempDir& dir, const std::string& gpkg, const std::string& layer) {
    const std::string csv = dir.file(layer + ".csv");
    std::filesystem::remove(csv);
    const std::string command = "ogr2ogr -f CSV -lco GEOMETRY=AS_WKT " + csv + " " + gpkg + " " + layer + " 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return read_text(csv);
}

/// Points in the first LINESTRING of a WKT text.
std::size_t points_in_first_line(const std::string& csv) {
    static const std::regex line_re(R"(LINESTRING \(([^)]*)\))");
    std::smatch m;
    if (!std::regex_search(csv, m, line_re)) {
        return 0;
    }
    const std::string coords = m[1];
    return static_cast<std::size_t>(std::count(coords.begin(), coords.end(), ',')) + 1;
}

/// The routes layer's route_m of its one route.
std::string route_m_of(const TempDir& dir, const std::string& gpkg) {
    layer_as_csv(dir, gpkg, "routes");
    const DecisionRows rows = read_decision_rows(dir.file("routes.csv"));
    return rows.empty() ? "" : rows.begin()->second.at("route_m");
}

} // namespace

TEST(BatchRoutes, SimplifiedLinesKeepFewerPointsAndTheWholeLength) {
    const BatchFixture town = zigzag_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils({{"Elev-1", "2", "S1", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");

    const std::string whole = town.dir().file("whole.gpkg");
    const CommandResult r = town.run(schools, pupils, out, {"--routes", whole});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("finishing " + whole + " (1 routes"), std::string::npos) << r.err;
    const std::size_t whole_points = points_in_first_line(layer_as_csv(town.dir(), whole, "routes"));
    EXPECT_GE(whole_points, 5U); // the home's point on the network, e, d, c, b, a (and the entrance's)

    // 5 m: the 2 m zig-zags go, the ends stay; 1 m: every bend stays.
    const std::string coarse = town.dir().file("coarse.gpkg");
    ASSERT_EQ(town.run(schools, pupils, out, {"--routes", coarse, "--routes-simplify", "5"}).exit_code, 0);
    EXPECT_EQ(points_in_first_line(layer_as_csv(town.dir(), coarse, "routes")), 2U);
    EXPECT_EQ(points_in_first_line(layer_as_csv(town.dir(), coarse, "route_pieces")), 2U);
    const std::string fine = town.dir().file("fine.gpkg");
    ASSERT_EQ(town.run(schools, pupils, out, {"--routes", fine, "--routes-simplify", "1"}).exit_code, 0);
    EXPECT_EQ(points_in_first_line(layer_as_csv(town.dir(), fine, "routes")), whole_points);

    // The length is the route's, however it is drawn.
    const std::string length = route_m_of(town.dir(), whole);
    EXPECT_FALSE(length.empty());
    EXPECT_EQ(route_m_of(town.dir(), coarse), length);
    EXPECT_EQ(route_m_of(town.dir(), fine), length);
}

TEST(BatchRoutes, SimplifyNeedsRoutesAndADistance) {
    const BatchFixture town = zigzag_town();
    const std::string schools = town.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = town.write_pupils({{"Elev-1", "2", "S1", "", '1', ""}});
    const std::string out = town.dir().file("decisions.csv");
    const CommandResult alone = town.run(schools, pupils, out, {"--routes-simplify", "5"});
    EXPECT_EQ(alone.exit_code, 2);
    EXPECT_NE(alone.err.find("--routes-simplify needs --routes"), std::string::npos) << alone.err;
    for (const char* bad : {"-1", "0", "fem", "5m"}) {
        const CommandResult r =
            town.run(schools, pupils, out, {"--routes", town.dir().file("r.gpkg"), "--routes-simplify", bad});
        EXPECT_EQ(r.exit_code, 2) << bad;
        EXPECT_NE(r.err.find("--routes-simplify must be a distance in metres"), std::string::npos) << r.err;
    }
}

// SPDX-License-Identifier: MIT
// `skolvag distances` end to end through the executable: output format, per-row
// problems, and clear errors that leave no partial output behind.
#include "tests/support/ascii_map.hpp"
#include "tests/support/run_command.hpp"

#include "geodata/projection.hpp"
#include "geodata/text/csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <tuple>

using namespace skolvag::testing;

namespace {

/// A small town: footway a-b-c (200 m) and a trunk road c-d (100 m), 10 m grid.
class DistancesCommand : public ::testing::Test {
protected:
    void SetUp() override {
        const AsciiMap map(R"(
            a---------b---------c---------d
                 1
        )", 10.0);
        m_map = std::make_unique<AsciiMap>(map);
        network = dir.write("town.osm", to_osm_xml(map, {{"abc", {{"highway", "footway"}}},
                                                            {"cd", {{"highway", "trunk"}}}}));
        rules = dir.write("rules.toml", "name = \"Testkommun\"\nmin_component_m = 0\n"
                                        "[[band]]\nname = \"F-3\"\ngrades = [\"1\"]\nthreshold_m = 2000\n"
                                        "max_speed_without_sidewalk = 50\n");
        no_islands = dir.write("no-islands.toml", "name = \"Testkommun\"\nmin_component_m = 0\n");
        out = dir.file("out.csv");
    }

    std::string coords(char c) const {
        char buf[64];
        const auto p = m_map->position(c);
        std::snprintf(buf, sizeof buf, "%.7f,%.7f", p.lon_deg, p.lat_deg);
        return buf;
    }

    /// A drawn point in SWEREF 99 TM (easting, northing), with `decimal` as the decimal sign.
    std::pair<std::string, std::string> grid(char c, char decimal = '.') const {
        const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
        const auto p = m_map->position(c);
        const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
        char e[32];
        char n[32];
        std::snprintf(e, sizeof e, "%.4f", xy->first);
        std::snprintf(n, sizeof n, "%.4f", xy->second);
        std::string easting = e;
        std::string northing = n;
        easting[easting.find('.')] = decimal;
        northing[northing.find('.')] = decimal;
        return {easting, northing};
    }

    std::string pairs(const std::vector<std::string>& rows) const {
        std::string text = "id,from_lon,from_lat,to_lon,to_lat\n";
        for (const std::string& r : rows) {
            text += r + "\n";
        }
        return dir.write("pairs.csv", text);
    }

    TempDir dir;
    std::unique_ptr<AsciiMap> m_map;
    std::string network;
    std::string rules;
    std::string no_islands;
    std::string out;
};

/// Compares an output CSV with expected rows; numbers within 2 cm (drawn points are
/// rounded to OSM's 1e-7 degrees), everything else exactly.
void expect_output(const std::string& path, const std::vector<std::vector<std::string>>& expected) {
    std::istringstream in(read_text(path));
    skolvag::geodata::CsvReader csv(in);
    std::vector<std::string> fields;
    std::size_t line = 0;
    ASSERT_TRUE(csv.next(fields, line));
    EXPECT_EQ(fields, (std::vector<std::string>{"id", "status", "distance_m", "from_snap_m", "to_snap_m"}));
    for (const auto& want : expected) {
        ASSERT_TRUE(csv.next(fields, line)) << "missing row " << want[0];
        ASSERT_EQ(fields.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (i >= 2 && !want[i].empty() && !fields[i].empty()) {
                EXPECT_NEAR(std::stod(fields[i]), std::stod(want[i]), 0.02) << want[0] << " column " << i;
                EXPECT_EQ(fields[i].size() - fields[i].find('.'), 3U) << "two decimals: " << fields[i];
            } else {
                EXPECT_EQ(fields[i], want[i]) << want[0] << " column " << i;
            }
        }
    }
    EXPECT_FALSE(csv.next(fields, line)) << "extra row " << (fields.empty() ? "" : fields[0]);
}

} // namespace

TEST_F(DistancesCommand, WithoutRulesTheDefaultsApplyAndSmallIslandsCatchNothing) {
    // The whole 300 m town is below the default min_component_m of 1000 m.
    const std::string p = pairs({"walk," + coords('a') + "," + coords('c')});
    const CommandResult r = run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, {{"walk", "from_not_on_network", "", "", ""}});
}

TEST_F(DistancesCommand, WritesOneRowPerPairInInputOrder) {
    const std::string p = pairs({
        "walk," + coords('a') + "," + coords('c'),
        "\"off, far\"," + coords('a') + ",18.2,59.4",
        "snapped," + coords('1') + "," + coords('b'),
    });
    const CommandResult r =
        run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, {
        {"walk", "ok", "200.00", "0.00", "0.00"},
        {"off, far", "to_not_on_network", "", "0.00", ""},
        {"snapped", "ok", "50.00", "10.00", "0.00"},
    });
    EXPECT_NE(read_text(out).find("\n\"off, far\",to_not_on_network,,0.00,\n"), std::string::npos);
}

TEST_F(DistancesCommand, ABandGivesTheSafeDistanceOrNoRoute) {
    const std::string p = pairs({"x," + coords('a') + "," + coords('d'), "y," + coords('a') + "," + coords('b')});
    const CommandResult r = run_skolvag(
        {"distances", "--network", network, "--pairs", p, "--out", out, "--rules", rules, "--band", "F-3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, {
        {"x", "no_route", "", "0.00", "0.00"},
        {"y", "ok", "100.00", "0.00", "0.00"},
    });
}

TEST_F(DistancesCommand, RulesWithoutBandSetTheAccessLegs) {
    const std::string legs = dir.write("legs.toml", "name = \"x\"\ninclude_access_legs = true\nmin_component_m = 0\n");
    const std::string p = pairs({"legs," + coords('1') + "," + coords('b')});
    const CommandResult r = run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", legs});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, {{"legs", "ok", "60.00", "10.00", "0.00"}});
}

TEST_F(DistancesCommand, ABadRowIsInvalidInputWithAWarningAndTheOthersAreComputed) {
    const std::string p = pairs({
        "good," + coords('a') + "," + coords('b'),
        "text,abc," + coords('a') + ",18.0",
        "range," + coords('a') + ",18.0,95.0",
        "short,18.0",
        "good2," + coords('b') + "," + coords('a'),
    });
    const CommandResult r =
        run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, {
        {"good", "ok", "100.00", "0.00", "0.00"},
        {"text", "invalid_input", "", "", ""},
        {"range", "invalid_input", "", "", ""},
        {"short", "invalid_input", "", "", ""},
        {"good2", "ok", "100.00", "0.00", "0.00"},
    });
    EXPECT_NE(r.err.find("pairs.csv:3: 'from_lon' is not a number"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("pairs.csv:4: 'to_lat' is out of range"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("pairs.csv:5:"), std::string::npos) << r.err;
    // Warnings name the line, never the coordinates (they may be a pupil's home).
    EXPECT_EQ(r.err.find(coords('a').substr(0, 8)), std::string::npos) << r.err;
}

struct BadInvocation {
    const char* story;
    std::vector<std::string> args; // $NET, $PAIRS, $OUT, $RULES, $DIR are replaced
    std::string pairs_text;
    std::vector<std::string> message_parts;
    int exit_code;
};

TEST_F(DistancesCommand, BadInputGivesAClearErrorAndNoOutput) {
    const std::string good_pairs = "id,from_lon,from_lat,to_lon,to_lat\nx," + coords('a') + "," + coords('b') + "\n";
    dir.write("not-osm.osm", "this is not OSM\n");
    dir.write("garbage.osm.pbf", std::string(300, '\x07'));
    dir.write("empty.osm", "");
    const AsciiMap tiny("a-b", 10.0);
    dir.write("motorway.osm", to_osm_xml(tiny, {{"ab", {{"highway", "motorway"}}}}));
    const std::vector<BadInvocation> cases = {
        {"missing network", {"--network", "$DIR/nope.osm.pbf", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"nope.osm.pbf", "cannot open"}, 1},
        {"text file as OSM", {"--network", "$DIR/not-osm.osm", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"not-osm.osm", "not a readable OSM file"}, 1},
        {"garbage PBF", {"--network", "$DIR/garbage.osm.pbf", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"garbage.osm.pbf"}, 1},
        {"empty file", {"--network", "$DIR/empty.osm", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"empty.osm", "empty"}, 1},
        {"no walkable ways", {"--network", "$DIR/motorway.osm", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"motorway.osm", "no walkable ways"}, 1},
        {"missing column", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT"},
         "id,from_lon,from_lat,to_lon\nx,1,2,3\n", {"pairs.csv", "missing column 'to_lat'"}, 1},
        {"empty pairs file", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT"}, "",
         {"pairs.csv", "empty"}, 1},
        {"missing pairs file", {"--network", "$NET", "--pairs", "$DIR/none.csv", "--out", "$OUT"}, good_pairs,
         {"none.csv"}, 1},
        {"unknown band", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT", "--rules", "$RULES", "--band", "7-9"},
         good_pairs, {"rules.toml", "unknown band '7-9'", "F-3"}, 1},
        {"band without rules", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT", "--band", "F-3"}, good_pairs,
         {"--band needs --rules"}, 2},
        {"missing rules file", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT", "--rules", "$DIR/r.toml"},
         good_pairs, {"r.toml"}, 1},
        {"unknown option", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$OUT", "--fast"}, good_pairs,
         {"unknown option '--fast'"}, 2},
        {"missing --out", {"--network", "$NET", "--pairs", "$PAIRS"}, good_pairs, {"--out"}, 2},
        {"output is the pairs file", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$PAIRS"}, good_pairs,
         {"also an input"}, 1},
        {"stray word", {"--network", "$NET", "18.0612345", "--pairs", "$PAIRS", "--out", "$OUT"}, good_pairs,
         {"unexpected argument number 3"}, 2},
        {"output folder missing", {"--network", "$NET", "--pairs", "$PAIRS", "--out", "$DIR/no/such/out.csv"}, good_pairs,
         {"out.csv"}, 1},
    };
    for (const BadInvocation& c : cases) {
        SCOPED_TRACE(c.story);
        const std::string p = dir.write("pairs.csv", c.pairs_text);
        // An earlier result in the output file must survive a failed run.
        dir.write("out.csv", "earlier result\n");
        std::vector<std::string> args = {"distances"};
        for (std::string a : c.args) {
            for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                     {"$NET", network}, {"$PAIRS", p}, {"$OUT", out}, {"$RULES", rules}, {"$DIR", dir.path()}}) {
                if (const auto pos = a.find(from); pos != std::string::npos) {
                    a.replace(pos, from.size(), to);
                }
            }
            args.push_back(a);
        }
        const CommandResult r = run_skolvag(args);
        EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
        for (const std::string& part : c.message_parts) {
            EXPECT_NE(r.err.find(part), std::string::npos) << "stderr: " << r.err << "\nlacks: " << part;
        }
        EXPECT_EQ(read_text(out), "earlier result\n");
        EXPECT_EQ(read_text(p), c.pairs_text) << "an input was changed";
        EXPECT_EQ(r.err.find("18.0612345"), std::string::npos) << "a coordinate was echoed: " << r.err;
        // No temporary file is left behind either.
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
        }
    }
}

TEST_F(DistancesCommand, AnInterruptedRunLeavesNoTemporaryFile) {
    // Many pairs keep the run busy long enough to be interrupted mid-way.
    std::vector<std::string> rows;
    const std::string rest = "," + coords('a') + "," + coords('c');
    for (int i = 0; i < 200000; ++i) {
        std::string row = std::to_string(i);
        row += rest;
        rows.push_back(std::move(row));
    }
    const std::string p = pairs(rows);
    const int pid = start_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    // Wait until the temporary output exists, then stop the run.
    bool seen = false;
    for (int i = 0; i < 2000 && !seen; ++i) {
        for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
            seen = seen || entry.path().filename().string().find(".tmp-") != std::string::npos;
        }
        if (!seen) {
            usleep(5000);
        }
    }
    ASSERT_TRUE(seen) << "the run never started writing";
    kill(pid, SIGTERM);
    EXPECT_EQ(wait_for_signal(pid), SIGTERM);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
    EXPECT_FALSE(std::filesystem::exists(out));
}

namespace {

/// The walks of the town every pairs file below holds, as (id, from, to), and what they give.
const std::vector<std::tuple<std::string, char, char>> kWalks = {{"walk", 'a', 'c'}, {"snapped", '1', 'b'}};
const std::vector<std::vector<std::string>> kWalked = {{"walk", "ok", "200.00", "0.00", "0.00"},
                                                        {"snapped", "ok", "50.00", "10.00", "0.00"}};

} // namespace

TEST_F(DistancesCommand, ASemicolonFileWithDecimalCommasInSweref99TmGivesTheSameDistances) {
    // Swedish Excel's CSV: semicolons, decimal commas, CRLF; x,y in SWEREF 99 TM by default.
    std::string text = "id;from_x;from_y;to_x;to_y\r\n";
    for (const auto& [id, from, to] : kWalks) {
        const auto [fx, fy] = grid(from, ',');
        const auto [tx, ty] = grid(to, ',');
        text += id + ";" + fx + ";" + fy + ";" + tx + ";" + ty + "\r\n";
    }
    ASSERT_NE(text.find(','), std::string::npos); // the commas really are decimal commas
    const std::string p = dir.write("par.csv", text);
    const CommandResult r =
        run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    expect_output(out, kWalked);
    EXPECT_NE(r.err.find("pairs read from from_x, from_y and to_x, to_y columns in EPSG:3006 (the default)"),
              std::string::npos)
        << r.err;
    // Given the CRS explicitly: the same, and stderr says it was given.
    const CommandResult given = run_skolvag(
        {"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands, "--crs", "EPSG:3006"});
    ASSERT_EQ(given.exit_code, 0) << given.err;
    expect_output(out, kWalked);
    EXPECT_NE(given.err.find("columns in EPSG:3006 (given)"), std::string::npos) << given.err;
}

TEST_F(DistancesCommand, SpreadsheetAndGeoPackagePairsFilesAreReadAsTables) {
    // The lon/lat pairs as a CSV, converted with GDAL's ogr2ogr (numbers as numbers).
    std::string text = "id,from_lon,from_lat,to_lon,to_lat\n";
    for (const auto& [id, from, to] : kWalks) {
        text += id + "," + coords(from) + "," + coords(to) + "\n";
    }
    const std::string csv = dir.write("source.csv", text);
    for (const auto& [format, name] : {std::pair{"XLSX", "pairs.xlsx"}, std::pair{"GPKG", "pairs.gpkg"}}) {
        SCOPED_TRACE(format);
        const std::string file = dir.file(name);
        const std::string log = dir.file("ogr2ogr.txt");
        ASSERT_EQ(std::system(("ogr2ogr -f " + std::string(format) + " -oo AUTODETECT_TYPE=YES " + file + " " + csv +
                               " > " + log + " 2>&1")
                                  .c_str()),
                  0)
            << read_text(log);
        const CommandResult r =
            run_skolvag({"distances", "--network", network, "--pairs", file, "--out", out, "--rules", no_islands});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        expect_output(out, kWalked);
        EXPECT_NE(r.err.find("from_lon, from_lat and to_lon, to_lat columns in EPSG:4326 (the default)"),
                  std::string::npos)
            << r.err;
    }
}

TEST_F(DistancesCommand, XAsTheNorthingIsRefusedAndAxisOrderNorthingEastingReadsIt) {
    // The Swedish GIS habit: X is the northing. Read as the easting, every point lies far
    // off the town but would lie in it exchanged: refused with the fix, no output; the
    // same file with --axis-order northing-easting gives the lon/lat file's distances.
    std::string text = "id,from_x,from_y,to_x,to_y\n";
    for (const auto& [id, from, to] : kWalks) {
        const auto [fx, fy] = grid(from);
        const auto [tx, ty] = grid(to);
        text += id + "," + fy + "," + fx + "," + ty + "," + tx + "\n";
    }
    const std::string p = dir.write("northing-first.csv", text);
    const CommandResult refused =
        run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    EXPECT_EQ(refused.exit_code, 1) << refused.err;
    EXPECT_NE(refused.err.find(p + ": most points lie outside the network's area but would lie inside it with x and "
                                   "y exchanged"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("x (or lon) looks like the northing"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--axis-order northing-easting"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find(grid('a').first.substr(0, 6)), std::string::npos) << "a coordinate was echoed";
    EXPECT_FALSE(std::filesystem::exists(out));

    const CommandResult read_right = run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out,
                                                  "--rules", no_islands, "--axis-order", "northing-easting"});
    ASSERT_EQ(read_right.exit_code, 0) << read_right.err;
    const std::string right_way = read_text(out);
    expect_output(out, kWalked);

    std::vector<std::string> rows;
    for (const auto& [id, from, to] : kWalks) {
        rows.push_back(id + "," + coords(from) + "," + coords(to));
    }
    const CommandResult lon_lat =
        run_skolvag({"distances", "--network", network, "--pairs", pairs(rows), "--out", out, "--rules", no_islands});
    ASSERT_EQ(lon_lat.exit_code, 0) << lon_lat.err;
    EXPECT_EQ(read_text(out), right_way);

    // The option on a file the right way round is the same mistake the other way.
    const CommandResult twice = run_skolvag({"distances", "--network", network, "--pairs", dir.file("pairs.csv"),
                                             "--out", out, "--axis-order", "northing-easting"});
    EXPECT_EQ(twice.exit_code, 1) << twice.err;
    EXPECT_NE(twice.err.find("leave it out"), std::string::npos) << twice.err;
    EXPECT_EQ(run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--axis-order", "yx"})
                  .exit_code,
              2);
}

TEST_F(DistancesCommand, LonAndLatExchangedAreRefused) {
    std::string text = "id,from_lon,from_lat,to_lon,to_lat\n";
    for (const auto& [id, from, to] : kWalks) {
        const auto f = m_map->position(from);
        const auto t = m_map->position(to);
        char line[160];
        std::snprintf(line, sizeof line, "%s,%.7f,%.7f,%.7f,%.7f\n", id.c_str(), f.lat_deg, f.lon_deg, t.lat_deg,
                      t.lon_deg);
        text += line;
    }
    const std::string p = dir.write("lat-first.csv", text);
    dir.write("out.csv", "earlier result\n");
    const CommandResult r =
        run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out, "--rules", no_islands});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(p + ": most points lie outside the network's area but would lie inside it"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("Exchange the columns, or give --axis-order northing-easting"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(coords('a').substr(0, 8)), std::string::npos) << "a coordinate was echoed: " << r.err;
    EXPECT_EQ(read_text(out), "earlier result\n");
    // Read the other way round, they are the town's walks.
    const CommandResult swapped = run_skolvag({"distances", "--network", network, "--pairs", p, "--out", out,
                                               "--rules", no_islands, "--axis-order", "northing-easting"});
    ASSERT_EQ(swapped.exit_code, 0) << swapped.err;
    expect_output(out, kWalked);
}

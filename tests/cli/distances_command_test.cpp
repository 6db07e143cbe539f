// SPDX-License-Identifier: MIT
// `skolvag distances` end to end through the executable: output format, per-row
// problems, and clear errors that leave no partial output behind.
#include "tests/support/ascii_map.hpp"
#include "tests/support/run_command.hpp"

#include "geodata/text/csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <csignal>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <sstream>

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
    EXPECT_NE(r.err.find("pairs.csv:3: from_lon is not a number"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("pairs.csv:4: to_lat is out of range"), std::string::npos) << r.err;
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

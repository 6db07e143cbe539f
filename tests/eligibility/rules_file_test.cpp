// SPDX-License-Identifier: MIT
// The rules file, walking-network.md §6 and §7.
#include "api/eligibility/rules_file.hpp"
#include "geodata/errors.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/walk_fixture.hpp"

#include <filesystem>

#include <gtest/gtest.h>

using namespace skolvag::api;
using skolvag::geodata::example_default_maxspeed;
using skolvag::geodata::HighwayClass;
using skolvag::geodata::InputError;

namespace {

/// The error message parse_rules gives, or "" when it accepts the text.
std::string rules_error(const std::string& toml) {
    try {
        parse_rules(toml, "rules.toml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(Rules, ReadsTheExampleOfTheSpec) {
    // The demo's rules file is the example of walking-network.md §6, every key.
    const Rules r = load_rules(skolvag::testing::example_rules_path());
    EXPECT_EQ(r.name, "Exempelby 2026/27 (demo)");
    EXPECT_EQ(r.comparison, Comparison::at_least);
    EXPECT_FALSE(r.walking.include_access_legs);
    EXPECT_EQ(r.walking.max_snap_m, 250.0);
    EXPECT_EQ(r.walking.min_component_m, 1000.0);
    ASSERT_EQ(r.bands.size(), 4U);
    EXPECT_EQ(r.bands[0].name, "F-3");
    EXPECT_EQ(r.bands[0].threshold_m, 2000.0);
    EXPECT_EQ(r.bands[0].safety.max_speed_without_sidewalk_kmh, 50.0);
    EXPECT_FALSE(r.bands[3].safety.max_speed_without_sidewalk_kmh.has_value()); // gy: every way safe
    EXPECT_EQ(&r.bands[*r.band_of(*parse_grade("5"))], r.find_band("4-6"));
    EXPECT_EQ(&r.bands[*r.band_of(*parse_grade("gy2"))], r.find_band("gy"));
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::living_street)], 7.0);
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::residential)], 50.0);
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::trunk_link)], 70.0);
}

TEST(Rules, WithoutDefaultMaxspeedTheExampleDefaultsApply) {
    const Rules r = parse_rules("name = \"x\"\n", "rules.toml");
    EXPECT_EQ(r.walking.default_maxspeed_kmh, example_default_maxspeed());
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::residential)], 50.0);
}

TEST(Rules, TheBuiltInExampleEqualsTheExampleFile) {
    const Rules file = load_rules(skolvag::testing::example_rules_path());
    const Rules built = example_rules();
    ASSERT_EQ(built.bands.size(), file.bands.size());
    for (std::size_t i = 0; i < built.bands.size(); ++i) {
        EXPECT_EQ(built.bands[i].name, file.bands[i].name);
        EXPECT_EQ(built.bands[i].grades, file.bands[i].grades);
        EXPECT_EQ(built.bands[i].threshold_m, file.bands[i].threshold_m);
        EXPECT_EQ(built.bands[i].safety.max_speed_without_sidewalk_kmh,
                  file.bands[i].safety.max_speed_without_sidewalk_kmh);
        EXPECT_EQ(built.bands[i].safety.max_speed_crossing_kmh, file.bands[i].safety.max_speed_crossing_kmh);
        EXPECT_EQ(built.bands[i].safety.max_speed_crossing_marked_kmh,
                  file.bands[i].safety.max_speed_crossing_marked_kmh);
    }
    EXPECT_EQ(built.bands[0].safety.max_speed_crossing_kmh, 50.0); // §11's example
    EXPECT_EQ(built.bands[2].safety.max_speed_crossing_marked_kmh, 80.0);
    EXPECT_EQ(built.walking.default_maxspeed_kmh, file.walking.default_maxspeed_kmh);
    EXPECT_EQ(built.walking.max_snap_m, file.walking.max_snap_m);
    EXPECT_EQ(built.walking.min_component_m, file.walking.min_component_m);
}

TEST(Rules, ComparisonDecidesTheThresholdItself) {
    EXPECT_TRUE(reaches_threshold(Comparison::at_least, 2000.0, 2000.0));
    EXPECT_FALSE(reaches_threshold(Comparison::at_least, 1999.999, 2000.0));
    EXPECT_FALSE(reaches_threshold(Comparison::more_than, 2000.0, 2000.0));
    EXPECT_TRUE(reaches_threshold(Comparison::more_than, 2000.001, 2000.0));
    EXPECT_EQ(parse_rules("name = \"x\"\ncomparison = \"more_than\"\n", "rules.toml").comparison,
              Comparison::more_than);
}

TEST(Rules, ADefaultMaxspeedTableReplacesTheDefaults) {
    std::string toml = "name = \"x\"\n[default_maxspeed]\n";
    for (const char* cls : {"living_street", "residential", "service", "unclassified", "road", "tertiary",
                            "tertiary_link", "secondary", "secondary_link", "primary", "primary_link", "trunk",
                            "trunk_link"}) {
        toml += std::string(cls) + " = 40\n";
    }
    const Rules r = parse_rules(toml, "rules.toml");
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::primary)], 40.0);
}

struct BadRules {
    const char* story;
    std::string toml;
    std::vector<std::string> message_parts;
};

TEST(Rules, BadFilesGiveAnErrorNamingKeyAndLine) {
    const std::vector<BadRules> cases = {
        {"unknown top-level key", "name = \"x\"\nmax_snap = 250\n", {"rules.toml:2", "unknown key 'max_snap'"}},
        {"wrong type", "name = \"x\"\nmax_snap_m = \"250\"\n", {"rules.toml:2", "'max_snap_m' must be a number"}},
        {"boolean as string", "name = \"x\"\ninclude_access_legs = \"no\"\n", {"rules.toml:2", "include_access_legs"}},
        {"negative radius", "name = \"x\"\nmax_snap_m = -1\n", {"rules.toml:2", "max_snap_m"}},
        {"unknown comparison", "name = \"x\"\ncomparison = \"greater\"\n", {"rules.toml:2", "comparison"}},
        {"band without name", "name = \"x\"\n[[band]]\nthreshold_m = 2000\n", {"rules.toml:2", "missing key 'name'"}},
        {"band without threshold", "name = \"x\"\n[[band]]\nname = \"F-3\"\n",
         {"rules.toml:2", "missing key 'threshold_m'", "F-3"}},
        {"unknown band key", "name = \"x\"\n[[band]]\nname = \"F-3\"\nthreshold_m = 2000\nspeed = 30\n",
         {"rules.toml:5", "unknown key 'speed'"}},
        {"threshold as string", "name = \"x\"\n[[band]]\nname = \"F-3\"\nthreshold_m = \"2 km\"\n",
         {"rules.toml:4", "threshold_m"}},
        {"unknown grade", "name = \"x\"\n[[band]]\nname = \"F-3\"\nthreshold_m = 2000\ngrades = [\"F\", \"10\"]\n",
         {"rules.toml:5", "unknown grade '10'"}},
        {"grade in two bands",
         "name = \"x\"\n[[band]]\nname = \"a\"\nthreshold_m = 1\ngrades = [\"1\"]\n[[band]]\nname = \"b\"\n"
         "threshold_m = 1\ngrades = [\"1\"]\n",
         {"grade '1'"}},
        {"grade twice in one band", "name = \"x\"\n[[band]]\nname = \"a\"\nthreshold_m = 1\ngrades = [\"1\", \"1\"]\n",
         {"rules.toml:5", "grade '1' is listed twice"}},
        {"duplicate band", "name = \"x\"\n[[band]]\nname = \"a\"\nthreshold_m = 1\n[[band]]\nname = \"a\"\nthreshold_m = 1\n",
         {"band name 'a'"}},
        {"default_maxspeed lacks a class", "name = \"x\"\n[default_maxspeed]\nresidential = 50\n",
         {"rules.toml:2", "lacks 'living_street'"}},
        {"default_maxspeed for a footway", "name = \"x\"\n[default_maxspeed]\nfootway = 5\n",
         {"rules.toml:3", "unknown key 'footway'"}},
        {"missing name", "max_snap_m = 100\n", {"missing key 'name'"}},
        {"not TOML", "name = \n", {"rules.toml:1", "not valid TOML"}},
    };
    for (const BadRules& c : cases) {
        SCOPED_TRACE(c.story);
        const std::string message = rules_error(c.toml);
        ASSERT_FALSE(message.empty()) << "accepted:\n" << c.toml;
        for (const std::string& part : c.message_parts) {
            EXPECT_NE(message.find(part), std::string::npos) << "message: " << message << "\nlacks: " << part;
        }
    }
}

TEST(Rules, AnEmptyBandListIsAllowed) {
    EXPECT_TRUE(parse_rules("name = \"x\"\nband = []\n", "rules.toml").bands.empty());
}

TEST(Rules, MissingFileIsAnErrorNamingIt) {
    try {
        load_rules("/nonexistent/rules.toml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/rules.toml"), std::string::npos);
    }
}

TEST(Rules, ReadsTheCrossingLightingAndStopKeysOfSection11) {
    const Rules r = parse_rules(R"(name = "winter"
unlit_when_untagged = true
[[band]]
name = "F-3"
threshold_m = 2000
max_speed_crossing = 50
max_speed_crossing_marked = 60
require_lit = true
max_stop_distance_m = 1000
[[band]]
name = "4-6"
threshold_m = 3000
max_speed_crossing = 60
[[band]]
name = "gy"
threshold_m = 6000
max_speed_crossing_marked = 80
)",
                                "rules.toml");
    EXPECT_TRUE(r.walking.unlit_when_untagged);
    EXPECT_EQ(r.bands[0].safety.max_speed_crossing_kmh, 50.0);
    EXPECT_EQ(r.bands[0].safety.max_speed_crossing_marked_kmh, 60.0);
    EXPECT_TRUE(r.bands[0].safety.require_lit);
    EXPECT_EQ(r.bands[0].max_stop_distance_m, 1000.0);
    // The marked limit defaults to the crossing limit...
    EXPECT_EQ(r.bands[1].safety.max_speed_crossing_marked_kmh, 60.0);
    EXPECT_FALSE(r.bands[1].safety.require_lit);
    EXPECT_FALSE(r.bands[1].max_stop_distance_m.has_value());
    // ... and is ignored without one: crossings never restrict this band.
    EXPECT_FALSE(r.bands[2].safety.max_speed_crossing_kmh.has_value());
    EXPECT_FALSE(r.bands[2].safety.max_speed_crossing_marked_kmh.has_value());
    EXPECT_TRUE(r.bands[2].safety.restricts_nothing());
    EXPECT_FALSE(parse_rules("name = \"x\"\n", "rules.toml").walking.unlit_when_untagged);
}

TEST(Rules, MotorwaysMayBeNamedInDefaultMaxspeedAndDefaultTo110And70) {
    const Rules r = parse_rules("name = \"x\"\n", "rules.toml");
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::motorway)], 110.0);
    EXPECT_EQ(r.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::motorway_link)], 70.0);
    std::string table = "name = \"x\"\n[default_maxspeed]\n";
    for (const char* c : {"living_street", "residential", "service", "unclassified", "road", "tertiary",
                          "tertiary_link", "secondary", "secondary_link", "primary", "primary_link", "trunk",
                          "trunk_link"}) {
        table += std::string(c) + " = 40\n";
    }
    const Rules without = parse_rules(table, "rules.toml"); // motorways need not be named
    EXPECT_EQ(without.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::motorway)], 110.0);
    const Rules with = parse_rules(table + "motorway = 120\n", "rules.toml");
    EXPECT_EQ(with.walking.default_maxspeed_kmh[static_cast<int>(HighwayClass::motorway)], 120.0);
}

namespace {

/// A GeoJSON layer of one square polygon near Stockholm with these properties.
std::string square_layer(const std::string& properties) {
    return R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {)" + properties +
           R"(}, "geometry": {"type": "Polygon", "coordinates": [[[18, 59], [18.1, 59], [18.1, 59.1], [18, 59.1], [18, 59]]]}}]})";
}

} // namespace

TEST(Rules, LayersAreReadRelativeToTheRulesFileAndMustNameKnownBands) {
    const skolvag::testing::TempDir dir;
    dir.write("hazards.geojson", square_layer(R"("reason": "Storgatan, 60 km/h utan trottoar")"));
    const std::string guards = dir.write("guards.geojson", square_layer(R"("reason": "skolvakt", "bands": "F-3")"));
    const std::string bands = "name = \"x\"\n[[band]]\nname = \"F-3\"\nthreshold_m = 2000\n"
                              "[[band]]\nname = \"4-6\"\nthreshold_m = 3000\n";
    const Rules r = load_rules(dir.write("rules.toml", bands + R"([[layer]]
file = "hazards.geojson"
kind = "unsafe"
bands = ["4-6"]
[[layer]]
file = ")" + guards + R"("
kind = "safe"
)"));
    ASSERT_EQ(r.layers.size(), 2U);
    EXPECT_EQ(r.layers[0].path, dir.file("hazards.geojson"));
    EXPECT_TRUE(r.layers[0].unsafe);
    EXPECT_EQ(r.layers[0].bands, std::vector<std::size_t>{1});
    EXPECT_EQ(r.layers[1].path, guards);
    EXPECT_FALSE(r.layers[1].unsafe);
    EXPECT_EQ(r.layers[1].bands, (std::vector<std::size_t>{0, 1})); // absent: every band
    // Each band holds the areas that apply to it; a feature's own bands replace the entry's.
    ASSERT_EQ(r.bands[0].safety.areas.size(), 1U);
    EXPECT_EQ(r.bands[0].safety.areas[0]->reason, "skolvakt");
    ASSERT_EQ(r.bands[1].safety.areas.size(), 1U);
    EXPECT_EQ(r.bands[1].safety.areas[0]->reason, "Storgatan, 60 km/h utan trottoar");
    EXPECT_TRUE(r.bands[1].safety.areas[0]->covers(skolvag::geodata::LonLat{18.05, 59.05}));
    EXPECT_FALSE(r.bands[1].safety.areas[0]->covers(skolvag::geodata::LonLat{18.2, 59.05}));

    const auto error_with_layer = [&](const std::string& name, const std::string& layer_text) {
        dir.write(name, layer_text);
        try {
            load_rules(dir.write("bad.toml", bands + "[[layer]]\nfile = \"" + name + "\"\nkind = \"unsafe\"\n"));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(error_with_layer("no_reason.geojson", square_layer(R"("name": "x")")).find("field 'reason' is missing or empty"),
              std::string::npos);
    EXPECT_NE(error_with_layer("band.geojson", square_layer(R"("reason": "x", "bands": "F-3, 7-9")"))
                  .find("unknown band '7-9'"),
              std::string::npos);
    const std::string line = R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"reason": "x"}, "geometry": {"type": "LineString", "coordinates": [[18, 59], [18.1, 59]]}}]})";
    const std::string not_polygon = error_with_layer("line.geojson", line);
    EXPECT_NE(not_polygon.find("line.geojson feature 0: geometry is Line String, not a Polygon"), std::string::npos)
        << not_polygon;

    // A CSV with WKT polygons has no CRS: where its coordinates lie is unknown.
    const std::string no_crs =
        error_with_layer("zones.csv", "WKT,reason\n\"POLYGON((18 59,18.1 59,18.1 59.1,18 59))\",farlig\n");
    EXPECT_NE(no_crs.find("zones.csv: layer 'zones' has no CRS"), std::string::npos) << no_crs;

    const std::string band = "name = \"x\"\n[[band]]\nname = \"F-3\"\nthreshold_m = 1\n";
    EXPECT_NE(rules_error(band + "[[layer]]\nfile = \"a.gpkg\"\nkind = \"unsafe\"\nbands = [\"7-9\"]\n")
                  .find("unknown band '7-9' in 'bands' in [[layer]] number 1"),
              std::string::npos);
    EXPECT_NE(rules_error(band + "[[layer]]\nfile = \"a.gpkg\"\nkind = \"dangerous\"\n").find("'kind' must be"),
              std::string::npos);
    EXPECT_NE(rules_error(band + "[[layer]]\nkind = \"safe\"\n").find("missing key 'file'"), std::string::npos);
    EXPECT_NE(rules_error(band + "[[layer]]\nfile = \"/dev/zero\"\nkind = \"safe\"\n")
                  .find("layer file '/dev/zero' is not a readable file"),
              std::string::npos);
    EXPECT_NE(rules_error(band + "[[layer]]\nfile = \"a.gpkg\"\n").find("missing key 'kind'"), std::string::npos);
    EXPECT_NE(rules_error(band + "[[layer]]\nfile = \"a.gpkg\"\nkind = \"safe\"\ncolour = 1\n")
                  .find("unknown key 'colour' in [[layer]] number 1"),
              std::string::npos);
    EXPECT_NE(rules_error(band + "max_speed_crossing = 50\nmax_speed_crossing_marked = 40\n")
                  .find("'max_speed_crossing_marked' must be at least 'max_speed_crossing'"),
              std::string::npos);
}

TEST(Rules, TheRuleSetHashCoversTheLayerFiles) {
    const skolvag::testing::TempDir dir;
    const std::string rules = dir.write("rules.toml", "name = \"x\"\n[[layer]]\nfile = \"zone.geojson\"\nkind = \"unsafe\"\n");
    const auto zone = [](const std::string& reason) {
        return R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"reason": ")" + reason +
               R"("}, "geometry": {"type": "Polygon", "coordinates": [[[18, 59], [18.1, 59], [18.1, 59.1], [18, 59]]]}}]})";
    };
    dir.write("zone.geojson", zone("Skolgatan"));
    const std::string first = load_rules(rules).sha256;
    EXPECT_EQ(first.size(), 64U);
    EXPECT_EQ(load_rules(rules).sha256, first);
    dir.write("zone.geojson", zone("Skolgatan utan trottoar"));
    EXPECT_NE(load_rules(rules).sha256, first); // a changed layer is a changed rule set
    std::filesystem::remove(dir.file("zone.geojson"));
    try {
        load_rules(rules);
        FAIL() << "a missing layer file was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("zone.geojson"), std::string::npos) << e.what();
    }
}

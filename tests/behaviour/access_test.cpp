// SPDX-License-Identifier: MIT
// Which OSM ways are walkable: walking-network.md §1 and §7 (first rule that applies
// decides). Reference: https://wiki.openstreetmap.org/wiki/Key:access
//
// Each row is the way a-b (200 m) under test; a footway far away keeps the file a
// valid network. When a-b is not walkable, a is not on the network at all.
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

struct AccessRow {
    const char* highway;
    const char* access;
    const char* foot;
    const char* other_key;
    const char* other_value;
    bool walkable;
};

constexpr AccessRow kAccess[] = {
    // highway          access          foot             other key     value     walkable
    {"footway",         "",             "",              "",           "",       true},
    {"path",            "",             "",              "",           "",       true},
    {"pedestrian",      "",             "",              "",           "",       true},
    {"steps",           "",             "",              "",           "",       true},
    {"platform",        "",             "",              "",           "",       true},
    {"living_street",   "",             "",              "",           "",       true},
    {"residential",     "",             "",              "",           "",       true},
    {"service",         "",             "",              "",           "",       true},
    {"unclassified",    "",             "",              "",           "",       true},
    {"road",            "",             "",              "",           "",       true},
    {"track",           "",             "",              "",           "",       true},
    {"cycleway",        "",             "",              "",           "",       true},
    {"bridleway",       "",             "",              "",           "",       true},
    {"corridor",        "",             "",              "",           "",       true},
    {"tertiary",        "",             "",              "",           "",       true},
    {"tertiary_link",   "",             "",              "",           "",       true},
    {"secondary",       "",             "",              "",           "",       true},
    {"secondary_link",  "",             "",              "",           "",       true},
    {"primary",         "",             "",              "",           "",       true},
    {"primary_link",    "",             "",              "",           "",       true},
    {"trunk",           "",             "",              "",           "",       true},
    {"trunk_link",      "",             "",              "",           "",       true},
    // never walkable, whatever foot says (the highway table comes first)
    {"motorway",        "",             "",              "",           "",       false},
    {"motorway_link",   "",             "",              "",           "",       false},
    {"motorway",        "",             "yes",           "",           "",       false},
    {"motorway",        "",             "designated",    "",           "",       false},
    // not in the table: not walkable
    {"construction",    "",             "",              "",           "",       false},
    {"proposed",        "",             "",              "",           "",       false},
    {"planned",         "",             "",              "",           "",       false},
    {"abandoned",       "",             "",              "",           "",       false},
    {"razed",           "",             "",              "",           "",       false},
    {"disused",         "",             "",              "",           "",       false},
    {"raceway",         "",             "",              "",           "",       false},
    {"bus_guideway",    "",             "",              "",           "",       false},
    {"elevator",        "",             "",              "",           "",       false},
    {"escalator",       "",             "",              "",           "",       false},
    {"trail",           "",             "",              "",           "",       false},
    {"construction",    "",             "yes",           "",           "",       false},
    // 1. foot = no / private / use_sidepath
    {"residential",     "",             "no",            "",           "",       false},
    {"footway",         "",             "private",       "",           "",       false},
    {"secondary",       "",             "use_sidepath",  "",           "",       false},
    {"footway",         "yes",          "no",            "",           "",       false},
    // 2. foot = yes / designated / permissive wins over access and motorroad
    {"service",         "no",           "yes",           "",           "",       true},
    {"track",           "private",      "designated",    "",           "",       true},
    {"service",         "private",      "permissive",    "",           "",       true},
    {"trunk",           "",             "yes",           "motorroad",  "yes",    true},
    // 3. access = no / private
    {"service",         "no",           "",              "",           "",       false},
    {"service",         "private",      "",              "",           "",       false},
    {"service",         "destination",  "",              "",           "",       true},
    {"service",         "customers",    "",              "",           "",       true},
    {"service",         "delivery",     "",              "",           "",       true},
    {"service",         "permissive",   "",              "",           "",       true},
    {"service",         "yes",          "",              "",           "",       true},
    {"track",           "agricultural", "",              "",           "",       true},
    {"track",           "forestry",     "",              "",           "",       true},
    // other foot values fall through to the access rule
    {"service",         "no",           "destination",   "",           "",       false},
    {"track",           "private",      "agricultural",  "",           "",       false},
    {"footway",         "no",           "designated;no", "",           "",       false},
    {"service",         "",             "destination",   "",           "",       true},
    // 4. motorroad = yes (Swedish motortrafikled)
    {"trunk",           "",             "",              "motorroad",  "yes",    false},
    {"primary",         "",             "",              "motorroad",  "no",     true},
    // area=yes never removes a way
    {"pedestrian",      "",             "",              "area",       "yes",    true},
};

std::string describe(const AccessRow& r) {
    return std::string("highway=") + r.highway + " access=" + r.access + " foot=" + r.foot + " " + r.other_key + "=" +
           r.other_value + " -> " + (r.walkable ? "walkable" : "not walkable");
}

Tags tags_of(const AccessRow& r) {
    Tags t{{"highway", r.highway}};
    if (*r.access != '\0') {
        t.emplace_back("access", r.access);
    }
    if (*r.foot != '\0') {
        t.emplace_back("foot", r.foot);
    }
    if (*r.other_key != '\0') {
        t.emplace_back(r.other_key, r.other_value);
    }
    return t;
}

} // namespace

TEST(Access, TagHierarchyDecidesWhichWaysAreWalked) {
    for (const AccessRow& row : kAccess) {
        SCOPED_TRACE(describe(row));
        const WalkFixture f(R"(
            a-b



            c-d
        )", 100.0, {{"ab", tags_of(row)}, {"cd", {{"highway", "footway"}}}});
        const PointDistance d = f.distance('a', 'b');
        if (row.walkable) {
            EXPECT_EQ(d.status, DistanceStatus::ok);
            EXPECT_NEAR(d.distance_m.value_or(-1), 200.0, 0.05);
        } else {
            EXPECT_EQ(d.status, DistanceStatus::from_not_on_network);
        }
    }
}

TEST(Access, AClosedPedestrianAreaIsWalkedAlongItsOutline) {
    // A square pedestrian area a-b-d-c-a with area=yes: from a to d along the outline,
    // 200 m either way round; never across the square (141 m).
    const WalkFixture f(R"(
        a-b
        | |
        c-d
    )", 100.0, {{"abdca", {{"highway", "pedestrian"}, {"area", "yes"}}}});
    expect_routes(f, {
        // from to  distance_m
        {'a', 'd', 400.0},
        {'b', 'c', 400.0},
        {'a', 'b', 200.0},
    });
}

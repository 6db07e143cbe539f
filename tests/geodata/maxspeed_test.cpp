// SPDX-License-Identifier: MIT
// maxspeed parsing, walking-network.md §4 and §7.
// Reference: https://wiki.openstreetmap.org/wiki/Key:maxspeed
#include "geodata/maxspeed.hpp"

#include <gtest/gtest.h>

#include <optional>

using namespace skolvag::geodata;

namespace {
struct SpeedRow {
    const char* tag;
    std::optional<double> kmh;
};

constexpr double kMph = 1.609344;

const SpeedRow kSpeeds[] = {
    // tag             km/h
    {"50",             50.0},
    {"7.5",            7.5},
    {" 30 ",           30.0},
    {"30 mph",         30 * kMph},
    {"20mph",          20 * kMph},
    {"SE:urban",       50.0},
    {"SE:rural",       70.0},
    {"SE:motorway",    110.0},
    {"walk",           7.0},
    {"none",           130.0},
    {"50;30",          50.0},   // a list takes its largest value
    {"30;SE:rural",    70.0},
    {"signals;40",     40.0},   // the largest *parsable* element
    {"50 km/h",        std::nullopt},
    {"DE:urban",       std::nullopt},
    {"signals",        std::nullopt},
    {"",               std::nullopt},
    {"-30",            std::nullopt},
    {"1e2",            std::nullopt},
    {"50.",            std::nullopt},
    {"mph",            std::nullopt},
};
} // namespace

TEST(Maxspeed, ParsesEveryFormOfTheSpec) {
    for (const SpeedRow& row : kSpeeds) {
        SCOPED_TRACE(std::string("maxspeed=\"") + row.tag + "\"");
        const std::optional<double> got = parse_maxspeed_kmh(row.tag);
        ASSERT_EQ(got.has_value(), row.kmh.has_value());
        if (row.kmh) {
            EXPECT_NEAR(*got, *row.kmh, 1e-9);
        }
    }
}

TEST(Maxspeed, ForwardAndBackwardOnlyWhenMaxspeedIsAbsent) {
    EXPECT_EQ(tagged_maxspeed_kmh(nullptr, "30", "60"), 60.0);
    EXPECT_EQ(tagged_maxspeed_kmh(nullptr, "30", nullptr), 30.0);
    EXPECT_EQ(tagged_maxspeed_kmh(nullptr, nullptr, "SE:rural"), 70.0);
    EXPECT_EQ(tagged_maxspeed_kmh("40", "30", "60"), 40.0);
    // A present but unparsable maxspeed does not fall back to forward/backward.
    EXPECT_EQ(tagged_maxspeed_kmh("signals", "30", "60"), std::nullopt);
    EXPECT_EQ(tagged_maxspeed_kmh(nullptr, nullptr, nullptr), std::nullopt);
}

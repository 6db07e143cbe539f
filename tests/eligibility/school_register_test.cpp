// SPDX-License-Identifier: MIT
// The schools file: id order, entrances, and a spreadsheet's encoding.
#include "api/eligibility/school_register.hpp"
#include "tests/support/run_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

using namespace skolvag::api;
using skolvag::testing::TempDir;

TEST(SchoolRegister, IdsSortNumbersByValueFirstThenTextInAStrictWeakOrder) {
    std::vector<std::string> ids = {"S2", "10", "9", "1a", "2", "007", "7", "99999999999999999999999", "S10", "0"};
    std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) { return school_id_less(a, b); });
    const std::vector<std::string> expected = {"0", "2", "007", "7", "9", "10", "99999999999999999999999",
                                               "1a", "S10", "S2"};
    EXPECT_EQ(ids, expected);
    // Irreflexive, asymmetric and transitive over every triple: what std::map relies on.
    for (const auto& a : ids) {
        EXPECT_FALSE(school_id_less(a, a)) << a;
        for (const auto& b : ids) {
            EXPECT_FALSE(school_id_less(a, b) && school_id_less(b, a)) << a << " " << b;
            for (const auto& c : ids) {
                if (school_id_less(a, b) && school_id_less(b, c)) {
                    EXPECT_TRUE(school_id_less(a, c)) << a << " < " << b << " < " << c;
                }
            }
        }
    }
}

TEST(SchoolRegister, RowsWithOneIdAreEntrancesOfOneSchool) {
    const TempDir dir;
    const std::string path = dir.write("schools.csv", "school_id,name,grades,lon,lat\n"
                                                      "10,Tian,F-6,14.50,58.30\n"
                                                      "9,Nian,7-9,14.51,58.31\n"
                                                      "10,Tian,F-6,14.52,58.32\n");
    const SchoolRegister reg = read_school_register(path, std::nullopt);
    ASSERT_EQ(reg.schools.size(), 2U);
    EXPECT_EQ(reg.schools[0].id, "9");
    EXPECT_EQ(reg.schools[1].id, "10");
    EXPECT_EQ(reg.schools[1].entrances.size(), 2U);
    EXPECT_EQ(reg.index_of("10"), 1U);
    EXPECT_EQ(reg.sha256.size(), 64U);
}

TEST(SchoolRegister, AWindows1252SpreadsheetExportIsReadAsSuch) {
    const TempDir dir;
    // "Östra skolan" and "Åsa" as Excel saves them on a Swedish Windows: one byte each.
    const std::string path = dir.write("schools.csv", "school_id,name,grades,lon,lat\n"
                                                      "S1,\xD6stra skolan,F-6,14.50,58.30\n"
                                                      "S2,\xC5sa skola,7-9,14.51,58.31\n");
    const SchoolRegister reg = read_school_register(path, std::nullopt);
    ASSERT_EQ(reg.schools.size(), 2U);
    EXPECT_EQ(reg.schools[0].name, "Östra skolan");
    EXPECT_EQ(reg.schools[1].name, "Åsa skola");
}

// SPDX-License-Identifier: MIT
// A school's grades field: ranges over F, 1 ... 9, gy, lists, empty for all.
#include "api/eligibility/grades.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace skolvag::api;

namespace {
std::string taught(const GradeSet& g) {
    static const char* names[] = {"F", "1", "2", "3", "4", "5", "6", "7", "8", "9", "gy1", "gy2", "gy3", "gy4"};
    std::string s;
    for (std::size_t i = 0; i < kGradeCount; ++i) {
        if (g.test(i)) {
            s += std::string(s.empty() ? "" : " ") + names[i];
        }
    }
    return s;
}
} // namespace

TEST(SchoolGrades, RangesListsAndGymnasium) {
    EXPECT_EQ(taught(parse_school_grades("F-6")), "F 1 2 3 4 5 6");
    EXPECT_EQ(taught(parse_school_grades("7-9")), "7 8 9");
    EXPECT_EQ(taught(parse_school_grades("gy")), "gy1 gy2 gy3 gy4");
    EXPECT_EQ(taught(parse_school_grades("F-3, 7-9")), "F 1 2 3 7 8 9");
    EXPECT_EQ(taught(parse_school_grades("5")), "5");
    EXPECT_EQ(taught(parse_school_grades("F-9,gy")), "F 1 2 3 4 5 6 7 8 9 gy1 gy2 gy3 gy4");
    EXPECT_EQ(parse_school_grades("").count(), kGradeCount); // empty: every grade
    EXPECT_EQ(parse_school_grades("  ").count(), kGradeCount);
}

TEST(SchoolGrades, NonsenseIsRejectedWithThePartNamed) {
    for (const char* bad : {"F-10", "6-3", "åk 1", "gy5", "1-", "F,,3"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW(parse_school_grades(bad), std::invalid_argument);
    }
    try {
        parse_school_grades("F-6,x");
        FAIL() << "'F-6,x' was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'x'"), std::string::npos) << e.what();
    }
}

TEST(SchoolGrades, RankFollowsSchoolOrder) {
    EXPECT_EQ(grade_rank("F"), 0U);
    EXPECT_EQ(grade_rank("9"), 9U);
    EXPECT_EQ(grade_rank("gy4"), 13U);
    EXPECT_FALSE(grade_rank("10").has_value());
}

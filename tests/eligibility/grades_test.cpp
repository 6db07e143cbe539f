// SPDX-License-Identifier: MIT
// A school's grades field: ranges over F, 1 ... 9, gy, lists, empty for all.
#include "api/eligibility/grades.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace skolvag::api;

namespace {
std::string taught(const GradeSet& g) {
    std::string s;
    for (const std::string& name : grade_list(g)) {
        s += (s.empty() ? "" : " ") + name;
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
    EXPECT_EQ(parse_grade("F")->rank, 0U);
    EXPECT_EQ(parse_grade("9")->rank, 9U);
    EXPECT_EQ(parse_grade("gy4")->rank, 13U);
    EXPECT_LT(*parse_grade("9"), *parse_grade("gy1"));
    EXPECT_FALSE(parse_grade("10").has_value());
    EXPECT_FALSE(parse_grade("f").has_value()); // exact names only
    for (std::size_t i = 0; i < kGradeCount; ++i) {
        EXPECT_EQ(parse_grade(grade_names()[i])->rank, i);
    }
}

TEST(SchoolGrades, AListNamesTheGradesInSchoolOrder) {
    EXPECT_EQ(grade_list(parse_school_grades("7-9, F")), (std::vector<std::string>{"F", "7", "8", "9"}));
}

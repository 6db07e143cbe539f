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
    for (const char* bad : {"F-10", "6-3", "åk", "gy5", "1-", "F,,3", "klass 3", "3a"}) {
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

TEST(TypedGrades, AreReadAsPeopleWriteThem) {
    // (as typed in a register or a school list, the grade it names; "" for none)
    const std::pair<const char*, const char*> kTyped[] = {
        {"F", "F"},           {"f", "F"},        {"FK", "F"},          {"fk", "F"},
        {"F-klass", "F"},     {"f-klass", "F"},  {"Förskoleklass", "F"}, {" F ", "F"},
        {"\xC2\xA0" "3\xC2\xA0", "3"},                                 // no-break spaces from Excel
        {"3", "3"},           {"03", "3"},       {"  7", "7"},         {"Åk 3", "3"},
        {"åk3", "3"},         {"ÅK 9", "9"},     {"åk. 4", "4"},       {"Åk 03", "3"},
        {"gy1", "gy1"},       {"GY2", "gy2"},    {"Gy 3", "gy3"},
        {"0", ""},            {"00", ""},        {"10", ""},           {"åk", ""},
        {"gy5", ""},          {"3a", ""},        {"F3", ""},           {"", ""},
        {"klass 3", ""},      {"trea", ""},
    };
    for (const auto& [typed, grade] : kTyped) {
        SCOPED_TRACE(typed);
        const std::optional<Grade> g = parse_grade(typed);
        EXPECT_EQ(g ? std::string(grade_name(*g)) : std::string(), grade);
    }
}

TEST(SchoolGrades, RangesAsPeopleWriteThem) {
    EXPECT_EQ(taught(parse_school_grades("F\xE2\x80\x93" "6")), "F 1 2 3 4 5 6"); // an en dash, as Word and Excel write it
    EXPECT_EQ(taught(parse_school_grades("F-klass-3")), "F 1 2 3");
    EXPECT_EQ(taught(parse_school_grades("Åk 7 – Åk 9")), "7 8 9");
    EXPECT_EQ(taught(parse_school_grades("fk, 1-3")), "F 1 2 3");
    EXPECT_EQ(taught(parse_school_grades("GY")), "gy1 gy2 gy3 gy4");
    EXPECT_EQ(taught(parse_school_grades("F-klass")), "F");
}

TEST(SchoolGrades, RankFollowsSchoolOrder) {
    EXPECT_EQ(parse_grade("F")->rank, 0U);
    EXPECT_EQ(parse_grade("9")->rank, 9U);
    EXPECT_EQ(parse_grade("gy4")->rank, 13U);
    EXPECT_LT(*parse_grade("9"), *parse_grade("gy1"));
    EXPECT_FALSE(parse_grade("10").has_value());
    EXPECT_EQ(parse_grade("f")->rank, 0U); // as people type förskoleklass
    for (std::size_t i = 0; i < kGradeCount; ++i) {
        EXPECT_EQ(parse_grade(grade_names()[i])->rank, i);
    }
}

TEST(SchoolGrades, AListNamesTheGradesInSchoolOrder) {
    EXPECT_EQ(grade_list(parse_school_grades("7-9, F")), (std::vector<std::string>{"F", "7", "8", "9"}));
}

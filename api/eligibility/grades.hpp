// SPDX-License-Identifier: MIT
// School grades: the one vocabulary of grades skolvag knows (F, 1-9, gy1-gy4, in school
// order), used by the rules file's bands, the schools' grades, the pupils' grades and
// the API's description. A school's `grades` field is a range or list of them.
#pragma once

#include <array>
#include <bitset>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

inline constexpr std::size_t kGradeCount = 14;

/// A grade by its place in school order: F = 0, 1 ... 9, gy1 = 10 ... gy4 = 13.
struct Grade {
    std::uint8_t rank = 0;
    friend auto operator<=>(const Grade&, const Grade&) = default;
};

/// Grades as a set (bit i is the grade of rank i).
using GradeSet = std::bitset<kGradeCount>;

/** Every grade's name in school order: "F", "1", ... "9", "gy1" ... "gy4". */
const std::array<std::string_view, kGradeCount>& grade_names() noexcept;

/** The grade's name, e.g. "F" or "gy2". */
std::string_view grade_name(Grade g) noexcept;

/**
 * The grade a text names, as people type grades: the vocabulary's names, in any case,
 * with blanks around, "Åk 3", "03", and förskoleklass as "F", "f", "FK", "F-klass" or
 * "förskoleklass"; nullopt for anything else.
 */
std::optional<Grade> parse_grade(std::string_view typed);

/** "F, 1-9, gy1-gy4": the vocabulary, for messages. */
std::string known_grades_text();

/** The names of a set's grades in school order, e.g. {"F", "1", "2", "3"}. */
std::vector<std::string> grade_list(const GradeSet& grades);

/**
 * Parses a school's grades: ranges over F, 1 ... 9 ("F-6", also with an en dash),
 * "gy" (gy1-gy4), single grades (as parse_grade reads them), comma lists of those;
 * empty means every grade.
 * @throws std::invalid_argument naming the part that is not a grade.
 */
GradeSet parse_school_grades(std::string_view text);

} // namespace skolvag::api

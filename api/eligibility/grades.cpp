// SPDX-License-Identifier: MIT
#include "api/eligibility/grades.hpp"

#include "geodata/text/trim.hpp"

#include <stdexcept>
#include <vector>

namespace skolvag::api {

namespace {

using geodata::trim;

constexpr std::array<std::string_view, kGradeCount> kGrades = {"F", "1", "2", "3", "4", "5", "6",
                                                               "7", "8", "9", "gy1", "gy2", "gy3", "gy4"};
constexpr std::uint8_t kFirstGymnasium = 10;

Grade grade_or_throw(std::string_view grade, std::string_view part) {
    if (const auto g = parse_grade(grade)) {
        return *g;
    }
    throw std::invalid_argument("'" + std::string(part) + "' is not a grade (" + known_grades_text() +
                                ", gy or ranges like F-6)");
}

} // namespace

const std::array<std::string_view, kGradeCount>& grade_names() noexcept { return kGrades; }

std::string_view grade_name(Grade g) noexcept { return kGrades[g.rank]; }

std::optional<Grade> parse_grade(std::string_view name) noexcept {
    for (std::size_t i = 0; i < kGrades.size(); ++i) {
        if (kGrades[i] == name) {
            return Grade{static_cast<std::uint8_t>(i)};
        }
    }
    return std::nullopt;
}

std::string known_grades_text() { return "F, 1-9, gy1-gy4"; }

std::vector<std::string> grade_list(const GradeSet& grades) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < kGradeCount; ++i) {
        if (grades.test(i)) {
            names.emplace_back(kGrades[i]);
        }
    }
    return names;
}

GradeSet parse_school_grades(std::string_view text) {
    GradeSet set;
    if (trim(text).empty()) {
        return set.set();
    }
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        const std::string_view part = trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
        if (part == "gy") {
            for (std::size_t r = kFirstGymnasium; r < kGradeCount; ++r) {
                set.set(r);
            }
        } else if (const auto dash = part.find('-'); dash != std::string_view::npos) {
            const Grade lo = grade_or_throw(trim(part.substr(0, dash)), part);
            const Grade hi = grade_or_throw(trim(part.substr(dash + 1)), part);
            if (lo > hi) {
                throw std::invalid_argument("'" + std::string(part) + "' is a range that runs backwards");
            }
            for (std::size_t r = lo.rank; r <= hi.rank; ++r) {
                set.set(r);
            }
        } else {
            set.set(grade_or_throw(part, part).rank);
        }
        if (comma == std::string_view::npos) {
            return set;
        }
        start = comma + 1;
    }
}

} // namespace skolvag::api

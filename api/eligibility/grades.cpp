// SPDX-License-Identifier: MIT
#include "api/eligibility/grades.hpp"

#include "geodata/text/trim.hpp"

#include <array>
#include <stdexcept>

namespace skolvag::api {

namespace {

using geodata::trim;

constexpr std::array<std::string_view, kGradeCount> kGrades = {"F", "1", "2", "3", "4", "5", "6",
                                                               "7", "8", "9", "gy1", "gy2", "gy3", "gy4"};

std::size_t rank_or_throw(std::string_view grade, std::string_view part) {
    if (const auto r = grade_rank(grade)) {
        return *r;
    }
    throw std::invalid_argument("'" + std::string(part) + "' is not a grade (F, 1-9, gy1-gy4, gy or ranges like F-6)");
}

} // namespace

std::optional<std::size_t> grade_rank(std::string_view grade) {
    for (std::size_t i = 0; i < kGrades.size(); ++i) {
        if (kGrades[i] == grade) {
            return i;
        }
    }
    return std::nullopt;
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
            for (std::size_t r = 10; r < kGradeCount; ++r) {
                set.set(r);
            }
        } else if (const auto dash = part.find('-'); dash != std::string_view::npos) {
            const std::size_t lo = rank_or_throw(trim(part.substr(0, dash)), part);
            const std::size_t hi = rank_or_throw(trim(part.substr(dash + 1)), part);
            if (lo > hi) {
                throw std::invalid_argument("'" + std::string(part) + "' is a range that runs backwards");
            }
            for (std::size_t r = lo; r <= hi; ++r) {
                set.set(r);
            }
        } else {
            set.set(rank_or_throw(part, part));
        }
        if (comma == std::string_view::npos) {
            return set;
        }
        start = comma + 1;
    }
}

} // namespace skolvag::api

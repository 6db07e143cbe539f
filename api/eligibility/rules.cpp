// SPDX-License-Identifier: MIT
#include "api/eligibility/rules.hpp"

namespace skolvag::api {

namespace {

GradeSet grades(std::initializer_list<std::string_view> names) {
    GradeSet set;
    for (std::string_view n : names) {
        set.set(parse_grade(n)->rank);
    }
    return set;
}

Band band(std::string name, GradeSet set, double threshold_m, std::optional<double> max_speed_without_sidewalk,
          std::optional<double> max_speed_crossing, std::optional<double> max_speed_crossing_marked) {
    Band b;
    b.name = std::move(name);
    b.grades = set;
    b.threshold_m = threshold_m;
    b.safety.max_speed_without_sidewalk_kmh = max_speed_without_sidewalk;
    b.safety.max_speed_crossing_kmh = max_speed_crossing;
    b.safety.max_speed_crossing_marked_kmh = max_speed_crossing_marked;
    return b;
}

} // namespace

bool reaches_threshold(Comparison comparison, double distance_m, double threshold_m) noexcept {
    return comparison == Comparison::at_least ? distance_m >= threshold_m : distance_m > threshold_m;
}

const Band* Rules::find_band(std::string_view band_name) const noexcept {
    for (const Band& b : bands) {
        if (b.name == band_name) {
            return &b;
        }
    }
    return nullptr;
}

std::optional<std::size_t> Rules::band_of(Grade grade) const noexcept {
    for (std::size_t b = 0; b < bands.size(); ++b) {
        if (bands[b].grades.test(grade.rank)) {
            return b;
        }
    }
    return std::nullopt;
}

Rules example_rules() {
    Rules rules;
    rules.name = "walking-network.md section 6 example (with section 11's crossing limits)";
    rules.bands = {
        // §5, with the crossing limits §11 gives the example bands.
        band("F-3", grades({"F", "1", "2", "3"}), 2000.0, 50.0, 50.0, 60.0),
        band("4-6", grades({"4", "5", "6"}), 3000.0, 60.0, 60.0, 70.0),
        band("7-9", grades({"7", "8", "9"}), 4000.0, 70.0, 70.0, 80.0),
        band("gy", grades({"gy1", "gy2", "gy3", "gy4"}), 6000.0, std::nullopt, std::nullopt, std::nullopt),
    };
    return rules;
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/eligibility/rules_comparison.hpp"

#include "geodata/vector_file_writer.hpp"

#include <filesystem>
#include <tuple>

namespace skolvag::api {

namespace {

bool walking_alike(const geodata::WalkRules& a, const geodata::WalkRules& b) {
    return std::tie(a.include_access_legs, a.max_snap_m, a.min_component_m, a.default_maxspeed_kmh,
                    a.unlit_when_untagged) ==
           std::tie(b.include_access_legs, b.max_snap_m, b.min_component_m, b.default_maxspeed_kmh,
                    b.unlit_when_untagged);
}

/// The band's areas come from the layers, compared on their own: here only their number.
bool safety_alike(const geodata::BandSafety& a, const geodata::BandSafety& b) {
    return std::tie(a.max_speed_without_sidewalk_kmh, a.max_speed_crossing_kmh, a.max_speed_crossing_marked_kmh,
                    a.require_lit) == std::tie(b.max_speed_without_sidewalk_kmh, b.max_speed_crossing_kmh,
                                               b.max_speed_crossing_marked_kmh, b.require_lit) &&
           a.areas.size() == b.areas.size();
}

bool layers_alike(const std::vector<geodata::LayerSource>& a, const std::vector<geodata::LayerSource>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        // Both rule sets are read in this run: one path is one file's contents.
        if (std::filesystem::weakly_canonical(a[i].path) != std::filesystem::weakly_canonical(b[i].path) ||
            a[i].layer != b[i].layer || a[i].unsafe != b[i].unsafe || a[i].bands != b[i].bands) {
            return false;
        }
    }
    return true;
}

} // namespace

bool rules_search_alike(const Rules& a, const Rules& b) {
    if (!walking_alike(a.walking, b.walking) || a.bands.size() != b.bands.size() || !layers_alike(a.layers, b.layers)) {
        return false;
    }
    for (std::size_t i = 0; i < a.bands.size(); ++i) {
        if (a.bands[i].name != b.bands[i].name || a.bands[i].grades != b.bands[i].grades ||
            !safety_alike(a.bands[i].safety, b.bands[i].safety)) {
            return false;
        }
    }
    return true;
}

bool gives_transport(Outcome o) noexcept { return o == Outcome::eligible_distance || o == Outcome::eligible_traffic; }

OutcomeChanges outcome_changes(const std::vector<Decision>& before, const std::vector<Decision>& after) {
    std::map<std::pair<std::string, int>, Outcome> earlier;
    for (const Decision& d : before) {
        earlier.emplace(std::make_pair(d.pupil_ref, d.home_no), d.outcome);
    }
    OutcomeChanges changes;
    for (const Decision& d : after) {
        const auto it = earlier.find({d.pupil_ref, d.home_no});
        if (it != earlier.end() && it->second != d.outcome) {
            ++changes[{it->second, d.outcome}];
        }
    }
    return changes;
}

RulesComparison compare_decisions(const std::vector<Decision>& run, const std::vector<Decision>& other,
                                  const Rules& other_rules, const SchoolRegister& schools) {
    RulesComparison c;
    c.rule_set = run.empty() ? std::string() : run.front().rule_set;
    c.other_rule_set = other_rules.name;
    c.other_rules_sha256 = other_rules.sha256;
    c.homes = run.size();
    std::vector<RulesComparison::SchoolShift> shifts(schools.schools.size());
    for (std::size_t i = 0; i < run.size() && i < other.size(); ++i) {
        const Decision& a = run[i];
        const Decision& b = other[i];
        const bool outcome_differs = a.outcome != b.outcome;
        const bool reference_differs = a.reference_outcome != b.reference_outcome;
        if (!outcome_differs && !reference_differs) {
            continue;
        }
        c.changed_rows.push_back(i);
        if (!outcome_differs) {
            ++c.reference_changed;
            continue;
        }
        ++c.outcome_changed;
        ++c.by_band[a.band][{a.outcome, b.outcome}];
        const bool gain = !gives_transport(a.outcome) && gives_transport(b.outcome);
        const bool lose = gives_transport(a.outcome) && !gives_transport(b.outcome);
        c.gain_transport += gain ? 1 : 0;
        c.lose_transport += lose ? 1 : 0;
        if (const auto s = schools.index_of(a.school_id)) {
            RulesComparison::SchoolShift& shift = shifts[*s];
            ++(gain ? shift.gain : lose ? shift.lose : shift.other);
        }
    }
    for (std::size_t s = 0; s < shifts.size(); ++s) {
        if (shifts[s].gain + shifts[s].lose + shifts[s].other > 0) {
            shifts[s].school_id = schools.schools[s].id;
            shifts[s].name = schools.schools[s].name;
            c.by_school.push_back(shifts[s]);
        }
    }
    return c;
}

std::string rules_changes_path(const std::string& decisions_path) {
    std::filesystem::path p(decisions_path);
    p.replace_extension();
    return p.string() + ".rules-changes.csv";
}

void write_rules_changes(const std::string& path, const RulesComparison& comparison, const std::vector<Decision>& run,
                         const std::vector<Decision>& other, geodata::CsvDialect dialect) {
    using geodata::ColumnType;
    geodata::VectorFileWriter w(path, dialect);
    w.begin_layer("rules_changes", {{"pupil_ref", ColumnType::text},
                                    {"home_no", ColumnType::integer},
                                    {"grade", ColumnType::text},
                                    {"school_id", ColumnType::text},
                                    {"safe_distance_m", ColumnType::real},
                                    {"band", ColumnType::text},
                                    {"threshold_m", ColumnType::real},
                                    {"outcome", ColumnType::text},
                                    {"reference_outcome", ColumnType::text},
                                    {"other_band", ColumnType::text},
                                    {"other_threshold_m", ColumnType::real},
                                    {"other_safe_distance_m", ColumnType::real},
                                    {"other_outcome", ColumnType::text},
                                    {"other_reference_outcome", ColumnType::text},
                                    {"rule_set", ColumnType::text},
                                    {"other_rule_set", ColumnType::text}});
    const auto metres = [](const std::optional<double>& m) -> geodata::CellValue {
        if (m) {
            return *m;
        }
        return std::monostate{};
    };
    const auto outcome = [](const std::optional<Outcome>& o) -> geodata::CellValue {
        if (o) {
            return to_string(*o);
        }
        return std::monostate{};
    };
    for (const std::size_t i : comparison.changed_rows) {
        const Decision& a = run[i];
        const Decision& b = other[i];
        w.add_row({a.pupil_ref, static_cast<std::int64_t>(a.home_no), a.grade, a.school_id,
                   metres(a.safe_distance_m), a.band, metres(a.threshold_m), to_string(a.outcome),
                   outcome(a.reference_outcome), b.band, metres(b.threshold_m), metres(b.safe_distance_m),
                   to_string(b.outcome), outcome(b.reference_outcome), a.rule_set, b.rule_set});
    }
    w.commit();
}

} // namespace skolvag::api

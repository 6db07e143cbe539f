// SPDX-License-Identifier: MIT
#include "api/eligibility/register_diff.hpp"

#include "geodata/vector_file_writer.hpp"

#include <functional>
#include <set>

namespace skolvag::api {

namespace {

std::string text(const std::optional<double>& v) { return v ? geodata::format_metres(*v) : std::string(); }

struct ComparedField {
    const char* name;
    std::function<std::string(const Decision&)> value;
};

const std::vector<ComparedField>& compared_fields() {
    static const std::vector<ComparedField> fields = {
        {"school_id", [](const Decision& d) { return d.school_id; }},
        {"band", [](const Decision& d) { return d.band; }},
        {"plain_distance_m", [](const Decision& d) { return text(d.plain_distance_m); }},
        {"safe_distance_m", [](const Decision& d) { return text(d.safe_distance_m); }},
        {"threshold_m", [](const Decision& d) { return text(d.threshold_m); }},
        {"outcome", [](const Decision& d) { return d.outcome; }},
        {"reference_school_id", [](const Decision& d) { return d.reference_school_id; }},
        {"reference_safe_distance_m", [](const Decision& d) { return text(d.reference_safe_distance_m); }},
        {"reference_outcome", [](const Decision& d) { return d.reference_outcome; }},
        {"home_snap_m", [](const Decision& d) { return text(d.home_snap_m); }},
        {"inputs", [](const Decision& d) { return d.inputs_sha256; }},
    };
    return fields;
}

} // namespace

PreviousDecisions index_previous(const std::vector<Decision>& previous) {
    PreviousDecisions index;
    for (const Decision& d : previous) {
        index[{d.pupil_ref, d.home_no}] = d;
    }
    return index;
}

const Decision* reusable_decision(const PreviousDecisions& previous, const PupilHome& home,
                                  const std::string& rules_sha256, const std::string& network_id,
                                  const std::string& schools_sha256) {
    const auto it = previous.find({home.pupil_ref, home.home_no});
    if (it == previous.end()) {
        return nullptr;
    }
    const Decision& d = it->second;
    const bool same = d.inputs_sha256 == home.inputs_sha256 && d.rules_sha256 == rules_sha256 &&
                      d.network_id == network_id && d.schools_sha256 == schools_sha256 && !home.pupil_ref.empty();
    return same ? &d : nullptr;
}

std::vector<Decision> diff_against_previous(std::vector<Decision>& current, const PreviousDecisions& previous) {
    std::set<std::pair<std::string, int>> seen;
    for (Decision& d : current) {
        seen.insert({d.pupil_ref, d.home_no});
        const auto it = previous.find({d.pupil_ref, d.home_no});
        if (it == previous.end()) {
            d.change = "new";
            d.changed_fields.clear();
            continue;
        }
        std::string changed;
        for (const ComparedField& f : compared_fields()) {
            if (f.value(d) != f.value(it->second)) {
                changed += (changed.empty() ? "" : ";") + std::string(f.name);
            }
        }
        d.change = changed.empty() ? "unchanged" : "changed";
        d.changed_fields = changed;
    }
    std::vector<Decision> removed;
    for (const auto& [key, d] : previous) {
        if (seen.count(key) == 0) {
            removed.push_back(d);
        }
    }
    return removed;
}

} // namespace skolvag::api

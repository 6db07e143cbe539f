// SPDX-License-Identifier: MIT
#include "api/eligibility/register_diff.hpp"

#include "api/eligibility/decision_schema.hpp"
#include "api/eligibility/version.hpp"

#include <set>

namespace skolvag::api {

PreviousDecisions index_previous(const std::vector<Decision>& previous) {
    PreviousDecisions index;
    for (const Decision& d : previous) {
        index[{d.pupil_ref, d.home_no}] = d;
    }
    return index;
}

const Decision* reusable_decision(const PreviousDecisions& previous, const PupilHome& home,
                                  const std::string& rules_sha256, const std::string& network_id,
                                  const std::string& schools_sha256, const std::string& stops_sha256) {
    const auto it = previous.find({home.pupil_ref, home.home_no});
    if (it == previous.end()) {
        return nullptr;
    }
    const Decision& d = it->second;
    // A fixed executable decides again: the version of the decision logic is part of the key.
    const bool same = d.inputs_sha256 == home.inputs_sha256 && d.rules_sha256 == rules_sha256 &&
                      d.network_id == network_id && d.schools_sha256 == schools_sha256 &&
                      d.stops_sha256 == stops_sha256 &&
                      d.skolvag_version == skolvag_version() && !home.pupil_ref.empty();
    return same ? &d : nullptr;
}

std::vector<Decision> diff_against_previous(std::vector<Decision>& current, const PreviousDecisions& previous) {
    std::set<std::pair<std::string, int>> seen;
    for (Decision& d : current) {
        seen.insert({d.pupil_ref, d.home_no});
        const auto it = previous.find({d.pupil_ref, d.home_no});
        d.previous.reset();
        if (it == previous.end()) {
            d.change = Change::new_home;
            d.changed_fields.clear();
            continue;
        }
        // Compared as written: a distance changes when its 2-decimal text does.
        std::string changed;
        for (const DecisionField& f : decision_fields()) {
            if (!f.diff_name.empty() && cell_text(f.write(d)) != cell_text(f.write(it->second))) {
                changed += (changed.empty() ? "" : ";") + std::string(f.diff_name);
            }
        }
        d.change = changed.empty() ? Change::unchanged : Change::changed;
        d.changed_fields = changed;
        if (!changed.empty()) {
            d.previous = std::make_shared<const Decision>(it->second);
        }
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

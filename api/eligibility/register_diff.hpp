// SPDX-License-Identifier: MIT
// Comparing a run with the previous run's decisions: which homes are new, changed (and
// in which fields) or unchanged, which previous rows can be reused without computing,
// and which pupils left the register and should be reviewed for erasure.
#pragma once

#include "api/eligibility/decision.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace skolvag::api {

/// Previous decisions by (pupil_ref, home_no).
using PreviousDecisions = std::map<std::pair<std::string, int>, Decision>;

PreviousDecisions index_previous(const std::vector<Decision>& previous);

/**
 * The previous decision when it can be copied as it is: the home's inputs (grade,
 * schools, stop, point), the rules, the network, the schools file, the stops file
 * (empty: a run without stops) and the executable's version are all unchanged.
 */
const Decision* reusable_decision(const PreviousDecisions& previous, const PupilHome& home,
                                  const std::string& rules_sha256, const std::string& network_id,
                                  const std::string& schools_sha256, const std::string& stops_sha256);

/**
 * Sets change and changed_fields on each current decision, and on a changed one its
 * previous decision (for the previous_ columns). Compared: the fields the
 * decision schema marks (school_id, band, distances, threshold, outcome, reference
 * school and its distance and outcome, the home's snap distance, and "inputs": grade,
 * school choice or home point). The rule set and network versions are recorded in
 * every row but do not by themselves make a row changed.
 * @returns previous rows whose pupil_ref and home_no are no longer in the register.
 */
std::vector<Decision> diff_against_previous(std::vector<Decision>& current, const PreviousDecisions& previous);

} // namespace skolvag::api

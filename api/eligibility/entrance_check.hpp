// SPDX-License-Identifier: MIT
// Pre-flight check of the schools (issue: a school entrance snapped onto a schoolyard
// service road made every young pupil "eligible because of traffic", silently): an
// entrance that no safe route of a band can reach, because its snapped edge is unsafe
// for the band or every passage onto that edge is (§4, §8-§10), makes every pupil of
// that band eligible at that school. Each such entrance is reported, before a batch
// runs and when the server starts.
#pragma once

#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/search_networks.hpp"

#include <string>
#include <vector>

namespace skolvag::api {

struct EntranceWarning {
    std::string school_id;
    std::string entrance;   ///< where the entrance was read (file and row)
    std::string band;
    std::string road;       ///< the way the entrance snapped to, as a decision names it
    std::string reason;     ///< why no safe route reaches it

    /** One line for stderr or the log (school data only, never a pupil's). */
    std::string text() const;
};

/**
 * The entrances no safe route of a band reaches, for every band the networks were
 * planned for that the school teaches a grade of.
 * @param bands_checked one flag per band of the rules (the bands the networks hold).
 */
std::vector<EntranceWarning> check_entrances(const SearchNetworks& networks, const Rules& rules,
                                             const SchoolRegister& schools, const std::vector<bool>& bands_checked);

} // namespace skolvag::api

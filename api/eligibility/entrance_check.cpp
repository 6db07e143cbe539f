// SPDX-License-Identifier: MIT
#include "api/eligibility/entrance_check.hpp"

#include "geodata/band_safety.hpp"
#include "geodata/unsafe_places.hpp"

namespace skolvag::api {

std::string EntranceWarning::text() const {
    return "warning: school '" + school_id + "' (entrance " + entrance + "): no safe route of band " + band +
           " reaches it; it lies on " + road + ", " + reason + ". Every pupil of band " + band +
           " at this school will be eligible because of traffic unless another entrance is reachable";
}

std::vector<EntranceWarning> check_entrances(const SearchNetworks& networks, const Rules& rules,
                                             const SchoolRegister& schools, const std::vector<bool>& bands_checked) {
    std::vector<EntranceWarning> warnings;
    for (const School& school : schools.schools) {
        for (std::size_t b = 0; b < rules.bands.size(); ++b) {
            const Band& band = rules.bands[b];
            if (!bands_checked[b] || (band.grades & school.grades).none()) {
                continue;
            }
            const geodata::SearchSpace& space = networks.space(networks.of_band(b));
            for (const SchoolEntrance& e : school.entrances) {
                if (!e.snap || space.can_reach(*e.snap)) {
                    continue;
                }
                const geodata::WalkNetwork& net = space.network();
                const std::optional<std::string> unsafe =
                    geodata::unsafe_edge_reason(net, e.snap->edge, band.safety, rules.walking);
                warnings.push_back({school.id, e.where, band.name, geodata::describe_way(net, net.edges[e.snap->edge], rules.walking),
                                    unsafe ? *unsafe
                                           : std::string("and every passage onto it crosses a road the band may not "
                                                         "cross (§8) or lies in an unsafe area (§9)")});
            }
        }
    }
    return warnings;
}

} // namespace skolvag::api

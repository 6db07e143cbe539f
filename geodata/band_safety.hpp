// SPDX-License-Identifier: MIT
// Which edges are safe for a grade band (walking-network.md §4, §10): a motor-traffic
// edge is unsafe when its effective maxspeed exceeds the band's limit and it has no
// sidewalk; for a band that requires lighting, an unlit edge is unsafe.
#pragma once

#include "geodata/walk_network.hpp"
#include "geodata/walk_rules.hpp"
#include "geodata/wording.hpp"
#include "routing/arc_filter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::geodata {

/** The tagged maxspeed, else the rules' default for the highway class (km/h). */
double effective_maxspeed_kmh(const WayProfile& way, const WalkRules& rules) noexcept;

/** §10: lit=no is unlit; no lit tag is lit unless the rules say unlit_when_untagged. */
bool is_lit(const WayProfile& way, const WalkRules& rules) noexcept;

/** True when a pupil of a band with these limits may walk along the way. */
bool is_safe_for_band(const WayProfile& way, const BandSafety& band, const WalkRules& rules) noexcept;

/**
 * Per edge: may a pupil of this band walk it? (The band's edge mask.) §4 and §10, then
 * §9: an edge wholly inside a safe area is safe, one that touches an unsafe area is
 * not; unsafe wins.
 */
std::vector<bool> safe_edge_mask(const WalkNetwork& net, const BandSafety& band, const WalkRules& rules);

/**
 * Why an edge is unsafe for a band (§4, §9, §10), in words for a decision (English
 * unless asked for Swedish); nullopt when it is safe. The same judgement as safe_edge_mask.
 */
std::optional<std::string> unsafe_edge_reason(const WalkNetwork& net, std::uint32_t edge, const BandSafety& band,
                                              const WalkRules& rules, Wording wording = Wording::en);

/// §9 at nodes: which nodes lie in an unsafe or a safe area of the band.
struct NodeAreas {
    std::vector<bool> unsafe;
    std::vector<bool> safe;
};

/** Which nodes lie inside (or on the boundary of) the band's unsafe and safe areas. */
NodeAreas node_areas(const WalkNetwork& net, const BandSafety& band);

/**
 * An edge mask as a filter over the arcs of a graph whose arcs name the network's
 * edges (net.graph, or its reversed copy): an arc is allowed when its edge is.
 */
routing::ArcFilter arc_filter_from_edges(const routing::WalkGraph& graph, const std::vector<bool>& edge_allowed);

/**
 * The band's safe network as a filter over the shared graph: an arc is allowed when
 * its edge is safe for the band.
 */
routing::ArcFilter safe_arc_filter(const WalkNetwork& net, const BandSafety& band, const WalkRules& rules);

} // namespace skolvag::geodata

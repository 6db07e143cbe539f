// SPDX-License-Identifier: MIT
// The turn-aware form of a walking network (walking-network.md §8), built once like the
// snapping index: where a band may not make every passage at a node, its safe network
// is searched on the turn graph (a node per walk arc, an arc per turn), with a filter
// that allows a turn when the arc it enters is safe and the passage it makes is.
#pragma once

#include "geodata/crossings.hpp"
#include "geodata/walk_network.hpp"
#include "geodata/walk_rules.hpp"
#include "routing/arc_filter.hpp"
#include "routing/turn_graph.hpp"

#include <vector>

namespace skolvag::geodata {

struct TurnNetwork {
    explicit TurnNetwork(const WalkNetwork& net);

    NodeEnds ends;
    routing::TurnGraph turns;
    routing::WalkGraph reversed; ///< turns.graph reversed: backward searches, and the turns into an arc
    std::vector<ArcId> reversed_turn; ///< turn of turns.graph -> the same turn in `reversed`
};

/**
 * A band's turns: x -> z is allowed when the edge of z is safe (edge_safe) and the
 * passage at head(x) from x's end to z's is safe for the band (§8).
 */
routing::ArcFilter safe_turn_filter(const WalkNetwork& net, const TurnNetwork& turns, const RoadArms& arms,
                                    const std::vector<bool>& edge_safe, const BandSafety& band);

/** The same turns as a filter over the reversed turn graph. */
routing::ArcFilter reversed_turn_filter(const TurnNetwork& turns, const routing::ArcFilter& forward);

/** True when the band's rules can make a passage unsafe (§8 crossing limits, §9 unsafe areas). */
bool band_restricts_passages(const BandSafety& band) noexcept;

/**
 * True when the band's safe search must be turn-aware on this network: at some node, a
 * passage from one of the band's safe edges to another is unsafe for it (§8, §9). When
 * none is, the walk graph gives the same distances as the turn graph: cutting out a
 * stretch walked and walked back never lengthens a route, and where every passage is
 * safe it leaves a safe route, so never turning back (§8) costs nothing.
 */
bool passages_restricted(const WalkNetwork& net, const NodeEnds& ends, const RoadArms& arms,
                         const std::vector<bool>& edge_safe, const BandSafety& band);

} // namespace skolvag::geodata

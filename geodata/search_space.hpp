// SPDX-License-Identifier: MIT
// SearchSpace: what a search for one network (the plain one, or a band's safe one)
// runs on, and how a snapped point enters and leaves it. Plain networks and bands that
// restrict only edges are searched on the walk graph (nodes are places); bands that
// restrict passages at nodes (§8) on the turn graph (nodes are walk arcs: "arrived at
// the arc's head along it"). The rest of skolvag asks the space, never the mode.
#pragma once

#include "geodata/snap.hpp"
#include "geodata/turn_network.hpp"
#include "geodata/walk_router.hpp"
#include "routing/arc_filter.hpp"

#include <optional>
#include <vector>

namespace skolvag::geodata {

/// The network's graph reversed, for backward searches (build it once).
struct ReversedNetwork {
    explicit ReversedNetwork(const WalkNetwork& net) : graph(net.graph.reversed()) {}
    routing::WalkGraph graph;
};

class SearchSpace {
public:
    /** The plain network: every walkable arc. @pre net and reversed outlive the space. */
    SearchSpace(const WalkNetwork& net, const ReversedNetwork& reversed);

    /** A band's safe network on the walk graph: the edges of edge_safe, every passage. */
    SearchSpace(const WalkNetwork& net, const ReversedNetwork& reversed, const std::vector<bool>& edge_safe);

    /**
     * A band's safe network on the turn graph: the edges of edge_safe and the passages
     * safe for the band. @pre turns outlives the space.
     */
    SearchSpace(const WalkNetwork& net, const TurnNetwork& turns, const RoadArms& arms,
                const std::vector<bool>& edge_safe, const BandSafety& band);

    bool turn_aware() const noexcept { return m_turns != nullptr; }
    const WalkNetwork& network() const noexcept { return m_net; }
    /** The graph searches run on, its reversal, and the arcs of each they may use (nullptr: all). */
    const routing::WalkGraph& graph() const noexcept;
    const routing::WalkGraph& reversed_graph() const noexcept;
    const routing::ArcFilter* filter() const noexcept { return opt(m_filter); }
    const routing::ArcFilter* reverse_filter() const noexcept { return opt(m_reverse_filter); }
    /** The walk graph's arcs whose edges the network allows (nullptr: all). */
    const routing::ArcFilter* walk_filter() const noexcept { return opt(m_walk_filter); }

    /** The walk arc a search node stands for (turn graph), or kInvalidId (walk graph: nodes are places). */
    ArcId walk_arc_of(NodeId search_node) const noexcept { return m_turns != nullptr ? search_node : routing::kInvalidId; }

    /** Search nodes a walker at s starts from, each with the length walked to reach it. */
    std::vector<AccessLeg> legs_from(const Snap& s) const;
    /** Search nodes from which a walker reaches s, each with the length still to walk. */
    std::vector<AccessLeg> legs_to(const Snap& s) const;
    /** True when some walk on this network can arrive at s (an allowed arc leads onto it). */
    bool can_reach(const Snap& s) const;

    /**
     * The walks from `from` to `to` that no search covers: the direct stretch when both
     * lie on one edge (§3) and, on the turn graph, a point exactly on a node walking
     * straight onto the other point's edge (no passage at a route's own start, §8).
     */
    std::optional<routing::DistanceMm> direct_mm(const Snap& from, const Snap& to) const;

private:
    static const routing::ArcFilter* opt(const std::optional<routing::ArcFilter>& f) noexcept {
        return f ? &*f : nullptr;
    }
    /// The node of a snap that lies exactly on a graph node, or kInvalidId.
    NodeId node_of(const Snap& s) const noexcept;
    bool walk_arc_usable(ArcId xy) const noexcept;

    const WalkNetwork& m_net;
    const ReversedNetwork* m_reversed = nullptr;
    const TurnNetwork* m_turns = nullptr;
    std::optional<routing::ArcFilter> m_walk_filter;
    std::optional<routing::ArcFilter> m_filter;
    std::optional<routing::ArcFilter> m_reverse_filter;
};

} // namespace skolvag::geodata

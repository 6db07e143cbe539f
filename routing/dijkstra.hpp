// SPDX-License-Identifier: MIT
// A reusable Dijkstra query object over a WalkGraph (RoutingKit's style): reset, add
// sources with start offsets, settle until done or until the targets are settled.
#pragma once

#include "routing/arc_filter.hpp"
#include "routing/graph.hpp"
#include "routing/min_id_queue.hpp"

#include <span>
#include <vector>

namespace skolvag::routing {

class Dijkstra {
public:
    /** @pre graph outlives this object and is not modified meanwhile. */
    explicit Dijkstra(const WalkGraph& graph);

    /**
     * Forgets the previous search (O(nodes it touched)) and sets the arc filter.
     * @param filter arcs the search may use; nullptr allows every arc. Must outlive
     *        the search.
     */
    Dijkstra& reset(const ArcFilter* filter = nullptr);

    /**
     * Starts the search at s with distance start_mm. Adding the same node twice keeps
     * the smaller start. Call before the first settle().
     */
    Dijkstra& add_source(NodeId s, DistanceMm start_mm = 0);

    /** True when every reachable node is settled. */
    bool is_finished() const noexcept { return m_queue.empty(); }

    /** Distance of the node that settle() would settle next. @pre !is_finished() */
    DistanceMm next_distance() const noexcept { return m_queue.peek().key; }

    /** Settles the closest queued node, relaxes its arcs, returns it. @pre !is_finished() */
    NodeId settle();

    /** Settles every reachable node. */
    void run();

    /**
     * Settles nodes until every target is settled or unreachable.
     * @returns the smallest distance over the targets (kUnreachable if none is reached).
     */
    DistanceMm run_until_settled(std::span<const NodeId> targets);

    /** The distance found to x so far; final once x is settled. kUnreachable if not reached. */
    DistanceMm distance_to(NodeId x) const noexcept {
        return m_stamp[x] == m_generation ? m_distance[x] : kUnreachable;
    }

    bool is_settled(NodeId x) const noexcept {
        return m_stamp[x] == m_generation && !m_queue.contains(x);
    }

    /** The arc by which x was reached, kInvalidId for a source or an unreached node. */
    ArcId parent_arc(NodeId x) const noexcept {
        return m_stamp[x] == m_generation ? m_parent_arc[x] : kInvalidId;
    }

    /** Arcs of the shortest path from a source to x, in walking order. Empty if x is a source. */
    std::vector<ArcId> arc_path_to(NodeId x) const;

    /** Number of nodes settled since the last reset (for benchmarks). */
    std::size_t settled_count() const noexcept { return m_settled; }

private:
    void touch(NodeId x);

    const WalkGraph& m_graph;
    const ArcFilter* m_filter = nullptr;
    std::vector<NodeId> m_tail; // arc -> tail, for path extraction
    std::vector<DistanceMm> m_distance;
    std::vector<ArcId> m_parent_arc;
    std::vector<std::uint32_t> m_stamp; // m_distance[x] is valid when m_stamp[x] == m_generation
    std::uint32_t m_generation = 1;
    MinIdQueue m_queue;
    std::size_t m_settled = 0;
};

} // namespace skolvag::routing

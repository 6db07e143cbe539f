// SPDX-License-Identifier: MIT
// A reusable Dijkstra query object over a WalkGraph (RoutingKit's style): reset, add
// sources with start offsets, settle until done or until the targets are settled.
#pragma once

#include "routing/arc_filter.hpp"
#include "routing/graph.hpp"
#include "routing/radix_heap.hpp"

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
    bool is_finished();

    /** Distance of the node that settle() would settle next. @pre !is_finished() */
    DistanceMm next_distance();

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
        return is_reached(x) ? m_label[x].distance : kUnreachable;
    }

    bool is_settled(NodeId x) const noexcept { return m_label[x].state == settled_state(); }

    /** The arc by which x was reached, kInvalidId for a source or an unreached node. */
    ArcId parent_arc(NodeId x) const noexcept { return is_reached(x) ? m_label[x].parent_arc : kInvalidId; }

    /** Arcs of the shortest path from a source to x, in walking order. Empty if x is a source. */
    std::vector<ArcId> arc_path_to(NodeId x) const;

    /** Number of nodes settled since the last reset (for benchmarks). */
    std::size_t settled_count() const noexcept { return m_settled; }

private:
    /// Everything the search keeps per node, together so a relaxation touches one
    /// cache line. `state` is 2 * generation (reached in this search) or 2 *
    /// generation + 1 (settled); any other value means "not reached yet".
    struct Label {
        DistanceMm distance;
        ArcId parent_arc;
        std::uint32_t state;
    };

    std::uint32_t reached_state() const noexcept { return 2 * m_generation; }
    std::uint32_t settled_state() const noexcept { return 2 * m_generation + 1; }
    bool is_reached(NodeId x) const noexcept { return (m_label[x].state >> 1) == m_generation; }

    Label& touch(NodeId x);
    /// Drops queue entries of nodes already settled (a node is queued once per improvement).
    void skip_stale();

    const WalkGraph& m_graph;
    const ArcFilter* m_filter = nullptr;
    std::vector<NodeId> m_tail; // arc -> tail, for path extraction
    std::vector<Label> m_label;
    std::uint32_t m_generation = 1;
    RadixHeap m_queue;
    std::size_t m_settled = 0;
};

} // namespace skolvag::routing

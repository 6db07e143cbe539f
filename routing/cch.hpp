// SPDX-License-Identifier: MIT
// A customizable contraction hierarchy (Dibbelt, Strasser, Wagner 2016) for fast
// one-to-all distances: the hierarchy's shape depends only on the graph and a node
// order; each metric (the plain network, or a band's safe network as an arc filter)
// is a cheap "customization"; a one-to-all query is then an upward search plus one
// downward sweep over all nodes (PHAST), several times faster than Dijkstra.
// Distances are exact: the same integer sums as Dijkstra's.
#pragma once

#include "routing/arc_filter.hpp"
#include "routing/graph.hpp"

#include <span>
#include <vector>

namespace skolvag::routing {

/// The metric-independent hierarchy: the graph's chordal completion in rank order.
class CchTopology {
public:
    /**
     * Contracts the graph along an order (arc directions and lengths are ignored).
     * @param order order[i] is the node of rank i; a permutation of all nodes.
     */
    CchTopology(const WalkGraph& graph, const std::vector<NodeId>& order);

    NodeId node_count() const noexcept { return static_cast<NodeId>(m_rank.size()); }
    std::size_t arc_count() const noexcept { return m_up_head.size(); }
    NodeId rank(NodeId node) const noexcept { return m_rank[node]; }

private:
    friend class CchMetric;
    friend class CchOneToAll;
    /// Index of the hierarchy arc between ranks low < high.
    std::uint32_t find_arc(NodeId low, NodeId high) const;

    const WalkGraph& m_graph;
    /// Graph arc -> the hierarchy arc it lies on, times two, plus 1 when it runs down
    /// (from the higher rank to the lower); kInvalidId for a loop. Found once here, so
    /// that each customization only copies lengths.
    std::vector<std::uint32_t> m_arc_slot;
    std::vector<NodeId> m_rank;             ///< node -> rank
    std::vector<std::uint32_t> m_up_first;  ///< rank -> first upward arc (rank_count + 1)
    std::vector<NodeId> m_up_head;          ///< upward arc -> higher rank, sorted per tail
    std::vector<NodeId> m_parent;           ///< rank -> elimination-tree parent (kInvalidId at a root)
};

/// Arc weights of one metric on a hierarchy: for each arc low-high, the cost of
/// low->high (`up`) and of high->low (`down`); kNoPath when there is none.
class CchMetric {
public:
    /// "No path". Weights and distances stay at or below it, so that the sum of two
    /// never overflows 32 bits and needs no test: a sum above it is no path either.
    /// Walks of 2,147 km or more are therefore reported as no path.
    static constexpr std::uint32_t kNoPath = 0x7FFFFFFFU;

    /**
     * Customizes: the graph's arcs the filter allows, then every lower triangle.
     * @pre the topology outlives the metric.
     */
    CchMetric(const CchTopology& topology, const ArcFilter* filter);

    const CchTopology& topology() const noexcept { return m_topology; }

private:
    friend class CchOneToAll;
    const CchTopology& m_topology;
    /// Per hierarchy arc, each direction in its own array: a query's sweep reads one
    /// direction only, so it streams half the bytes it would with both side by side.
    std::vector<std::uint32_t> m_up;
    std::vector<std::uint32_t> m_down;
};

/// One-to-all distances on a customized hierarchy. One object per thread.
class CchOneToAll {
public:
    enum class Direction {
        from_sources, ///< distance from the nearest source to every node
        to_sources    ///< distance from every node to the nearest source
    };

    struct Source {
        NodeId node;
        DistanceMm start_mm;
    };

    explicit CchOneToAll(const CchTopology& topology);

    /** Runs the query. Distances of 2,147 km or more count as unreachable. */
    void run(const CchMetric& metric, std::span<const Source> sources, Direction direction);

    /** The distance found for a node (graph numbering), kUnreachable when none. */
    DistanceMm distance(NodeId node) const noexcept {
        const std::uint32_t d = m_distance[m_topology.rank(node)];
        return d == CchMetric::kNoPath ? kUnreachable : d;
    }

    /** The same for a node given by its rank (topology().rank(node)): one memory read fewer. */
    DistanceMm distance_at_rank(NodeId rank) const noexcept {
        const std::uint32_t d = m_distance[rank];
        return d == CchMetric::kNoPath ? kUnreachable : d;
    }

    const CchTopology& topology() const noexcept { return m_topology; }

private:
    const CchTopology& m_topology;
    std::vector<std::uint32_t> m_distance; ///< by rank
    std::vector<NodeId> m_upward;          ///< ranks on the sources' elimination-tree paths
    std::vector<bool> m_on_path;
};

} // namespace skolvag::routing

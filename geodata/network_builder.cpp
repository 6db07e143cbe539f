// SPDX-License-Identifier: MIT
// build_walk_network: OsmExtract -> WalkNetwork (walking-network.md §2).
#include "geodata/geodesic.hpp"
#include "geodata/osm_extract.hpp"
#include "geodata/spatial_order.hpp"
#include "routing/graph_builder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace skolvag::geodata {

std::uint32_t OsmExtract::node_index(OsmId id) const noexcept {
    const auto it = std::lower_bound(node_ids.begin(), node_ids.end(), id);
    if (it == node_ids.end() || *it != id) {
        return routing::kInvalidId;
    }
    return static_cast<std::uint32_t>(it - node_ids.begin());
}

namespace {

constexpr std::uint32_t kNone = routing::kInvalidId;

/// The node indexes of refs[first, first+count) with back-to-back repeats of one node removed.
void resolve_way_nodes(const OsmExtract& extract, std::uint32_t first, std::uint32_t count,
                       std::vector<std::uint32_t>& out) {
    out.clear();
    for (std::uint32_t r = first; r < first + count; ++r) {
        const OsmId id = extract.refs[r];
        if (r > first && extract.refs[r - 1] == id) {
            continue;
        }
        out.push_back(extract.node_index(id));
    }
}

/// Builds edges way by way; owns the growing network.
class EdgeAssembler {
public:
    explicit EdgeAssembler(const OsmExtract& extract)
        : m_extract(extract), m_shared_node(extract.node_ids.size(), kNone), m_uses(extract.node_ids.size(), 0) {
        m_net.stats = extract.stats;
        m_net.way_names = extract.way_names;
    }

    /// Counts how often each node is used by walkable ways; used twice or more makes
    /// it a junction. A node repeated back to back in one way counts once.
    void count_uses(const std::vector<std::uint32_t>& way_nodes) {
        for (std::uint32_t n : way_nodes) {
            if (n != kNone && m_uses[n] < 2) {
                ++m_uses[n];
            }
        }
    }

    /// §2, §8: a node a walkable way shares with a road that is not walked is a graph
    /// node too, where that road may be crossed.
    void count_road_crossings(const std::vector<std::uint32_t>& road_nodes) {
        for (std::uint32_t n : road_nodes) {
            if (n != kNone && m_uses[n] >= 1) {
                m_uses[n] = 2;
            }
        }
    }

    void add_way(const OsmExtract::Way& way, const std::vector<std::uint32_t>& nodes) {
        const std::size_t k = nodes.size();
        bool open = false;
        for (std::size_t i = 0; i + 1 < k; ++i) {
            const std::uint32_t a = nodes[i];
            const std::uint32_t b = nodes[i + 1];
            if (!has_location(a) || !has_location(b)) {
                // §2: a segment touching a node without location is dropped; the
                // piece before it ends at the last located node.
                ++m_net.stats.segments_dropped_missing_nodes;
                if (open) {
                    close_edge(shared_node(a));
                    open = false;
                }
                continue;
            }
            if (!open) {
                open_edge(way, a);
                open = true;
            }
            append_point(b);
            const bool last = i + 2 == k;
            if (last || m_extract.node_is_blocking[b] || m_uses[b] >= 2) {
                close_edge(end_node(b));
                open = false;
            }
        }
    }

    WalkNetwork finish() {
        renumber_nodes_along_hilbert_curve();
        add_crossing_facts();
        std::vector<routing::ArcInput> arcs;
        arcs.reserve(m_net.edges.size() * 2);
        for (std::uint32_t e = 0; e < m_net.edges.size(); ++e) {
            const WalkEdge& edge = m_net.edges[e];
            if (edge.profile.direction != WalkDirection::backward_only) {
                arcs.push_back({edge.from, edge.to, edge.length_mm, e});
            }
            if (edge.profile.direction != WalkDirection::forward_only) {
                arcs.push_back({edge.to, edge.from, edge.length_mm, e});
            }
        }
        m_net.graph = routing::build_graph(static_cast<NodeId>(m_net.node_position.size()), arcs);
        // The builder keeps input order per tail, so an edge's forward arc (pushed
        // first) is met before its backward arc, also for loops where from == to.
        for (NodeId x = 0; x < m_net.graph.node_count(); ++x) {
            for (ArcId xy = m_net.graph.first_out[x]; xy < m_net.graph.first_out[x + 1]; ++xy) {
                WalkEdge& edge = m_net.edges[m_net.graph.arc_edge[xy]];
                const bool forward_possible = edge.profile.direction != WalkDirection::backward_only;
                if (x == edge.from && forward_possible && edge.forward_arc == kNone) {
                    edge.forward_arc = xy;
                } else {
                    edge.backward_arc = xy;
                }
            }
        }
        m_net.components = routing::find_components(m_net.graph);
        return std::move(m_net);
    }

private:
    /// Node ids follow a Hilbert curve: neighbours on the ground are neighbours in
    /// memory, which makes searches markedly faster than ids in file order.
    void renumber_nodes_along_hilbert_curve() {
        const std::vector<std::uint32_t> order = hilbert_order(m_net.node_position);
        std::vector<NodeId> new_id(order.size());
        std::vector<LonLat> position(order.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            new_id[order[i]] = i;
            position[i] = m_net.node_position[order[i]];
        }
        std::vector<std::uint32_t> node_osm(order.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            node_osm[i] = m_node_osm[order[i]];
        }
        m_node_osm = std::move(node_osm);
        m_net.node_position = std::move(position);
        for (WalkEdge& e : m_net.edges) {
            e.from = new_id[e.from];
            e.to = new_id[e.to];
        }
    }

    bool has_location(std::uint32_t n) const { return n != kNone && m_extract.node_has_location[n]; }

    /// The graph node shared by every way through OSM node n.
    NodeId shared_node(std::uint32_t n) {
        if (m_shared_node[n] == kNone) {
            m_shared_node[n] = new_node(n);
        }
        return m_shared_node[n];
    }

    /// A blocking barrier gives each piece that ends there a node of its own, so that
    /// no two pieces connect through it (§1, §7).
    NodeId end_node(std::uint32_t n) { return m_extract.node_is_blocking[n] ? new_node(n) : shared_node(n); }

    NodeId new_node(std::uint32_t n) {
        m_node_osm.push_back(n);
        m_net.node_position.push_back(m_extract.node_location[n]);
        return static_cast<NodeId>(m_net.node_position.size() - 1);
    }

    void open_edge(const OsmExtract::Way& way, std::uint32_t start) {
        WalkEdge edge;
        edge.osm_way_id = way.osm_id;
        edge.name = way.name;
        edge.profile = way.profile;
        edge.from = end_node(start);
        edge.first_point = static_cast<std::uint32_t>(m_net.points.size());
        m_net.edges.push_back(edge);
        m_net.points.push_back(m_extract.node_location[start]);
        m_net.point_offset_m.push_back(0.0);
        m_length_m = 0.0;
    }

    void append_point(std::uint32_t n) {
        const LonLat& p = m_extract.node_location[n];
        m_length_m += geodesic_distance_m(m_net.points.back(), p);
        m_net.points.push_back(p);
        m_net.point_offset_m.push_back(m_length_m);
    }

    void close_edge(NodeId to) {
        WalkEdge& edge = m_net.edges.back();
        edge.to = to;
        edge.point_count = static_cast<std::uint32_t>(m_net.points.size()) - edge.first_point;
        // 32-bit millimetres hold 4,294 km. Only a broken node location (a node at
        // 0,0 in a Swedish extract) makes a longer edge; it is kept at that length,
        // longer than any real walk, and counted.
        constexpr double kMaxMm = static_cast<double>(std::numeric_limits<LengthMm>::max() - 1);
        const double mm = std::round(m_length_m * 1000.0);
        if (mm > kMaxMm) {
            ++m_net.stats.edges_too_long;
        }
        edge.length_mm = static_cast<LengthMm>(std::min(mm, kMaxMm));
    }

    /// §8: each node's crossing control, the bearing of each edge's ends, and the arms
    /// of the non-walkable roads through each node.
    void add_crossing_facts() {
        const std::size_t node_count = m_net.node_position.size();
        m_net.node_control.resize(node_count);
        std::vector<std::vector<NodeId>> graph_nodes_of(m_extract.node_ids.size());
        for (NodeId x = 0; x < node_count; ++x) {
            m_net.node_control[x] = m_extract.node_control[m_node_osm[x]];
            graph_nodes_of[m_node_osm[x]].push_back(x);
        }
        m_net.edge_end_bearing_deg.resize(m_net.edges.size() * 2);
        for (std::uint32_t e = 0; e < m_net.edges.size(); ++e) {
            const WalkEdge& edge = m_net.edges[e];
            const LonLat* p = &m_net.points[edge.first_point];
            const std::uint32_t k = edge.point_count;
            m_net.edge_end_bearing_deg[2 * e] = geodesic_inverse(p[0], p[1]).azimuth_deg;
            m_net.edge_end_bearing_deg[2 * e + 1] = geodesic_inverse(p[k - 1], p[k - 2]).azimuth_deg;
        }
        std::vector<std::vector<RoadArm>> arms(node_count);
        std::vector<std::uint32_t> nodes;
        for (const OsmExtract::RoadWay& road : m_extract.road_ways) {
            resolve_way_nodes(m_extract, road.first_ref, road.ref_count, nodes);
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                if (nodes[i] == kNone || m_uses[nodes[i]] < 2 || !has_location(nodes[i])) {
                    continue;
                }
                for (const std::size_t j : {i - 1, i + 1}) {
                    if (j >= nodes.size() || !has_location(nodes[j])) {
                        continue; // a way end (i - 1 wraps), or a neighbour the extract lacks
                    }
                    const double bearing = geodesic_inverse(m_extract.node_location[nodes[i]],
                                                            m_extract.node_location[nodes[j]]).azimuth_deg;
                    for (const NodeId x : graph_nodes_of[nodes[i]]) {
                        arms[x].push_back({bearing, road.road, road.osm_id, road.name});
                    }
                }
            }
        }
        m_net.first_road_arm.assign(node_count + 1, 0);
        for (NodeId x = 0; x < node_count; ++x) {
            m_net.first_road_arm[x + 1] = m_net.first_road_arm[x] + static_cast<std::uint32_t>(arms[x].size());
            m_net.road_arms.insert(m_net.road_arms.end(), arms[x].begin(), arms[x].end());
        }
    }

    const OsmExtract& m_extract;
    WalkNetwork m_net;
    std::vector<std::uint32_t> m_node_osm; ///< graph node -> index into the extract's nodes
    std::vector<NodeId> m_shared_node;
    std::vector<std::uint8_t> m_uses;
    double m_length_m = 0.0;
};

} // namespace

WalkNetwork build_walk_network(const OsmExtract& extract) {
    EdgeAssembler assembler(extract);
    std::vector<std::uint32_t> nodes;
    for (const OsmExtract::Way& way : extract.ways) {
        resolve_way_nodes(extract, way.first_ref, way.ref_count, nodes);
        assembler.count_uses(nodes);
    }
    for (const OsmExtract::RoadWay& road : extract.road_ways) {
        resolve_way_nodes(extract, road.first_ref, road.ref_count, nodes);
        assembler.count_road_crossings(nodes);
    }
    for (const OsmExtract::Way& way : extract.ways) {
        resolve_way_nodes(extract, way.first_ref, way.ref_count, nodes);
        assembler.add_way(way, nodes);
    }
    return assembler.finish();
}

} // namespace skolvag::geodata

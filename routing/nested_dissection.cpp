// SPDX-License-Identifier: MIT
#include "routing/nested_dissection.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace skolvag::routing {

namespace {

constexpr std::size_t kLeafSize = 32;

/// Undirected adjacency without self-loops or repeated neighbours.
struct UndirectedGraph {
    std::vector<std::uint32_t> first;
    std::vector<NodeId> neighbour;

    explicit UndirectedGraph(const WalkGraph& g) {
        const NodeId n = g.node_count();
        std::vector<std::vector<NodeId>> adj(n);
        for (NodeId x = 0; x < n; ++x) {
            for (ArcId xy = g.first_out[x]; xy < g.first_out[x + 1]; ++xy) {
                const NodeId y = g.head[xy];
                if (x != y) {
                    adj[x].push_back(y);
                    adj[y].push_back(x);
                }
            }
        }
        first.assign(n + 1, 0);
        for (NodeId x = 0; x < n; ++x) {
            std::sort(adj[x].begin(), adj[x].end());
            adj[x].erase(std::unique(adj[x].begin(), adj[x].end()), adj[x].end());
            first[x + 1] = first[x] + static_cast<std::uint32_t>(adj[x].size());
        }
        neighbour.reserve(first[n]);
        for (auto& a : adj) {
            neighbour.insert(neighbour.end(), a.begin(), a.end());
        }
    }
};

class Dissector {
public:
    Dissector(const UndirectedGraph& g, const std::vector<NodePoint>& p) : m_graph(g), m_part(p.size(), 0) {
        for (auto& k : m_key) {
            k.resize(p.size());
        }
        for (std::size_t v = 0; v < p.size(); ++v) {
            m_key[0][v] = p[v].x;
            m_key[1][v] = p[v].y;
            m_key[2][v] = p[v].x + p[v].y;
            m_key[3][v] = p[v].x - p[v].y;
        }
    }

    /// Appends the order of `nodes` (all labelled `label`) to m_order.
    void dissect(std::vector<NodeId> nodes, std::uint32_t label) {
        if (nodes.size() <= kLeafSize) {
            // Few nodes: lowest degree first, like a minimum-degree order.
            std::sort(nodes.begin(), nodes.end(), [&](NodeId a, NodeId b) { return degree(a, label) < degree(b, label); });
            m_order.insert(m_order.end(), nodes.begin(), nodes.end());
            return;
        }
        // Split along four directions (as inertial flow does) at a few quantiles near
        // the median, and keep the cut with the smallest separator.
        std::vector<NodeId> best_separator;
        std::vector<NodeId> best_nodes;
        std::size_t best_split = 0;
        bool have_best = false;
        for (const std::vector<float>& key : m_key) {
            std::sort(nodes.begin(), nodes.end(), [&](NodeId a, NodeId b) { return key[a] < key[b]; });
            for (const double quantile : {0.4, 0.45, 0.5, 0.55, 0.6}) {
                const auto split = static_cast<std::size_t>(quantile * static_cast<double>(nodes.size()));
                std::vector<NodeId> separator =
                    cut_separator(nodes, nodes.begin() + static_cast<std::ptrdiff_t>(split));
                if (!have_best || separator.size() < best_separator.size()) {
                    best_separator = std::move(separator);
                    best_nodes = nodes;
                    best_split = split;
                    have_best = true;
                }
            }
        }
        nodes = std::move(best_nodes);
        const auto mid = nodes.begin() + static_cast<std::ptrdiff_t>(best_split);
        const std::uint32_t left = ++m_next_label;
        const std::uint32_t right = ++m_next_label;
        for (auto it = nodes.begin(); it != nodes.end(); ++it) {
            m_part[*it] = it < mid ? left : right;
        }
        std::vector<NodeId> separator = minimum_vertex_cover(nodes, left, right);
        if (separator.size() > best_separator.size()) {
            separator = std::move(best_separator);
        }
        const std::uint32_t separator_label = ++m_next_label;
        for (NodeId v : separator) {
            m_part[v] = separator_label;
        }
        std::vector<NodeId> a;
        std::vector<NodeId> b;
        for (NodeId v : nodes) {
            if (m_part[v] == left) {
                a.push_back(v);
            } else if (m_part[v] == right) {
                b.push_back(v);
            }
        }
        nodes.clear();
        nodes.shrink_to_fit();
        dissect(std::move(a), left);
        dissect(std::move(b), right);
        m_order.insert(m_order.end(), separator.begin(), separator.end());
    }

    std::vector<NodeId> take_order() { return std::move(m_order); }

private:
    /// A maximum matching of the cut between the `left` and `right` parts.
    struct Matching {
        std::vector<NodeId> left;                      ///< left nodes with a neighbour on the right
        std::unordered_map<NodeId, NodeId> of_right;   ///< right node -> its left partner
        std::unordered_map<NodeId, NodeId> of_left;    ///< left node -> its right partner
    };

    Matching match_cut(const std::vector<NodeId>& nodes, std::uint32_t left, std::uint32_t right) {
        Matching m;
        for (NodeId v : nodes) {
            if (m_part[v] == left) {
                for (std::uint32_t i = m_graph.first[v]; i < m_graph.first[v + 1]; ++i) {
                    if (m_part[m_graph.neighbour[i]] == right) {
                        m.left.push_back(v);
                        break;
                    }
                }
            }
        }
        // Kuhn's augmenting paths; the cut is small, so simple is fast enough.
        std::unordered_map<NodeId, std::uint32_t> seen;
        std::uint32_t round = 0;
        std::function<bool(NodeId)> augment = [&](NodeId u) {
            for (std::uint32_t i = m_graph.first[u]; i < m_graph.first[u + 1]; ++i) {
                const NodeId w = m_graph.neighbour[i];
                if (m_part[w] != right || seen[w] == round) {
                    continue;
                }
                seen[w] = round;
                const auto partner = m.of_right.find(w);
                if (partner == m.of_right.end() || augment(partner->second)) {
                    m.of_right[w] = u;
                    m.of_left[u] = w;
                    return true;
                }
            }
            return false;
        };
        for (NodeId u : m.left) {
            ++round;
            augment(u);
        }
        return m;
    }

    /// The smallest set of nodes covering every edge between the `left` and `right`
    /// parts: a maximum matching of the cut, then König's theorem.
    std::vector<NodeId> minimum_vertex_cover(const std::vector<NodeId>& nodes, std::uint32_t left,
                                             std::uint32_t right) {
        const Matching m = match_cut(nodes, left, right);
        // Z: reachable from unmatched left nodes by alternating paths.
        std::unordered_set<NodeId> z_left;
        std::unordered_set<NodeId> z_right;
        std::vector<NodeId> stack;
        for (NodeId u : m.left) {
            if (!m.of_left.count(u)) {
                z_left.insert(u);
                stack.push_back(u);
            }
        }
        while (!stack.empty()) {
            const NodeId u = stack.back();
            stack.pop_back();
            for (std::uint32_t i = m_graph.first[u]; i < m_graph.first[u + 1]; ++i) {
                const NodeId w = m_graph.neighbour[i];
                if (m_part[w] != right || !z_right.insert(w).second) {
                    continue;
                }
                const auto partner = m.of_right.find(w);
                if (partner != m.of_right.end() && z_left.insert(partner->second).second) {
                    stack.push_back(partner->second);
                }
            }
        }
        std::vector<NodeId> cover;
        for (NodeId u : m.left) {
            if (!z_left.count(u)) {
                cover.push_back(u);
            }
        }
        for (NodeId w : z_right) {
            if (m.of_right.count(w)) { // every right node in Z is matched
                cover.push_back(w);
            }
        }
        std::sort(cover.begin(), cover.end());
        return cover;
    }

    /// Nodes before `mid` form one side, the rest the other; the separator is the side
    /// of the cut with fewer nodes touching the other side. Labels are restored.
    std::vector<NodeId> cut_separator(std::vector<NodeId>& nodes, std::vector<NodeId>::iterator mid) {
        const std::uint32_t label = m_part[nodes.front()];
        const std::uint32_t left = ++m_next_label;
        const std::uint32_t right = ++m_next_label;
        for (auto it = nodes.begin(); it != nodes.end(); ++it) {
            m_part[*it] = it < mid ? left : right;
        }
        std::vector<NodeId> left_boundary;
        std::vector<NodeId> right_boundary;
        for (NodeId v : nodes) {
            const std::uint32_t own = m_part[v];
            const std::uint32_t other = own == left ? right : left;
            for (std::uint32_t i = m_graph.first[v]; i < m_graph.first[v + 1]; ++i) {
                if (m_part[m_graph.neighbour[i]] == other) {
                    (own == left ? left_boundary : right_boundary).push_back(v);
                    break;
                }
            }
        }
        for (NodeId v : nodes) {
            m_part[v] = label;
        }
        return left_boundary.size() <= right_boundary.size() ? left_boundary : right_boundary;
    }


    std::uint32_t degree(NodeId v, std::uint32_t label) const {
        std::uint32_t d = 0;
        for (std::uint32_t i = m_graph.first[v]; i < m_graph.first[v + 1]; ++i) {
            d += m_part[m_graph.neighbour[i]] == label ? 1 : 0;
        }
        return d;
    }

    const UndirectedGraph& m_graph;
    std::array<std::vector<float>, 4> m_key; ///< position along four directions
    std::vector<std::uint32_t> m_part; // current sub-problem of every node
    std::uint32_t m_next_label = 0;
    std::vector<NodeId> m_order;
};

} // namespace

std::vector<NodeId> nested_dissection_order(const WalkGraph& graph, const std::vector<NodePoint>& position) {
    const UndirectedGraph g(graph);
    Dissector d(g, position);
    std::vector<NodeId> all(graph.node_count());
    std::iota(all.begin(), all.end(), 0U);
    d.dissect(std::move(all), 0);
    return d.take_order();
}

} // namespace skolvag::routing

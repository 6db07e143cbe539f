// SPDX-License-Identifier: MIT
#include "geodata/prepared_network.hpp"

#include "geodata/atomic_file.hpp"
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/sha256.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <type_traits>

namespace skolvag::geodata {

// The numbers are written as this machine holds them; every platform Debian builds
// skolvag for is little-endian, and the format says so.
static_assert(std::endian::native == std::endian::little, "the prepared network format is little-endian");

namespace {

constexpr std::string_view kMagic = "SKOLVAG-NETWORK\n";
constexpr std::size_t kChecksumBytes = 64; // SHA-256 in hex

/// Appends numbers and arrays to a buffer.
class Writer {
public:
    template <class T>
    void number(T v) {
        static_assert(std::is_arithmetic_v<T>);
        m_out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    template <class T>
    void array(const std::vector<T>& v) {
        static_assert(std::is_arithmetic_v<T>);
        number(static_cast<std::uint64_t>(v.size()));
        m_out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void text(std::string_view s) {
        number(static_cast<std::uint64_t>(s.size()));
        m_out.append(s);
    }
    void positions(const std::vector<LonLat>& v) {
        number(static_cast<std::uint64_t>(v.size()));
        for (const LonLat& p : v) {
            number(p.lon_deg);
            number(p.lat_deg);
        }
    }
    void speed(const std::optional<double>& kmh) {
        number(static_cast<std::uint8_t>(kmh.has_value()));
        number(kmh.value_or(0.0));
    }
    std::string& bytes() { return m_out; }

private:
    std::string m_out;
};

/// Reads what Writer wrote, never past the end: a count larger than the bytes left is
/// refused before anything is allocated for it.
class Reader {
public:
    Reader(std::string_view bytes, const std::string& path) : m_in(bytes), m_path(path) {}

    template <class T>
    T number() {
        static_assert(std::is_arithmetic_v<T>);
        T v;
        std::memcpy(&v, take(sizeof v), sizeof v);
        return v;
    }
    template <class T>
    std::vector<T> array() {
        const std::uint64_t n = count(sizeof(T));
        std::vector<T> v(n);
        if (n > 0) {
            std::memcpy(v.data(), take(n * sizeof(T)), n * sizeof(T));
        }
        return v;
    }
    std::string text() {
        const std::uint64_t n = count(1);
        return std::string(take(n), n);
    }
    std::vector<LonLat> positions() {
        std::vector<LonLat> v(count(2 * sizeof(double)));
        for (LonLat& p : v) {
            p.lon_deg = number<double>();
            p.lat_deg = number<double>();
        }
        return v;
    }
    std::optional<double> speed() {
        const bool has = number<std::uint8_t>() != 0;
        const double kmh = number<double>();
        return has ? std::optional<double>(kmh) : std::nullopt;
    }
    /// A count of items of at least `item_bytes` each, checked against what is left.
    std::uint64_t count(std::size_t item_bytes) {
        const auto n = number<std::uint64_t>();
        if (n > (m_in.size() - m_at) / item_bytes) {
            damaged("a count beyond the file's end");
        }
        return n;
    }
    bool at_end() const noexcept { return m_at == m_in.size(); }
    [[noreturn]] void damaged(const std::string& what) const {
        throw InputError(m_path + ": not a readable prepared network (" + what + "); run skolvag prepare again");
    }

private:
    const char* take(std::size_t n) {
        if (n > m_in.size() - m_at) {
            damaged("it ends too soon");
        }
        const char* at = m_in.data() + m_at;
        m_at += n;
        return at;
    }

    std::string_view m_in;
    std::size_t m_at = 0;
    const std::string& m_path;
};

template <class Enum>
Enum enum_value(Reader& in, std::size_t count, const char* what) {
    const auto v = in.number<std::uint8_t>();
    if (v >= count) {
        in.damaged(std::string("an unknown ") + what);
    }
    return static_cast<Enum>(v);
}

void write_network(Writer& out, const WalkNetwork& net) {
    out.array(net.graph.first_out);
    out.array(net.graph.head);
    out.array(net.graph.length_mm);
    out.array(net.graph.arc_edge);
    out.number(static_cast<std::uint64_t>(net.edges.size()));
    for (const WalkEdge& e : net.edges) {
        out.number(e.osm_way_id);
        for (const std::uint32_t v : {e.name, e.from, e.to, e.first_point, e.point_count, e.length_mm, e.forward_arc,
                                      e.backward_arc}) {
            out.number(v);
        }
        out.number(static_cast<std::uint8_t>(e.profile.highway));
        out.number(static_cast<std::uint8_t>(e.profile.direction));
        out.speed(e.profile.tagged_maxspeed_kmh);
        out.number(static_cast<std::uint8_t>(e.profile.sidewalk));
        out.number(static_cast<std::uint8_t>(e.profile.lit));
    }
    out.positions(net.points);
    out.array(net.point_offset_m);
    out.positions(net.node_position);
    out.number(static_cast<std::uint64_t>(net.way_names.size()));
    for (const std::string& name : net.way_names) {
        out.text(name);
    }
    out.number(static_cast<std::uint64_t>(net.node_control.size()));
    for (const CrossingControl c : net.node_control) {
        out.number(static_cast<std::uint8_t>(c));
    }
    out.array(net.edge_end_bearing_deg);
    out.array(net.first_road_arm);
    out.number(static_cast<std::uint64_t>(net.road_arms.size()));
    for (const RoadArm& arm : net.road_arms) {
        out.number(arm.bearing_deg);
        out.number(static_cast<std::uint8_t>(arm.road.highway));
        out.speed(arm.road.tagged_maxspeed_kmh);
        out.number(arm.osm_way_id);
        out.number(arm.name);
    }
    out.array(net.components.node_component);
    out.array(net.components.length_mm);
    out.array(net.components.edge_count);
    for (const std::uint64_t v : {net.stats.osm_nodes_read, net.stats.osm_ways_read, net.stats.walkable_ways,
                                  net.stats.segments_dropped_missing_nodes, net.stats.blocking_barriers,
                                  net.stats.edges_too_long}) {
        out.number(v);
    }
}

WalkNetwork read_network(Reader& in) {
    WalkNetwork net;
    net.graph.first_out = in.array<ArcId>();
    net.graph.head = in.array<NodeId>();
    net.graph.length_mm = in.array<LengthMm>();
    net.graph.arc_edge = in.array<std::uint32_t>();
    net.edges.resize(in.count(53)); // the bytes of one edge
    for (WalkEdge& e : net.edges) {
        e.osm_way_id = in.number<OsmId>();
        for (std::uint32_t* v : {&e.name, &e.from, &e.to, &e.first_point, &e.point_count, &e.length_mm, &e.forward_arc,
                                 &e.backward_arc}) {
            *v = in.number<std::uint32_t>();
        }
        e.profile.highway = enum_value<HighwayClass>(in, kHighwayClassCount, "highway class");
        e.profile.direction = enum_value<WalkDirection>(in, 3, "walking direction");
        e.profile.tagged_maxspeed_kmh = in.speed();
        e.profile.sidewalk = in.number<std::uint8_t>() != 0;
        e.profile.lit = enum_value<LitTag>(in, 3, "lit tag");
    }
    net.points = in.positions();
    net.point_offset_m = in.array<double>();
    net.node_position = in.positions();
    net.way_names.resize(in.count(8)); // a name's length at least
    for (std::string& name : net.way_names) {
        name = in.text();
    }
    net.node_control.resize(in.count(1));
    for (CrossingControl& c : net.node_control) {
        c = enum_value<CrossingControl>(in, 3, "crossing control");
    }
    net.edge_end_bearing_deg = in.array<double>();
    net.first_road_arm = in.array<std::uint32_t>();
    net.road_arms.resize(in.count(30)); // the bytes of one arm
    for (RoadArm& arm : net.road_arms) {
        arm.bearing_deg = in.number<double>();
        arm.road.highway = enum_value<HighwayClass>(in, kHighwayClassCount, "highway class");
        arm.road.tagged_maxspeed_kmh = in.speed();
        arm.osm_way_id = in.number<OsmId>();
        arm.name = in.number<std::uint32_t>();
    }
    net.components.node_component = in.array<std::uint32_t>();
    net.components.length_mm = in.array<routing::DistanceMm>();
    net.components.edge_count = in.array<std::uint32_t>();
    for (std::uint64_t* v : {&net.stats.osm_nodes_read, &net.stats.osm_ways_read, &net.stats.walkable_ways,
                             &net.stats.segments_dropped_missing_nodes, &net.stats.blocking_barriers,
                             &net.stats.edges_too_long}) {
        *v = in.number<std::uint64_t>();
    }
    return net;
}

/// Every index the network holds points inside it: a file that passed its checksum but
/// was written wrongly must still never make a search read out of bounds.
void check_shape(const WalkNetwork& net, Reader& in) {
    try {
        net.graph.validate();
    } catch (const std::logic_error& e) {
        in.damaged(std::string("its graph: ") + e.what());
    }
    const std::size_t nodes = net.graph.node_count();
    const std::size_t arcs = net.graph.arc_count();
    const auto fail_unless = [&](bool ok, const char* what) {
        if (!ok) {
            in.damaged(what);
        }
    };
    fail_unless(net.node_position.size() == nodes && net.node_control.size() == nodes &&
                    net.components.node_component.size() == nodes && net.first_road_arm.size() == nodes + 1,
                "per-node arrays of another size than the graph");
    fail_unless(net.point_offset_m.size() == net.points.size() && net.edge_end_bearing_deg.size() == 2 * net.edges.size(),
                "per-point or per-edge arrays of another size");
    fail_unless(!net.way_names.empty() && net.way_names[0].empty(), "no empty name first");
    for (const std::uint32_t e : net.graph.arc_edge) {
        fail_unless(e < net.edges.size(), "an arc of no edge");
    }
    for (const WalkEdge& e : net.edges) {
        fail_unless(e.from < nodes && e.to < nodes && e.name < net.way_names.size() &&
                        e.first_point <= net.points.size() && e.point_count >= 2 &&
                        e.point_count <= net.points.size() - e.first_point &&
                        (e.forward_arc == routing::kInvalidId || e.forward_arc < arcs) &&
                        (e.backward_arc == routing::kInvalidId || e.backward_arc < arcs),
                    "an edge pointing outside the network");
    }
    fail_unless(std::is_sorted(net.first_road_arm.begin(), net.first_road_arm.end()) &&
                    net.first_road_arm.back() == net.road_arms.size(),
                "road arms out of order");
    for (const RoadArm& arm : net.road_arms) {
        fail_unless(arm.name < net.way_names.size(), "a road arm of no name");
    }
    const std::size_t components = net.components.length_mm.size();
    fail_unless(net.components.edge_count.size() == components, "components of two sizes");
    for (const std::uint32_t c : net.components.node_component) {
        fail_unless(c < components, "a node of no component");
    }
}

/// A permutation of 0..n-1, as an order must be.
void check_order(const std::vector<NodeId>& order, std::size_t n, Reader& in, const char* what) {
    std::vector<bool> seen(n, false);
    bool ok = order.size() == n;
    for (std::size_t i = 0; ok && i < order.size(); ++i) {
        ok = order[i] < n && !seen[order[i]];
        if (ok) {
            seen[order[i]] = true;
        }
    }
    if (!ok) {
        in.damaged(std::string("its ") + what + " order is no order of the graph");
    }
}

std::string read_whole_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path + ": cannot open the prepared network");
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        throw InputError(path + ": cannot read the prepared network");
    }
    return bytes;
}

} // namespace

bool is_prepared_network(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[kMagic.size()] = {};
    return in.read(head, sizeof head) && std::string_view(head, sizeof head) == kMagic;
}

void write_prepared_network(const std::string& path, const WalkNetwork& net, const std::string& network_id,
                            const std::string& source_sha256, const HierarchyOrders& orders) {
    Writer out;
    out.bytes().append(kMagic);
    out.number(kPreparedNetworkVersion);
    out.text(network_id);
    out.text(source_sha256);
    write_network(out, net);
    out.array(orders.walk);
    out.array(orders.turn);
    out.bytes().append(sha256_hex(out.bytes()));
    AtomicFile file(path, AtomicFile::Mode::stream);
    file.stream().write(out.bytes().data(), static_cast<std::streamsize>(out.bytes().size()));
    file.commit();
}

LoadedNetwork read_prepared_network(const std::string& path) {
    const std::string bytes = read_whole_file(path);
    if (bytes.size() < kMagic.size() + sizeof(std::uint32_t) + kChecksumBytes ||
        std::string_view(bytes).substr(0, kMagic.size()) != kMagic) {
        throw InputError(path + ": not a prepared network (skolvag prepare writes them)");
    }
    Reader in(std::string_view(bytes).substr(kMagic.size()), path);
    const auto version = in.number<std::uint32_t>();
    if (version != kPreparedNetworkVersion) {
        throw InputError(path + ": a prepared network of format " + std::to_string(version) + "; this skolvag reads format " +
                         std::to_string(kPreparedNetworkVersion) + ": run skolvag prepare again on the OSM file");
    }
    const std::string_view body = std::string_view(bytes).substr(0, bytes.size() - kChecksumBytes);
    if (sha256_hex(body) != std::string_view(bytes).substr(body.size())) {
        throw InputError(path + ": the prepared network is damaged (its SHA-256 does not match): run skolvag prepare again");
    }
    Reader content(body.substr(kMagic.size() + sizeof(std::uint32_t)), path);
    LoadedNetwork loaded;
    loaded.source = path;
    loaded.network_id = content.text();
    const std::string source_sha256 = content.text();
    // The id is of the OSM file and this executable's walking profile: a file prepared
    // under other walking rules would give other distances, so it is refused.
    if (network_id(source_sha256, walk_profile_tables()) != loaded.network_id) {
        throw InputError(path + ": prepared under another walking profile than this skolvag's: run skolvag prepare again "
                                "on the OSM file");
    }
    loaded.net = read_network(content);
    HierarchyOrders orders;
    orders.walk = content.array<NodeId>();
    orders.turn = content.array<NodeId>();
    if (!content.at_end()) {
        content.damaged("bytes after its end");
    }
    check_shape(loaded.net, content);
    check_order(orders.walk, loaded.net.graph.node_count(), content, "walk graph's");
    // The turn graph's nodes are the walk graph's arcs (turn_network.hpp).
    check_order(orders.turn, loaded.net.graph.arc_count(), content, "turn graph's");
    loaded.orders = std::move(orders);
    return loaded;
}

LoadedNetwork load_network(const std::string& path) {
    if (is_prepared_network(path)) {
        return read_prepared_network(path);
    }
    LoadedNetwork loaded;
    loaded.source = path;
    loaded.net = load_osm_network(path);
    loaded.network_id = network_file_id(path);
    return loaded;
}

} // namespace skolvag::geodata

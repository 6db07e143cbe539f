// SPDX-License-Identifier: MIT
#include "geodata/osm_network.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"
#include "geodata/osm_extract.hpp"
#include "geodata/progress_line.hpp"
#include "geodata/sha256.hpp"

#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <unordered_map>

namespace skolvag::geodata {

namespace {

double fraction_read(const osmium::io::Reader& reader) {
    const std::size_t size = reader.file_size();
    return size == 0 ? -1.0 : static_cast<double>(reader.offset()) / static_cast<double>(size);
}

/// One pass over the file for one kind of object: each buffer to `visit`, and a
/// progress line saying `counts()` when asked for.
template <class Visit, class Counts>
void read_pass(const osmium::io::File& file, osmium::osm_entity_bits::type kind, const char* label,
               bool show_progress, const Visit& visit, const Counts& counts) {
    osmium::io::Reader reader{file, kind};
    std::optional<ProgressLine> progress;
    if (show_progress) {
        progress.emplace(label);
    }
    while (osmium::memory::Buffer buffer = reader.read()) {
        visit(buffer);
        if (progress) {
            progress->update(fraction_read(reader), counts());
        }
    }
    reader.close();
    if (progress) {
        progress->finish(counts());
    }
}

/// Appends the way's node references (and any locations stored on the way) to refs.
void add_refs(const osmium::Way& way, OsmExtract& out) {
    for (const osmium::NodeRef& ref : way.nodes()) {
        out.refs.push_back(ref.ref());
        if (ref.location().valid()) {
            // Keep locations stored on the way; nodes may be absent from such files.
            out.ref_location.resize(out.refs.size());
            out.ref_has_location.resize(out.refs.size(), false);
            out.ref_location.back() = {ref.location().lon(), ref.location().lat()};
            out.ref_has_location.back() = true;
        }
    }
}

/// The index of the way's `name` in the extract's name table (0: none); names repeat, so each is kept once.
std::uint32_t name_index(const osmium::Way& way, OsmExtract& out, std::unordered_map<std::string, std::uint32_t>& index) {
    const char* name = way.tags().get_value_by_key("name");
    if (name == nullptr || *name == '\0') {
        return 0;
    }
    const auto [it, added] = index.try_emplace(name, static_cast<std::uint32_t>(out.way_names.size()));
    if (added) {
        out.way_names.emplace_back(name);
    }
    return it->second;
}

void add_way(const osmium::Way& way, OsmExtract& out, std::vector<OsmExtract::RoadWay>& road_ways,
             std::vector<OsmId>& road_refs, std::unordered_map<std::string, std::uint32_t>& names) {
    ++out.stats.osm_ways_read;
    const std::optional<WayProfile> profile = classify_way(way.tags());
    if (!profile) {
        // §8: a road that may not be walked is still crossed; kept aside until the
        // walkable ways are known.
        if (const std::optional<RoadProfile> road = classify_road(way.tags())) {
            road_ways.push_back({way.id(), name_index(way, out, names), *road,
                                 static_cast<std::uint32_t>(road_refs.size()),
                                 static_cast<std::uint32_t>(way.nodes().size())});
            for (const osmium::NodeRef& ref : way.nodes()) {
                road_refs.push_back(ref.ref());
            }
        }
        return;
    }
    ++out.stats.walkable_ways;
    OsmExtract::Way w;
    w.osm_id = way.id();
    w.name = name_index(way, out, names);
    w.profile = *profile;
    w.first_ref = static_cast<std::uint32_t>(out.refs.size());
    add_refs(way, out);
    w.ref_count = static_cast<std::uint32_t>(out.refs.size()) - w.first_ref;
    out.ways.push_back(w);
}

/// Keeps the road ways that share a node with a walkable way, with their references
/// after the walkable ways' (locations stored on road ways are not used), and returns
/// the nodes whose locations the passes need: the walkable ways' and, on those road
/// ways, every node next to one of them (an arm's bearing points at it).
std::vector<OsmId> keep_crossed_roads(OsmExtract& out, const std::vector<OsmExtract::RoadWay>& road_ways,
                                      const std::vector<OsmId>& road_refs) {
    std::vector<OsmId> walkable(out.refs);
    std::sort(walkable.begin(), walkable.end());
    walkable.erase(std::unique(walkable.begin(), walkable.end()), walkable.end());
    const auto is_walkable = [&](OsmId id) { return std::binary_search(walkable.begin(), walkable.end(), id); };
    std::vector<OsmId> needed = walkable;
    for (const OsmExtract::RoadWay& road : road_ways) {
        const auto first = road_refs.begin() + road.first_ref;
        const auto last = first + road.ref_count;
        if (std::none_of(first, last, is_walkable)) {
            continue;
        }
        OsmExtract::RoadWay kept = road;
        kept.first_ref = static_cast<std::uint32_t>(out.refs.size());
        out.refs.insert(out.refs.end(), first, last);
        out.road_ways.push_back(kept);
        for (std::uint32_t i = 0; i < road.ref_count; ++i) {
            if (is_walkable(first[i])) {
                if (i > 0) {
                    needed.push_back(first[i - 1]);
                }
                if (i + 1 < road.ref_count) {
                    needed.push_back(first[i + 1]);
                }
            }
        }
    }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    return needed;
}

void add_node(const osmium::Node& node, OsmExtract& out) {
    ++out.stats.osm_nodes_read;
    const std::uint32_t i = out.node_index(node.id());
    if (i == routing::kInvalidId) {
        return;
    }
    if (node.location().valid()) {
        out.node_location[i] = {node.location().lon(), node.location().lat()};
        out.node_has_location[i] = true;
    }
    if (is_blocking_barrier(node.tags())) {
        out.node_is_blocking[i] = true;
        ++out.stats.blocking_barriers;
    }
    out.node_control[i] = crossing_control(node.tags());
}

/// Pass 1: keep every walkable way and its node references, and the road ways that
/// cross them.
void read_ways(const osmium::io::File& file, OsmExtract& out, bool show_progress) {
    std::vector<OsmExtract::RoadWay> road_ways;
    std::vector<OsmId> road_refs;
    std::unordered_map<std::string, std::uint32_t> names;
    read_pass(
        file, osmium::osm_entity_bits::way, "reading ways", show_progress,
        [&](const osmium::memory::Buffer& buffer) {
            for (const osmium::Way& way : buffer.select<osmium::Way>()) {
                add_way(way, out, road_ways, road_refs, names);
            }
        },
        [&] {
            return with_thousands(out.stats.osm_ways_read) + " ways, " + with_thousands(out.stats.walkable_ways) +
                   " walkable";
        });
    out.node_ids = keep_crossed_roads(out, road_ways, road_refs);
}

/// Pass 2: locations, barrier and crossing tags of the nodes pass 1 kept.
void read_nodes(const osmium::io::File& file, OsmExtract& out, bool show_progress) {
    out.node_location.assign(out.node_ids.size(), LonLat{});
    out.node_has_location.assign(out.node_ids.size(), false);
    out.node_is_blocking.assign(out.node_ids.size(), false);
    out.node_control.assign(out.node_ids.size(), CrossingControl::unmarked);
    read_pass(
        file, osmium::osm_entity_bits::node, "reading nodes", show_progress,
        [&](const osmium::memory::Buffer& buffer) {
            for (const osmium::Node& node : buffer.select<osmium::Node>()) {
                add_node(node, out);
            }
        },
        [&] { return with_thousands(out.stats.osm_nodes_read) + " nodes"; });
    // Nodes the file lacks may still have their location on a way.
    for (std::size_t r = 0; r < out.ref_has_location.size(); ++r) {
        if (out.ref_has_location[r]) {
            const std::uint32_t i = out.node_index(out.refs[r]);
            if (!out.node_has_location[i]) {
                out.node_location[i] = out.ref_location[r];
                out.node_has_location[i] = true;
            }
        }
    }
}

} // namespace

WalkNetwork read_osm_network(const osmium::io::File& file, bool show_progress) {
    OsmExtract extract;
    try {
        read_ways(file, extract, show_progress);
        read_nodes(file, extract, show_progress);
    } catch (const InputError&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(std::string("not a readable OSM file: ") + e.what());
    }
    if (extract.ways.empty()) {
        throw InputError("no walkable ways in the OSM data (" + std::to_string(extract.stats.osm_ways_read) +
                         " ways read)");
    }
    WalkNetwork net = build_walk_network(extract);
    if (net.edges.empty()) {
        throw InputError("no walkable way has two located nodes (" +
                         std::to_string(extract.stats.segments_dropped_missing_nodes) +
                         " segments dropped for missing nodes)");
    }
    return net;
}

std::string network_id(const std::string& file_sha256, const std::vector<ProfileTable>& profile) {
    std::string text = "skolvag walking profile\n";
    for (const ProfileTable& table : profile) {
        text += "[" + table.name + "]\n";
        for (const std::string& row : table.rows) {
            text += row + "\n";
        }
    }
    return sha256_hex(text + "network file sha256 " + file_sha256 + "\n");
}

std::string network_file_id(const std::string& path) {
    return network_id(sha256_file_hex(path), walk_profile_tables());
}

WalkNetwork load_osm_network(const std::string& path) {
    {
        std::ifstream probe = open_input_file(path, "network file");
        char c = 0;
        if (!probe.get(c)) {
            throw InputError(path + ": network file is empty");
        }
    }
    try {
        const osmium::io::File file{path};
        return read_osm_network(file, true);
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());
    } catch (const std::exception& e) {
        // osmium rejects unknown suffixes when the File is described.
        throw InputError(path + ": not a readable OSM file: " + e.what() +
                         " (expected .osm.pbf, .osm, .osm.bz2 or .osm.gz)");
    }
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// The same real extract read as .osm.pbf, .osm, .osm.gz and .osm.bz2 gives the same
// network; OSM XML from the wild (withinDistance.osm) reads; a truncated PBF fails
// with an error naming the file. Skips when ../shared is absent.
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"

#include <gtest/gtest.h>
#include <osmium/io/any_input.hpp>
#include <osmium/io/any_output.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/visitor.hpp>

#include <fstream>

using namespace skolvag::geodata;
using namespace skolvag::testing;

namespace {

void convert(const std::string& from, const std::string& to) {
    osmium::io::Reader reader{from};
    osmium::io::Writer writer{to, reader.header(), osmium::io::overwrite::allow};
    while (osmium::memory::Buffer buffer = reader.read()) {
        writer(std::move(buffer));
    }
    writer.close();
    reader.close();
}

} // namespace

TEST(OsmFormats, EveryInputFormatGivesTheSameNetwork) {
    const auto pbf = shared_file("data/osm/stockholm.osm.pbf");
    if (!pbf) {
        GTEST_SKIP() << skip_message("data/osm/stockholm.osm.pbf");
    }
    const WalkNetwork reference = load_osm_network(*pbf);
    const TempDir dir;
    for (const char* name : {"copy.osm", "copy.osm.gz", "copy.osm.bz2", "copy.osm.pbf"}) {
        SCOPED_TRACE(name);
        const std::string path = dir.file(name);
        convert(*pbf, path);
        const WalkNetwork net = load_osm_network(path);
        EXPECT_EQ(net.graph.node_count(), reference.graph.node_count());
        EXPECT_EQ(net.edge_count(), reference.edge_count());
        EXPECT_EQ(net.stats.osm_nodes_read, reference.stats.osm_nodes_read);
        EXPECT_EQ(net.total_length_m(), reference.total_length_m());
    }
}

TEST(OsmFormats, LocationsStoredOnWaysStandInForMissingNodes) {
    // Files made with `osmium add-locations-to-ways` may drop untagged nodes.
    const auto pbf = shared_file("data/osm/stockholm.osm.pbf");
    if (!pbf) {
        GTEST_SKIP() << skip_message("data/osm/stockholm.osm.pbf");
    }
    const WalkNetwork reference = load_osm_network(*pbf);
    const TempDir dir;
    const std::string path = dir.file("ways-with-locations.osm.pbf");
    {
        osmium::io::Reader reader{*pbf};
        osmium::io::Header header = reader.header();
        header.set("pbf_add_locations_to_ways", "true");
        osmium::io::Writer writer{osmium::io::File{path, "pbf,locations_on_ways=true"}, header,
                                  osmium::io::overwrite::allow};
        using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        Index index;
        osmium::handler::NodeLocationsForWays<Index> locations{index};
        while (osmium::memory::Buffer buffer = reader.read()) {
            osmium::apply(buffer, locations);
            osmium::memory::Buffer kept{buffer.committed(), osmium::memory::Buffer::auto_grow::yes};
            for (const auto& item : buffer) {
                // Keep ways and the tagged nodes (barriers); drop every plain node.
                if (item.type() != osmium::item_type::node || !static_cast<const osmium::Node&>(item).tags().empty()) {
                    kept.add_item(item);
                    kept.commit();
                }
            }
            writer(std::move(kept));
        }
        writer.close();
        reader.close();
    }
    const WalkNetwork net = load_osm_network(path);
    EXPECT_LT(net.stats.osm_nodes_read, reference.stats.osm_nodes_read);
    EXPECT_EQ(net.stats.segments_dropped_missing_nodes, 0U);
    EXPECT_EQ(net.edge_count(), reference.edge_count());
    EXPECT_EQ(net.total_length_m(), reference.total_length_m());
}

TEST(OsmFormats, ReadsOsmXmlFromAnApiDownload) {
    const auto xml = shared_file("data/osm/withinDistance.osm");
    if (!xml) {
        GTEST_SKIP() << skip_message("data/osm/withinDistance.osm");
    }
    const WalkNetwork net = load_osm_network(*xml);
    EXPECT_GT(net.edge_count(), 50U);
    EXPECT_GT(net.total_length_m(), 5000.0);
}

TEST(OsmFormats, ATruncatedPbfIsAnErrorNamingTheFile) {
    const auto pbf = shared_file("data/osm/stockholm.osm.pbf");
    if (!pbf) {
        GTEST_SKIP() << skip_message("data/osm/stockholm.osm.pbf");
    }
    const TempDir dir;
    const std::string bytes = read_text(*pbf);
    const std::string cut = dir.write("cut.osm.pbf", bytes.substr(0, bytes.size() / 2));
    try {
        load_osm_network(cut);
        FAIL() << "a truncated file was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("cut.osm.pbf"), std::string::npos) << e.what();
    }
}

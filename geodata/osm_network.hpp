// SPDX-License-Identifier: MIT
// Reading an OSM file (.osm.pbf, .osm, .osm.bz2, .osm.gz) into a WalkNetwork with
// libosmium: pass 1 keeps the walkable ways, pass 2 the locations and barrier tags of
// their nodes, then the graph is built.
#pragma once

#include "geodata/walk_network.hpp"
#include "geodata/walk_profile.hpp"

#include <string>
#include <vector>

namespace osmium::io {
class File;
}

namespace skolvag::geodata {

/**
 * Reads a walking network from an OSM file or in-memory buffer.
 * @param file an osmium file description (a path, or a buffer with its format).
 * @param show_progress print a progress line on stderr while reading.
 * @throws InputError when the data cannot be read as OSM, or has no walkable way.
 */
WalkNetwork read_osm_network(const osmium::io::File& file, bool show_progress = false);

/**
 * Reads a walking network from a file path, with a progress line on stderr.
 * @throws InputError naming the file when it is missing, unreadable, not OSM, or
 *         has no walkable way.
 */
WalkNetwork load_osm_network(const std::string& path);

/**
 * A network's id: SHA-256 of the walking profile's rule tables and of the file's
 * SHA-256, so that a result records exactly which data and walking rules made it, and
 * any change of a rule changes the id without anyone bumping a number.
 */
std::string network_id(const std::string& file_sha256, const std::vector<ProfileTable>& profile);

/**
 * The id of a network file with the walking profile of this executable.
 * @throws InputError when the file cannot be read.
 */
std::string network_file_id(const std::string& path);

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// A prepared network (`skolvag prepare`): a walking network read once from an OSM file
// and kept in one file with its id and the nested-dissection orders of its hierarchies,
// so that batch, distances and serve start from it without reading OSM or ordering the
// graph again. The file is versioned and checksummed; one from another format version,
// a damaged one, or one prepared under another walking profile is refused by name.
//
// Layout: "SKOLVAG-NETWORK\n" (16 bytes), the format version (u32, little-endian),
// sections of little-endian numbers and length-prefixed arrays, then the SHA-256 of
// every byte before it (64 hex digits).
#pragma once

#include "geodata/network_hierarchy.hpp"
#include "geodata/walk_network.hpp"

#include <optional>
#include <string>
#include <vector>

namespace skolvag::geodata {

/// A network as batch, distances and serve start from it.
struct LoadedNetwork {
    WalkNetwork net;
    std::string network_id;                ///< the OSM file's network id (osm_network.hpp)
    std::optional<HierarchyOrders> orders; ///< set when read from a prepared file
    std::string source;                    ///< what it was read from, for messages and network-info
};

/// The format this executable writes and reads.
inline constexpr std::uint32_t kPreparedNetworkVersion = 1;

/** True when the file starts as a prepared network does (else it is read as OSM). */
bool is_prepared_network(const std::string& path);

/**
 * Writes a prepared network, atomically (a temporary file renamed at the end).
 * @param source_sha256 the OSM file's SHA-256: the network id is checked against it on reading.
 * @throws InputError when the file cannot be written.
 */
void write_prepared_network(const std::string& path, const WalkNetwork& net, const std::string& network_id,
                            const std::string& source_sha256, const HierarchyOrders& orders);

/**
 * Reads a prepared network.
 * @throws InputError naming the file when it is not one, is damaged (its checksum), is of
 *         another format version, or was prepared under another walking profile.
 */
LoadedNetwork read_prepared_network(const std::string& path);

/** The network of an OSM file or of a prepared file, with its id (and orders, when prepared). */
LoadedNetwork load_network(const std::string& path);

} // namespace skolvag::geodata

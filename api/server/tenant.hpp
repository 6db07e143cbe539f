// SPDX-License-Identifier: MIT
// What `skolvag serve` holds in memory: the walking network with its indexes, shared
// by every tenant, and each tenant (a municipality) with its rules, its schools and
// their precomputed distances.
#pragma once

#include "api/eligibility/rules.hpp"
#include "api/eligibility/school_distance_index.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/stop_register.hpp"
#include "api/server/server_config.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/prepared_network.hpp"

#include <memory>
#include <optional>
#include <string>

namespace skolvag::api {

/// The walking network and its indexes, shared by every tenant.
struct ServerNetwork {
    /** An OSM file's or a prepared file's network (geodata::load_network), with its id. */
    explicit ServerNetwork(geodata::LoadedNetwork loaded);
    geodata::WalkNetwork net;
    geodata::Snapper snapper;
    geodata::ReversedNetwork reversed;
    geodata::NetworkHierarchy hierarchy;
    geodata::LonLatBox area; ///< the network's box, kept: a registration checks for swapped axes against it
    std::string network_id;
};

/// A municipality: its rules, its schools and their precomputed distances, and its
/// pick-up stops (searched as schools are) when it has any.
struct Tenant {
    std::string name;
    Rules rules;
    SchoolRegister schools;
    std::unique_ptr<SchoolDistanceIndex> index;
    std::optional<SchoolRegister> stops;             ///< stop_register.hpp; none without `stops` in server.toml
    std::unique_ptr<SchoolDistanceIndex> stop_index; ///< every node's distance to every stop, per band
};

/**
 * Loads a tenant's schools and rules and precomputes its distances.
 * @throws geodata::InputError naming a file that cannot be used.
 */
std::unique_ptr<Tenant> load_tenant(const TenantConfig& config, const ServerNetwork& network, unsigned threads);

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/server/tenant.hpp"

#include "api/eligibility/rules_file.hpp"
#include "geodata/errors.hpp"
#include "geodata/network_hierarchy.hpp"

#include <cstdio>
#include <sstream>

namespace skolvag::api {

ServerNetwork::ServerNetwork(geodata::LoadedNetwork loaded)
    : net(std::move(loaded.net)), snapper(net), reversed(net), hierarchy(net, std::move(loaded.orders)),
      area(net.bbox()), network_id(std::move(loaded.network_id)) {}

std::unique_ptr<Tenant> load_tenant(const TenantConfig& config, const ServerNetwork& network, unsigned threads) {
    auto t = std::make_unique<Tenant>();
    t->name = config.name;
    t->rules = load_rules(config.rules);
    if (t->rules.bands.empty()) {
        throw geodata::InputError(config.rules + ": no [[band]]: tenant '" + config.name + "' needs grade bands");
    }
    t->schools = read_school_register(config.schools, config.crs);
    std::ostringstream warnings;
    snap_entrances(t->schools, network.snapper, t->rules.walking, warnings);
    if (!warnings.str().empty()) {
        std::fputs(warnings.str().c_str(), stderr); // school ids and rows only
    }
    t->index = std::make_unique<SchoolDistanceIndex>(network.net, network.reversed, network.hierarchy, t->rules,
                                                     t->schools, threads);
    for (const EntranceWarning& w : t->index->entrance_warnings()) {
        std::fputs(("tenant '" + t->name + "': " + w.text() + "\n").c_str(), stderr); // school data only
    }
    if (config.stops) {
        // The stops get the search the schools get, so that an answer equals batch's.
        t->stops = read_stop_register(*config.stops, config.crs);
        std::ostringstream stop_warnings;
        for (const std::string& w : t->stops->warnings) {
            stop_warnings << "warning: " << w << '\n';
        }
        snap_stops(*t->stops, network.snapper, t->rules.walking, stop_warnings);
        std::fputs(stop_warnings.str().c_str(), stderr); // stop ids and rows only
        t->stop_index = std::make_unique<SchoolDistanceIndex>(network.net, network.reversed, network.hierarchy,
                                                              t->rules, *t->stops, threads);
    }
    return t;
}

} // namespace skolvag::api

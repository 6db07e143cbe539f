// SPDX-License-Identifier: MIT
// WalkFixture: an ASCII-map network run through the whole pipeline (OSM XML ->
// libosmium -> graph -> snapping -> routing), with behaviour-table helpers that
// print the whole table, expected and actual, when a row fails.
#pragma once

#include "geodata/point_distance.hpp"
#include "api/eligibility/rules_file.hpp"
#include "geodata/snap.hpp"
#include "geodata/walk_network.hpp"
#include "tests/support/ascii_map.hpp"

#include <memory>
#include <optional>
#include <string>

namespace skolvag::testing {

/// The rules file shipped with the demo: the example of walking-network.md §6.
std::string example_rules_path();

/** Reads OSM XML text through libosmium into a network (no files involved). */
geodata::WalkNetwork network_from_xml(const std::string& xml);

class WalkFixture {
public:
    WalkFixture(std::string_view drawing, double grid_m, const std::vector<WayDef>& ways,
                const std::map<char, Tags>& node_tags = {}, const std::set<char>& missing = {});

    /** Replaces the rules (default: api::example_rules(), islands kept). */
    WalkFixture& with_rules(const std::string& toml);

    const geodata::WalkNetwork& network() const { return *m_net; }
    const api::Rules& rules() const { return m_rules; }
    const AsciiMap& map() const { return m_map; }
    const geodata::Snapper& snapper() const { return *m_snapper; }

    /** Distance between two named points; band "" is the plain distance. */
    geodata::PointDistance distance(char from, char to, const std::string& band = "") const;
    /** Snap of a named point with the fixture's rules. */
    std::optional<geodata::Snap> snap(char name) const;

private:
    AsciiMap m_map;
    std::unique_ptr<geodata::WalkNetwork> m_net;
    std::unique_ptr<geodata::Snapper> m_snapper;
    api::Rules m_rules;
};

/// One row of a route table: expected distance in metres, or nullopt for "no distance"
/// together with the expected status.
struct RouteRow {
    char from;
    char to;
    std::optional<double> distance_m;
    geodata::DistanceStatus status = geodata::DistanceStatus::ok;
};

/**
 * Checks every row (band "" = plain) within tolerance_m and, when any row fails,
 * reports the whole table with the actual values beside the expected ones.
 */
void expect_routes(const WalkFixture& fixture, const std::vector<RouteRow>& rows, const std::string& band = "",
                   double tolerance_m = 0.05);

} // namespace skolvag::testing

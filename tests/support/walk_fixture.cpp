// SPDX-License-Identifier: MIT
#include "tests/support/walk_fixture.hpp"

#include "geodata/osm_network.hpp"

#include <gtest/gtest.h>
#include <osmium/io/file.hpp>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace skolvag::testing {

std::string example_rules_path() { return std::string(SKOLVAG_SOURCE_DIR) + "/scripts/demo/exempelby-rules.toml"; }

geodata::WalkNetwork network_from_xml(const std::string& xml) {
    const osmium::io::File file{xml.data(), xml.size(), "osm"};
    return geodata::read_osm_network(file);
}

WalkFixture::WalkFixture(std::string_view drawing, double grid_m, const std::vector<WayDef>& ways,
                         const std::map<char, Tags>& node_tags, const std::set<char>& missing)
    : m_map(drawing, grid_m),
      m_net(std::make_unique<geodata::WalkNetwork>(network_from_xml(to_osm_xml(m_map, ways, node_tags, missing)))),
      m_snapper(std::make_unique<geodata::Snapper>(*m_net)),
      m_rules(api::example_rules()) {
    // Test drawings are small: keep every component snappable unless a test says otherwise.
    m_rules.walking.min_component_m = 0;
}

WalkFixture& WalkFixture::with_rules(const std::string& toml) {
    m_rules = api::parse_rules(toml, "test-rules.toml");
    return *this;
}

geodata::PointDistance WalkFixture::distance(char from, char to, const std::string& band) const {
    const geodata::BandSafety* b = nullptr;
    if (!band.empty()) {
        const api::Band* found = m_rules.find_band(band);
        if (found == nullptr) {
            throw std::invalid_argument("no band '" + band + "' in the fixture's rules");
        }
        b = &found->safety;
    }
    geodata::PointDistanceCalculator calc(*m_snapper, m_rules.walking, b);
    return calc.compute(m_map.position(from), m_map.position(to));
}

std::optional<geodata::Snap> WalkFixture::snap(char name) const {
    return m_snapper->snap(m_map.position(name), m_rules.walking.max_snap_m, m_rules.walking.min_component_m);
}

void expect_routes(const WalkFixture& fixture, const std::vector<RouteRow>& rows, const std::string& band,
                   double tolerance_m) {
    std::ostringstream table;
    bool failed = false;
    table << "band: " << (band.empty() ? "(plain)" : band) << "\n"
          << "  from  to   expected               actual\n";
    for (const RouteRow& row : rows) {
        const geodata::PointDistance got = fixture.distance(row.from, row.to, band);
        const bool status_ok = got.status == row.status;
        const bool distance_ok = row.distance_m.has_value() == got.distance_m.has_value() &&
                                 (!row.distance_m || std::fabs(*row.distance_m - *got.distance_m) <= tolerance_m);
        const bool ok = status_ok && distance_ok;
        failed = failed || !ok;
        char line[200];
        std::snprintf(line, sizeof line, "%s %c     %c    %-8s %-12s  %-8s %-12s\n", ok ? " " : "x", row.from, row.to,
                      row.distance_m ? std::to_string(*row.distance_m).substr(0, 8).c_str() : "-",
                      std::string(geodata::to_string(row.status)).c_str(),
                      got.distance_m ? std::to_string(*got.distance_m).substr(0, 8).c_str() : "-",
                      std::string(geodata::to_string(got.status)).c_str());
        table << line;
    }
    if (failed) {
        ADD_FAILURE() << "route table differs (x marks failing rows, tolerance " << tolerance_m << " m):\n"
                      << table.str();
    }
}

} // namespace skolvag::testing

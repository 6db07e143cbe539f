// SPDX-License-Identifier: MIT
#include "tests/support/batch_fixture.hpp"

#include "geodata/text/csv.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace skolvag::testing {

const char* const kBatchRulesToml = R"(
name = "Testkommun 2026/27"
min_component_m = 0

[[band]]
name = "F-3"
grades = ["F", "1", "2", "3"]
threshold_m = 150
max_speed_without_sidewalk = 50

[[band]]
name = "4-6"
grades = ["4", "5", "6"]
threshold_m = 250
max_speed_without_sidewalk = 80
)";

BatchFixture line_town() {
    constexpr const char* kLine = R"(
    s a---------b---------c---------e
                1                   3
)";
    return BatchFixture(kLine, 10.0, {{"abc", {{"highway", "footway"}}}, {"ce", {{"highway", "primary"}}}});
}

BatchFixture::BatchFixture(std::string_view drawing, double grid_m, const std::vector<WayDef>& ways,
                           const std::map<char, Tags>& node_tags)
    : m_map(drawing, grid_m) {
    m_network = m_dir.write("town.osm", to_osm_xml(m_map, ways, node_tags));
    m_rules = m_dir.write("rules.toml", kBatchRulesToml);
}

void BatchFixture::write_rules(const std::string& toml) { m_rules = m_dir.write("rules.toml", toml); }

std::string BatchFixture::lon_lat(char c) const {
    const geodata::LonLat p = m_map.position(c);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.7f,%.7f", p.lon_deg, p.lat_deg);
    return buf;
}

std::string BatchFixture::write_schools(const std::vector<SchoolRow>& rows, const std::string& name) const {
    std::string text = "school_id,name,grades,lon,lat\n";
    for (const SchoolRow& r : rows) {
        text += r.school_id + ",Skola " + r.school_id + "," + r.grades + "," + lon_lat(r.entrance) + "\n";
    }
    return m_dir.write(name, text);
}

std::string BatchFixture::write_pupils(const std::vector<PupilRow>& rows, const std::string& name) const {
    std::string text = "pupil_ref,grade,school_id,reference_school_id,lon,lat\n";
    for (const PupilRow& r : rows) {
        text += r.pupil_ref + "," + r.grade + "," + r.school_id + "," + r.reference_school_id + "," +
                (r.home == '?' ? r.lon_lat : lon_lat(r.home)) + "\n";
    }
    return m_dir.write(name, text);
}

CommandResult BatchFixture::run(const std::string& schools, const std::string& pupils, const std::string& out,
                                const std::vector<std::string>& extra) const {
    std::vector<std::string> args = {"batch",   "--network", m_network, "--schools", schools, "--pupils",
                                     pupils,    "--rules",   m_rules,   "--out",     out};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_skolvag(args);
}

DecisionRows read_decision_rows(const std::string& path) {
    std::istringstream in(read_text(path));
    geodata::CsvReader csv(in);
    std::vector<std::string> header;
    std::vector<std::string> fields;
    std::size_t line = 0;
    DecisionRows rows;
    if (!csv.next(header, line)) {
        return rows;
    }
    while (csv.next(fields, line)) {
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
            row[header[i]] = fields[i];
        }
        rows[{row["pupil_ref"], std::stoi(row["home_no"])}] = row;
    }
    return rows;
}

} // namespace skolvag::testing

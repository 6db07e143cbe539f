// SPDX-License-Identifier: MIT
#include "tests/support/ascii_map.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace skolvag::testing {

namespace {

// Drawings are placed in Stockholm, where Swedish pupils walk.
constexpr double kOriginLon = 18.06;
constexpr double kOriginLat = 59.315;

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in{std::string(text)};
    while (std::getline(in, line)) {
        lines.push_back(line);
    }
    return lines;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

AsciiMap::AsciiMap(std::string_view drawing, double grid_m) {
    const std::vector<std::string> lines = split_lines(drawing);
    std::size_t indent = std::string::npos;
    for (const std::string& l : lines) {
        const auto first = l.find_first_not_of(' ');
        if (first != std::string::npos) {
            indent = std::min(indent, first);
        }
    }
    // Metres per degree at each row's own latitude, so that distances along a row
    // and down a column are true to well under a millimetre per 100 m.
    const double rad = std::numbers::pi / 180.0;
    const double a = 6378137.0;
    const double e2 = 6.69437999014e-3;
    auto m_per_deg_lat = [&](double lat) {
        const double s = std::sin(lat * rad);
        return a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5) * rad;
    };
    auto m_per_deg_lon = [&](double lat) {
        const double s = std::sin(lat * rad);
        return a * std::cos(lat * rad) / std::sqrt(1 - e2 * s * s) * rad;
    };
    for (std::size_t row = 0; row < lines.size(); ++row) {
        for (std::size_t col = indent == std::string::npos ? 0 : indent; col < lines[row].size(); ++col) {
            const char c = lines[row][col];
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                continue;
            }
            if (m_points.count(c) > 0) {
                throw std::invalid_argument(std::string("point '") + c + "' is drawn twice");
            }
            const double x = static_cast<double>(col - indent) * grid_m;
            const double y = -static_cast<double>(row) * grid_m;
            const double lat = kOriginLat + y / m_per_deg_lat(kOriginLat + y / m_per_deg_lat(kOriginLat));
            // Rounded to OSM's 1e-7 degree precision, so a query point drawn on a node
            // is exactly that node, as it is after the round trip through OSM XML.
            m_points[c] = {std::round((kOriginLon + x / m_per_deg_lon(lat)) * 1e7) / 1e7,
                           std::round(lat * 1e7) / 1e7};
            if (std::isalpha(static_cast<unsigned char>(c))) {
                m_letters.push_back(c);
            }
        }
    }
}

geodata::LonLat AsciiMap::position(char name) const {
    const auto it = m_points.find(name);
    if (it == m_points.end()) {
        throw std::out_of_range(std::string("point '") + name + "' is not in the drawing");
    }
    return it->second;
}

std::string to_osm_xml(const AsciiMap& map, const std::vector<WayDef>& ways, const std::map<char, Tags>& node_tags,
                       const std::set<char>& missing) {
    std::ostringstream xml;
    xml << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"skolvag-tests\">\n";
    auto node_id = [&](char c) {
        const auto& l = map.letters();
        const auto it = std::find(l.begin(), l.end(), c);
        if (it == l.end()) {
            throw std::invalid_argument(std::string("way uses '") + c + "', which is not a drawn letter");
        }
        return 1000 + (it - l.begin());
    };
    for (char c : map.letters()) {
        if (missing.count(c) > 0) {
            continue;
        }
        const geodata::LonLat p = map.position(c);
        char coords[96];
        std::snprintf(coords, sizeof coords, "lat=\"%.7f\" lon=\"%.7f\"", p.lat_deg, p.lon_deg);
        xml << "  <node id=\"" << node_id(c) << "\" version=\"1\" " << coords;
        const auto tags = node_tags.find(c);
        if (tags == node_tags.end()) {
            xml << "/>\n";
            continue;
        }
        xml << ">\n";
        for (const auto& [k, v] : tags->second) {
            xml << "    <tag k=\"" << xml_escape(k) << "\" v=\"" << xml_escape(v) << "\"/>\n";
        }
        xml << "  </node>\n";
    }
    for (std::size_t w = 0; w < ways.size(); ++w) {
        xml << "  <way id=\"" << 100 + w << "\" version=\"1\">\n";
        for (char c : ways[w].nodes) {
            xml << "    <nd ref=\"" << node_id(c) << "\"/>\n";
        }
        for (const auto& [k, v] : ways[w].tags) {
            xml << "    <tag k=\"" << xml_escape(k) << "\" v=\"" << xml_escape(v) << "\"/>\n";
        }
        xml << "  </way>\n";
    }
    xml << "</osm>\n";
    return xml.str();
}

} // namespace skolvag::testing

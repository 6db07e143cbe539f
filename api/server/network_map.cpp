// SPDX-License-Identifier: MIT
#include "api/server/network_map.hpp"

#include "geodata/wgs84.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <unordered_set>

namespace skolvag::api {

namespace {

ApiError bad_bbox(const std::string& why) { return {ErrorCode::invalid_field, "query parameter 'bbox' " + why}; }

/// One number of the list, whole text only (from_chars: no locale, no leading '+' or blanks).
std::optional<double> number(std::string_view text) {
    double v = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

/// Square kilometres as a message shows them: "0.5", "4", "257.343".
std::string km2_text(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

} // namespace

Result<geodata::LonLatBox> parse_bbox(const std::optional<std::string>& text) {
    if (!text) {
        return bad_bbox("is required: minlon,minlat,maxlon,maxlat in WGS84 degrees");
    }
    std::vector<double> v;
    std::string_view rest = *text;
    while (v.size() < 5) {
        const std::size_t comma = rest.find(',');
        const auto n = number(rest.substr(0, comma));
        if (!n) {
            return bad_bbox("must be four finite numbers: minlon,minlat,maxlon,maxlat");
        }
        v.push_back(*n);
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    if (v.size() != 4) {
        return bad_bbox("must be four finite numbers: minlon,minlat,maxlon,maxlat");
    }
    if (v[0] < -180.0 || v[2] > 180.0 || v[1] < -90.0 || v[3] > 90.0) {
        return bad_bbox("is out of range: lon within [-180, 180], lat within [-90, 90]");
    }
    if (v[0] > v[2] || v[1] > v[3]) {
        return bad_bbox("has a minimum above its maximum (minlon,minlat,maxlon,maxlat)");
    }
    geodata::LonLatBox box;
    box.extend({v[0], v[1]});
    box.extend({v[2], v[3]});
    return box;
}

double area_km2(const geodata::LonLatBox& box) {
    // The exact area of a lon/lat box on the sphere: R² Δλ (sin φ2 − sin φ1).
    constexpr double kRad = geodata::wgs84::kRadiansPerDegree;
    const double r_km = geodata::wgs84::kMeanRadiusM / 1000.0;
    return r_km * r_km * (box.max.lon_deg - box.min.lon_deg) * kRad *
           (std::sin(box.max.lat_deg * kRad) - std::sin(box.min.lat_deg * kRad));
}

Result<std::vector<std::uint32_t>> edges_in_box(const geodata::Snapper& snapper, const geodata::LonLatBox& box,
                                                const NetworkLimits& limits) {
    if (area_km2(box) > limits.max_km2) {
        return ApiError{ErrorCode::area_too_large, "the bbox covers " + km2_text(area_km2(box)) +
                                                       " km²; at most max_network_km2 = " +
                                                       km2_text(limits.max_km2) + " km² are answered"};
    }
    std::unordered_set<std::uint32_t> seen;
    bool over = false; // the set stops growing at the cap: memory stays bounded
    snapper.index().visit_in_box(box, [&](const geodata::SegmentIndex::Segment& s) {
        if (!over && seen.insert(s.edge).second && seen.size() > limits.max_edges) {
            over = true;
        }
    });
    if (over) {
        return ApiError{ErrorCode::area_too_large, "the bbox holds more than max_network_edges = " +
                                                       std::to_string(limits.max_edges) + " edges; ask for a smaller one"};
    }
    std::vector<std::uint32_t> edges(seen.begin(), seen.end());
    std::sort(edges.begin(), edges.end());
    return edges;
}

} // namespace skolvag::api

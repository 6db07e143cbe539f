// SPDX-License-Identifier: MIT
#include "api/server/answer_json.hpp"

#include "geodata/highway_class.hpp"

#include <cmath>

namespace skolvag::api {

namespace {

using nlohmann::json;

constexpr const char* kAttribution = "© OpenStreetMap contributors";
constexpr const char* kRouteStart = "the home's nearest point on the walking network";

void add_versions(json& j, const Versions& v) {
    j["rule_set"] = v.rule_set;
    j["rules_sha256"] = v.rules_sha256;
    j["schools_sha256"] = v.schools_sha256;
    j["network_id"] = v.network_id;
    j["skolvag_version"] = v.skolvag_version;
    if (!v.stops_sha256.empty()) {
        j["stops_sha256"] = v.stops_sha256;
    }
}

Versions versions_of(const json& j) {
    return {j.value("rule_set", ""), j.value("rules_sha256", ""), j.value("schools_sha256", ""),
            j.value("network_id", ""), j.value("skolvag_version", ""), j.value("stops_sha256", "")};
}

/// An eligible_traffic decision's reasons (up to three unsafe places on the plain route).
void add_reasons(json& j, const Assessment& a) {
    if (a.decision && !a.decision->reasons.empty()) {
        j["reasons"] = a.decision->reasons;
        j["reasons_sv"] = a.reasons_sv;
    }
}

void add_note(json& j, const std::string& note) {
    if (!note.empty()) {
        j["note"] = note;
    }
}

/// Degrees to 7 decimals (about a centimetre), as every route coordinate is given.
double degrees(double d) { return std::round(d * 1e7) / 1e7; }

json chosen_school_json(const Assessment& a) {
    json chosen = {{"school_id", a.school_id}, {"appeal", kChosenSchoolAppeal}};
    if (!a.decision) {
        chosen["outcome"] = to_string(Outcome::not_on_network);
        return chosen;
    }
    chosen["plain_distance_m"] = shown_metres(a.decision->plain_distance_m, a.is_protected);
    chosen["safe_distance_m"] = shown_metres(a.decision->safe_distance_m, a.is_protected);
    chosen["outcome"] = to_string(a.decision->outcome);
    return chosen;
}

json reference_school_json(const Assessment& a) {
    if (!a.decision || a.decision->reference_school_id.empty()) {
        return nullptr;
    }
    const Decision& d = *a.decision;
    return {{"school_id", d.reference_school_id},
            {"safe_distance_m", shown_metres(d.reference_safe_distance_m, a.is_protected)},
            {"outcome", to_string(*d.reference_outcome)},
            {"appeal", kReferenceSchoolAppeal},
            {"chosen_by", a.reference_given ? "request" : "proximity"}};
}

/// The walk to the pick-up stop asked about: null when there is none to judge (the home
/// is not on the network, or the pupil gets no transport and so walks to no stop).
json stop_json(const Assessment& a) {
    if (!a.decision || !a.decision->stop_outcome) {
        return nullptr;
    }
    const Decision& d = *a.decision;
    return {{"stop_id", d.stop_id},
            {"plain_distance_m", shown_metres(d.stop_plain_distance_m, a.is_protected)},
            {"safe_distance_m", shown_metres(d.stop_safe_distance_m, a.is_protected)},
            {"threshold_m", whole_metres(d.stop_threshold_m)},
            {"outcome", to_string(*d.stop_outcome)}};
}

json audit_entry_json(const AuditEntry& e) {
    return {{"id", e.id}, {"at", e.at}, {"client", e.client}, {"action", e.action}, {"outcome", e.outcome}, {"count", e.count}};
}

} // namespace

json whole_metres(const std::optional<double>& metres) {
    if (!metres) {
        return nullptr;
    }
    return static_cast<std::int64_t>(std::llround(*metres));
}

json shown_metres(const std::optional<double>& metres, bool is_protected) {
    if (!metres || !is_protected) {
        return whole_metres(metres);
    }
    return static_cast<std::int64_t>(std::llround(*metres / 100.0) * 100);
}

json registered_json(const RegisteredToken& r) {
    return {{"token", r.token}, {"on_network", r.snap_m.has_value()}, {"snap_m", shown_metres(r.snap_m, r.is_protected)}};
}

json distance_json(const Assessment& a) {
    json j = {{"token", a.token},
              {"school_id", a.school_id},
              {"grade", a.grade},
              {"band", a.band->name},
              {"plain_distance_m", a.decision ? shown_metres(a.decision->plain_distance_m, a.is_protected) : json()},
              {"safe_distance_m", a.decision ? shown_metres(a.decision->safe_distance_m, a.is_protected) : json()},
              {"threshold_m", whole_metres(a.band->threshold_m)},
              {"outcome", to_string(a.decision ? a.decision->outcome : Outcome::not_on_network)}};
    add_versions(j, a.versions);
    add_note(j, a.note);
    add_reasons(j, a);
    return j;
}

json assessment_json(const Assessment& a) {
    json j = {{"token", a.token},
              {"grade", a.grade},
              {"band", a.band->name},
              {"threshold_m", whole_metres(a.band->threshold_m)},
              {"school", chosen_school_json(a)},
              {"reference_school", reference_school_json(a)}};
    if (a.stop_asked) {
        j["stop"] = stop_json(a);
    }
    add_versions(j, a.versions);
    add_note(j, a.note);
    add_reasons(j, a);
    return j;
}

json network_json(const NetworkAnswer& n) {
    const geodata::WalkNetwork& net = *n.network;
    json features = json::array();
    for (const std::uint32_t e : n.edges) {
        const geodata::WalkEdge& edge = net.edges[e];
        json coordinates = json::array();
        for (std::uint32_t i = edge.first_point; i < edge.first_point + edge.point_count; ++i) {
            coordinates.push_back({degrees(net.points[i].lon_deg), degrees(net.points[i].lat_deg)});
        }
        const std::string& name = net.way_names[edge.name];
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "LineString"}, {"coordinates", std::move(coordinates)}}},
                            {"properties",
                             {{"highway", geodata::to_string(edge.profile.highway)},
                              {"name", name.empty() ? json(nullptr) : json(name)},
                              {"osm_way_id", edge.osm_way_id}}}});
    }
    return {{"type", "FeatureCollection"},
            {"bbox", {n.bbox.min.lon_deg, n.bbox.min.lat_deg, n.bbox.max.lon_deg, n.bbox.max.lat_deg}},
            {"attribution", kAttribution},
            {"license", "ODbL 1.0"},
            {"features", std::move(features)}};
}

json map_config_json(const std::optional<std::string>& tile_url, const NetworkLimits& limits) {
    // The caps let the page ask for the network around a long route in boxes it may ask for.
    return {{"tile_url", tile_url ? json(*tile_url) : json(nullptr)},
            {"attribution", kAttribution},
            {"max_network_km2", limits.max_km2},
            {"max_network_edges", limits.max_edges}};
}

json route_json(const RouteAnswer& r) {
    json coordinates = json::array();
    for (const geodata::LonLat& at : r.positions) {
        coordinates.push_back({degrees(at.lon_deg), degrees(at.lat_deg)});
    }
    json properties = {{"token", r.token},
                       {"school_id", r.school_id},
                       {"band", r.band},
                       {"route_kind", to_string(r.kind)},
                       {"route_m", whole_metres(r.kind == RouteKind::safe ? r.safe_distance_m : r.plain_distance_m)},
                       {"plain_distance_m", whole_metres(r.plain_distance_m)},
                       {"safe_distance_m", whole_metres(r.safe_distance_m)},
                       {"outcome", to_string(r.outcome)},
                       {"starts_at", kRouteStart},
                       {"attribution", kAttribution},
                       {"license", "ODbL 1.0"}};
    // Each piece of the line safe or unsafe for the band (indexes into its coordinates),
    // and the roads crossed: what a map shows a case officer.
    json pieces = json::array();
    for (const geodata::RoutePiece& p : r.pieces) {
        pieces.push_back(
            {{"first", p.first}, {"last", p.last}, {"safe", p.safe}, {"reason", p.reason}, {"reason_sv", p.reason_sv}});
    }
    json crossings = json::array();
    for (const geodata::CrossingPassed& c : r.crossings) {
        crossings.push_back({{"lon", degrees(c.position.lon_deg)},
                             {"lat", degrees(c.position.lat_deg)},
                             {"control", geodata::to_string(c.control)},
                             {"road", c.road},
                             {"safe", c.safe},
                             {"reason", c.reason},
                             {"road_sv", c.road_sv},
                             {"reason_sv", c.reason_sv}});
    }
    properties["pieces"] = pieces;
    properties["crossings"] = crossings;
    add_versions(properties, r.versions);
    return {{"type", "Feature"},
            {"geometry", {{"type", "LineString"}, {"coordinates", coordinates}}},
            {"properties", properties}};
}

std::optional<RouteAnswer> route_from_json(const json& feature) {
    try {
        const json& p = feature.at("properties");
        RouteAnswer r;
        r.token = p.at("token").get<std::string>();
        r.school_id = p.at("school_id").get<std::string>();
        r.band = p.at("band").get<std::string>();
        const std::optional<RouteKind> kind = route_kind_named(p.at("route_kind").get<std::string>());
        if (!kind) {
            return std::nullopt;
        }
        r.kind = *kind;
        for (const auto& [name, field] : {std::pair{"plain_distance_m", &r.plain_distance_m},
                                          std::pair{"safe_distance_m", &r.safe_distance_m}}) {
            if (!p.at(name).is_null()) {
                *field = p.at(name).get<double>();
            }
        }
        const std::optional<Outcome> outcome = parse_outcome(p.at("outcome").get<std::string>());
        if (!outcome) {
            return std::nullopt;
        }
        r.outcome = *outcome;
        for (const json& c : feature.at("geometry").at("coordinates")) {
            r.positions.push_back({c.at(0).get<double>(), c.at(1).get<double>()});
        }
        for (const json& piece : p.at("pieces")) {
            r.pieces.push_back({piece.at("first").get<std::size_t>(), piece.at("last").get<std::size_t>(),
                                piece.at("safe").get<bool>(), piece.at("reason").get<std::string>(),
                                piece.value("reason_sv", "")});
        }
        for (const json& c : p.at("crossings")) {
            const std::optional<geodata::CrossingControl> control =
                geodata::crossing_control_named(c.at("control").get<std::string>());
            if (!control) {
                return std::nullopt;
            }
            r.crossings.push_back({{c.at("lon").get<double>(), c.at("lat").get<double>()}, *control,
                                   c.at("road").get<std::string>(), c.at("safe").get<bool>(),
                                   c.at("reason").get<std::string>(), c.value("road_sv", ""),
                                   c.value("reason_sv", "")});
        }
        r.versions = versions_of(p);
        return r;
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

json receipt_json(const ErasureReceipt& r) {
    return {{"token", r.token},
            {"erased",
             {{"coordinate", r.coordinate}, {"case_ref_hmac", r.case_ref}, {"cached_results", r.cached_results}}},
            {"history_purged", r.history_purged},
            {"erased_at", r.erased_at},
            {"kept", "the audit trail's entries for this token (time, client, action, outcome; no coordinate)"}};
}

json trace_json(const TraceAnswer& t) {
    json tokens = json::array();
    for (const TracedToken& traced : t.tokens) {
        json routes = json::array();
        for (const CachedRoute& cr : traced.routes) {
            // A route's geometry is a place: a trace names the route, never shows it.
            routes.push_back({{"kind", "route"}, {"key", cr.key}, {"created_at", cr.created_at}});
        }
        const TokenRecord& r = traced.record;
        tokens.push_back({{"token", r.token},
                          {"created_at", r.created_at},
                          {"created_by", r.created_by},
                          {"protected", r.is_protected},
                          {"cached_results", routes},
                          {"audit", {{"count", traced.audit_ids.size()}, {"ids", traced.audit_ids}}}});
    }
    return {{"tenant", t.tenant},
            {"tokens", tokens},
            {"holds", "tokens, encrypted coordinates, HMACs of case references, cached routes and the audit "
                      "trail; this answer leaves out coordinates and route geometry"}};
}

json export_json(const TokenExport& e) {
    json routes = json::array();
    for (const CachedRoute& cr : e.routes) {
        routes.push_back({{"kind", "route"},
                          {"key", cr.key},
                          {"created_at", cr.created_at},
                          {"result", json::parse(cr.json, nullptr, false)}});
    }
    json audit = json::array();
    for (const AuditEntry& entry : e.audit) {
        audit.push_back(audit_entry_json(entry));
    }
    const TokenRecord& r = e.record;
    return {{"token", r.token},
            {"tenant", r.tenant},
            {"created_at", r.created_at},
            {"created_by", r.created_by},
            {"protected", r.is_protected},
            {"coordinate", {{"lon", e.coordinate.lon_deg}, {"lat", e.coordinate.lat_deg}, {"crs", "EPSG:4326"}}},
            {"case_ref", r.has_case_ref ? "held only as an HMAC; the reference itself is not stored" : "none"},
            {"cached_results", routes},
            {"audit", audit},
            {"purpose", "GDPR art. 15 export: everything skolvag holds for this token"}};
}

json audit_json(const AuditListing& a) {
    json entries = json::array();
    for (const AuditEntry& e : a.entries) {
        json entry = audit_entry_json(e);
        entry["token"] = e.token.empty() ? json() : json(e.token);
        entry["hash"] = e.hash;
        entries.push_back(entry);
    }
    return {{"tenant", a.tenant}, {"entries", entries}};
}

json schools_json(const SchoolListing& s) {
    json schools = json::array();
    for (const School& school : s.tenant->schools.schools) {
        std::size_t usable = 0;
        json points = json::array(); // a school's place is public: the map marks its entrances
        for (const SchoolEntrance& e : school.entrances) {
            usable += e.snap ? 1 : 0;
            if (e.position) {
                points.push_back({{"lon", degrees(e.position->lon_deg)},
                                  {"lat", degrees(e.position->lat_deg)},
                                  {"on_network", e.snap.has_value()}});
            }
        }
        // The pre-flight check: entrances no safe route of a band reaches.
        json warnings = json::array();
        for (const EntranceWarning& w : s.tenant->index->entrance_warnings()) {
            if (w.school_id == school.id) {
                warnings.push_back({{"band", w.band}, {"entrance", w.entrance}, {"road", w.road}, {"reason", w.reason}});
            }
        }
        schools.push_back({{"school_id", school.id},
                           {"name", school.name},
                           {"entrances", usable},
                           {"entrance_points", points},
                           {"unreachable_for_bands", warnings}});
    }
    json bands = json::array();
    for (const Band& b : s.tenant->rules.bands) {
        bands.push_back({{"band", b.name}, {"grades", grade_list(b.grades)}, {"threshold_m", b.threshold_m}});
    }
    json j = {{"tenant", s.tenant->name}, {"schools", schools}, {"bands", bands}};
    add_versions(j, s.versions);
    return j;
}

} // namespace skolvag::api

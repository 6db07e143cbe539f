// SPDX-License-Identifier: MIT
#include "api/server/distance_service.hpp"

#include "api/eligibility/decision.hpp"
#include "api/vault/crypto.hpp"
#include "api/server/request.hpp"
#include "geodata/errors.hpp"
#include "api/eligibility/rules_file.hpp"
#include "api/eligibility/version.hpp"
#include "geodata/text/rfc3339.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/sha256.hpp"

#include <cmath>
#include <sstream>

namespace skolvag::api {

namespace {

using nlohmann::json;

constexpr const char* kAttribution = "© OpenStreetMap contributors";
constexpr const char* kChosenSchoolAppeal = "laglighetsprövning";
constexpr const char* kReferenceSchoolAppeal = "förvaltningsbesvär";

ApiError forbidden(const char* what) { return {ErrorCode::forbidden, std::string("this client may not ") + what}; }

/// The one answer for a token that does not exist for the caller, whatever the reason.
ApiError no_such_token() { return {ErrorCode::not_found, "no such token"}; }

bool has_role(const Caller& c, Role r) { return c.client.roles.count(r) > 0; }

/// Metres rounded to the nearest whole metre, as the API gives them (issue 4: enough
/// for a decision, no more). The outcome is decided on the unrounded distance, so near
/// a threshold a rounded figure can read 2000 beside "not_eligible" (1999.6 m); the
/// batch files carry the exact figure.
json metres(const std::optional<double>& m) {
    if (!m) {
        return nullptr;
    }
    return static_cast<std::int64_t>(std::llround(*m));
}


ApiError error_for(const HomeCheck& check) {
    switch (check.problem) {
    case HomeProblem::unknown_grade:
    case HomeProblem::no_band: return {ErrorCode::unknown_grade, check.note};
    case HomeProblem::unknown_school:
    case HomeProblem::unknown_reference_school: return {ErrorCode::unknown_school, check.note};
    case HomeProblem::school_without_entrance:
    case HomeProblem::reference_without_entrance: return {ErrorCode::no_route, check.note};
    default: return {ErrorCode::invalid_field, check.note};
    }
}

/// The school and grade query parameters of the distance and route endpoints.
struct SchoolAndGrade {
    std::string school;
    std::string grade;
};

Result<SchoolAndGrade> school_and_grade(const std::optional<std::string>& school,
                                        const std::optional<std::string>& grade) {
    auto s = required_parameter(school, "school");
    if (auto* e = std::get_if<ApiError>(&s)) {
        return *e;
    }
    auto g = required_parameter(grade, "grade");
    if (auto* e = std::get_if<ApiError>(&g)) {
        return *e;
    }
    return SchoolAndGrade{std::get<std::string>(s), std::get<std::string>(g)};
}

/// Everything a distance, assessment or route answer is computed from.
struct Assessment {
    PupilHome home;
    HomeCheck check;
    std::optional<geodata::Snap> snap;
    std::optional<Decision> decision; ///< unset when the home is not on the network
};

} // namespace

ServerNetwork::ServerNetwork(geodata::WalkNetwork network, std::string id)
    : net(std::move(network)), snapper(net), reversed(net), hierarchy(geodata::build_network_hierarchy(net)),
      network_id(std::move(id)) {}

std::unique_ptr<Tenant> load_tenant(const TenantConfig& config, const ServerNetwork& network, unsigned threads) {
    auto t = std::make_unique<Tenant>();
    t->name = config.name;
    t->rules = load_rules(config.rules);
    if (t->rules.bands.empty()) {
        throw geodata::InputError(config.rules + ": no [[band]]: tenant '" + config.name + "' needs grade bands");
    }
    t->rules_sha256 = geodata::sha256_file_hex(config.rules);
    t->schools = read_school_register(config.schools, config.crs);
    std::ostringstream warnings;
    snap_entrances(t->schools, network.snapper, t->rules.walking, warnings);
    if (!warnings.str().empty()) {
        std::fputs(warnings.str().c_str(), stderr); // school ids and rows only
    }
    t->index = std::make_unique<SchoolDistanceIndex>(network.net, network.reversed, network.hierarchy, t->rules,
                                                     t->schools, threads);
    return t;
}

DistanceService::DistanceService(const ServerNetwork& network, const std::vector<std::unique_ptr<Tenant>>& tenants,
                                 TokenVault& vault)
    : m_network(network), m_tenants(tenants), m_vault(vault) {}

const Tenant* DistanceService::tenant(const std::string& name) const {
    for (const auto& t : m_tenants) {
        if (t->name == name) {
            return t.get();
        }
    }
    return nullptr;
}

Result<TokenRecord> DistanceService::find_token(const Caller& c, const std::string& token) {
    if (!looks_like_token(token)) {
        return no_such_token();
    }
    if (auto r = m_vault.find(token, c.tenant.name)) {
        return *r;
    }
    return no_such_token();
}

std::string audit_token(const std::string& token) {
    if (token.empty()) {
        return "";
    }
    return looks_like_token(token) ? token : "(malformed)";
}

Result<ApiResponse> DistanceService::audited(const Caller& c, const char* action, const std::string& token,
                                              Result<ApiResponse> outcome) {
    const auto* error = std::get_if<ApiError>(&outcome);
    m_vault.audit(c.tenant.name, c.client.name, action, audit_token(token),
                  error != nullptr ? public_code(error->code) : "ok");
    if (auto* r = std::get_if<ApiResponse>(&outcome); r != nullptr && r->token.empty()) {
        r->token = token;
    }
    return outcome;
}

namespace {

Result<Assessment> assess(const ServerNetwork& network, TokenVault& vault, const Caller& c, const TokenRecord& record,
                           const std::string& grade, const std::string& school_id,
                           const std::optional<std::string>& reference_school_id) {
    Assessment a;
    a.home.pupil_ref = record.token;
    a.home.grade = grade;
    a.home.school_id = school_id;
    a.home.reference_school_id = reference_school_id.value_or("");
    a.home.home = vault.coordinate(record);
    a.snap = network.snapper.snap(*a.home.home, c.tenant.rules.walking.max_snap_m, c.tenant.rules.walking.min_component_m);
    const DecisionContext ctx{c.tenant.rules, c.tenant.schools, c.tenant.rules_sha256, network.network_id};
    a.check = check_home(a.home, a.snap, ctx);
    if (a.check.early_outcome == Outcome::invalid_input) {
        return error_for(a.check);
    }
    if (a.snap) {
        a.decision = decide(a.home, a.check, *a.snap, c.tenant.index->distances(*a.snap, a.check.band), ctx);
    }
    return a;
}

json versions(const Caller& c, const ServerNetwork& network) {
    return {{"rule_set", c.tenant.rules.name},
            {"rules_sha256", c.tenant.rules_sha256},
            {"schools_sha256", c.tenant.schools.sha256},
            {"network_id", network.network_id},
            {"skolvag_version", skolvag_version()}};
}

} // namespace

Result<ApiResponse> DistanceService::register_token(const Caller& c, const std::string& body) {
    if (!has_role(c, Role::registrar)) {
        return audited(c, "register", "", forbidden("register homes"));
    }
    auto parsed = parse_register_request(body);
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return audited(c, "register", "", *e);
    }
    const RegisterRequest& r = std::get<RegisterRequest>(parsed);
    // The vault writes the audit entry in the same transaction as the token.
    const std::string token = m_vault.register_home(c.tenant.name, c.client.name, r.home, r.case_ref, r.is_protected);
    const auto snap = m_network.snapper.snap(r.home, c.tenant.rules.walking.max_snap_m, c.tenant.rules.walking.min_component_m);
    ApiResponse res;
    res.status = 201;
    res.token = token;
    res.body = {{"token", token}, {"on_network", snap.has_value()}, {"snap_m", snap ? metres(snap->snap_m) : json()}};
    return res;
}

Result<ApiResponse> DistanceService::distance(const Caller& c, const std::string& token,
                                               const std::optional<std::string>& school,
                                               const std::optional<std::string>& grade) {
    if (!has_role(c, Role::case_officer)) {
        return audited(c, "distance", token, forbidden("ask for distances"));
    }
    auto record = find_token(c, token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return audited(c, "distance", token, *e);
    }
    const auto params = school_and_grade(school, grade);
    if (auto* e = std::get_if<ApiError>(&params)) {
        return audited(c, "distance", token, *e);
    }
    const SchoolAndGrade& p = std::get<SchoolAndGrade>(params);
    auto a = assess(m_network, m_vault, c, std::get<TokenRecord>(record), p.grade, p.school, std::nullopt);
    if (auto* e = std::get_if<ApiError>(&a)) {
        return audited(c, "distance", token, *e);
    }
    const Assessment& as = std::get<Assessment>(a);
    const Band& band = c.tenant.rules.bands[as.check.band];
    ApiResponse res;
    res.body = {{"token", token},
                {"school_id", p.school},
                {"grade", p.grade},
                {"band", band.name},
                {"plain_distance_m", as.decision ? metres(as.decision->plain_distance_m) : json()},
                {"safe_distance_m", as.decision ? metres(as.decision->safe_distance_m) : json()},
                {"threshold_m", metres(band.threshold_m)},
                {"outcome", to_string(as.decision ? as.decision->outcome : Outcome::not_on_network)}};
    res.body.update(versions(c, m_network));
    if (as.decision && !as.decision->note.empty()) {
        res.body["note"] = as.decision->note;
    } else if (!as.decision) {
        res.body["note"] = as.check.note;
    }
    return audited(c, "distance", token, res);
}

Result<ApiResponse> DistanceService::assessment(const Caller& c, const std::string& body) {
    if (!has_role(c, Role::case_officer)) {
        return audited(c, "assessment", "", forbidden("ask for assessments"));
    }
    auto parsed = parse_assessment_request(body);
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return audited(c, "assessment", "", *e);
    }
    const AssessmentRequest& req = std::get<AssessmentRequest>(parsed);
    auto record = find_token(c, req.token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return audited(c, "assessment", req.token, *e);
    }
    auto a = assess(m_network, m_vault, c, std::get<TokenRecord>(record), req.grade, req.school_id,
                    req.reference_school_id);
    if (auto* e = std::get_if<ApiError>(&a)) {
        return audited(c, "assessment", req.token, *e);
    }
    const Assessment& as = std::get<Assessment>(a);
    const Band& band = c.tenant.rules.bands[as.check.band];
    ApiResponse res;
    json chosen = {{"school_id", req.school_id}, {"appeal", kChosenSchoolAppeal}};
    json reference = nullptr;
    if (as.decision) {
        const Decision& d = *as.decision;
        chosen["plain_distance_m"] = metres(d.plain_distance_m);
        chosen["safe_distance_m"] = metres(d.safe_distance_m);
        chosen["outcome"] = to_string(d.outcome);
        if (!d.reference_school_id.empty()) {
            reference = {{"school_id", d.reference_school_id},
                         {"safe_distance_m", metres(d.reference_safe_distance_m)},
                         {"outcome", to_string(*d.reference_outcome)},
                         {"appeal", kReferenceSchoolAppeal},
                         {"chosen_by", req.reference_school_id ? "request" : "proximity"}};
        }
    } else {
        chosen["outcome"] = to_string(Outcome::not_on_network);
    }
    res.body = {{"token", req.token},
                {"grade", req.grade},
                {"band", band.name},
                {"threshold_m", metres(band.threshold_m)},
                {"school", chosen},
                {"reference_school", reference}};
    res.body.update(versions(c, m_network));
    const std::string note = as.decision ? as.decision->note : as.check.note;
    if (!note.empty()) {
        res.body["note"] = note;
    }
    return audited(c, "assessment", req.token, res);
}

Result<ApiResponse> DistanceService::route(const Caller& c, const std::string& token,
                                            const std::optional<std::string>& school,
                                            const std::optional<std::string>& grade) {
    if (!has_role(c, Role::case_officer)) {
        return audited(c, "route", token, forbidden("ask for routes"));
    }
    auto record = find_token(c, token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return audited(c, "route", token, *e);
    }
    const TokenRecord& rec = std::get<TokenRecord>(record);
    if (rec.is_protected) {
        // Protected identity: no geometry about this home ever leaves the server.
        return audited(c, "route", token,
                       ApiError{ErrorCode::protected_identity, "no route geometry is given for a protected identity"});
    }
    const auto params = school_and_grade(school, grade);
    if (auto* e = std::get_if<ApiError>(&params)) {
        return audited(c, "route", token, *e);
    }
    const SchoolAndGrade& p = std::get<SchoolAndGrade>(params);
    const std::string key = "school=" + p.school + "&grade=" + p.grade;
    auto a = assess(m_network, m_vault, c, rec, p.grade, p.school, std::nullopt);
    if (auto* e = std::get_if<ApiError>(&a)) {
        return audited(c, "route", token, *e);
    }
    const Assessment& as = std::get<Assessment>(a);
    if (!as.decision) {
        return audited(c, "route", token, ApiError{ErrorCode::not_on_network, as.check.note});
    }
    const Decision& d = *as.decision;
    if (!d.plain_distance_m) {
        return audited(c, "route", token, ApiError{ErrorCode::no_route, "no walking route to the school"});
    }
    ApiResponse res;
    res.content_type = "application/geo+json";
    if (auto cached = m_vault.cached_route(rec, key)) {
        const json j = json::parse(*cached, nullptr, false);
        if (!j.is_discarded() && j.value("/properties/network_id"_json_pointer, "") == m_network.network_id &&
            j.value("/properties/rules_sha256"_json_pointer, "") == c.tenant.rules_sha256 &&
            j.value("/properties/schools_sha256"_json_pointer, "") == c.tenant.schools.sha256 &&
            j.value("/properties/skolvag_version"_json_pointer, "") == skolvag_version()) {
            res.body = j;
            return audited(c, "route", token, res);
        }
    }
    // The safe route when there is one, else the plain one.
    const std::optional<TracedRoute> traced = c.tenant.index->route(
        *as.snap, as.check.band, as.check.chosen, d.safe_distance_m.has_value(), d.plain_distance_m.has_value());
    const bool safe = traced->kind == RouteKind::safe;
    json coordinates = json::array();
    for (const geodata::LonLat& at : traced->positions) {
        coordinates.push_back({std::round(at.lon_deg * 1e7) / 1e7, std::round(at.lat_deg * 1e7) / 1e7});
    }
    res.body = {{"type", "Feature"},
                {"geometry", {{"type", "LineString"}, {"coordinates", coordinates}}},
                {"properties",
                 {{"token", token},
                  {"school_id", d.school_id},
                  {"band", d.band},
                  {"route_kind", to_string(traced->kind)},
                  {"route_m", metres(safe ? d.safe_distance_m : d.plain_distance_m)},
                  {"plain_distance_m", metres(d.plain_distance_m)},
                  {"safe_distance_m", metres(d.safe_distance_m)},
                  {"outcome", to_string(d.outcome)},
                  {"starts_at", "the home's nearest point on the walking network"},
                  {"attribution", kAttribution},
                  {"license", "ODbL 1.0"}}}};
    res.body["properties"].update(versions(c, m_network));
    m_vault.store_route(rec, key, res.body.dump());
    return audited(c, "route", token, res);
}

Result<ApiResponse> DistanceService::erase(const Caller& c, const std::string& token) {
    const bool admin = has_role(c, Role::admin);
    if (!admin && !has_role(c, Role::registrar)) {
        return audited(c, "erase", token, forbidden("erase tokens"));
    }
    auto record = find_token(c, token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return audited(c, "erase", token, *e);
    }
    const TokenRecord& rec = std::get<TokenRecord>(record);
    if (!admin && rec.created_by != c.client.name) {
        return audited(c, "erase", token, forbidden("erase tokens another client registered"));
    }
    const ErasureReceipt receipt = m_vault.erase(rec);
    ApiResponse res;
    res.body = {{"token", receipt.token},
                {"erased",
                 {{"coordinate", receipt.coordinate},
                  {"case_ref_hmac", receipt.case_ref},
                  {"cached_results", receipt.cached_results}}},
                {"history_purged", receipt.history_purged},
                {"erased_at", receipt.erased_at},
                {"kept", "the audit trail's entries for this token (time, client, action, outcome; no coordinate)"}};
    return audited(c, "erase", token, res);
}

Result<ApiResponse> DistanceService::trace(const Caller& c, const std::optional<std::string>& case_ref) {
    if (!has_role(c, Role::admin)) {
        return audited(c, "trace", "", forbidden("trace case references"));
    }
    auto ref = required_parameter(case_ref, "case_ref");
    if (auto* e = std::get_if<ApiError>(&ref)) {
        return audited(c, "trace", "", *e);
    }
    json tokens = json::array();
    const std::vector<TokenRecord> records = m_vault.tokens_for_case_ref(c.tenant.name, std::get<std::string>(ref));
    for (const TokenRecord& r : records) {
        json results = json::array();
        for (const CachedRoute& cr : m_vault.cached_routes(r)) {
            // A route's geometry is a place: a trace names the route, never shows it.
            results.push_back({{"kind", "route"}, {"key", cr.key}, {"created_at", cr.created_at}});
        }
        json audit_ids = json::array();
        for (const AuditEntry& e : m_vault.audit_entries_for_token(c.tenant.name, r.token)) {
            audit_ids.push_back(e.id);
        }
        tokens.push_back({{"token", r.token},
                          {"created_at", r.created_at},
                          {"created_by", r.created_by},
                          {"protected", r.is_protected},
                          {"cached_results", results},
                          {"audit", {{"count", audit_ids.size()}, {"ids", audit_ids}}}});
    }
    ApiResponse res;
    res.body = {{"tenant", c.tenant.name},
                {"tokens", tokens},
                {"holds", "tokens, encrypted coordinates, HMACs of case references, cached results and the audit "
                          "trail; this answer leaves out coordinates and route geometry"}};
    for (const TokenRecord& r : records) {
        m_vault.audit(c.tenant.name, c.client.name, "trace", r.token, "ok");
    }
    if (records.empty()) {
        m_vault.audit(c.tenant.name, c.client.name, "trace", "", "ok");
    }
    return res;
}

Result<ApiResponse> DistanceService::export_token(const Caller& c, const std::string& token) {
    if (!has_role(c, Role::admin)) {
        return audited(c, "export", token, forbidden("export tokens"));
    }
    auto record = find_token(c, token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return audited(c, "export", token, *e);
    }
    const TokenRecord& rec = std::get<TokenRecord>(record);
    const geodata::LonLat home = m_vault.coordinate(rec);
    json results = json::array();
    for (const CachedRoute& cr : m_vault.cached_routes(rec)) {
        results.push_back({{"kind", "route"},
                           {"key", cr.key},
                           {"created_at", cr.created_at},
                           {"result", json::parse(cr.json, nullptr, false)}});
    }
    json audit = json::array();
    for (const AuditEntry& e : m_vault.audit_entries_for_token(c.tenant.name, rec.token)) {
        audit.push_back({{"id", e.id}, {"at", e.at}, {"client", e.client}, {"action", e.action}, {"outcome", e.outcome}});
    }
    ApiResponse res;
    res.body = {{"token", rec.token},
                {"tenant", rec.tenant},
                {"created_at", rec.created_at},
                {"created_by", rec.created_by},
                {"protected", rec.is_protected},
                {"coordinate", {{"lon", home.lon_deg}, {"lat", home.lat_deg}, {"crs", "EPSG:4326"}}},
                {"case_ref", rec.has_case_ref ? "held only as an HMAC; the reference itself is not stored"
                                              : "none"},
                {"cached_results", results},
                {"audit", audit},
                {"purpose", "GDPR art. 15 export: everything skolvag holds for this token"}};
    return audited(c, "export", token, res);
}

Result<ApiResponse> DistanceService::audit(const Caller& c, const std::optional<std::string>& since) {
    if (!has_role(c, Role::auditor)) {
        return forbidden("read the audit trail");
    }
    std::optional<std::string> from;
    if (since) {
        from = geodata::normalise_rfc3339(*since);
        if (!from) {
            return ApiError{ErrorCode::invalid_field, "'since' must be an RFC 3339 time, e.g. 2026-11-23T08:00:00Z"};
        }
    }
    json entries = json::array();
    for (const AuditEntry& e : m_vault.audit_entries(c.tenant.name, from)) {
        entries.push_back({{"id", e.id},
                           {"at", e.at},
                           {"client", e.client},
                           {"action", e.action},
                           {"token", e.token.empty() ? json() : json(e.token)},
                           {"outcome", e.outcome},
                           {"hash", e.hash}});
    }
    ApiResponse res;
    res.body = {{"tenant", c.tenant.name}, {"entries", entries}};
    return res;
}

Result<ApiResponse> DistanceService::schools(const Caller& c) {
    json list = json::array();
    for (const School& s : c.tenant.schools.schools) {
        std::size_t usable = 0;
        for (const SchoolEntrance& e : s.entrances) {
            usable += e.snap ? 1 : 0;
        }
        list.push_back({{"school_id", s.id}, {"name", s.name}, {"entrances", usable}});
    }
    json bands = json::array();
    for (const Band& b : c.tenant.rules.bands) {
        bands.push_back({{"band", b.name}, {"grades", grade_list(b.grades)}, {"threshold_m", b.threshold_m}});
    }
    ApiResponse res;
    res.body = {{"tenant", c.tenant.name}, {"schools", list}, {"bands", bands}};
    res.body.update(versions(c, m_network));
    return res;
}

} // namespace skolvag::api

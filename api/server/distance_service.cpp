// SPDX-License-Identifier: MIT
#include "api/server/distance_service.hpp"

#include "api/eligibility/version.hpp"
#include "api/server/answer_json.hpp"
#include "api/server/network_map.hpp"
#include "api/server/request.hpp"
#include "api/vault/crypto.hpp"
#include "geodata/text/rfc3339.hpp"

namespace skolvag::api {

namespace {

/// The one answer for a token that does not exist for the caller, whatever the reason.
ApiError no_such_token() { return {ErrorCode::not_found, "no such token"}; }

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

/// An assessment with what it was computed from, for the route.
struct Assessed {
    Assessment answer;
    HomeCheck check;
    std::optional<geodata::Snap> snap;
};

/// What an assessment needs besides the home and its question.
struct AssessContext {
    const ServerNetwork& network;
    TokenVault& vault;
    std::size_t max_schools_per_token;
    Versions versions;
};

/// The purpose limit: the schools a question names count towards the token's limit.
std::optional<ApiError> over_purpose_limit(const AssessContext& x, const TokenRecord& record,
                                           std::initializer_list<const std::string*> schools) {
    for (const std::string* school : schools) {
        if (school != nullptr && !x.vault.note_school_asked(record, *school, x.max_schools_per_token)) {
            return ApiError{ErrorCode::purpose_limit,
                            "this token has been asked about " + std::to_string(x.max_schools_per_token) +
                                " schools, the most allowed; ask about one of those"};
        }
    }
    return std::nullopt;
}

/// A stop_id the tenant answers for, or the error naming the parameter.
std::optional<ApiError> unknown_stop(const Tenant& tenant, const std::optional<std::string>& stop_id) {
    if (!stop_id || (tenant.stops && tenant.stops->index_of(*stop_id))) {
        return std::nullopt;
    }
    return ApiError{ErrorCode::unknown_stop, "unknown stop_id '" + *stop_id + "'" +
                                                 (tenant.stops ? "" : ": no pick-up stops are configured")};
}

/// A home's decision for a school and grade, and its walk to a pick-up stop when one is
/// named, exactly as a batch run decides them.
Result<Assessed> assess(const AssessContext& x, const Call& c, const TokenRecord& record, const std::string& grade,
                        const std::string& school_id, const std::optional<std::string>& reference_school_id,
                        const std::optional<std::string>& stop_id = std::nullopt) {
    const ServerNetwork& network = x.network;
    PupilHome home;
    home.pupil_ref = record.token;
    home.grade = grade;
    home.school_id = school_id;
    home.reference_school_id = reference_school_id.value_or("");
    home.home = x.vault.coordinate(record);
    const geodata::WalkRules& walking = c.tenant.rules.walking;
    Assessed a;
    a.snap = network.snapper.snap(*home.home, walking.max_snap_m, walking.min_component_m);
    const DecisionContext ctx{c.tenant.rules, c.tenant.schools, c.tenant.rules.sha256, network.network_id,
                              c.tenant.stops ? &*c.tenant.stops : nullptr};
    a.check = check_home(home, a.snap, ctx);
    if (a.check.early_outcome == Outcome::invalid_input) {
        return error_for(a.check);
    }
    if (auto e = unknown_stop(c.tenant, stop_id)) {
        return *e;
    }
    // A stop is a fixed place too: distances to it count towards the purpose limit as a school's do.
    const std::string stop_key = stop_id ? "stop " + *stop_id : "";
    if (auto limit = over_purpose_limit(x, record, {&school_id, reference_school_id ? &*reference_school_id : nullptr,
                                                    stop_id ? &stop_key : nullptr})) {
        return *limit;
    }
    Assessment& answer = a.answer;
    answer = {record.token, school_id, grade, &c.tenant.rules.bands[a.check.band], std::nullopt,
              reference_school_id.has_value(), record.is_protected, a.check.note, x.versions, {}};
    answer.stop_asked = stop_id.has_value();
    if (a.snap) {
        answer.decision = decide(home, a.check, *a.snap, c.tenant.index->distances(*a.snap, a.check.band), ctx);
        // Why: the unsafe places on the plain route. Not for a protected identity: the
        // streets along its route would say where it lives, as its route would.
        if (answer.decision->outcome == Outcome::eligible_traffic && !record.is_protected) {
            auto places = c.tenant.index->unsafe_places(*a.snap, a.check.band, a.check.chosen);
            explain_traffic(*answer.decision, places.en);
            answer.reasons_sv = std::move(places.sv);
        }
        // As in batch: only a pupil who gets transport walks to a stop.
        if (stop_id && gets_transport(answer.decision->outcome)) {
            decide_stop(*answer.decision, *stop_id, c.tenant.stop_index->distances(*a.snap, a.check.band),
                        c.tenant.rules.bands[a.check.band], c.tenant.rules, *c.tenant.stops);
        }
        answer.note = answer.decision->note;
    }
    return a;
}

} // namespace

std::string audit_token(const std::string& token) {
    if (token.empty()) {
        return "";
    }
    return looks_like_token(token) ? token : "(malformed)";
}

DistanceService::DistanceService(const ServerNetwork& network, const std::vector<std::unique_ptr<Tenant>>& tenants,
                                 TokenVault& vault, std::size_t max_schools_per_token, NetworkLimits network_limits)
    : m_network(network), m_tenants(tenants), m_vault(vault), m_max_schools_per_token(max_schools_per_token),
      m_network_limits(network_limits) {}

const Tenant* DistanceService::tenant(const std::string& name) const {
    for (const auto& t : m_tenants) {
        if (t->name == name) {
            return t.get();
        }
    }
    return nullptr;
}

Versions DistanceService::versions(const Tenant& tenant) const {
    return {tenant.rules.name, tenant.rules.sha256, tenant.schools.sha256, m_network.network_id,
            std::string(skolvag_version()), tenant.stops ? tenant.stops->sha256 : ""};
}

Result<TokenRecord> DistanceService::find_token(Call& c, const std::string& token) {
    c.audited_tokens = {audit_token(token)};
    if (!looks_like_token(token)) {
        return no_such_token();
    }
    if (auto r = m_vault.find(token, c.tenant.name)) {
        c.token = *r;
        return *r;
    }
    return no_such_token();
}

Result<RegisteredToken> DistanceService::register_token(Call& c, const std::string& body) {
    auto parsed = parse_register_request(body, m_network.area);
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return *e;
    }
    const RegisterRequest& r = std::get<RegisterRequest>(parsed);
    // The vault writes the audit entry in the same transaction as the token.
    const std::string token = m_vault.register_home(c.tenant.name, c.client.name, r.home, r.case_ref, r.is_protected);
    c.audit_written = true;
    const geodata::WalkRules& walking = c.tenant.rules.walking;
    const auto snap = m_network.snapper.snap(r.home, walking.max_snap_m, walking.min_component_m);
    return RegisteredToken{token, snap ? std::optional<double>(snap->snap_m) : std::nullopt, r.is_protected};
}

Result<Assessment> DistanceService::distance(Call& c, const TokenRecord& token,
                                             const std::optional<std::string>& school,
                                             const std::optional<std::string>& grade) {
    const auto params = school_and_grade(school, grade);
    if (auto* e = std::get_if<ApiError>(&params)) {
        return *e;
    }
    const SchoolAndGrade& p = std::get<SchoolAndGrade>(params);
    auto a = assess({m_network, m_vault, m_max_schools_per_token, versions(c.tenant)}, c, token, p.grade, p.school,
                    std::nullopt);
    if (auto* e = std::get_if<ApiError>(&a)) {
        return *e;
    }
    return std::get<Assessed>(a).answer;
}

Result<Assessment> DistanceService::assessment(Call& c, const std::string& body) {
    auto parsed = parse_assessment_request(body);
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return *e;
    }
    const AssessmentRequest& req = std::get<AssessmentRequest>(parsed);
    auto record = find_token(c, req.token);
    if (auto* e = std::get_if<ApiError>(&record)) {
        return *e;
    }
    auto a = assess({m_network, m_vault, m_max_schools_per_token, versions(c.tenant)}, c, std::get<TokenRecord>(record),
                    req.grade, req.school_id, req.reference_school_id, req.stop_id);
    if (auto* e = std::get_if<ApiError>(&a)) {
        return *e;
    }
    return std::get<Assessed>(a).answer;
}

Result<RouteAnswer> DistanceService::route(Call& c, const TokenRecord& rec, const std::optional<std::string>& school,
                                           const std::optional<std::string>& grade,
                                           const std::optional<std::string>& which) {
    if (rec.is_protected) {
        // Protected identity: no geometry about this home ever leaves the server.
        return ApiError{ErrorCode::protected_identity, "no route geometry is given for a protected identity"};
    }
    if (which && *which != "plain" && *which != "safe") {
        return ApiError{ErrorCode::invalid_field, "query parameter 'route' must be plain or safe (or left out: the "
                                                  "decision's route)"};
    }
    const auto params = school_and_grade(school, grade);
    if (auto* e = std::get_if<ApiError>(&params)) {
        return *e;
    }
    const SchoolAndGrade& p = std::get<SchoolAndGrade>(params);
    const Versions v = versions(c.tenant);
    auto assessed = assess({m_network, m_vault, m_max_schools_per_token, v}, c, rec, p.grade, p.school, std::nullopt);
    if (auto* e = std::get_if<ApiError>(&assessed)) {
        return *e;
    }
    const Assessed& a = std::get<Assessed>(assessed);
    if (!a.answer.decision) {
        return ApiError{ErrorCode::not_on_network, a.check.note};
    }
    const Decision& d = *a.answer.decision;
    if (!d.plain_distance_m) {
        return ApiError{ErrorCode::no_route, "no walking route to the school"};
    }
    if (which == "safe" && !d.safe_distance_m) {
        return ApiError{ErrorCode::no_route, "no safe walking route to the school for the band"};
    }
    const RouteKind kind = which == "plain"  ? RouteKind::plain
                           : d.safe_distance_m ? RouteKind::safe
                                               : RouteKind::plain_no_safe_route;
    // The cache holds the route as it was shown; it serves only the same versions.
    const std::string key = "school=" + p.school + "&grade=" + p.grade + (kind == RouteKind::plain ? "&route=plain" : "");
    if (const auto cached = m_vault.cached_route(rec, key)) {
        const auto answer = route_from_json(nlohmann::json::parse(*cached, nullptr, false));
        if (answer && answer->versions.network_id == v.network_id && answer->versions.rules_sha256 == v.rules_sha256 &&
            answer->versions.schools_sha256 == v.schools_sha256 &&
            answer->versions.skolvag_version == v.skolvag_version) {
            return *answer;
        }
    }
    const TracedRoute traced = c.tenant.index->route(*a.snap, a.check.band, a.check.chosen, kind);
    const RouteAnswer answer{rec.token,          d.school_id,       d.band,    traced.kind,
                             d.plain_distance_m, d.safe_distance_m, d.outcome, traced.positions,
                             v,                  traced.pieces,     traced.crossings};
    m_vault.store_route(rec, key, route_json(answer).dump());
    return answer;
}

Result<ErasureReceipt> DistanceService::erase(Call& c, const TokenRecord& rec) {
    if (c.client.roles.count(Role::admin) == 0 && rec.created_by != c.client.name) {
        return ApiError{ErrorCode::forbidden, "this client may not erase tokens another client registered"};
    }
    return m_vault.erase(rec);
}

Result<TraceAnswer> DistanceService::trace(Call& c, const std::optional<std::string>& case_ref) {
    auto ref = required_parameter(case_ref, "case_ref");
    if (auto* e = std::get_if<ApiError>(&ref)) {
        return *e;
    }
    TraceAnswer answer{c.tenant.name, {}};
    for (const TokenRecord& r : m_vault.tokens_for_case_ref(c.tenant.name, std::get<std::string>(ref))) {
        TracedToken traced{r, m_vault.cached_routes(r), {}};
        for (const AuditEntry& e : m_vault.audit_entries_for_token(c.tenant.name, r.token)) {
            traced.audit_ids.push_back(e.id);
        }
        c.audited_tokens.push_back(r.token); // one entry for every token the trace found
        answer.tokens.push_back(std::move(traced));
    }
    return answer;
}

Result<TokenExport> DistanceService::export_token(Call& c, const TokenRecord& rec) {
    return TokenExport{rec, m_vault.coordinate(rec), m_vault.cached_routes(rec),
                       m_vault.audit_entries_for_token(c.tenant.name, rec.token)};
}

Result<AuditListing> DistanceService::audit(Call& c, const std::optional<std::string>& since) {
    std::optional<std::string> from;
    if (since) {
        from = geodata::normalise_rfc3339(*since);
        if (!from) {
            return ApiError{ErrorCode::invalid_field, "'since' must be an RFC 3339 time, e.g. 2026-11-23T08:00:00Z"};
        }
    }
    return AuditListing{c.tenant.name, m_vault.audit_entries(c.tenant.name, from)};
}

Result<SchoolListing> DistanceService::schools(Call& c) { return SchoolListing{&c.tenant, versions(c.tenant)}; }

Result<NetworkAnswer> DistanceService::network(Call&, const std::optional<std::string>& bbox) const {
    const Result<geodata::LonLatBox> box = parse_bbox(bbox);
    if (const auto* e = std::get_if<ApiError>(&box)) {
        return *e;
    }
    Result<std::vector<std::uint32_t>> edges =
        edges_in_box(m_network.snapper, std::get<geodata::LonLatBox>(box), m_network_limits);
    if (auto* e = std::get_if<ApiError>(&edges)) {
        return *e;
    }
    return NetworkAnswer{&m_network.net, std::get<geodata::LonLatBox>(box),
                         std::move(std::get<std::vector<std::uint32_t>>(edges))};
}

} // namespace skolvag::api

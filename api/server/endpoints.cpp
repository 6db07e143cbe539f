// SPDX-License-Identifier: MIT
#include "api/server/endpoints.hpp"

#include "api/server/answer_json.hpp"
#include "api/server/auth.hpp"
#include "api/server/openapi.hpp"

#include <algorithm>

namespace skolvag::api {

namespace {

using nlohmann::json;

Answer json_answer(const json& body, int status = 200) {
    // A body may quote the caller's text: never let a stray byte turn it into a 500.
    return {status, body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json", ""};
}

/// A file of the map page, with the page's security headers: scripts, styles and data
/// from this server only (the tile server's images excepted), no sniffing of types,
/// no Referer to the tile server.
Answer map_answer(const Services& s, const StaticFile& file, std::string_view cache_control) {
    return {200,
            file.body,
            std::string(file.content_type),
            "",
            {{"Content-Security-Policy", s.map.content_security_policy()},
             {"X-Content-Type-Options", "nosniff"},
             {"Referrer-Policy", "no-referrer"},
             {"Cache-Control", std::string(cache_control)}}};
}

/// The page's own files change with the server: revalidated on every load.
Result<Answer> map_page_file(const Services& s, std::string_view name) {
    const StaticFile* file = s.map.page_file(name);
    if (file == nullptr) {
        return ApiError{ErrorCode::not_found, "no such route"};
    }
    return map_answer(s, *file, "no-cache");
}

/// Renders a domain result as JSON, or passes its error on.
template <class T, class Render>
Result<Answer> rendered(Result<T> result, const Render& render, int status = 200) {
    if (auto* e = std::get_if<ApiError>(&result)) {
        return *e;
    }
    return json_answer(render(std::get<T>(result)), status);
}

// The table. OpenAPI operation objects refer to components in openapi.cpp.
std::vector<Endpoint> make_endpoints() {
    return {
        {Method::post, "/v1/tokens", true, {Role::registrar}, "register homes", "register",
         [](const Services& s, Call* c, const ApiRequest& r) -> Result<Answer> {
             auto out = s.service.register_token(*c, r.body);
             if (auto* e = std::get_if<ApiError>(&out)) {
                 return *e;
             }
             Answer a = json_answer(registered_json(std::get<RegisteredToken>(out)), 201);
             a.token = std::get<RegisteredToken>(out).token;
             return a;
         },
         R"json({"summary": "Register a home coordinate (role registrar)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RegisterRequest"}}}},
      "responses": {"201": {"description": "the token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"}, "422": {"description": "axes_swapped: the point lies outside the network's area but would lie inside it with lon and lat (or x and y) exchanged; nothing is registered", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/tokens/{token}/distance", true, {Role::case_officer}, "ask for distances", "distance",
         [](const Services& s, Call* c, const ApiRequest& r) {
             return rendered(s.service.distance(*c, *c->token, r.parameter("school"), r.parameter("grade")),
                             distance_json);
         },
         R"json({"summary": "Plain and safe distance to a school for a grade, with the preliminary outcome (role case)", "parameters": [{"$ref": "#/components/parameters/token"}, {"$ref": "#/components/parameters/school"}, {"$ref": "#/components/parameters/grade"}],
      "responses": {"200": {"description": "distances rounded to 1 m", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Distance"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::post, "/v1/assessments", true, {Role::case_officer}, "ask for assessments", "assessment",
         [](const Services& s, Call* c, const ApiRequest& r) {
             return rendered(s.service.assessment(*c, r.body), assessment_json);
         },
         R"json({"summary": "The chosen and the reference school, with appeal regimes (role case)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssessmentRequest"}}}},
      "responses": {"200": {"description": "the assessment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "413": {"$ref": "#/components/responses/TooLarge"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/tokens/{token}/route", true, {Role::case_officer}, "ask for routes", "route",
         [](const Services& s, Call* c, const ApiRequest& r) -> Result<Answer> {
             auto out = rendered(s.service.route(*c, *c->token, r.parameter("school"), r.parameter("grade"), r.parameter("route")),
                                 route_json);
             if (auto* a = std::get_if<Answer>(&out)) {
                 a->content_type = "application/geo+json";
             }
             return out;
         },
         R"json({"summary": "The decision's route as GeoJSON: the safe route, else the plain one; with route=plain the plain route beside it (route_kind plain), with route=safe the safe one alone. From the home's point on the network (role case)", "parameters": [{"$ref": "#/components/parameters/token"}, {"$ref": "#/components/parameters/school"}, {"$ref": "#/components/parameters/grade"}, {"name": "route", "in": "query", "required": false, "description": "plain or safe; left out: the decision's route", "schema": {"type": "string", "enum": ["plain", "safe"]}}],
      "responses": {"200": {"description": "a GeoJSON Feature with a LineString and the OSM attribution", "content": {"application/geo+json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"description": "wrong role, or a protected identity"}, "404": {"$ref": "#/components/responses/NotFound"}, "422": {"description": "not on the network, or no route"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/network", true, {Role::case_officer}, "ask for the walking network", "network",
         [](const Services& s, Call* c, const ApiRequest& r) -> Result<Answer> {
             auto out = rendered(s.service.network(*c, r.parameter("bbox")), network_json);
             if (auto* a = std::get_if<Answer>(&out)) {
                 a->content_type = "application/geo+json";
             }
             return out;
         },
         R"json({"summary": "The walking network's edges that meet a box, for the map's background: public OSM data, no token (role case). Never cut short: a box over max_network_km2 or with more than max_network_edges edges is refused", "parameters": [{"name": "bbox", "in": "query", "required": true, "description": "minlon,minlat,maxlon,maxlat in WGS84 degrees", "schema": {"type": "string"}}],
      "responses": {"200": {"description": "a GeoJSON FeatureCollection of LineStrings (properties highway, name, osm_way_id) with the OSM attribution", "content": {"application/geo+json": {"schema": {"type": "object"}}}}, "400": {"description": "invalid_field: a bad bbox; area_too_large: over a cap, which the message names", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::del, "/v1/tokens/{token}", true, {Role::admin, Role::registrar}, "erase tokens", "erase",
         [](const Services& s, Call* c, const ApiRequest&) {
             return rendered(s.service.erase(*c, *c->token), receipt_json);
         },
         R"json({"summary": "Erase a token: coordinate, case reference HMAC and cached results (role admin, or the registrar that created it)", "parameters": [{"$ref": "#/components/parameters/token"}],
      "responses": {"200": {"description": "an erasure receipt", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErasureReceipt"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/tokens/{token}/export", true, {Role::admin}, "export tokens", "export",
         [](const Services& s, Call* c, const ApiRequest&) {
             return rendered(s.service.export_token(*c, *c->token), export_json);
         },
         R"json({"summary": "Everything held for a token, coordinate included: GDPR art. 15 (role admin)", "parameters": [{"$ref": "#/components/parameters/token"}],
      "responses": {"200": {"description": "the export", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/trace", true, {Role::admin}, "trace case references", "trace",
         [](const Services& s, Call* c, const ApiRequest& r) {
             return rendered(s.service.trace(*c, r.parameter("case_ref")), trace_json);
         },
         R"json({"summary": "Everything held about a case reference, without coordinates (role admin)", "parameters": [{"name": "case_ref", "in": "query", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "tokens, cached routes, audit entry ids", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/audit", true, {Role::auditor}, "read the audit trail", "",
         [](const Services& s, Call* c, const ApiRequest& r) {
             return rendered(s.service.audit(*c, r.parameter("since")), audit_json);
         },
         R"json({"summary": "The tenant's audit trail (role auditor): its own hash chain, numbered from 1; refusals beyond the first of a kind in a minute come as one entry with their count", "parameters": [{"name": "since", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}}],
      "responses": {"200": {"description": "entries, oldest first", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/v1/schools", true, {}, "", "",
         [](const Services& s, Call* c, const ApiRequest&) { return rendered(s.service.schools(*c), schools_json); },
         R"json({"summary": "The tenant's schools and bands (any client)", "responses": {"200": {"description": "schools", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "429": {"$ref": "#/components/responses/TooMany"}}})json"},
        {Method::get, "/map", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest&) { return map_page_file(s, "index.html"); },
         R"json({"summary": "The case officer's map: an HTML page without data, whose script asks the API with the client's key; says so when Leaflet (libjs-leaflet) is not installed", "security": [], "responses": {"200": {"description": "text/html"}}})json"},
        {Method::get, "/map/app.js", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest&) { return map_page_file(s, "app.js"); },
         R"json({"summary": "The map page's script", "security": [], "responses": {"200": {"description": "text/javascript"}}})json"},
        {Method::get, "/map/style.css", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest&) { return map_page_file(s, "style.css"); },
         R"json({"summary": "The map page's style", "security": [], "responses": {"200": {"description": "text/css"}}})json"},
        {Method::get, "/map/config.json", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest&) -> Result<Answer> {
             Answer a = json_answer(map_config_json(s.tile_url, s.network_limits));
             a.headers = {{"X-Content-Type-Options", "nosniff"}};
             return a;
         },
         R"json({"summary": "What the map page needs to start: tile_url (the tile URL template of server.toml, or null), the OSM attribution, and the caps of GET /v1/network (max_network_km2, max_network_edges)", "security": [], "responses": {"200": {"description": "{tile_url, attribution}", "content": {"application/json": {"schema": {"type": "object"}}}}}})json"},
        {Method::get, "/map/leaflet/{file}", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest& r) -> Result<Answer> {
             // Only names of the allow-list: the request's path is never joined to a directory.
             const StaticFile* file = s.map.leaflet_file(r.path_file);
             if (file == nullptr) {
                 return ApiError{ErrorCode::not_found, s.map.leaflet_installed()
                                                           ? "no such Leaflet file"
                                                           : "Leaflet is not installed on the server (Debian package libjs-leaflet)"};
             }
             return map_answer(s, *file, "public, max-age=86400"); // the package changes only with an upgrade
         },
         R"json({"summary": "Leaflet's files, from Debian's libjs-leaflet as installed: leaflet.js, leaflet.css and images/*.png", "security": [], "parameters": [{"name": "file", "in": "path", "required": true, "schema": {"type": "string"}, "description": "leaflet.js, leaflet.css, images/layers.png, images/layers-2x.png, images/marker-icon.png, images/marker-icon-2x.png or images/marker-shadow.png"}],
      "responses": {"200": {"description": "the file"}, "404": {"$ref": "#/components/responses/NotFound"}}})json"},
        {Method::get, "/healthz", false, {}, "", "",
         [](const Services&, Call*, const ApiRequest&) -> Result<Answer> { return json_answer({{"status", "ok"}}); },
         R"json({"summary": "Liveness", "security": [], "responses": {"200": {"description": "ok"}}})json"},
        {Method::get, "/metrics", false, {}, "", "",
         [](const Services& s, Call*, const ApiRequest& r) -> Result<Answer> {
             // Counts per route and the tokens held tell of every tenant's activity: for the metrics key only.
             const bool full = s.metrics_key_sha256 && is_key(r.authorization, *s.metrics_key_sha256);
             const ProcessFigures process{s.connections.open(), s.connections.refused()};
             return Answer{200,
                           full ? s.metrics.render(process, s.service.vault().token_count())
                                : s.metrics.render_process(process),
                           "text/plain; version=0.0.4", ""};
         },
         R"json({"summary": "Prometheus metrics: the process's own figures; with the metrics key (Authorization: Bearer KEY, metrics_key_sha256 in server.toml) also requests and latencies per route and the tokens held", "security": [], "responses": {"200": {"description": "text/plain; version=0.0.4"}}})json"},
        {Method::get, "/openapi.json", false, {}, "", "",
         [](const Services&, Call*, const ApiRequest&) -> Result<Answer> {
             return Answer{200, openapi_json(), "application/json", ""};
         },
         R"json({"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3"}}})json"},
    };
}

bool may_call(const Endpoint& e, const ClientConfig& client) {
    return e.roles.empty() ||
           std::any_of(e.roles.begin(), e.roles.end(), [&](Role r) { return client.roles.count(r) > 0; });
}

/// The role (403) before the path's token (404) before the handler.
Result<Answer> answer_for(const Endpoint& e, const Services& s, Call& call, const ApiRequest& request) {
    if (!may_call(e, call.client)) {
        return ApiError{ErrorCode::forbidden, "this client may not " + std::string(e.forbidden)};
    }
    if (e.path.find("{token}") != std::string_view::npos) {
        Result<TokenRecord> token = s.service.find_token(call, request.path_token); // sets call.token
        if (const auto* error = std::get_if<ApiError>(&token)) {
            return *error;
        }
    }
    return e.handler(s, &call, request);
}

} // namespace

std::string_view to_string(Method m) noexcept {
    switch (m) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::del: return "DELETE";
    }
    return "GET";
}

std::optional<std::string> ApiRequest::parameter(const std::string& name) const {
    const auto it = query.find(name);
    return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::string Endpoint::route() const { return std::string(to_string(method)) + " " + std::string(path); }

const std::vector<Endpoint>& api_endpoints() {
    static const std::vector<Endpoint> endpoints = make_endpoints();
    return endpoints;
}

Result<Answer> call_endpoint(const Endpoint& e, const Services& s, Call& call, const ApiRequest& request) {
    // The path's token is recorded from the start, so that a refused call names it too.
    if (!request.path_token.empty()) {
        call.audited_tokens = {audit_token(request.path_token)};
    }
    Result<Answer> out = answer_for(e, s, call, request);
    if (!e.action.empty() && !call.audit_written) {
        const auto* error = std::get_if<ApiError>(&out);
        const std::string outcome = error != nullptr ? public_code(error->code) : "ok";
        const std::vector<std::string> tokens = call.audited_tokens.empty() ? std::vector<std::string>{""}
                                                                             : call.audited_tokens;
        for (const std::string& token : tokens) {
            s.service.vault().audit(call.tenant.name, call.client.name, std::string(e.action), token, outcome);
        }
    }
    // The access log names the token an answer was about: the path's, or the body's.
    if (auto* a = std::get_if<Answer>(&out); a != nullptr && a->token.empty() && call.token) {
        a->token = call.token->token;
    }
    return out;
}

void audit_refused_call(TokenVault& vault, const Endpoint& e, const ClientConfig& client, const std::string& token,
                        ErrorCode code) {
    if (!e.action.empty()) {
        vault.audit(client.tenant, client.name, std::string(e.action), audit_token(token), public_code(code));
    }
}

} // namespace skolvag::api

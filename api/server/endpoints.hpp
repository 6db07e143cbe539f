// SPDX-License-Identifier: MIT
// The API's endpoints, each declared once: method, path, the roles that may call it,
// its audit action, its handler and its OpenAPI description. The HTTP routes, the
// audit entries (also of refused and failed calls), the metrics' route labels and
// /openapi.json all come from this table, so no route can be undocumented or
// unaudited. A handler calls the service (domain results) and renders them as JSON.
#pragma once

#include "api/server/connection_guard.hpp"
#include "api/server/distance_service.hpp"
#include "api/server/errors.hpp"
#include "api/server/map_files.hpp"
#include "api/server/metrics.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

enum class Method { get, post, del };

/** "GET", "POST", "DELETE". */
std::string_view to_string(Method m) noexcept;

/// What a call brings besides its caller: the path's token, query parameters, body.
struct ApiRequest {
    std::string path_token; ///< "" for paths without {token}
    std::string path_file;  ///< the {file} of a path, as sent (decoded); "" for paths without it
    std::map<std::string, std::string> query;
    std::string body;
    std::string authorization; ///< the Authorization header, for endpoints with keys of their own

    std::optional<std::string> parameter(const std::string& name) const;
};

/// An answer as it goes out: status, body and content type.
struct Answer {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::string token; ///< the token concerned, for the access log
    /// Headers besides the content type; each replaces one of the same name (e.g. Cache-Control).
    std::vector<std::pair<std::string, std::string>> headers = {};
};

/// What handlers work with.
struct Services {
    DistanceService& service;
    const Metrics& metrics;
    const ConnectionGuard& connections;
    const std::optional<std::string>& metrics_key_sha256; ///< the key that reads /metrics in full
    const MapFiles& map;                                    ///< the map page's files
    const std::optional<std::string>& tile_url;             ///< the map's tile URL template, if any
    const NetworkLimits& network_limits;                    ///< what one GET /v1/network answers
};

struct Endpoint {
    Method method;
    std::string_view path;   ///< as OpenAPI writes it: /v1/tokens/{token}/distance; {file}: the rest of the path
    bool needs_key;          ///< false for /healthz, /metrics, /openapi.json and the map page (/map...)
    std::vector<Role> roles; ///< any one of them may call it; empty: every client
    std::string_view forbidden; ///< what the 403 says a client may not do, e.g. "ask for distances"
    std::string_view action; ///< audit action; "" for calls the trail does not record
    /// The handler; `call` is nullptr for endpoints without a key.
    std::function<Result<Answer>(const Services&, Call* call, const ApiRequest&)> handler;
    std::string_view openapi; ///< the OpenAPI operation object, as JSON text

    /** "GET /v1/tokens/{token}/distance": the route's name in logs and metrics. */
    std::string route() const;
};

/** Every endpoint of the API. */
const std::vector<Endpoint>& api_endpoints();

/**
 * Calls an endpoint for an authenticated caller: the role first (403), then the
 * handler; then the audit entry, for every call to an endpoint with an action,
 * whatever its outcome. @throws what the handler throws (the caller answers 500).
 */
Result<Answer> call_endpoint(const Endpoint& e, const Services& s, Call& call, const ApiRequest& request);

/** Audits a call that failed inside the server (500) after call_endpoint, when the endpoint has an action. */
void audit_refused_call(TokenVault& vault, const Endpoint& e, const ClientConfig& client, const std::string& token,
                        ErrorCode code);

} // namespace skolvag::api

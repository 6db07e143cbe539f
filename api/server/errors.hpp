// SPDX-License-Identifier: MIT
// Every error the API can answer, and the one table that maps each to its HTTP status
// and public code. Messages name the problem (a field, a parameter), never personal data.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace skolvag::api {

enum class ErrorCode {
    unauthorized,        ///< 401 no or wrong API key
    forbidden,           ///< 403 the client's roles do not allow the call
    not_found,           ///< 404 unknown route, or a token unknown in the caller's tenant
    malformed_json,      ///< 400
    invalid_field,       ///< 400 a field is missing, of the wrong type, or out of range
    unknown_field,       ///< 400
    unknown_school,      ///< 400
    unknown_stop,        ///< 400 a stop_id the tenant's stops file lacks (or the tenant has no stops)
    unknown_grade,       ///< 400
    unknown_crs,         ///< 400
    area_too_large,      ///< 400 a map's bbox over the area or edge cap (max_network_km2, max_network_edges)
    bad_request,         ///< 400 a request that breaks HTTP itself (e.g. two Content-Lengths)
    payload_too_large,   ///< 413
    length_required,     ///< 411 a body sent chunked instead of with Content-Length
    unsupported_encoding, ///< 415 a body with a Content-Encoding (compressed)
    headers_too_large,   ///< 431 too many or too large header lines
    request_timeout,     ///< 408 the request did not arrive in time
    too_many_connections, ///< 429 as many connections from one address as allowed
    server_full,         ///< 503 the server holds as many connections as it may
    vault_unavailable,   ///< 503 the vault's database cannot be reached now (PostgreSQL down or failing over)
    axes_swapped,        ///< 422 the point lies inside the network's area only with its two coordinates exchanged
    not_on_network,      ///< 422 the home is too far from any walkable way
    no_route,            ///< 422 no route at all to the school
    protected_identity,  ///< 403 no route geometry for a protected token
    rate_limited,        ///< 429
    purpose_limit,       ///< 429 a token asked about more distinct schools than allowed
    internal,            ///< 500, never with details
};

struct ApiError {
    ErrorCode code;
    std::string message; ///< what was wrong, naming fields or parameters only
};

/// A result or an error, for the service facade (no exceptions across it).
template <class T>
using Result = std::variant<T, ApiError>;

int http_status(ErrorCode code) noexcept;
/** The stable public code, e.g. "not_found". */
const char* public_code(ErrorCode code) noexcept;

/** Every public code, in the table's order (for the OpenAPI description). */
std::vector<const char*> public_codes();

/** {"error": {"code": ..., "message": ...}} */
std::string error_json(const ApiError& e);

} // namespace skolvag::api

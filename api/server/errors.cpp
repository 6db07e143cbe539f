// SPDX-License-Identifier: MIT
#include "api/server/errors.hpp"

#include <nlohmann/json.hpp>

namespace skolvag::api {

namespace {

struct ErrorRow {
    ErrorCode code;
    int status;
    const char* name;
};

// The one place where an error becomes an HTTP status.
constexpr ErrorRow kErrors[] = {
    {ErrorCode::unauthorized, 401, "unauthorized"},
    {ErrorCode::forbidden, 403, "forbidden"},
    {ErrorCode::not_found, 404, "not_found"},
    {ErrorCode::malformed_json, 400, "malformed_json"},
    {ErrorCode::invalid_field, 400, "invalid_field"},
    {ErrorCode::unknown_field, 400, "unknown_field"},
    {ErrorCode::unknown_school, 400, "unknown_school"},
    {ErrorCode::unknown_stop, 400, "unknown_stop"},
    {ErrorCode::unknown_grade, 400, "unknown_grade"},
    {ErrorCode::unknown_crs, 400, "unknown_crs"},
    {ErrorCode::area_too_large, 400, "area_too_large"},
    {ErrorCode::bad_request, 400, "bad_request"},
    {ErrorCode::payload_too_large, 413, "payload_too_large"},
    {ErrorCode::length_required, 411, "length_required"},
    {ErrorCode::unsupported_encoding, 415, "unsupported_encoding"},
    {ErrorCode::headers_too_large, 431, "headers_too_large"},
    {ErrorCode::request_timeout, 408, "request_timeout"},
    {ErrorCode::too_many_connections, 429, "too_many_connections"},
    {ErrorCode::server_full, 503, "server_full"},
    {ErrorCode::vault_unavailable, 503, "vault_unavailable"},
    {ErrorCode::axes_swapped, 422, "axes_swapped"},
    {ErrorCode::not_on_network, 422, "not_on_network"},
    {ErrorCode::no_route, 422, "no_route"},
    {ErrorCode::protected_identity, 403, "protected_identity"},
    {ErrorCode::rate_limited, 429, "rate_limited"},
    {ErrorCode::purpose_limit, 429, "purpose_limit"},
    {ErrorCode::internal, 500, "internal"},
};

const ErrorRow& row(ErrorCode code) {
    for (const ErrorRow& r : kErrors) {
        if (r.code == code) {
            return r;
        }
    }
    return kErrors[std::size(kErrors) - 1];
}

} // namespace

int http_status(ErrorCode code) noexcept { return row(code).status; }

const char* public_code(ErrorCode code) noexcept { return row(code).name; }

std::vector<const char*> public_codes() {
    std::vector<const char*> out;
    for (const ErrorRow& r : kErrors) {
        out.push_back(r.name);
    }
    return out;
}

std::string error_json(const ApiError& e) {
    // A message may quote the caller's text: never let a stray byte turn it into a 500.
    return nlohmann::json{{"error", {{"code", public_code(e.code)}, {"message", e.message}}}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// Request bodies and parameters of the HTTP API, parsed and checked into plain
// structs. Every problem becomes an ApiError that names the field, never its value.
#pragma once

#include "api/server/errors.hpp"
#include "geodata/axis_order.hpp"
#include "geodata/lon_lat.hpp"

#include <optional>
#include <string>

namespace skolvag::api {

/// POST /v1/tokens: {lon, lat} or {x, y, crs}; optional case_ref, protected.
struct RegisterRequest {
    geodata::LonLat home;           ///< in WGS84, transformed when x, y, crs were given
    std::optional<std::string> case_ref;
    bool is_protected = false;
};

/// POST /v1/assessments: {token, grade, school_id, reference_school_id?, stop_id?}
struct AssessmentRequest {
    std::string token;
    std::string grade;
    std::string school_id;
    std::optional<std::string> reference_school_id;
    std::optional<std::string> stop_id; ///< a pick-up stop of the tenant's stops file
};

/**
 * The body of POST /v1/tokens. A point outside `network_area` that would lie inside it
 * with its two coordinates exchanged (lon and lat, or x and y) is refused as
 * axes_swapped (geodata/axis_order.hpp), so that no wrong home enters the vault;
 * an empty area checks nothing.
 */
Result<RegisterRequest> parse_register_request(const std::string& body, const geodata::LonLatBox& network_area);
Result<AssessmentRequest> parse_assessment_request(const std::string& body);

/** A required query parameter, or an invalid_field error naming it. */
Result<std::string> required_parameter(const std::optional<std::string>& value, const char* name);

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/server/request.hpp"

#include "geodata/errors.hpp"
#include "geodata/projection.hpp"
#include "geodata/text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>

namespace skolvag::api {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxTextField = 200;

ApiError invalid(const std::string& message) { return {ErrorCode::invalid_field, message}; }

/// Parses a body that must be a JSON object with only the allowed fields.
Result<json> object_body(const std::string& body, std::initializer_list<const char*> allowed) {
    json j;
    // The field being read, so that a number too large for a double (1e400) is named.
    std::string field;
    const json::parser_callback_t note_field = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::key && parsed.is_string()) {
            field = parsed.get<std::string>();
        }
        return true;
    };
    try {
        j = json::parse(body, note_field);
    } catch (const json::out_of_range&) {
        return invalid(field.empty() ? std::string("the body holds a number out of range")
                                     : "'" + geodata::truncate_utf8(field, 40) + "' is a number out of range");
    } catch (const json::exception&) {
        return ApiError{ErrorCode::malformed_json, "the body is not valid JSON"};
    }
    if (!j.is_object()) {
        return ApiError{ErrorCode::malformed_json, "the body must be a JSON object"};
    }
    for (const auto& [key, value] : j.items()) {
        bool known = false;
        for (const char* a : allowed) {
            known = known || key == a;
        }
        if (!known) {
            // The name is the caller's own text; cut it short rather than echo a lot.
            return ApiError{ErrorCode::unknown_field, "unknown field '" + geodata::truncate_utf8(key, 40) + "'"};
        }
    }
    return j;
}

std::optional<ApiError> number(const json& j, const char* name, double& out) {
    if (!j.contains(name)) {
        return invalid("missing field '" + std::string(name) + "'");
    }
    if (!j[name].is_number()) {
        return invalid("'" + std::string(name) + "' must be a number");
    }
    out = j[name].get<double>();
    if (!std::isfinite(out)) {
        return invalid("'" + std::string(name) + "' must be a finite number");
    }
    return std::nullopt;
}

std::optional<ApiError> text(const json& j, const char* name, bool required, std::optional<std::string>& out) {
    if (!j.contains(name) || j[name].is_null()) {
        if (required) {
            return invalid("missing field '" + std::string(name) + "'");
        }
        return std::nullopt;
    }
    if (!j[name].is_string()) {
        return invalid("'" + std::string(name) + "' must be a string");
    }
    const std::string s = j[name].get<std::string>();
    if (s.empty() || s.size() > kMaxTextField) {
        return invalid("'" + std::string(name) + "' must have 1 to 200 characters");
    }
    out = s;
    return std::nullopt;
}

} // namespace

namespace {

/// {lon, lat} in WGS84 degrees.
Result<geodata::ReadPoint> wgs84_home(const json& j) {
    geodata::LonLat home;
    if (auto e = number(j, "lon", home.lon_deg)) {
        return *e;
    }
    if (auto e = number(j, "lat", home.lat_deg)) {
        return *e;
    }
    if (home.lon_deg < -180.0 || home.lon_deg > 180.0) {
        return invalid("'lon' must be between -180 and 180");
    }
    if (home.lat_deg < -90.0 || home.lat_deg > 90.0) {
        return invalid("'lat' must be between -90 and 90");
    }
    const geodata::LonLat swapped{home.lat_deg, home.lon_deg};
    return geodata::ReadPoint{home, swapped.is_valid() ? std::optional(swapped) : std::nullopt};
}

/// {x, y, crs}: a point in a CRS named by its code, transformed to WGS84 (as_read
/// empty when it is outside the CRS's valid range).
Result<geodata::ReadPoint> grid_home(const json& j) {
    double x = 0.0;
    double y = 0.0;
    std::optional<std::string> crs;
    if (auto e = number(j, "x", x)) {
        return *e;
    }
    if (auto e = number(j, "y", y)) {
        return *e;
    }
    if (auto e = text(j, "crs", true, crs)) {
        return *e;
    }
    // Only codes from callers: no PROJ strings (they can name files) and no names.
    if (!geodata::is_crs_code(*crs)) {
        return ApiError{ErrorCode::unknown_crs, "'crs' must be AUTHORITY:CODE (e.g. EPSG:3006) or an OGC URN"};
    }
    try {
        const geodata::Projection to_wgs84(*crs, geodata::kWgs84);
        const auto wgs84 = [&](double east, double north) -> std::optional<geodata::LonLat> {
            const auto p = to_wgs84.transform(east, north);
            if (!p || !geodata::LonLat{p->first, p->second}.is_valid()) {
                return std::nullopt;
            }
            return geodata::LonLat{p->first, p->second};
        };
        return geodata::ReadPoint{wgs84(x, y), wgs84(y, x)};
    } catch (const geodata::InputError&) {
        return ApiError{ErrorCode::unknown_crs, "'crs' is not a CRS PROJ knows"};
    }
}

} // namespace

Result<RegisterRequest> parse_register_request(const std::string& body, const geodata::LonLatBox& network_area) {
    auto parsed = object_body(body, {"lon", "lat", "x", "y", "crs", "case_ref", "protected"});
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return *e;
    }
    const json& j = std::get<json>(parsed);
    RegisterRequest r;
    const bool wgs84 = j.contains("lon") || j.contains("lat");
    const bool grid = j.contains("x") || j.contains("y") || j.contains("crs");
    if (wgs84 == grid) {
        return invalid("give either 'lon' and 'lat', or 'x', 'y' and 'crs'");
    }
    const Result<geodata::ReadPoint> home = wgs84 ? wgs84_home(j) : grid_home(j);
    if (const auto* e = std::get_if<ApiError>(&home)) {
        return *e;
    }
    const geodata::ReadPoint& point = std::get<geodata::ReadPoint>(home);
    // The message names the fields and the fix, never the point (it is a home).
    if (geodata::axes_look_swapped({&point, 1}, network_area)) {
        return ApiError{ErrorCode::axes_swapped,
                        wgs84 ? "'lon' and 'lat' look exchanged: the point lies outside the network's area but "
                                "would lie inside it with them swapped; 'lon' is the longitude (east), 'lat' the "
                                "latitude (north)"
                              : "'x' and 'y' look exchanged: the point lies outside the network's area but would "
                                "lie inside it with them swapped; 'x' is the easting, 'y' the northing (Swedish GIS "
                                "often writes X for the northing)"};
    }
    if (!point.as_read) {
        return invalid("'x' and 'y' are outside the valid range of the CRS");
    }
    r.home = *point.as_read;
    if (auto e = text(j, "case_ref", false, r.case_ref)) {
        return *e;
    }
    if (j.contains("protected")) {
        if (!j["protected"].is_boolean()) {
            return invalid("'protected' must be true or false");
        }
        r.is_protected = j["protected"].get<bool>();
    }
    return r;
}

Result<AssessmentRequest> parse_assessment_request(const std::string& body) {
    auto parsed = object_body(body, {"token", "grade", "school_id", "reference_school_id", "stop_id"});
    if (auto* e = std::get_if<ApiError>(&parsed)) {
        return *e;
    }
    const json& j = std::get<json>(parsed);
    AssessmentRequest r;
    std::optional<std::string> value;
    if (auto e = text(j, "token", true, value)) {
        return *e;
    }
    r.token = *value;
    if (auto e = text(j, "grade", true, value)) {
        return *e;
    }
    r.grade = *value;
    if (auto e = text(j, "school_id", true, value)) {
        return *e;
    }
    r.school_id = *value;
    value.reset();
    if (auto e = text(j, "reference_school_id", false, value)) {
        return *e;
    }
    r.reference_school_id = value;
    value.reset();
    if (auto e = text(j, "stop_id", false, value)) {
        return *e;
    }
    r.stop_id = value;
    return r;
}

Result<std::string> required_parameter(const std::optional<std::string>& value, const char* name) {
    if (!value || value->empty()) {
        return invalid("missing query parameter '" + std::string(name) + "'");
    }
    if (value->size() > kMaxTextField) {
        return invalid("query parameter '" + std::string(name) + "' is too long");
    }
    return *value;
}

} // namespace skolvag::api

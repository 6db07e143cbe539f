// SPDX-License-Identifier: MIT
#include "api/server/openapi.hpp"

#include "api/eligibility/grades.hpp"
#include "api/server/endpoints.hpp"
#include "api/server/errors.hpp"

#include <nlohmann/json.hpp>

namespace skolvag::api {

namespace {

// Everything but the paths, which come from the endpoint table; the grades from
// their one vocabulary (@GRADES@), the error codes from the errors' table (@ERROR_CODES@).
constexpr const char* kDocument = R"json({
  "openapi": "3.0.3",
  "info": {"title": "skolvag distance API", "version": "1", "description": "Safe walking distances and preliminary school transport decisions, asked for by pseudonymous coordinate tokens. A coordinate enters once (POST /v1/tokens) and comes back as a random token; no answer contains a home coordinate except the GDPR art. 15 export. Every call touching a token is audited. Requests: a body has a Content-Length of at most 16 KiB and no Content-Encoding (chunked or compressed bodies get 411 or 415, larger ones 413, bodies without a valid key 401, all before the body is read); at most 100 header lines and 32 KiB of them (431); a request must arrive whole within the server's request_timeout_s (408); connections beyond the server's limits get 429 (per client address) or 503. Map data © OpenStreetMap contributors, ODbL."},
  "servers": [{"url": "/"}],
  "security": [{"apiKey": []}],
  "components": {
    "securitySchemes": {
      "apiKey": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer KEY; the server holds only the key's SHA-256."}
    },
    "parameters": {
      "token": {"name": "token", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^svt_[A-Za-z0-9_-]{22}$"}},
      "school": {"name": "school", "in": "query", "required": true, "schema": {"type": "string"}, "description": "a school_id of GET /v1/schools"},
      "grade": {"name": "grade", "in": "query", "required": true, "schema": {"type": "string", "enum": @GRADES@}}
    },
    "schemas": {
      "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {"code": {"type": "string", "enum": @ERROR_CODES@}, "message": {"type": "string"}}}}},
      "Versions": {"type": "object", "properties": {"rule_set": {"type": "string"}, "rules_sha256": {"type": "string"}, "schools_sha256": {"type": "string"}, "network_id": {"type": "string"}, "skolvag_version": {"type": "string"}, "stops_sha256": {"type": "string", "description": "of the tenant's pick-up stops file; absent when it has none"}}},
      "Outcome": {"type": "string", "enum": ["eligible_distance", "eligible_traffic", "not_eligible", "not_on_network"]},
      "RegisterRequest": {"type": "object", "additionalProperties": false, "description": "lon and lat (WGS84), or x, y and crs: a CRS code such as EPSG:3006 (SWEREF 99 TM) or an OGC URN; names and PROJ strings are refused. A point outside the network's area that lies inside it with its two coordinates exchanged is refused (422 axes_swapped)", "properties": {"lon": {"type": "number", "minimum": -180, "maximum": 180}, "lat": {"type": "number", "minimum": -90, "maximum": 90}, "x": {"type": "number"}, "y": {"type": "number"}, "crs": {"type": "string", "description": "AUTHORITY:CODE (e.g. EPSG:3006) or an OGC URN"}, "case_ref": {"type": "string", "maxLength": 200, "description": "kept only as an HMAC, for tracing"}, "protected": {"type": "boolean", "description": "skyddad folkbokföring: no route geometry ever leaves the server"}}},
      "Token": {"type": "object", "properties": {"token": {"type": "string"}, "on_network": {"type": "boolean"}, "snap_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}}},
      "Distance": {"allOf": [{"$ref": "#/components/schemas/Versions"}, {"type": "object", "properties": {"token": {"type": "string"}, "school_id": {"type": "string"}, "grade": {"type": "string"}, "band": {"type": "string"}, "plain_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "threshold_m": {"type": "integer"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "note": {"type": "string"}, "reasons": {"type": "array", "items": {"type": "string"}, "description": "eligible_traffic: up to three places on the plain route unsafe for the band (road, speed, sidewalk; road crossed and its control; the municipality's reason); absent for protected identities"}, "reasons_sv": {"type": "array", "items": {"type": "string"}, "description": "the same places in Swedish, as a decision letter states them"}}}]},
      "AssessmentRequest": {"type": "object", "additionalProperties": false, "required": ["token", "grade", "school_id"], "properties": {"token": {"type": "string"}, "grade": {"type": "string"}, "school_id": {"type": "string"}, "reference_school_id": {"type": "string"}, "stop_id": {"type": "string", "description": "a pick-up stop of the tenant's stops file: the answer then has 'stop'; an unknown one is 400 unknown_stop"}}},
      "Assessment": {"allOf": [{"$ref": "#/components/schemas/Versions"}, {"type": "object", "properties": {"token": {"type": "string"}, "grade": {"type": "string"}, "band": {"type": "string"}, "threshold_m": {"type": "integer"}, "school": {"type": "object", "description": "the chosen school; appeal: laglighetsprövning", "properties": {"school_id": {"type": "string"}, "plain_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "appeal": {"type": "string"}}}, "reference_school": {"type": "object", "nullable": true, "description": "the school the municipality would place the pupil in (given, or the nearest teaching the grade); appeal: förvaltningsbesvär", "properties": {"school_id": {"type": "string"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "appeal": {"type": "string"}, "chosen_by": {"type": "string", "enum": ["request", "proximity"]}}}, "stop": {"type": "object", "nullable": true, "description": "only when stop_id was asked: the walk from the home to that pick-up stop, judged for the band as the walk to school (HFD 2023:16); null when the pupil gets no transport or the home is not on the network", "properties": {"stop_id": {"type": "string"}, "plain_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "threshold_m": {"type": "integer", "nullable": true, "description": "the band's max_stop_distance_m; null: no limit"}, "outcome": {"type": "string", "enum": ["ok", "too_far", "no_safe_route", "not_on_network"]}}}, "note": {"type": "string"}}}]},
      "ErasureReceipt": {"type": "object", "properties": {"token": {"type": "string"}, "erased": {"type": "object", "properties": {"coordinate": {"type": "boolean"}, "case_ref_hmac": {"type": "boolean"}, "cached_results": {"type": "integer"}}}, "history_purged": {"type": "boolean", "description": "the vault's history of the erased rows (SQLite: its write-ahead log) was purged at once; false only while another program holds the vault open, and the server keeps trying"}, "erased_at": {"type": "string"}, "kept": {"type": "string"}}}
    },
    "responses": {
      "Unauthorized": {"description": "no or wrong API key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "the client's roles do not allow this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "no such token (the same answer for tokens of other tenants)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "BadRequest": {"description": "malformed JSON, a missing, unknown or invalid field, an unknown school, grade or CRS", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooMany": {"description": "rate limit; see Retry-After", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooLarge": {"description": "body over the size limit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  }
})json";

std::string build_document() {
    nlohmann::json grades = nlohmann::json::array();
    for (std::string_view g : grade_names()) {
        grades.push_back(g);
    }
    nlohmann::json codes = nlohmann::json::array();
    for (const char* code : public_codes()) {
        codes.push_back(code);
    }
    std::string text = kDocument;
    text.replace(text.find("@GRADES@"), 8, grades.dump());
    text.replace(text.find("@ERROR_CODES@"), 13, codes.dump());
    nlohmann::json doc = nlohmann::json::parse(text);
    for (const Endpoint& e : api_endpoints()) {
        std::string method(to_string(e.method));
        for (char& ch : method) {
            ch = static_cast<char>(ch - 'A' + 'a');
        }
        doc["paths"][std::string(e.path)][method] = nlohmann::json::parse(e.openapi);
    }
    return doc.dump(2, ' ', false);
}

} // namespace

const std::string& openapi_json() {
    static const std::string document = build_document();
    return document;
}

} // namespace skolvag::api

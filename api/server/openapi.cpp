// SPDX-License-Identifier: MIT
#include "api/server/openapi.hpp"

namespace skolvag::api {

const char* openapi_json() noexcept {
    return R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "skolvag distance API",
    "version": "1",
    "description": "Safe walking distances and preliminary school transport decisions, asked for by pseudonymous coordinate tokens. A coordinate enters once (POST /v1/tokens) and comes back as a random token; no answer contains a home coordinate except the GDPR art. 15 export. Every call touching a token is audited. Map data © OpenStreetMap contributors, ODbL."
  },
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer KEY; the server holds only the key's SHA-256."}},
    "parameters": {
      "token": {"name": "token", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^svt_[A-Za-z0-9_-]{22}$"}},
      "school": {"name": "school", "in": "query", "required": true, "schema": {"type": "string"}, "description": "a school_id of GET /v1/schools"},
      "grade": {"name": "grade", "in": "query", "required": true, "schema": {"type": "string", "enum": ["F","1","2","3","4","5","6","7","8","9","gy1","gy2","gy3","gy4"]}}
    },
    "schemas": {
      "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {"code": {"type": "string", "enum": ["unauthorized","forbidden","not_found","malformed_json","invalid_field","unknown_field","unknown_school","unknown_grade","unknown_crs","payload_too_large","not_on_network","no_route","protected_identity","rate_limited","internal"]}, "message": {"type": "string"}}}}},
      "Versions": {"type": "object", "properties": {"rule_set": {"type": "string"}, "rules_sha256": {"type": "string"}, "schools_sha256": {"type": "string"}, "network_id": {"type": "string"}, "skolvag_version": {"type": "string"}}},
      "Outcome": {"type": "string", "enum": ["eligible_distance","eligible_traffic","not_eligible","not_on_network"]},
      "RegisterRequest": {"type": "object", "additionalProperties": false, "description": "lon and lat (WGS84), or x, y and crs (any CRS PROJ knows, e.g. EPSG:3006)",
        "properties": {"lon": {"type": "number", "minimum": -180, "maximum": 180}, "lat": {"type": "number", "minimum": -90, "maximum": 90}, "x": {"type": "number"}, "y": {"type": "number"}, "crs": {"type": "string"}, "case_ref": {"type": "string", "maxLength": 200, "description": "kept only as an HMAC, for tracing"}, "protected": {"type": "boolean", "description": "skyddad folkbokföring: no route geometry ever leaves the server"}}},
      "Token": {"type": "object", "properties": {"token": {"type": "string"}, "on_network": {"type": "boolean"}, "snap_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}}},
      "Distance": {"allOf": [{"$ref": "#/components/schemas/Versions"}, {"type": "object", "properties": {"token": {"type": "string"}, "school_id": {"type": "string"}, "grade": {"type": "string"}, "band": {"type": "string"}, "plain_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "threshold_m": {"type": "integer"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "note": {"type": "string"}}}]},
      "AssessmentRequest": {"type": "object", "additionalProperties": false, "required": ["token","grade","school_id"], "properties": {"token": {"type": "string"}, "grade": {"type": "string"}, "school_id": {"type": "string"}, "reference_school_id": {"type": "string"}}},
      "Assessment": {"allOf": [{"$ref": "#/components/schemas/Versions"}, {"type": "object", "properties": {"token": {"type": "string"}, "grade": {"type": "string"}, "band": {"type": "string"}, "threshold_m": {"type": "integer"},
        "school": {"type": "object", "description": "the chosen school; appeal: laglighetsprövning", "properties": {"school_id": {"type": "string"}, "plain_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "appeal": {"type": "string"}}},
        "reference_school": {"type": "object", "nullable": true, "description": "the school the municipality would place the pupil in (given, or the nearest teaching the grade); appeal: förvaltningsbesvär", "properties": {"school_id": {"type": "string"}, "safe_distance_m": {"type": "integer", "nullable": true, "description": "metres, rounded to the nearest metre"}, "outcome": {"$ref": "#/components/schemas/Outcome"}, "appeal": {"type": "string"}, "chosen_by": {"type": "string", "enum": ["request","proximity"]}}},
        "note": {"type": "string"}}}]}
    },
    "responses": {
      "Unauthorized": {"description": "no or wrong API key", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "Forbidden": {"description": "the client's roles do not allow this", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "no such token (the same answer for tokens of other tenants)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "BadRequest": {"description": "malformed JSON, a missing, unknown or invalid field, an unknown school, grade or CRS", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "TooMany": {"description": "rate limit; see Retry-After", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  },
  "security": [{"apiKey": []}],
  "paths": {
    "/v1/tokens": {"post": {"summary": "Register a home coordinate (role registrar)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RegisterRequest"}}}},
      "responses": {"201": {"description": "the token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"description": "body over 16 KiB"}, "429": {"$ref": "#/components/responses/TooMany"}}}},
    "/v1/tokens/{token}/distance": {"get": {"summary": "Plain and safe distance to a school for a grade, with the preliminary outcome (role case)", "parameters": [{"$ref": "#/components/parameters/token"}, {"$ref": "#/components/parameters/school"}, {"$ref": "#/components/parameters/grade"}],
      "responses": {"200": {"description": "distances rounded to 1 m", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Distance"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/TooMany"}}}},
    "/v1/assessments": {"post": {"summary": "The chosen and the reference school, with appeal regimes (role case)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AssessmentRequest"}}}},
      "responses": {"200": {"description": "the assessment", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "429": {"$ref": "#/components/responses/TooMany"}}}},
    "/v1/tokens/{token}/route": {"get": {"summary": "The safe route (else the plain one) as GeoJSON, from the home's point on the network (role case)", "parameters": [{"$ref": "#/components/parameters/token"}, {"$ref": "#/components/parameters/school"}, {"$ref": "#/components/parameters/grade"}],
      "responses": {"200": {"description": "a GeoJSON Feature with a LineString and the OSM attribution", "content": {"application/geo+json": {"schema": {"type": "object"}}}}, "403": {"description": "wrong role, or a protected identity"}, "404": {"$ref": "#/components/responses/NotFound"}, "422": {"description": "not on the network, or no route"}}}},
    "/v1/tokens/{token}": {"delete": {"summary": "Erase a token: coordinate, case reference HMAC and cached results (role admin, or the registrar that created it)", "parameters": [{"$ref": "#/components/parameters/token"}],
      "responses": {"200": {"description": "an erasure receipt", "content": {"application/json": {"schema": {"type": "object", "properties": {"token": {"type": "string"}, "erased": {"type": "object", "properties": {"coordinate": {"type": "boolean"}, "case_ref_hmac": {"type": "boolean"}, "cached_results": {"type": "integer"}}}, "history_purged": {"type": "boolean", "description": "the vault's history of the erased rows (SQLite: its write-ahead log) was purged at once; false only while another program holds the vault open, and the server keeps trying"}, "erased_at": {"type": "string"}, "kept": {"type": "string"}}}}}}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
    "/v1/tokens/{token}/export": {"get": {"summary": "Everything held for a token, coordinate included: GDPR art. 15 (role admin)", "parameters": [{"$ref": "#/components/parameters/token"}],
      "responses": {"200": {"description": "the export", "content": {"application/json": {"schema": {"type": "object"}}}}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
    "/v1/trace": {"get": {"summary": "Everything held about a case reference, without coordinates (role admin)", "parameters": [{"name": "case_ref", "in": "query", "required": true, "schema": {"type": "string"}}],
      "responses": {"200": {"description": "tokens, cached results, audit entry ids", "content": {"application/json": {"schema": {"type": "object"}}}}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/audit": {"get": {"summary": "The tenant's audit trail (role auditor)", "parameters": [{"name": "since", "in": "query", "required": false, "schema": {"type": "string", "format": "date-time"}}],
      "responses": {"200": {"description": "entries, oldest first", "content": {"application/json": {"schema": {"type": "object"}}}}, "403": {"$ref": "#/components/responses/Forbidden"}}}},
    "/v1/schools": {"get": {"summary": "The tenant's schools and bands (any client)", "responses": {"200": {"description": "schools", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
    "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": {"200": {"description": "ok"}}}},
    "/metrics": {"get": {"summary": "Prometheus metrics: counts and latencies only", "security": [], "responses": {"200": {"description": "text/plain; version=0.0.4"}}}},
    "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3"}}}}
  }
})json";
}

} // namespace skolvag::api

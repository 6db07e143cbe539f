// SPDX-License-Identifier: MIT
// The API's OpenAPI 3 description, served at /openapi.json.
#pragma once

namespace skolvag::api {

/** The OpenAPI 3.0 document as JSON text. */
const char* openapi_json() noexcept;

} // namespace skolvag::api

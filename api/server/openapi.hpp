// SPDX-License-Identifier: MIT
// The API's OpenAPI 3 description, served at /openapi.json: the components written
// here, and every path from the endpoint table (endpoints.hpp).
#pragma once

#include <string>

namespace skolvag::api {

/** The OpenAPI 3.0 document as JSON text. */
const std::string& openapi_json();

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// One-time GDAL set-up shared by the readers and writers: drivers registered, and
// GDAL's own messages kept off stderr (they are turned into errors that name the file).
#pragma once

#include <string>

namespace skolvag::geodata::detail {

/** Registers GDAL's drivers once per process and silences GDAL's default error printer. */
void ensure_gdal();

/** GDAL's last error message, or fallback when there is none. */
std::string gdal_last_error(const std::string& fallback);

} // namespace skolvag::geodata::detail

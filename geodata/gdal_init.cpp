// SPDX-License-Identifier: MIT
#include "geodata/gdal_init.hpp"

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace skolvag::geodata::detail {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string gdal_last_error(const std::string& fallback) {
    const char* msg = CPLGetLastErrorMsg();
    return (msg != nullptr && *msg != '\0') ? std::string(msg) : fallback;
}

} // namespace skolvag::geodata::detail

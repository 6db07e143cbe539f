// SPDX-License-Identifier: MIT
#include "geodata/projection.hpp"

#include "geodata/errors.hpp"

#include <proj.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <string_view>

namespace skolvag::geodata {

struct Projection::Impl {
    PJ_CONTEXT* ctx = nullptr;
    PJ* pj = nullptr;
    ~Impl() {
        if (pj != nullptr) {
            proj_destroy(pj);
        }
        if (ctx != nullptr) {
            proj_context_destroy(ctx);
        }
    }
};

namespace {

std::string short_name(const std::string& definition) {
    // WKT definitions are long: name them by their start in messages.
    return definition.size() > 60 ? definition.substr(0, 57) + "..." : definition;
}

bool starts_with_ci(const std::string& text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

/// WKT starts with a keyword in capitals and a bracket, e.g. PROJCRS[ or GEOGCS[.
bool looks_like_wkt(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size() && ((text[i] >= 'A' && text[i] <= 'Z') || text[i] == '_' || (text[i] >= '0' && text[i] <= '9'))) {
        ++i;
    }
    return i >= 4 && i < text.size() && (text[i] == '[' || text[i] == '(');
}

} // namespace

bool is_crs_code(const std::string& definition) {
    static const std::regex code(R"(^[A-Za-z][A-Za-z0-9_]{0,15}:[0-9A-Za-z_.]{1,20}$)");
    static const std::regex urn(R"(^urn:ogc:def:crs:[A-Za-z0-9_]{1,16}:[0-9.]*:[0-9A-Za-z_.]{1,20}$)", std::regex::icase);
    return std::regex_match(definition, code) || std::regex_match(definition, urn);
}

void check_crs_definition(const std::string& definition) {
    const bool ok = definition.size() <= 16384 &&
                    (is_crs_code(definition) || looks_like_wkt(definition) ||
                     (!definition.empty() && definition.front() == '{') || starts_with_ci(definition, "+proj="));
    if (!ok) {
        throw InputError("CRS '" + short_name(definition) +
                         "': give it as AUTHORITY:CODE (e.g. EPSG:3006), an OGC URN, WKT, PROJJSON or a "
                         "PROJ string (+proj=...); names are not looked up");
    }
}

Projection::Projection(const std::string& from, const std::string& to) : m_impl(std::make_unique<Impl>()) {
    check_crs_definition(from);
    check_crs_definition(to);
    m_impl->ctx = proj_context_create();
    proj_log_level(m_impl->ctx, PJ_LOG_NONE);
    PJ* raw = proj_create_crs_to_crs(m_impl->ctx, from.c_str(), to.c_str(), nullptr);
    if (raw == nullptr) {
        throw InputError("unknown CRS: PROJ cannot transform from '" + short_name(from) + "' to '" + short_name(to) + "'");
    }
    // x = east / longitude, y = north / latitude, as every GIS file stores them.
    m_impl->pj = proj_normalize_for_visualization(m_impl->ctx, raw);
    proj_destroy(raw);
    if (m_impl->pj == nullptr) {
        throw InputError("unknown CRS: PROJ cannot normalise '" + short_name(from) + "'");
    }
}

Projection::~Projection() = default;
Projection::Projection(Projection&&) noexcept = default;
Projection& Projection::operator=(Projection&&) noexcept = default;

std::optional<std::pair<double, double>> Projection::transform(double x, double y) const {
    const PJ_COORD in = proj_coord(x, y, 0, 0);
    const PJ_COORD out = proj_trans(m_impl->pj, PJ_FWD, in);
    if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y) || out.xy.x == HUGE_VAL) {
        return std::nullopt;
    }
    return std::make_pair(out.xy.x, out.xy.y);
}

bool is_geographic_crs(const std::string& definition) {
    check_crs_definition(definition);
    PJ_CONTEXT* ctx = proj_context_create();
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ* crs = proj_create(ctx, definition.c_str());
    if (crs == nullptr || proj_is_crs(crs) == 0) {
        proj_destroy(crs);
        proj_context_destroy(ctx);
        throw InputError("unknown CRS '" + short_name(definition) + "'");
    }
    const PJ_TYPE type = proj_get_type(crs);
    proj_destroy(crs);
    proj_context_destroy(ctx);
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

} // namespace skolvag::geodata

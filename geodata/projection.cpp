// SPDX-License-Identifier: MIT
#include "geodata/projection.hpp"

#include "geodata/input_error.hpp"

#include <proj.h>

#include <cmath>

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

} // namespace

Projection::Projection(const std::string& from, const std::string& to) : m_impl(std::make_unique<Impl>()), m_from(from) {
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
    PJ_CONTEXT* ctx = proj_context_create();
    proj_log_level(ctx, PJ_LOG_NONE);
    PJ* crs = proj_create(ctx, definition.c_str());
    if (crs == nullptr) {
        proj_context_destroy(ctx);
        throw InputError("unknown CRS '" + short_name(definition) + "'");
    }
    const PJ_TYPE type = proj_get_type(crs);
    proj_destroy(crs);
    proj_context_destroy(ctx);
    return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// Projection: an RAII wrapper around a PROJ transformation between two CRSs, in
// "GIS order" (x = easting or longitude, y = northing or latitude) whatever the
// CRS's official axis order. Each object owns its PROJ context: use one per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace skolvag::geodata {

/// The CRS of every distance computation and of LonLat.
inline constexpr const char* kWgs84 = "EPSG:4326";
/// SWEREF 99 TM, the Swedish national grid: the default for x/y input and for route output.
inline constexpr const char* kSweref99Tm = "EPSG:3006";

class Projection {
public:
    /**
     * @param from,to any CRS definition PROJ understands ("EPSG:3006", WKT, PROJ strings).
     * @throws InputError naming the CRS when PROJ does not know it.
     */
    Projection(const std::string& from, const std::string& to);
    ~Projection();
    Projection(Projection&&) noexcept;
    Projection& operator=(Projection&&) noexcept;

    /** Transforms (x, y); nullopt when the point cannot be transformed. */
    std::optional<std::pair<double, double>> transform(double x, double y) const;

    const std::string& from() const noexcept { return m_from; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_from;
};

/** True when the definition names a geographic (lon/lat) CRS. @throws InputError for unknown CRSs. */
bool is_geographic_crs(const std::string& definition);

} // namespace skolvag::geodata

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

/**
 * Checks the form of a CRS definition before PROJ sees it: AUTHORITY:CODE
 * ("EPSG:3006"), an OGC URN, WKT, PROJJSON or a PROJ string ("+proj=..."). Names
 * ("SWEREF99 TM") are refused: PROJ would search its database for them, slowly, and
 * might pick another CRS than the one meant.
 * @throws InputError naming the definition and the accepted forms.
 */
void check_crs_definition(const std::string& definition);

/** True for AUTHORITY:CODE or an OGC URN: the forms accepted from API callers. */
bool is_crs_code(const std::string& definition);

class Projection {
public:
    /**
     * @param from,to CRS definitions in a form check_crs_definition accepts.
     * @throws InputError naming the CRS when the form is wrong or PROJ does not know it.
     */
    Projection(const std::string& from, const std::string& to);
    ~Projection();
    Projection(Projection&&) noexcept;
    Projection& operator=(Projection&&) noexcept;

    /** Transforms (x, y); nullopt when the point cannot be transformed. */
    std::optional<std::pair<double, double>> transform(double x, double y) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/** True when the definition names a geographic (lon/lat) CRS. @throws InputError for unknown CRSs. */
bool is_geographic_crs(const std::string& definition);

} // namespace skolvag::geodata

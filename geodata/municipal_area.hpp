// SPDX-License-Identifier: MIT
// A municipality's own map layers (walking-network.md §9): polygons that make the edges
// and crossings inside them unsafe, or safe, for some bands. Read with GDAL from any
// vector format, reprojected to WGS84 longitude/latitude, and tested there as plane
// coordinates; a point on a polygon's boundary counts as inside.
#pragma once

#include "geodata/lon_lat.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::geodata {

/// One feature of a layer: a polygon or multipolygon, its reason, the bands it applies to.
struct MunicipalArea {
    struct Shape; ///< the geometry, Boost.Geometry's, kept out of this header

    bool unsafe = true;             ///< kind "unsafe", else "safe"
    std::string reason;             ///< quoted in explanations
    std::vector<std::size_t> bands; ///< indexes of the rules' bands
    std::string where;              ///< "FILE feature N", for messages
    LonLatBox box;
    std::shared_ptr<const Shape> shape;

    /** True when p lies inside or on the boundary. */
    bool covers(const LonLat& p) const;
    /** True when any part of the polyline lies inside or touches the area. */
    bool touches(const std::vector<LonLat>& line) const;
    /** True when the whole polyline lies inside the area (boundary included). */
    bool covers(const std::vector<LonLat>& line) const;
};

/// What a [[layer]] entry of the rules names.
struct LayerSource {
    std::string path;
    std::optional<std::string> layer;    ///< nullopt: the file's first layer
    bool unsafe = true;
    std::vector<std::size_t> bands;      ///< the entry's bands (every band when the rules named none)
};

/**
 * Reads every feature of a layer (§9).
 * @param band_names the rules' bands, to read a feature's own `bands` attribute.
 * @throws InputError naming the file (and the feature, and the field) for an unreadable
 *         file, a missing layer, a layer without a CRS, a geometry that is not a polygon,
 *         a missing or empty `reason`, or an unknown band.
 */
std::vector<MunicipalArea> read_municipal_layer(const LayerSource& source, const std::vector<std::string>& band_names);

} // namespace skolvag::geodata

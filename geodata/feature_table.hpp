// SPDX-License-Identifier: MIT
// Reading tables of features (CSV, GeoPackage, GeoJSON, Shapefile, ...) with GDAL/OGR,
// and turning their points into WGS84 through PROJ: x,y or lon,lat columns, or point
// geometries in the layer's own CRS.
#pragma once

#include "geodata/axis_order.hpp"
#include "geodata/lon_lat.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skolvag::geodata {

struct FeatureRow {
    std::string where;                          ///< "pupils.csv:5" or "pupils.gpkg feature 17", for messages
    std::vector<std::string> values;            ///< one per column, "" for null
    std::optional<std::pair<double, double>> xy; ///< the point geometry, in the layer's CRS
    std::string geometry_problem;               ///< set when the feature has a geometry that is not a point
};

struct FeatureTable {
    std::string source;                 ///< the path, for messages
    std::vector<std::string> columns;
    std::vector<FeatureRow> rows;
    bool has_geometry = false;          ///< the layer has a geometry column
    std::string layer_crs;              ///< WKT of the layer's CRS, empty when it has none
    bool read_as_windows1252 = false;   ///< the file was not UTF-8 (text is UTF-8 now)

    /** Index of a column, matched without regard to case, or by its first 10 characters
     *  (as a Shapefile cuts names) when none has the whole name; nullopt when absent. */
    std::optional<std::size_t> column(std::string_view name) const;
    /** @throws InputError naming the file and every missing column. */
    void require_columns(const std::vector<std::string_view>& names) const;
    /** The value of a named column in a row, "" when the column is absent. */
    const std::string& value(const FeatureRow& row, std::string_view name) const;
};

/**
 * Reads the first layer of a vector file with GDAL (format by extension or content).
 * @throws InputError naming the file when it cannot be opened or has no layer.
 */
FeatureTable read_feature_table(const std::string& path);

/// A row's point in WGS84, or why it has none.
struct RowPoint {
    std::optional<LonLat> lon_lat;
    std::optional<LonLat> swapped; ///< the point with x and y exchanged, to recognise swapped axes
    std::string problem;      ///< e.g. "'x' is not a number"; never the value itself
    std::string as_given;     ///< the coordinate as given with its CRS, for input fingerprints
    /// Set when the point came from x, y and the row's lon, lat (read as EPSG:4326) lie
    /// more than kPointColumnsTolerance_m away: "x, y and lon, lat are more than 1 m
    /// apart; x, y used" (no coordinates). The register says two things of one place.
    std::string lon_lat_disagreement;
};

/// How far apart a row's x, y and lon, lat may lie and still be one point: whole metres
/// in SWEREF 99 TM are up to 0.71 m off, six decimals of a degree up to 0.11 m, so a
/// register rounding both that way stays within 1 m; a wrong or moved point does not.
inline constexpr double kPointColumnsTolerance_m = 1.0;

/**
 * Where the points of a table come from and in which CRS: the layer's point geometry
 * in its own CRS (or `crs`, else EPSG:3006, when the layer has none); else x,y
 * columns (in `crs`, default EPSG:3006, SWEREF 99 TM); else lon,lat columns (in
 * `crs`, default EPSG:4326). x is the easting, y the northing, unless `axes` says the
 * file has them the other way round (they are then exchanged on reading). When a table
 * has both x, y and lon, lat columns, x, y are used and each row says whether its
 * lon, lat agree (RowPoint::lon_lat_disagreement).
 * A named point (`name` "from": a table of pairs) is read from its own columns only,
 * from_x,from_y or from_lon,from_lat, never from the geometry.
 * @throws InputError naming the file when there are no points, or naming the CRS when
 *         PROJ does not know it.
 */
std::vector<RowPoint> read_points(const FeatureTable& table, const std::optional<std::string>& crs,
                                  AxisOrder axes = AxisOrder::easting_northing, std::string_view name = "");

/**
 * In words, where read_points takes a table's points from and in which CRS, e.g.
 * "x, y columns in EPSG:3006 (the default)" or "point geometries in the layer's own CRS",
 * for a run's summary. Several named points read alike are listed together:
 * "from_lon, from_lat and to_lon, to_lat columns in EPSG:4326 (the default)".
 */
std::string points_read_in(const FeatureTable& table, const std::optional<std::string>& crs,
                           std::initializer_list<std::string_view> names = {""});

} // namespace skolvag::geodata

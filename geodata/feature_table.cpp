// SPDX-License-Identifier: MIT
#include "geodata/feature_table.hpp"

#include "geodata/gdal_init.hpp"
#include "geodata/errors.hpp"
#include "geodata/geodesic.hpp"
#include "geodata/projection.hpp"
#include "geodata/text/decimal.hpp"
#include "geodata/text/utf8.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace skolvag::geodata {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

bool ends_with_ignoring_case(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && equal_ignoring_case(std::string_view(s).substr(s.size() - suffix.size()), suffix);
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

} // namespace

std::optional<std::size_t> FeatureTable::column(std::string_view name) const {
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (equal_ignoring_case(columns[i], name)) {
            return i;
        }
    }
    // A Shapefile's columns have at most 10 characters: "reference_school_id" is
    // "reference_" there. The cut name stands for the whole one when no column has it.
    constexpr std::size_t kShapefileNameLength = 10;
    if (name.size() > kShapefileNameLength) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (equal_ignoring_case(columns[i], name.substr(0, kShapefileNameLength))) {
                return i;
            }
        }
    }
    return std::nullopt;
}

void FeatureTable::require_columns(const std::vector<std::string_view>& names) const {
    std::string missing;
    for (std::string_view n : names) {
        if (!column(n)) {
            missing += (missing.empty() ? "'" : ", '") + std::string(n) + "'";
        }
    }
    if (!missing.empty()) {
        throw InputError(source + ": missing column " + missing);
    }
}

const std::string& FeatureTable::value(const FeatureRow& row, std::string_view name) const {
    static const std::string empty;
    const auto c = column(name);
    return c && *c < row.values.size() ? row.values[*c] : empty;
}

namespace {

/// Spreadsheet programs in Sweden often save CSV as Windows-1252: one byte for å, ä, ö.
/// A file is one encoding, so when any text is not UTF-8, all of it is read as
/// Windows-1252 (which decodes every byte), with a warning naming only the file.
void decode_non_utf8(FeatureTable& table) {
    const auto all_utf8 = [](const std::vector<std::string>& texts) {
        return std::all_of(texts.begin(), texts.end(), [](const std::string& t) { return is_valid_utf8(t); });
    };
    if (all_utf8(table.columns) &&
        std::all_of(table.rows.begin(), table.rows.end(), [&](const FeatureRow& row) { return all_utf8(row.values); })) {
        return;
    }
    for (std::string& c : table.columns) {
        c = windows1252_to_utf8(c);
    }
    for (FeatureRow& row : table.rows) {
        for (std::string& v : row.values) {
            v = windows1252_to_utf8(v);
        }
    }
    table.read_as_windows1252 = true;
    std::fprintf(stderr, "warning: %s is not UTF-8; read as Windows-1252 (save it as UTF-8 to silence this)\n",
                 table.source.c_str());
}

} // namespace

namespace {

using Dataset = std::unique_ptr<GDALDataset, DatasetCloser>;

/// CSV goes through GDAL's CSV driver with every field as text; everything else is
/// recognised by GDAL from its content.
Dataset open_vector_file(const std::string& path, bool csv) {
    const char* csv_only[] = {"CSV", nullptr};
    const char* csv_options[] = {"AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=NO", nullptr};
    Dataset ds(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                                    csv ? csv_only : nullptr, csv ? csv_options : nullptr, nullptr)));
    if (!ds) {
        throw InputError(path + ": cannot read as a table (" + detail::gdal_last_error("not found or not a vector file") +
                         ")");
    }
    if (ds->GetLayerCount() < 1) {
        throw InputError(path + ": no layer to read");
    }
    return ds;
}

/// The layer's CRS as WKT, "" when it has none.
std::string layer_crs_wkt(OGRLayer& layer) {
    std::string out;
    if (const OGRSpatialReference* srs = layer.GetSpatialRef()) {
        char* wkt = nullptr;
        const char* options[] = {"FORMAT=WKT2_2019", nullptr};
        if (srs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt != nullptr) {
            out = wkt;
        }
        CPLFree(wkt);
    }
    return out;
}

/// A feature's fields as text ("" for null) and its point, or why it has none.
void read_feature(OGRFeature& feature, const OGRFeatureDefn& defn, FeatureRow& row) {
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        if (!feature.IsFieldSetAndNotNull(i)) {
            row.values.emplace_back();
        } else if (defn.GetFieldDefn(i)->GetType() == OFTReal) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.10g", feature.GetFieldAsDouble(i));
            row.values.emplace_back(buf);
        } else {
            row.values.emplace_back(feature.GetFieldAsString(i));
        }
    }
    const OGRGeometry* g = feature.GetGeometryRef();
    if (g == nullptr || g->IsEmpty()) {
        return;
    }
    const OGRwkbGeometryType flat = wkbFlatten(g->getGeometryType());
    if (flat == wkbPoint) {
        row.xy = std::make_pair(g->toPoint()->getX(), g->toPoint()->getY());
    } else if (flat == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1) {
        const auto* p = g->toMultiPoint()->getGeometryRef(0);
        row.xy = std::make_pair(p->getX(), p->getY());
    } else {
        row.geometry_problem =
            std::string("geometry is a ") + OGRGeometryTypeToName(g->getGeometryType()) + ", not a point";
    }
}

} // namespace

FeatureTable read_feature_table(const std::string& path) {
    detail::ensure_gdal();
    CPLErrorReset();
    // GDAL would call it "not a vector file"; an empty export is commoner and says more.
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && std::filesystem::file_size(path, ec) == 0 && !ec) {
        throw InputError(path + ": empty file (no header, no rows)");
    }
    // Every table skolvag reads has its column names in the first row. GDAL's spreadsheet
    // drivers guess that from the cell types, and take a sheet whose cells are all text
    // (x and y typed as "674440,14") for one without names: the names become a data row.
    // The drivers read the sheet when the layer is first read: set for the whole reading.
    const CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", false);
    const CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", false);
    // Text tables: .csv, and tab-separated .tsv and .txt (GDAL's CSV driver finds the
    // separator: comma, semicolon, tab; a .txt is only read as a table when asked so).
    const bool txt = ends_with_ignoring_case(path, ".txt");
    const bool csv = ends_with_ignoring_case(path, ".csv") || ends_with_ignoring_case(path, ".tsv") || txt;
    const Dataset ds = open_vector_file(txt ? "CSV:" + path : path, csv);
    OGRLayer* layer = ds->GetLayer(0);
    const OGRFeatureDefn& defn = *layer->GetLayerDefn();

    FeatureTable table;
    table.source = path;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        table.columns.emplace_back(defn.GetFieldDefn(i)->GetNameRef());
    }
    table.has_geometry = defn.GetGeomFieldCount() > 0 && layer->GetGeomType() != wkbNone;
    table.layer_crs = layer_crs_wkt(*layer);
    layer->ResetReading();
    std::size_t index = 0;
    for (auto& feature : *layer) {
        ++index;
        FeatureRow row;
        // GDAL's CSV driver numbers data rows from 1; the header is line 1.
        row.where = csv ? path + ":" + std::to_string(feature->GetFID() + 1)
                        : path + " feature " + std::to_string(feature->GetFID() >= 0 ? feature->GetFID()
                                                                                     : static_cast<GIntBig>(index));
        read_feature(*feature, defn, row);
        table.rows.push_back(std::move(row));
    }
    decode_non_utf8(table);
    return table;
}

namespace {

/// Where a table's points are: the geometry, or two columns; and in which CRS.
struct PointSource {
    bool geometry = false; ///< the layer's point geometry, not columns
    std::string crs;
    std::string crs_label; ///< for fingerprints and messages: the CRS, or "layer CRS"
    std::optional<std::size_t> cx;
    std::optional<std::size_t> cy;
    std::string x_name = "x";
    std::string y_name = "y";
    bool degrees = false; ///< lon,lat columns: each has its range
};

/// The column of a named point: "x" for the row's own point, "from_x" for the point "from".
std::string column_name(std::string_view name, std::string_view axis) {
    return name.empty() ? std::string(axis) : std::string(name) + "_" + std::string(axis);
}

PointSource point_source(const FeatureTable& table, const std::optional<std::string>& crs, std::string_view name) {
    PointSource s;
    const std::string x_name = column_name(name, "x");
    const std::string y_name = column_name(name, "y");
    const std::string lon_name = column_name(name, "lon");
    const std::string lat_name = column_name(name, "lat");
    const auto x = table.column(x_name);
    const auto y = table.column(y_name);
    const auto lon = table.column(lon_name);
    const auto lat = table.column(lat_name);
    if (name.empty() && table.has_geometry) {
        s.geometry = true;
        s.crs = !table.layer_crs.empty() ? table.layer_crs : crs.value_or(kSweref99Tm);
    } else if (x && y) {
        s = {false, crs.value_or(kSweref99Tm), "", x, y, x_name, y_name, false};
    } else if (lon && lat) {
        s = {false, crs.value_or(kWgs84), "", lon, lat, lon_name, lat_name, true};
    } else {
        throw InputError(table.source + ": no points: expected columns '" + x_name + "' and '" + y_name +
                         "' (default EPSG:3006) or '" + lon_name + "' and '" + lat_name + "' (default EPSG:4326)" +
                         (name.empty() ? ", or point geometries" : ""));
    }
    s.crs_label = s.geometry && !table.layer_crs.empty() ? "layer CRS" : s.crs;
    return s;
}

/// A row's point as given (in the source CRS), easting first, or why it has none; a
/// point of degrees out of their range comes with its problem.
std::optional<std::pair<double, double>> given_point(const PointSource& s, const FeatureRow& row, AxisOrder axes,
                                                     std::string& problem) {
    if (s.geometry) {
        problem = !row.geometry_problem.empty() ? row.geometry_problem : !row.xy ? "no point geometry" : "";
        if (!problem.empty()) {
            return std::nullopt;
        }
        return axes == AxisOrder::northing_easting ? std::make_pair(row.xy->second, row.xy->first) : *row.xy;
    }
    const auto vx = parse_decimal(row.values[*s.cx]);
    const auto vy = parse_decimal(row.values[*s.cy]);
    if (!vx) {
        problem = "'" + s.x_name + "' is " + (row.values[*s.cx].empty() ? "empty" : "not a number");
        return std::nullopt;
    }
    if (!vy) {
        problem = "'" + s.y_name + "' is " + (row.values[*s.cy].empty() ? "empty" : "not a number");
        return std::nullopt;
    }
    // The easting (longitude) and the column it came from.
    const bool exchanged = axes == AxisOrder::northing_easting;
    const std::pair<double, double> xy = exchanged ? std::make_pair(*vy, *vx) : std::make_pair(*vx, *vy);
    if (s.degrees && !(std::fabs(xy.first) <= 180.0)) {
        problem = "'" + (exchanged ? s.y_name : s.x_name) + "' is out of range";
    } else if (s.degrees && !(std::fabs(xy.second) <= 90.0)) {
        problem = "'" + (exchanged ? s.x_name : s.y_name) + "' is out of range";
    }
    return xy;
}

} // namespace

std::string points_read_in(const FeatureTable& table, const std::optional<std::string>& crs,
                           std::initializer_list<std::string_view> names) {
    std::string columns;
    PointSource s;
    for (std::string_view name : names) {
        s = point_source(table, crs, name);
        columns += (columns.empty() ? "" : " and ") + s.x_name + ", " + s.y_name;
    }
    if (s.geometry) {
        return s.crs_label == "layer CRS" ? "point geometries in the layer's own CRS"
                                          : "point geometries in " + s.crs + (crs ? " (given)" : " (the default)");
    }
    std::string crs_text = s.crs;
    if (crs_text.size() > 40) {
        crs_text = crs_text.substr(0, 37) + "..."; // WKT or PROJJSON: its start says enough
    }
    return columns + " columns in " + crs_text + (crs ? " (given)" : " (the default)");
}

namespace {

/**
 * Whether a row's lon, lat lie more than kPointColumnsTolerance_m from the point read
 * from its x, y. lon, lat are degrees in WGS84 whatever --crs says (that names the CRS of
 * the columns used); a row whose lon, lat are empty or not numbers has nothing to disagree.
 */
bool lon_lat_disagree(const FeatureRow& row, std::size_t lon, std::size_t lat, const LonLat& used) {
    const auto lon_deg = parse_decimal(row.values[lon]);
    const auto lat_deg = parse_decimal(row.values[lat]);
    if (!lon_deg || !lat_deg) {
        return false;
    }
    const LonLat other{*lon_deg, *lat_deg};
    return !other.is_valid() || geodesic_distance_m(used, other) > kPointColumnsTolerance_m;
}

} // namespace

std::vector<RowPoint> read_points(const FeatureTable& table, const std::optional<std::string>& crs, AxisOrder axes,
                                  std::string_view name) {
    const PointSource source = point_source(table, crs, name);
    const Projection to_wgs84(source.crs, kWgs84);
    const std::string the_point = name.empty() ? "the point" : "the " + std::string(name) + " point";
    // Both x, y and lon, lat (a register's one point): x, y are read, and compared with lon, lat row by row.
    const auto lon = table.column("lon");
    const auto lat = table.column("lat");
    const bool compare_lon_lat = name.empty() && !table.has_geometry && source.x_name == "x" && lon && lat;
    std::vector<RowPoint> points;
    points.reserve(table.rows.size());
    for (const FeatureRow& row : table.rows) {
        RowPoint p;
        const auto xy = given_point(source, row, axes, p.problem);
        if (xy) {
            if (const auto s = to_wgs84.transform(xy->second, xy->first)) {
                const LonLat swapped{s->first, s->second};
                p.swapped = swapped.is_valid() ? std::optional<LonLat>(swapped) : std::nullopt;
            }
            char buf[96];
            std::snprintf(buf, sizeof buf, "%.9f %.9f", xy->first, xy->second);
            p.as_given = std::string(buf) + " " + source.crs_label;
            const auto t = to_wgs84.transform(xy->first, xy->second);
            const LonLat ll = t ? LonLat{t->first, t->second} : LonLat{NAN, NAN};
            if (p.problem.empty() && !ll.is_valid()) {
                p.problem = the_point + " is outside the valid range of " +
                            (source.crs_label == "layer CRS" ? std::string("the layer's CRS") : source.crs);
            }
            if (p.problem.empty()) { // else degrees out of their range (given_point) or the above
                p.lon_lat = ll;
                if (compare_lon_lat && lon_lat_disagree(row, *lon, *lat, ll)) {
                    char text[96];
                    std::snprintf(text, sizeof text, "x, y and lon, lat are more than %g m apart; x, y used",
                                  kPointColumnsTolerance_m);
                    p.lon_lat_disagreement = text;
                }
            }
        }
        points.push_back(std::move(p));
    }
    return points;
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
#include "geodata/municipal_area.hpp"

#include "geodata/errors.hpp"
#include "geodata/gdal_init.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <sstream>

namespace skolvag::geodata {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Line = bg::model::linestring<Point>;

struct MunicipalArea::Shape {
    MultiPolygon polygons;
};

namespace {

Line to_line(const std::vector<LonLat>& points) {
    Line line;
    for (const LonLat& p : points) {
        line.emplace_back(p.lon_deg, p.lat_deg);
    }
    return line;
}

bool box_meets(const LonLatBox& a, const LonLatBox& b) {
    return !(a.max.lon_deg < b.min.lon_deg || b.max.lon_deg < a.min.lon_deg || a.max.lat_deg < b.min.lat_deg ||
             b.max.lat_deg < a.min.lat_deg);
}

LonLatBox box_of(const std::vector<LonLat>& points) {
    LonLatBox box;
    for (const LonLat& p : points) {
        box.extend(p);
    }
    return box;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

/// A feature's text attribute, "" when absent or null.
std::string text_field(OGRFeature& feature, const char* name) {
    const int i = feature.GetFieldIndex(name);
    return i < 0 || !feature.IsFieldSetAndNotNull(i) ? std::string() : std::string(feature.GetFieldAsString(i));
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// A feature's own `bands` (comma-separated names); the entry's when blank or NULL.
std::vector<std::size_t> feature_bands(OGRFeature& feature, const LayerSource& source,
                                       const std::vector<std::string>& band_names, const std::string& where) {
    const std::string text = trimmed(text_field(feature, "bands"));
    if (text.empty()) {
        return source.bands;
    }
    std::vector<std::size_t> bands;
    std::stringstream list(text);
    for (std::string name; std::getline(list, name, ',');) {
        name = trimmed(name);
        const auto it = std::find(band_names.begin(), band_names.end(), name);
        if (it == band_names.end()) {
            throw InputError(where + ": field 'bands' names an unknown band '" + name + "'");
        }
        bands.push_back(static_cast<std::size_t>(it - band_names.begin()));
    }
    return bands;
}

/// The polygon's rings, transformed to WGS84 lon/lat.
Polygon to_polygon(const OGRPolygon& ogr, OGRCoordinateTransformation& to_wgs84, LonLatBox& box,
                   const std::string& where) {
    Polygon polygon;
    const auto ring_points = [&](const OGRLinearRing& ring, std::vector<Point>& out) {
        for (int i = 0; i < ring.getNumPoints(); ++i) {
            double x = ring.getX(i);
            double y = ring.getY(i);
            if (!to_wgs84.Transform(1, &x, &y)) {
                throw InputError(where + ": a vertex cannot be transformed to WGS84");
            }
            out.emplace_back(x, y);
            box.extend({x, y});
        }
    };
    ring_points(*ogr.getExteriorRing(), polygon.outer());
    for (int r = 0; r < ogr.getNumInteriorRings(); ++r) {
        polygon.inners().emplace_back();
        ring_points(*ogr.getInteriorRing(r), polygon.inners().back());
    }
    bg::correct(polygon); // ring orientation and closure as Boost.Geometry expects
    return polygon;
}

} // namespace

bool MunicipalArea::covers(const LonLat& p) const {
    if (!box_meets(box, box_of({p}))) {
        return false;
    }
    return bg::covered_by(Point(p.lon_deg, p.lat_deg), shape->polygons);
}

bool MunicipalArea::touches(const std::vector<LonLat>& line) const {
    if (!box_meets(box, box_of(line))) {
        return false;
    }
    return bg::intersects(to_line(line), shape->polygons);
}

bool MunicipalArea::covers(const std::vector<LonLat>& line) const {
    if (!box_meets(box, box_of(line))) {
        return false;
    }
    return bg::covered_by(to_line(line), shape->polygons);
}

std::vector<MunicipalArea> read_municipal_layer(const LayerSource& source, const std::vector<std::string>& band_names) {
    detail::ensure_gdal();
    CPLErrorReset();
    const std::unique_ptr<GDALDataset, DatasetCloser> ds(static_cast<GDALDataset*>(
        GDALOpenEx(source.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) {
        throw InputError(source.path + ": cannot read as a layer file (" +
                         detail::gdal_last_error("not found or not a vector file") + ")");
    }
    OGRLayer* layer = source.layer ? ds->GetLayerByName(source.layer->c_str())
                                   : (ds->GetLayerCount() > 0 ? ds->GetLayer(0) : nullptr);
    if (layer == nullptr) {
        throw InputError(source.path + (source.layer ? ": no layer named '" + *source.layer + "'" : ": no layer"));
    }
    const OGRSpatialReference* crs = layer->GetSpatialRef();
    if (crs == nullptr) {
        throw InputError(source.path + ": layer '" + layer->GetName() +
                         "' has no CRS (§9: say which CRS its coordinates are in)");
    }
    OGRSpatialReference layer_crs(*crs);
    layer_crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> to_wgs84(OGRCreateCoordinateTransformation(&layer_crs, &wgs84));
    if (!to_wgs84) {
        throw InputError(source.path + ": its CRS cannot be transformed to WGS84 (" +
                         detail::gdal_last_error("PROJ refused it") + ")");
    }
    std::vector<MunicipalArea> areas;
    layer->ResetReading();
    for (auto& feature : *layer) {
        MunicipalArea area;
        area.where = source.path + " feature " + std::to_string(feature->GetFID());
        area.unsafe = source.unsafe;
        area.reason = trimmed(text_field(*feature, "reason"));
        if (area.reason.empty()) {
            throw InputError(area.where + ": field 'reason' is missing or empty (§9: it is quoted in decisions)");
        }
        area.bands = feature_bands(*feature, source, band_names, area.where);
        const OGRGeometry* g = feature->GetGeometryRef();
        auto shape = std::make_shared<MunicipalArea::Shape>();
        const OGRwkbGeometryType type = g == nullptr ? wkbNone : wkbFlatten(g->getGeometryType());
        if (type == wkbPolygon) {
            shape->polygons.push_back(to_polygon(*g->toPolygon(), *to_wgs84, area.box, area.where));
        } else if (type == wkbMultiPolygon) {
            for (const OGRPolygon* p : *g->toMultiPolygon()) {
                shape->polygons.push_back(to_polygon(*p, *to_wgs84, area.box, area.where));
            }
        } else {
            throw InputError(area.where + ": geometry is " +
                             (g == nullptr ? std::string("missing") : OGRGeometryTypeToName(g->getGeometryType())) +
                             ", not a Polygon or MultiPolygon");
        }
        area.shape = std::move(shape);
        areas.push_back(std::move(area));
    }
    return areas;
}

} // namespace skolvag::geodata

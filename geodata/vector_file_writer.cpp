// SPDX-License-Identifier: MIT
#include "geodata/vector_file_writer.hpp"

#include "geodata/gdal_init.hpp"
#include "geodata/errors.hpp"
#include "geodata/text/csv.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace skolvag::geodata {

namespace {

std::string lower_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return ext;
}

} // namespace

std::string format_metres(double value) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
}

VectorFileWriter::Format VectorFileWriter::format_for(const std::string& path) {
    const std::string ext = lower_extension(path);
    if (ext == ".csv") {
        return Format::csv;
    }
    if (ext == ".gpkg") {
        return Format::gpkg;
    }
    throw InputError(path + ": unknown output format '" + ext + "' (use .csv or .gpkg)");
}

VectorFileWriter::VectorFileWriter(const std::string& path)
    : m_format(format_for(path)),
      m_file(path, format_for(path) == Format::csv ? AtomicFile::Mode::stream : AtomicFile::Mode::path_only) {
    if (m_format == Format::gpkg) {
        detail::ensure_gdal();
        CPLErrorReset();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (driver == nullptr) {
            throw InputError(path + ": GDAL has no GeoPackage driver");
        }
        m_dataset = driver->Create(m_file.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr);
        if (m_dataset == nullptr) {
            throw InputError(path + ": cannot create GeoPackage (" + detail::gdal_last_error("unknown error") + ")");
        }
    }
}

VectorFileWriter::~VectorFileWriter() {
    if (m_dataset != nullptr) {
        GDALClose(m_dataset); // the AtomicFile removes the unfinished temporary file
    }
}

std::size_t VectorFileWriter::begin_layer(const std::string& name, const std::vector<OutputColumn>& columns,
                                          Geometry geometry, const std::string& crs,
                                          const std::map<std::string, std::string>& metadata) {
    const std::string& target = m_file.target_path();
    if (m_format == Format::csv) {
        if (m_layer_started) {
            throw InputError(target + ": a CSV file holds one table only");
        }
        if (geometry != Geometry::none) {
            throw InputError(target + ": route lines need a GeoPackage (.gpkg)");
        }
        m_columns = columns;
        m_layer_started = true;
        std::ostream& os = m_file.stream();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) {
                os << ',';
            }
            os << csv_field(columns[i].name);
        }
        os << '\n';
        return 0;
    }
    finish_transaction(); // a layer is created outside the rows' transaction
    OGRSpatialReference srs;
    if (geometry != Geometry::none) {
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) {
            throw InputError(target + ": unknown CRS '" + crs + "' for layer " + name);
        }
    }
    std::string description;
    if (const auto it = metadata.find("DESCRIPTION"); it != metadata.end()) {
        description = "DESCRIPTION=" + it->second;
    }
    const char* options[] = {description.empty() ? nullptr : description.c_str(), nullptr};
    OGRLayer* layer = m_dataset->CreateLayer(name.c_str(), geometry == Geometry::none ? nullptr : &srs,
                                             geometry == Geometry::none    ? wkbNone
                                             : geometry == Geometry::point ? wkbPoint
                                                                           : wkbLineString,
                                             const_cast<char**>(options));
    if (layer == nullptr) {
        throw InputError(target + ": cannot create layer " + name + " (" + detail::gdal_last_error("") + ")");
    }
    for (const OutputColumn& c : columns) {
        OGRFieldDefn field(c.name.c_str(),
                           c.type == ColumnType::text ? OFTString : c.type == ColumnType::integer ? OFTInteger64 : OFTReal);
        if (layer->CreateField(&field) != OGRERR_NONE) {
            throw InputError(target + ": cannot create column " + c.name);
        }
    }
    for (const auto& [key, value] : metadata) {
        layer->SetMetadataItem(key.c_str(), value.c_str());
    }
    m_layers.push_back(layer);
    m_geometries.push_back(geometry);
    m_layer_started = true;
    return m_layers.size() - 1;
}

void VectorFileWriter::add_row(const std::vector<CellValue>& values,
                               const std::vector<std::pair<double, double>>* line) {
    add_row_to(m_layers.empty() ? 0 : m_layers.size() - 1, values, line);
}

void VectorFileWriter::add_row_to(std::size_t layer_id, const std::vector<CellValue>& values,
                                  const std::vector<std::pair<double, double>>* line) {
    if (m_format == Format::csv) {
        std::ostream& os = m_file.stream();
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) {
                os << ',';
            }
            if (const auto* text = std::get_if<std::string_view>(&values[i])) {
                os << csv_field(*text);
            } else if (const auto* n = std::get_if<std::int64_t>(&values[i])) {
                os << *n;
            } else if (const auto* d = std::get_if<double>(&values[i])) {
                os << format_metres(*d);
            }
        }
        os << '\n';
        return;
    }
    OGRLayer* layer = m_layers.at(layer_id);
    if (!m_in_transaction) {
        // Every row in one transaction: SQLite would otherwise sync the file per row.
        if (m_dataset->StartTransaction() != OGRERR_NONE) {
            throw InputError(m_file.target_path() + ": cannot write (" + detail::gdal_last_error("") + ")");
        }
        m_in_transaction = true;
    }
    OGRFeature feature(layer->GetLayerDefn());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int f = static_cast<int>(i);
        if (const auto* text = std::get_if<std::string_view>(&values[i])) {
            feature.SetField(f, std::string(*text).c_str());
        } else if (const auto* n = std::get_if<std::int64_t>(&values[i])) {
            feature.SetField(f, static_cast<GIntBig>(*n));
        } else if (const auto* d = std::get_if<double>(&values[i])) {
            feature.SetField(f, std::round(*d * 100.0) / 100.0); // as in CSV: centimetres
        } else {
            feature.SetFieldNull(f);
        }
    }
    if (line != nullptr && m_geometries[layer_id] == Geometry::point && !line->empty()) {
        OGRPoint point(line->front().first, line->front().second);
        feature.SetGeometry(&point);
    } else if (line != nullptr) {
        OGRLineString ls;
        for (const auto& [x, y] : *line) {
            ls.addPoint(x, y);
        }
        feature.SetGeometry(&ls);
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) {
        throw InputError(m_file.target_path() + ": cannot write a row (" + detail::gdal_last_error("") + ")");
    }
}

void VectorFileWriter::finish_transaction() {
    if (m_in_transaction) {
        m_in_transaction = false;
        if (m_dataset->CommitTransaction() != OGRERR_NONE) {
            throw InputError(m_file.target_path() + ": cannot finish writing (" + detail::gdal_last_error("") + ")");
        }
    }
}

void VectorFileWriter::commit() {
    if (m_format == Format::csv) {
        // GDAL (QGIS, ogr2ogr) reads a CSV's column types from a .csvt beside it:
        // without one, distances would be text. Written first, like the CSV, atomically.
        const std::filesystem::path csv(m_file.target_path());
        AtomicFile types(std::filesystem::path(csv).replace_extension(".csvt").string());
        for (std::size_t i = 0; i < m_columns.size(); ++i) {
            const ColumnType t = m_columns[i].type;
            types.stream() << (i > 0 ? "," : "")
                           << (t == ColumnType::integer ? "\"Integer\"" : t == ColumnType::real ? "\"Real\"" : "\"String\"");
        }
        types.stream() << '\n';
        types.commit();
    }
    if (m_format == Format::gpkg) {
        finish_transaction();
        GDALDataset* ds = m_dataset;
        m_dataset = nullptr;
        CPLErrorReset();
        GDALClose(ds);
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(m_file.target_path() + ": cannot close GeoPackage (" + detail::gdal_last_error("") + ")");
        }
    }
    m_file.commit();
}

} // namespace skolvag::geodata

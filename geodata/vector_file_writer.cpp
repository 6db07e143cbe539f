// SPDX-License-Identifier: MIT
#include "geodata/vector_file_writer.hpp"

#include "geodata/gdal_init.hpp"
#include "geodata/errors.hpp"
#include "geodata/text/csv.hpp"

#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
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

/// Swedish Excel reads "1234,56" as a number and "1234.56" as text (or a date).
std::string with_decimal_comma(std::string number) {
    std::replace(number.begin(), number.end(), '.', ',');
    return number;
}

} // namespace

std::optional<CsvDialect> csv_dialect_named(std::string_view name) {
    if (name == "plain") {
        return CsvDialect::plain;
    }
    if (name == "excel-sv") {
        return CsvDialect::excel_sv;
    }
    return std::nullopt;
}

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
    if (ext == ".xlsx") {
        return Format::xlsx;
    }
    throw InputError(path + ": unknown output format '" + ext + "' (use .csv, .gpkg or .xlsx)");
}

VectorFileWriter::VectorFileWriter(const std::string& path, CsvDialect dialect)
    : m_format(format_for(path)),
      m_dialect(dialect),
      m_file(path, format_for(path) == Format::gpkg ? AtomicFile::Mode::path_only : AtomicFile::Mode::stream) {
    if (m_format == Format::csv) {
        return;
    }
    detail::ensure_gdal();
    CPLErrorReset();
    const bool gpkg = m_format == Format::gpkg;
    const char* kind = gpkg ? "GeoPackage" : "Excel workbook";
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(gpkg ? "GPKG" : "XLSX");
    if (driver == nullptr) {
        throw InputError(path + ": GDAL has no " + kind + " driver");
    }
    // A workbook is a zip that GDAL builds in memory and copies into the temporary file on
    // commit: its XLSX driver writes no file over an existing one (the temporary file is
    // reserved), nor one whose name has ".xlsx" inside ("decisions.xlsx.tmp-…").
    m_gdal_path = gpkg ? m_file.temp_path()
                       : "/vsimem/skolvag-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".xlsx";
    m_dataset = driver->Create(m_gdal_path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (m_dataset == nullptr) {
        throw InputError(path + ": cannot create " + kind + " (" + detail::gdal_last_error("unknown error") + ")");
    }
}

VectorFileWriter::~VectorFileWriter() {
    if (m_dataset != nullptr) {
        GDALClose(m_dataset); // the AtomicFile removes the unfinished temporary file
    }
    if (m_format == Format::xlsx) {
        VSIUnlink(m_gdal_path.c_str());
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
        if (m_dialect == CsvDialect::excel_sv) {
            os << "\xEF\xBB\xBF"; // the BOM: without it Excel reads UTF-8 as Windows-1252 (å, ä, ö garbled)
        }
        const char separator = m_dialect == CsvDialect::excel_sv ? ';' : ',';
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0) {
                os << separator;
            }
            os << csv_field(columns[i].name, separator);
        }
        end_csv_line();
        return 0;
    }
    if (m_format == Format::xlsx && geometry != Geometry::none) {
        throw InputError(target + ": route lines need a GeoPackage (.gpkg)");
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
    // The layer's description is a GeoPackage option (a workbook's sheet has none).
    const char* options[] = {description.empty() || m_format != Format::gpkg ? nullptr : description.c_str(), nullptr};
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
        const bool excel = m_dialect == CsvDialect::excel_sv;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) {
                os << (excel ? ';' : ',');
            }
            if (const auto* text = std::get_if<std::string_view>(&values[i])) {
                // For Excel, a text that would start a formula is kept text (CSV injection).
                os << (excel ? csv_field(spreadsheet_text(*text), ';') : csv_field(*text, ','));
            } else if (const auto* n = std::get_if<std::int64_t>(&values[i])) {
                os << *n;
            } else if (const auto* d = std::get_if<double>(&values[i])) {
                os << (excel ? with_decimal_comma(format_metres(*d)) : format_metres(*d));
            }
        }
        end_csv_line();
        return;
    }
    OGRLayer* layer = m_layers.at(layer_id);
    if (!m_in_transaction && m_format == Format::gpkg) {
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

void VectorFileWriter::end_csv_line() {
    m_file.stream() << (m_dialect == CsvDialect::excel_sv ? "\r\n" : "\n");
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
        // GDAL reads a .csvt with commas whatever the CSV's separator; with semicolons
        // it reads decimal commas in Real columns.
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
    if (m_format != Format::csv) {
        finish_transaction();
        GDALDataset* ds = m_dataset;
        m_dataset = nullptr;
        CPLErrorReset();
        GDALClose(ds); // an Excel workbook is written here
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw InputError(m_file.target_path() + ": cannot close " +
                             (m_format == Format::gpkg ? "GeoPackage" : "Excel workbook") + " (" +
                             detail::gdal_last_error("") + ")");
        }
    }
    if (m_format == Format::xlsx) {
        vsi_l_offset size = 0;
        const GByte* bytes = VSIGetMemFileBuffer(m_gdal_path.c_str(), &size, FALSE);
        if (bytes == nullptr) {
            throw InputError(m_file.target_path() + ": cannot write Excel workbook (GDAL wrote nothing)");
        }
        m_file.stream().write(reinterpret_cast<const char*>(bytes), static_cast<std::streamsize>(size));
    }
    m_file.commit();
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// Writing result tables as CSV, GeoPackage or an Excel workbook (by extension),
// atomically: everything goes to a temporary file that is renamed over the target on
// commit(). A CSV is plain, or as Swedish Excel reads it (CsvDialect).
#pragma once

#include "geodata/atomic_file.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace skolvag::geodata {

/// A cell: empty, text, whole number, or a real number (written with 2 decimals).
/// Text is a view: it must outlive the add_row() call it is passed to, no longer.
using CellValue = std::variant<std::monostate, std::string_view, std::int64_t, double>;

enum class ColumnType { text, integer, real };

struct OutputColumn {
    std::string name;
    ColumnType type = ColumnType::text;
};

/// How a CSV is written.
enum class CsvDialect {
    plain,   ///< commas, decimal points, UTF-8, LF line ends
    excel_sv ///< as Excel reads CSV in Sweden: semicolons, decimal commas, UTF-8 with a BOM, CRLF line ends
};

/** The dialect of a name as the command line gives it: "plain" or "excel-sv"; nullopt otherwise. */
std::optional<CsvDialect> csv_dialect_named(std::string_view name);

class VectorFileWriter {
public:
    enum class Format { csv, gpkg, xlsx };
    enum class Geometry { none, line_string, point };

    /** The format for a path's extension (.csv, .gpkg or .xlsx). @throws InputError otherwise. */
    static Format format_for(const std::string& path);

    /** Prepares the temporary file; `dialect` is for a CSV. @throws InputError naming the path. */
    explicit VectorFileWriter(const std::string& path, CsvDialect dialect = CsvDialect::plain);
    ~VectorFileWriter();
    VectorFileWriter(const VectorFileWriter&) = delete;
    VectorFileWriter& operator=(const VectorFileWriter&) = delete;

    Format format() const noexcept { return m_format; }

    /**
     * Starts a layer (a CSV file holds exactly one). A GeoPackage's layers stay open:
     * rows may go to any of them, in any order (a stream of routes writes three at once).
     * @param geometry line_string layers take one line per row, point layers one point
     *        (a line of one position), in `crs` (GeoPackage only).
     * @param metadata layer metadata items (GeoPackage only), e.g. the OSM attribution.
     *        An Excel workbook takes a sheet per layer.
     * @returns the layer's number for add_row_to().
     */
    std::size_t begin_layer(const std::string& name, const std::vector<OutputColumn>& columns,
                            Geometry geometry = Geometry::none, const std::string& crs = "",
                            const std::map<std::string, std::string>& metadata = {});

    /** Adds a row to the layer begun last; `line` is the row's geometry (x, y in the layer's CRS). */
    void add_row(const std::vector<CellValue>& values, const std::vector<std::pair<double, double>>* line = nullptr);
    /** Adds a row to a layer begun earlier. */
    void add_row_to(std::size_t layer, const std::vector<CellValue>& values,
                    const std::vector<std::pair<double, double>>* line = nullptr);

    /** Closes and renames into place. @throws InputError when anything failed. */
    void commit();

private:
    void finish_transaction();
    void end_csv_line();

    Format m_format;
    CsvDialect m_dialect;
    AtomicFile m_file;
    std::string m_gdal_path; ///< where GDAL writes: the temporary file, or a workbook in memory
    std::vector<OutputColumn> m_columns; ///< the CSV's
    GDALDataset* m_dataset = nullptr;
    std::vector<OGRLayer*> m_layers;     ///< a GeoPackage's or workbook's, in the order begun
    std::vector<Geometry> m_geometries;
    bool m_layer_started = false;
    bool m_in_transaction = false;       ///< one transaction over every layer's rows, until a layer is begun or commit
};

/** A real number as written in every output: 2 decimals. */
std::string format_metres(double value);

} // namespace skolvag::geodata

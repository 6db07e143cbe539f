// SPDX-License-Identifier: MIT
// The decisions table's columns, listed once: each field's name, type, how it is
// written to a cell and read back from the previous run's file, and whether the
// register diff compares it; for each compared decision field, a previous_ column with
// a changed row's value in the previous run. The CSV, GeoPackage and Excel writers, the
// reader of `--previous` and the register diff all work from this list.
#pragma once

#include "api/eligibility/decision.hpp"
#include "geodata/vector_file_writer.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

struct DecisionField {
    std::string_view name;
    geodata::ColumnType type;
    /// The field as a cell; text cells view the decision (or static text).
    std::function<geodata::CellValue(const Decision&)> write;
    /// Sets the field from a previous file's text. @throws geodata::InputError naming `where`.
    void (*read)(Decision&, const std::string& text, const std::string& where);
    /// The name the register diff reports a change under; empty: not compared.
    std::string_view diff_name;
    /// A previous run's file must have the column (the diff and reuse need it).
    bool required;
};

/** Every column of the decisions table, in output order. */
const std::vector<DecisionField>& decision_fields();

/** The columns for a writer, in output order. */
std::vector<geodata::OutputColumn> decision_columns();

/** A decision's cells, in column order. */
std::vector<geodata::CellValue> decision_cells(const Decision& d);

/** The field with this name. @pre it is one of decision_fields(). */
const DecisionField& decision_field(std::string_view name);

/** A cell as the text a CSV holds (reals with 2 decimals): what the register diff compares. */
std::string cell_text(const geodata::CellValue& cell);

} // namespace skolvag::api

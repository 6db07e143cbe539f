// SPDX-License-Identifier: MIT
#include "api/eligibility/decision_schema.hpp"

#include "geodata/errors.hpp"
#include "geodata/text/csv.hpp"
#include "geodata/text/decimal.hpp"

#include <algorithm>
#include <cassert>
#include <deque>

namespace skolvag::api {

namespace {

using geodata::CellValue;
using geodata::ColumnType;

// Cells and readers for each kind of field, by member pointer.

template <std::string Decision::*F>
CellValue write_text(const Decision& d) {
    const std::string& s = d.*F;
    return s.empty() ? CellValue{} : CellValue{std::string_view(s)};
}

/// A text as written: a decisions file for Swedish Excel (--csv-dialect excel-sv) keeps a
/// text that would start a formula as text with a leading apostrophe, taken off here.
template <std::string Decision::*F>
void read_text(Decision& d, const std::string& text, const std::string&) {
    d.*F = std::string(geodata::from_spreadsheet_text(text));
}

template <std::optional<double> Decision::*F>
CellValue write_metres(const Decision& d) {
    const std::optional<double>& v = d.*F;
    return v ? CellValue{*v} : CellValue{};
}

template <std::optional<double> Decision::*F>
void read_metres(Decision& d, const std::string& text, const std::string& where) {
    if (text.empty()) {
        d.*F = std::nullopt;
        return;
    }
    d.*F = geodata::parse_decimal(text);
    if (!(d.*F)) {
        throw geodata::InputError(where + ": a distance column holds something that is not a number");
    }
}

CellValue write_home_no(const Decision& d) { return CellValue{static_cast<std::int64_t>(d.home_no)}; }

void read_home_no(Decision& d, const std::string& text, const std::string& where) {
    const std::optional<long long> n = geodata::parse_whole_number(text);
    if (!n || *n < 1 || *n > 1'000'000) {
        throw geodata::InputError(where + ": home_no is not a whole number from 1");
    }
    d.home_no = static_cast<int>(*n);
}

Outcome outcome_or_throw(const std::string& text, const std::string& where) {
    const std::optional<Outcome> o = parse_outcome(text);
    if (!o) {
        // The cell's text is not repeated: in a shifted file it could be a pupil's data.
        throw geodata::InputError(where + ": an outcome column holds something that is not an outcome skolvag "
                                          "writes (eligible_distance, eligible_traffic, not_eligible, "
                                          "not_on_network, invalid_input)");
    }
    return *o;
}

CellValue write_outcome(const Decision& d) { return CellValue{to_string(d.outcome)}; }

void read_outcome(Decision& d, const std::string& text, const std::string& where) {
    d.outcome = outcome_or_throw(text, where);
}

CellValue write_reference_outcome(const Decision& d) {
    return d.reference_outcome ? CellValue{to_string(*d.reference_outcome)} : CellValue{};
}

void read_reference_outcome(Decision& d, const std::string& text, const std::string& where) {
    d.reference_outcome = text.empty() ? std::nullopt : std::optional<Outcome>(outcome_or_throw(text, where));
}

CellValue write_stop_outcome(const Decision& d) {
    return d.stop_outcome ? CellValue{to_string(*d.stop_outcome)} : CellValue{};
}

void read_stop_outcome(Decision& d, const std::string& text, const std::string& where) {
    if (text.empty()) {
        d.stop_outcome.reset();
        return;
    }
    d.stop_outcome = parse_stop_outcome(text);
    if (!d.stop_outcome) {
        throw geodata::InputError(where + ": stop_outcome holds something that is not a stop outcome skolvag writes "
                                          "(ok, too_far, no_safe_route, not_on_network, invalid_input)");
    }
}

CellValue write_change(const Decision& d) { return d.change ? CellValue{to_string(*d.change)} : CellValue{}; }

void read_change(Decision& d, const std::string& text, const std::string&) {
    // What the previous run said of its own rows is replaced by this run's diff.
    d.change.reset();
    for (const Change c : {Change::new_home, Change::changed, Change::unchanged}) {
        if (text == to_string(c)) {
            d.change = c;
        }
    }
}

/// The appeal routes of a decision that has them (every outcome but invalid_input and not_on_network).
CellValue appeal_cell(const Decision& d, const char* route) {
    if (d.outcome == Outcome::invalid_input || d.outcome == Outcome::not_on_network) {
        return CellValue{};
    }
    return CellValue{std::string_view(route)};
}
CellValue write_chosen_appeal(const Decision& d) { return appeal_cell(d, kChosenSchoolAppeal); }
CellValue write_reference_appeal(const Decision& d) { return appeal_cell(d, kReferenceSchoolAppeal); }

/// A column written for people, not read back (it follows from the others).
void read_nothing(Decision&, const std::string&, const std::string&) {}

constexpr bool kRequired = true;
constexpr bool kOptional = false;

/**
 * The fields with, after changed_fields, a previous_ column for each compared field
 * before it (the decision's own values, not the inputs fingerprint among the record
 * columns): a changed row's value in the previous run, empty for new and unchanged
 * rows. A previous file's previous_ columns are not read back: this run's diff
 * replaces them, as it does `change`.
 */
std::vector<DecisionField> with_previous_values(std::vector<DecisionField> fields) {
    static std::deque<std::string> names; // the new fields' names, viewed by them (a deque does not move them)
    const auto after = std::find_if(fields.begin(), fields.end(),
                                    [](const DecisionField& f) { return f.name == "changed_fields"; });
    assert(after != fields.end());
    std::vector<DecisionField> previous;
    for (auto f = fields.begin(); f != after; ++f) {
        if (f->diff_name.empty()) {
            continue;
        }
        names.push_back("previous_" + std::string(f->name));
        const auto write = [value = f->write](const Decision& d) {
            return d.previous ? value(*d.previous) : CellValue{};
        };
        previous.push_back({names.back(), f->type, write, read_nothing, "", kOptional});
    }
    fields.insert(after + 1, previous.begin(), previous.end());
    return fields;
}

} // namespace

const std::vector<DecisionField>& decision_fields() {
    // name, type, write, read, diff name, required in a previous run's file
    static const std::vector<DecisionField> fields = with_previous_values({
        {"pupil_ref", ColumnType::text, write_text<&Decision::pupil_ref>, read_text<&Decision::pupil_ref>, "", kRequired},
        {"home_no", ColumnType::integer, write_home_no, read_home_no, "", kRequired},
        // New in 0.4: read when present (the diff compares the inputs by inputs_sha256).
        {"grade", ColumnType::text, write_text<&Decision::grade>, read_text<&Decision::grade>, "", kOptional},
        {"school_id", ColumnType::text, write_text<&Decision::school_id>, read_text<&Decision::school_id>, "school_id",
         kRequired},
        {"school_name", ColumnType::text, write_text<&Decision::school_name>, read_text<&Decision::school_name>, "",
         kOptional},
        {"band", ColumnType::text, write_text<&Decision::band>, read_text<&Decision::band>, "band", kRequired},
        {"plain_distance_m", ColumnType::real, write_metres<&Decision::plain_distance_m>,
         read_metres<&Decision::plain_distance_m>, "plain_distance_m", kRequired},
        {"safe_distance_m", ColumnType::real, write_metres<&Decision::safe_distance_m>,
         read_metres<&Decision::safe_distance_m>, "safe_distance_m", kRequired},
        {"threshold_m", ColumnType::real, write_metres<&Decision::threshold_m>, read_metres<&Decision::threshold_m>,
         "threshold_m", kRequired},
        {"outcome", ColumnType::text, write_outcome, read_outcome, "outcome", kRequired},
        {"appeal", ColumnType::text, write_chosen_appeal, read_nothing, "", kOptional},
        {"reference_school_id", ColumnType::text, write_text<&Decision::reference_school_id>,
         read_text<&Decision::reference_school_id>, "reference_school_id", kRequired},
        {"reference_safe_distance_m", ColumnType::real, write_metres<&Decision::reference_safe_distance_m>,
         read_metres<&Decision::reference_safe_distance_m>, "reference_safe_distance_m", kRequired},
        {"reference_outcome", ColumnType::text, write_reference_outcome, read_reference_outcome, "reference_outcome",
         kRequired},
        {"reference_appeal", ColumnType::text, write_reference_appeal, read_nothing, "", kOptional},
        {"home_snap_m", ColumnType::real, write_metres<&Decision::home_snap_m>, read_metres<&Decision::home_snap_m>,
         "home_snap_m", kRequired},
        // The walk to the pick-up stop (issue 10, item 18): empty without --stops and for pupils
        // without transport; read when present.
        {"stop_id", ColumnType::text, write_text<&Decision::stop_id>, read_text<&Decision::stop_id>, "stop_id",
         kOptional},
        {"stop_chosen_by", ColumnType::text, write_text<&Decision::stop_chosen_by>,
         read_text<&Decision::stop_chosen_by>, "", kOptional},
        {"stop_plain_distance_m", ColumnType::real, write_metres<&Decision::stop_plain_distance_m>,
         read_metres<&Decision::stop_plain_distance_m>, "stop_plain_distance_m", kOptional},
        {"stop_safe_distance_m", ColumnType::real, write_metres<&Decision::stop_safe_distance_m>,
         read_metres<&Decision::stop_safe_distance_m>, "stop_safe_distance_m", kOptional},
        {"stop_threshold_m", ColumnType::real, write_metres<&Decision::stop_threshold_m>,
         read_metres<&Decision::stop_threshold_m>, "stop_threshold_m", kOptional},
        {"stop_outcome", ColumnType::text, write_stop_outcome, read_stop_outcome, "stop_outcome", kOptional},
        {"change", ColumnType::text, write_change, read_change, "", kOptional},
        {"changed_fields", ColumnType::text, write_text<&Decision::changed_fields>,
         read_text<&Decision::changed_fields>, "", kOptional},
        {"note", ColumnType::text, write_text<&Decision::note>, read_text<&Decision::note>, "", kOptional},
        // What the decision was made with, last: hashes and versions, for the record and the diff.
        {"rule_set", ColumnType::text, write_text<&Decision::rule_set>, read_text<&Decision::rule_set>, "", kRequired},
        {"rules_sha256", ColumnType::text, write_text<&Decision::rules_sha256>, read_text<&Decision::rules_sha256>, "",
         kRequired},
        {"network_id", ColumnType::text, write_text<&Decision::network_id>, read_text<&Decision::network_id>, "",
         kRequired},
        {"schools_sha256", ColumnType::text, write_text<&Decision::schools_sha256>,
         read_text<&Decision::schools_sha256>, "", kRequired},
        // Missing in files of versions before 0.2: such rows are computed again.
        {"skolvag_version", ColumnType::text, write_text<&Decision::skolvag_version>,
         read_text<&Decision::skolvag_version>, "", kOptional},
        // The home's inputs (grade, school choices, point): a change is reported as "inputs".
        {"inputs_sha256", ColumnType::text, write_text<&Decision::inputs_sha256>, read_text<&Decision::inputs_sha256>,
         "inputs", kRequired},
        // Empty in a run without --stops, and missing in files from before pick-up stops.
        {"stops_sha256", ColumnType::text, write_text<&Decision::stops_sha256>, read_text<&Decision::stops_sha256>, "",
         kOptional},
    });
    return fields;
}

std::vector<geodata::OutputColumn> decision_columns() {
    std::vector<geodata::OutputColumn> columns;
    for (const DecisionField& f : decision_fields()) {
        columns.push_back({std::string(f.name), f.type});
    }
    return columns;
}

std::vector<CellValue> decision_cells(const Decision& d) {
    std::vector<CellValue> cells;
    cells.reserve(decision_fields().size());
    for (const DecisionField& f : decision_fields()) {
        cells.push_back(f.write(d));
    }
    return cells;
}

const DecisionField& decision_field(std::string_view name) {
    const auto& fields = decision_fields();
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const DecisionField& f) { return f.name == name; });
    assert(it != fields.end());
    return *it;
}

std::string cell_text(const CellValue& cell) {
    if (const auto* text = std::get_if<std::string_view>(&cell)) {
        return std::string(*text);
    }
    if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        return std::to_string(*n);
    }
    if (const auto* v = std::get_if<double>(&cell)) {
        return geodata::format_metres(*v);
    }
    return {};
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// `skolvag batch` with the files of a Swedish school office, through the real
// executable: registers as Excel workbooks whose cells are text, decisions written as
// an Excel workbook or a CSV for Swedish Excel and read back as the previous run, the
// previous values of changed rows, and registers whose x, y and lon, lat disagree.
#include "geodata/projection.hpp"
#include "tests/support/batch_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

using namespace skolvag::testing;

namespace {

// A footway a-b-c (200 m). School S1's entrance s is 20 m west of a. Home h is 10 m
// south of the footway, 20 m from a: nearer the school than the F-3 threshold (150 m);
// home 2 is 10 m south of c, beyond it.
constexpr const char* kTown = R"(
    s a---------b---------c
        h                 2
)";

BatchFixture town() { return BatchFixture(kTown, 10.0, {{"abc", {{"highway", "footway"}}}}); }

/// A drawn point in SWEREF 99 TM, "x<sep>y" with 2 decimals, the point a comma when asked.
std::string grid(const BatchFixture& t, char c, const std::string& sep, bool decimal_comma) {
    const skolvag::geodata::Projection to_grid(skolvag::geodata::kWgs84, skolvag::geodata::kSweref99Tm);
    const auto p = t.map().position(c);
    const auto xy = to_grid.transform(p.lon_deg, p.lat_deg);
    char text[96];
    std::snprintf(text, sizeof text, "%.2f", xy->first);
    std::string x = text;
    std::snprintf(text, sizeof text, "%.2f", xy->second);
    std::string y = text;
    if (decimal_comma) {
        x.replace(x.find('.'), 1, ",");
        y.replace(y.find('.'), 1, ",");
    }
    return x + sep + y;
}

/// Runs a shell command (GDAL's tools) and returns its output; a failure shows it.
std::string shell(const BatchFixture& t, const std::string& command) {
    const std::string log = t.dir().file("shell.txt");
    EXPECT_EQ(std::system((command + " > " + log + " 2>&1").c_str()), 0) << command << "\n" << read_text(log);
    return read_text(log);
}

/// A table as an Excel workbook, made by GDAL from a CSV and its .csvt: the cells of
/// "String" columns are text, those of "Real" columns numbers.
std::string workbook(const BatchFixture& t, const std::string& name, const std::string& csv, const std::string& csvt) {
    t.dir().write(name + ".csv", csv);
    t.dir().write(name + ".csvt", csvt);
    const std::string xlsx = t.dir().file(name + ".xlsx");
    shell(t, "ogr2ogr -f XLSX " + xlsx + " " + t.dir().file(name + ".csv"));
    return xlsx;
}

/// Any table GDAL reads (a workbook, a CSV for Swedish Excel), as plain CSV rows.
DecisionRows rows_read_by_gdal(const BatchFixture& t, const std::string& path, const std::string& layer = "") {
    const std::string csv = t.dir().file(std::filesystem::path(path).stem().string() + "-by-gdal.csv");
    std::filesystem::remove(csv);
    shell(t, "ogr2ogr -f CSV " + csv + " " + path + " " + layer);
    return read_decision_rows(csv);
}

void expect_same_metres(const std::string& a, const std::string& b, const std::string& what) {
    ASSERT_FALSE(a.empty()) << what;
    ASSERT_FALSE(b.empty()) << what;
    EXPECT_DOUBLE_EQ(std::stod(a), std::stod(b)) << what;
}

/// The line of a text file that starts with `start` (without its line end).
std::string line_starting(const std::string& text, const std::string& start) {
    const std::size_t at = text.find("\n" + start);
    if (at == std::string::npos) {
        return "";
    }
    const std::size_t end = text.find_first_of("\r\n", at + 1);
    return text.substr(at + 1, end - at - 1);
}

} // namespace

TEST(BatchSpreadsheets, AWorkbookWhoseCellsAreTextReadsAsATypedOne) {
    // A school office's Excel export: x and y typed as text with decimal commas, every
    // cell text. The same register with numbers in the cells gives the same decisions.
    const BatchFixture t = town();
    const std::string text_types = "\"String\",\"String\",\"String\",\"String\",\"String\"\n";
    const std::string typed_types = "\"String\",\"String\",\"String\",\"Real\",\"Real\"\n";
    const std::string text_schools = workbook(
        t, "skolor-text", "school_id;name;grades;x;y\r\nS1;Byskolan;F-9;" + grid(t, 's', ";", true) + "\r\n",
        text_types);
    const std::string typed_schools = workbook(
        t, "skolor-typed", "school_id,name,grades,x,y\nS1,Byskolan,F-9," + grid(t, 's', ",", false) + "\n",
        typed_types);
    const std::string text_pupils = workbook(
        t, "elever-text",
        "pupil_ref;grade;school_id;x;y\r\nP1;2;S1;" + grid(t, 'h', ";", true) + "\r\nP2;3;S1;" +
            grid(t, '2', ";", true) + "\r\n",
        text_types);
    const std::string typed_pupils = workbook(
        t, "elever-typed",
        "pupil_ref,grade,school_id,x,y\nP1,2,S1," + grid(t, 'h', ",", false) + "\nP2,3,S1," + grid(t, '2', ",", false) +
            "\n",
        typed_types);

    const std::string typed_out = t.dir().file("typed.csv");
    const CommandResult typed = t.run(typed_schools, typed_pupils, typed_out);
    ASSERT_EQ(typed.exit_code, 0) << typed.err;
    const std::string text_out = t.dir().file("text.csv");
    const CommandResult text = t.run(text_schools, text_pupils, text_out);
    ASSERT_EQ(text.exit_code, 0) << text.err;
    const DecisionRows expected = read_decision_rows(typed_out);
    const DecisionRows got = read_decision_rows(text_out);
    ASSERT_EQ(got.size(), 2U);
    for (const char* ref : {"P1", "P2"}) {
        SCOPED_TRACE(ref);
        EXPECT_NE(expected.at({ref, 1}).at("outcome"), "invalid_input") << expected.at({ref, 1}).at("note");
        for (const char* column : {"outcome", "plain_distance_m", "safe_distance_m", "home_snap_m", "school_name"}) {
            EXPECT_EQ(got.at({ref, 1}).at(column), expected.at({ref, 1}).at(column)) << column;
        }
    }
}

TEST(BatchSpreadsheets, DecisionsAsAWorkbookHaveNumbersAsNumbersAndReadBackAsThePreviousRun) {
    const BatchFixture t = town();
    const std::string schools = t.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = t.write_pupils({{"P1", "2", "S1", "", 'h', ""}, {"P2", "3", "S1", "", '2', ""}});
    const std::string csv = t.dir().file("decisions.csv");
    ASSERT_EQ(t.run(schools, pupils, csv).exit_code, 0);
    const std::string xlsx = t.dir().file("decisions.xlsx");
    const CommandResult r = t.run(schools, pupils, xlsx);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("decisions in " + xlsx), std::string::npos) << r.err;

    // Distances are numbers in the workbook, as GDAL (and Excel) reads it: a cell has no
    // declared type, so GDAL calls a column of whole metres Integer, others Real.
    const std::string info = shell(t, "ogrinfo -ro -al -so " + xlsx);
    for (const char* column : {"home_no", "plain_distance_m", "safe_distance_m", "threshold_m", "home_snap_m"}) {
        const std::size_t at = info.find(std::string(column) + ": ");
        ASSERT_NE(at, std::string::npos) << column << "\n" << info;
        const std::string type = info.substr(at, info.find(' ', at + std::string(column).size() + 2) - at);
        EXPECT_TRUE(type.find("Integer") != std::string::npos || type.find("Real") != std::string::npos) << type;
    }
    EXPECT_NE(info.find("outcome: String"), std::string::npos) << info;
    const DecisionRows from_csv = read_decision_rows(csv);
    const DecisionRows from_xlsx = rows_read_by_gdal(t, xlsx);
    ASSERT_EQ(from_xlsx.size(), 2U);
    for (const char* ref : {"P1", "P2"}) {
        const auto& a = from_csv.at({ref, 1});
        const auto& b = from_xlsx.at({ref, 1});
        EXPECT_EQ(b.at("outcome"), a.at("outcome")) << ref;
        EXPECT_EQ(b.at("appeal"), a.at("appeal")) << ref;
        expect_same_metres(b.at("safe_distance_m"), a.at("safe_distance_m"), ref);
        expect_same_metres(b.at("home_snap_m"), a.at("home_snap_m"), ref);
    }

    // The workbook as the previous run: the same register is all unchanged.
    const CommandResult again = t.run(schools, pupils, t.dir().file("again.xlsx"), {"--previous", xlsx});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("2 homes (0 computed, 2 reused)"), std::string::npos) << again.err;
    EXPECT_NE(again.err.find("changes: unchanged=2 removed=0"), std::string::npos) << again.err;

    // A pupil who left: the workbook has a `removed` sheet, as a GeoPackage has a layer.
    const std::string left = t.dir().file("left.xlsx");
    const CommandResult l = t.run(schools, t.write_pupils({{"P1", "2", "S1", "", 'h', ""}}, "p1.csv"), left,
                                  {"--previous", xlsx});
    ASSERT_EQ(l.exit_code, 0) << l.err;
    const DecisionRows removed = rows_read_by_gdal(t, left, "removed");
    ASSERT_EQ(removed.size(), 1U);
    EXPECT_EQ(removed.begin()->first.first, "P2");

    // Routes are lines: a workbook cannot hold them.
    const CommandResult routes = t.run(schools, pupils, csv, {"--routes", t.dir().file("routes.xlsx")});
    EXPECT_EQ(routes.exit_code, 1) << routes.err;
    EXPECT_NE(routes.err.find("routes are written as a GeoPackage"), std::string::npos) << routes.err;
}

TEST(BatchSpreadsheets, ACsvForSwedishExcelHasSemicolonsDecimalCommasAndABomAndReadsBack) {
    const BatchFixture t = town();
    const std::string schools = t.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils = t.write_pupils({{"P1", "2", "S1", "", 'h', ""}, {"P2", "3", "S1", "", '2', ""}});
    const std::string plain = t.dir().file("plain.csv");
    ASSERT_EQ(t.run(schools, pupils, plain).exit_code, 0);
    const std::string sv = t.dir().file("beslut.csv");
    const CommandResult r = t.run(schools, pupils, sv, {"--csv-dialect", "excel-sv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    const std::string text = read_text(sv);
    EXPECT_EQ(text.rfind("\xEF\xBB\xBFpupil_ref;home_no;grade;school_id;school_name;", 0), 0U) << text.substr(0, 80);
    EXPECT_NE(text.find("\r\n"), std::string::npos);
    const DecisionRows expected = read_decision_rows(plain);
    for (const char* ref : {"P1", "P2"}) {
        std::string distance = expected.at({ref, 1}).at("safe_distance_m");
        distance.replace(distance.find('.'), 1, ",");
        const std::string line = line_starting(text, std::string(ref) + ";1;");
        EXPECT_NE(line.find(";" + distance + ";"), std::string::npos) << line;
        EXPECT_NE(line.find(";" + expected.at({ref, 1}).at("outcome") + ";"), std::string::npos) << line;
    }
    // GDAL (QGIS) reads the decimal commas as numbers, by the .csvt beside the file.
    ASSERT_TRUE(std::filesystem::exists(t.dir().file("beslut.csvt")));
    const std::string info = shell(t, "ogrinfo -ro -al -so " + sv);
    EXPECT_NE(info.find("safe_distance_m: Real"), std::string::npos) << info;
    const DecisionRows by_gdal = rows_read_by_gdal(t, sv);
    for (const char* ref : {"P1", "P2"}) {
        expect_same_metres(by_gdal.at({ref, 1}).at("safe_distance_m"), expected.at({ref, 1}).at("safe_distance_m"), ref);
    }

    // As the previous run: unchanged; the erasure list is written the same way.
    const CommandResult again = t.run(schools, t.write_pupils({{"P1", "2", "S1", "", 'h', ""}}, "p1.csv"),
                                      t.dir().file("beslut2.csv"), {"--previous", sv, "--csv-dialect", "excel-sv"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("changes: unchanged=1 removed=1"), std::string::npos) << again.err;
    const std::size_t at = again.err.find("erasure review in ");
    ASSERT_NE(at, std::string::npos) << again.err;
    const std::size_t start = at + std::string("erasure review in ").size();
    const std::string list = read_text(again.err.substr(start, again.err.find(" (", start) - start));
    EXPECT_EQ(list.rfind("\xEF\xBB\xBFpupil_ref;home_no;school_id;last_outcome;instruction\r\nP2;1;S1;", 0), 0U) << list;

    // An unknown dialect is a usage error naming the ones there are.
    const CommandResult bad = t.run(schools, pupils, t.dir().file("x.csv"), {"--csv-dialect", "excel"});
    EXPECT_EQ(bad.exit_code, 2) << bad.err;
    EXPECT_NE(bad.err.find("--csv-dialect must be plain"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("excel-sv"), std::string::npos) << bad.err;
    EXPECT_NE(run_skolvag({"batch", "--help"}).out.find("--csv-dialect DIALECT"), std::string::npos);
}

TEST(BatchSpreadsheets, ACsvForSwedishExcelKeepsTextThatWouldStartAFormulaAsText) {
    // A register's text can start a formula (CSV injection: Excel runs =HYPERLINK(...)).
    const BatchFixture t = town();
    const std::string schools = t.write_schools({{"S1", "F-9", 's'}});
    const std::string pupils =
        t.write_pupils({{"=1+1", "2", "S1", "", 'h', ""}, {"@SUM(A1)", "3", "S1", "", '2', ""}, {"-7", "3", "S1", "", 'h', ""}});
    const std::string sv = t.dir().file("beslut.csv");
    ASSERT_EQ(t.run(schools, pupils, sv, {"--csv-dialect", "excel-sv"}).exit_code, 0);
    const std::string text = read_text(sv);
    EXPECT_NE(text.find("\r\n'=1+1;1;"), std::string::npos) << text;
    EXPECT_NE(text.find("\r\n'@SUM(A1);1;"), std::string::npos) << text;
    EXPECT_NE(text.find("\r\n'-7;1;"), std::string::npos) << text;
    // The plain dialect is for GDAL and programs: as given.
    const std::string plain = t.dir().file("plain.csv");
    ASSERT_EQ(t.run(schools, pupils, plain).exit_code, 0);
    EXPECT_NE(read_text(plain).find("\n=1+1,1,"), std::string::npos);
    // Read back as the previous run, the pupils are the same pupils: nothing changed.
    const CommandResult again =
        t.run(schools, pupils, t.dir().file("beslut2.csv"), {"--previous", sv, "--csv-dialect", "excel-sv"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("changes: unchanged=3 removed=0"), std::string::npos) << again.err;
}

TEST(BatchSpreadsheets, AChangedRowCarriesItsPreviousValues) {
    const BatchFixture t = town();
    const std::string schools = t.write_schools({{"S1", "F-9", 's'}});
    const std::string first = t.dir().file("run1.csv");
    ASSERT_EQ(t.run(schools, t.write_pupils({{"P1", "2", "S1", "", 'h', ""}, {"P2", "3", "S1", "", '2', ""}}), first)
                  .exit_code,
              0);
    // P1 moved from h to 2, beyond the threshold; P2 stays.
    const std::string pupils2 =
        t.write_pupils({{"P1", "2", "S1", "", '2', ""}, {"P2", "3", "S1", "", '2', ""}}, "pupils2.csv");
    const std::string second = t.dir().file("run2.csv");
    const CommandResult r = t.run(schools, pupils2, second, {"--previous", first});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    const DecisionRows before = read_decision_rows(first);
    const DecisionRows now = read_decision_rows(second);
    const auto& p1 = now.at({"P1", 1});
    ASSERT_EQ(p1.at("change"), "changed");
    ASSERT_NE(p1.at("outcome"), before.at({"P1", 1}).at("outcome")); // the drawing's point: h is near, 2 is not
    for (const char* column : {"outcome", "safe_distance_m", "plain_distance_m", "home_snap_m", "threshold_m",
                               "school_id", "band", "reference_school_id", "reference_safe_distance_m",
                               "reference_outcome"}) {
        EXPECT_EQ(p1.at(std::string("previous_") + column), before.at({"P1", 1}).at(column)) << column;
    }
    EXPECT_EQ(now.at({"P2", 1}).at("change"), "unchanged");
    EXPECT_EQ(now.at({"P2", 1}).at("previous_outcome"), ""); // nothing to show
    EXPECT_EQ(now.at({"P2", 1}).at("previous_safe_distance_m"), "");
    // Beside the change, before the note and the record columns.
    const std::string text = read_text(second);
    const std::string header = text.substr(0, text.find('\n'));
    EXPECT_NE(header.find(",change,changed_fields,previous_school_id,"), std::string::npos) << header;
    EXPECT_NE(header.find(",previous_home_snap_m,previous_stop_id,"), std::string::npos) << header;
    EXPECT_NE(header.find(",previous_stop_outcome,note,rule_set,"), std::string::npos) << header;
    EXPECT_EQ(header.find("previous_inputs"), std::string::npos) << header;

    // A file with previous values is a previous run like any other: all unchanged.
    const CommandResult third = t.run(schools, pupils2, t.dir().file("run3.csv"), {"--previous", second});
    ASSERT_EQ(third.exit_code, 0) << third.err;
    EXPECT_NE(third.err.find("changes: unchanged=2 removed=0"), std::string::npos) << third.err;
    EXPECT_EQ(read_decision_rows(t.dir().file("run3.csv")).at({"P1", 1}).at("previous_outcome"), "");
    // And as a GeoPackage.
    const std::string gpkg = t.dir().file("run2.gpkg");
    ASSERT_EQ(t.run(schools, pupils2, gpkg, {"--previous", first}).exit_code, 0);
    const CommandResult from_gpkg = t.run(schools, pupils2, t.dir().file("run4.csv"), {"--previous", gpkg});
    ASSERT_EQ(from_gpkg.exit_code, 0) << from_gpkg.err;
    EXPECT_NE(from_gpkg.err.find("changes: unchanged=2 removed=0"), std::string::npos) << from_gpkg.err;
}

TEST(BatchSpreadsheets, XyAndLonLatThatDisagreeGetANoteOrAWarning) {
    // Registers with both SWEREF 99 TM and WGS84 columns. P1's agree (to rounding); P2's
    // lon, lat are at another place; S1's row too. x, y are used, and that is said.
    const BatchFixture t = town();
    const auto row = [&](const std::string& start, char xy, char lon_lat) {
        std::string ll = t.lon_lat(lon_lat);
        ll.replace(ll.find(','), 1, ";");
        return start + grid(t, xy, ";", true) + ";" + ll + "\r\n";
    };
    const std::string schools =
        t.dir().write("skolor.csv", "school_id;name;grades;x;y;lon;lat\r\n" + row("S1;Byskolan;F-9;", 's', 'c'));
    const std::string pupils = t.dir().write(
        "elever.csv", "pupil_ref;grade;school_id;x;y;lon;lat\r\n" + row("P1;2;S1;", 'h', 'h') + row("P2;2;S1;", 'h', '2'));
    const std::string out = t.dir().file("decisions.csv");
    const CommandResult r = t.run(schools, pupils, out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: " + schools + ":2: school 'S1': x, y and lon, lat are more than 1 m apart; x, y "
                         "used"),
              std::string::npos)
        << r.err;
    const DecisionRows d = read_decision_rows(out);
    EXPECT_EQ(d.at({"P1", 1}).at("note"), "");
    const std::string note = d.at({"P2", 1}).at("note");
    EXPECT_NE(note.find("x, y and lon, lat are more than 1 m apart; x, y used"), std::string::npos) << note;
    const std::string x = grid(t, 'h', ";", true);
    EXPECT_EQ(note.find(x.substr(0, 6)), std::string::npos) << "a coordinate in the note: " << note;
    EXPECT_EQ(r.err.find(x.substr(0, 6)), std::string::npos) << "a coordinate on stderr: " << r.err;
    // Decided on x, y: as P1, whose columns agree.
    EXPECT_EQ(d.at({"P2", 1}).at("safe_distance_m"), d.at({"P1", 1}).at("safe_distance_m"));
    EXPECT_EQ(d.at({"P2", 1}).at("outcome"), d.at({"P1", 1}).at("outcome"));
    // The run report lists the row among those needing attention.
    const std::string report = t.dir().file("report.html");
    ASSERT_EQ(t.run(schools, pupils, out, {"--report", report, "--lang", "en"}).exit_code, 0);
    const std::string html = read_text(report);
    const std::size_t at = html.find("the row&#39;s x, y and lon, lat disagree (x, y used)");
    ASSERT_NE(at, std::string::npos) << html;
    EXPECT_NE(html.find(pupils + ":3", at), std::string::npos) << html;
}

// SPDX-License-Identifier: MIT
// BatchFixture: a small town drawn as an ASCII map, its schools and pupils written as
// CSV files, and `skolvag batch` run on them through the real executable.
#pragma once

#include "tests/support/ascii_map.hpp"
#include "tests/support/run_command.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace skolvag::testing {

/// Rules for batch stories: F-3 walks 150 m (50 km/h roads), 4-6 250 m (80 km/h); no band for 7-9.
extern const char* const kBatchRulesToml;

struct SchoolRow {
    std::string school_id;
    std::string grades;
    char entrance; ///< a point of the drawing
};

struct PupilRow {
    std::string pupil_ref;
    std::string grade;
    std::string school_id;
    std::string reference_school_id;
    char home;              ///< a point of the drawing, or '?' for lon/lat below
    std::string lon_lat;    ///< "lon,lat" text when home == '?'
};

/// A decisions file: (pupil_ref, home_no) -> column -> value.
using DecisionRows = std::map<std::pair<std::string, int>, std::map<std::string, std::string>>;

class BatchFixture {
public:
    BatchFixture(std::string_view drawing, double grid_m, const std::vector<WayDef>& ways,
                 const std::map<char, Tags>& node_tags = {});

    const TempDir& dir() const { return m_dir; }
    const AsciiMap& map() const { return m_map; }
    std::string network() const { return m_network; }
    std::string rules() const { return m_rules; }

    /** Writes schools.csv (lon, lat columns) and returns its path. */
    std::string write_schools(const std::vector<SchoolRow>& rows, const std::string& name = "schools.csv") const;
    /** Writes a pupils file (lon, lat columns) and returns its path. */
    std::string write_pupils(const std::vector<PupilRow>& rows, const std::string& name = "pupils.csv") const;
    /** Replaces the rules file. */
    void write_rules(const std::string& toml);

    /** Runs `skolvag batch` with the fixture's network and rules plus these arguments. */
    CommandResult run(const std::string& schools, const std::string& pupils, const std::string& out,
                      const std::vector<std::string>& extra = {}) const;

    /** "lon,lat" of a drawn point. */
    std::string lon_lat(char c) const;

private:
    TempDir m_dir;
    AsciiMap m_map;
    std::string m_network;
    std::string m_rules;
};

/**
 * The town most batch stories walk in: a footway a-b-c (200 m) and a primary road c-e
 * (100 m, 70 km/h by default: unsafe for F-3 at 50 km/h, safe for 4-6 at 80). A
 * school entrance s lies 20 m west of a; home 1 10 m south of b, home 3 10 m south of
 * e, where only the primary road goes. 10 m per character:
 *
 *     s a---------b---------c---------e
 *                 1                   3
 */
BatchFixture line_town();

/** Reads a CSV decisions (or removed) file. */
DecisionRows read_decision_rows(const std::string& path);

} // namespace skolvag::testing

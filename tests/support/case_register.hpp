// SPDX-License-Identifier: MIT
// A school and pupil register made of a shared case's real points: every school point
// of its home-school pairs is a school (with a second entrance 40 m away), every `from`
// point of every pair is a home, and every entrance is a home too. Grades and school
// choices are assigned in turn. For real-data tests of `batch` and `serve`.
#pragma once

#include "geodata/lon_lat.hpp"

#include <string>
#include <vector>

namespace skolvag::testing {

struct CaseSchool {
    std::string id;
    std::string grades; ///< as a schools file writes it, e.g. "F-6"
    std::vector<geodata::LonLat> entrances;
};

struct CasePupil {
    std::string pupil_ref;
    std::string grade;
    std::string school_id;
    geodata::LonLat home;
};

struct CaseRegister {
    std::vector<CaseSchool> schools;
    std::vector<CasePupil> pupils;

    /** Writes schools.csv and pupils.csv (lon, lat with 7 decimals) as `skolvag batch` reads them. */
    void write(const std::string& schools_csv, const std::string& pupils_csv) const;
};

/** The register of a case folder's pairs.csv (../shared/data/cases/NAME/pairs.csv). */
CaseRegister case_register(const std::string& pairs_csv);

} // namespace skolvag::testing

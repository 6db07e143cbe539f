// SPDX-License-Identifier: MIT
// One municipality's share of a national register (`batch --municipality CODE`): its
// homes, and its schools with the schools its pupils name, by the files' municipality
// column.
#pragma once

#include "api/eligibility/pupil_register.hpp"
#include "api/eligibility/school_register.hpp"

#include <string>
#include <vector>

namespace skolvag::api {

struct MunicipalityShare {
    std::size_t homes_kept = 0;
    std::size_t homes_in_file = 0;
    std::size_t own_schools = 0;     ///< schools whose municipality is the code
    std::size_t named_schools = 0;   ///< other municipalities' schools a kept home names (school_id, reference_school_id)
    std::size_t schools_in_file = 0;
};

/**
 * Keeps the homes whose `municipality` equals `code` (exactly, as text) and the schools
 * whose `municipality` equals it, plus every school such a home names as its school or
 * reference school (a pupil who goes to school over the border is still decided).
 * Homes keep their home_no from the whole register. The schools' sha256 stays the
 * file's.
 * @throws geodata::InputError naming the file when it has no municipality column, or
 *         naming the pupils file and the code when no home has that municipality.
 */
MunicipalityShare keep_municipality(const std::string& code, std::vector<PupilHome>& homes,
                                    const std::string& pupils_path, SchoolRegister& schools,
                                    const std::string& schools_path);

} // namespace skolvag::api

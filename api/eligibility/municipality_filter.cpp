// SPDX-License-Identifier: MIT
#include "api/eligibility/municipality_filter.hpp"

#include "geodata/errors.hpp"

#include <algorithm>
#include <set>

namespace skolvag::api {

MunicipalityShare keep_municipality(const std::string& code, std::vector<PupilHome>& homes,
                                    const std::string& pupils_path, SchoolRegister& schools,
                                    const std::string& schools_path) {
    const std::string needs = ": no municipality column: --municipality picks the rows by it";
    if (!homes.empty() && !homes.front().municipality) {
        throw geodata::InputError(pupils_path + needs);
    }
    if (!schools.schools.empty() && !schools.schools.front().municipality) {
        throw geodata::InputError(schools_path + needs);
    }
    MunicipalityShare share;
    share.homes_in_file = homes.size();
    share.schools_in_file = schools.schools.size();
    std::erase_if(homes, [&](const PupilHome& h) { return *h.municipality != code; });
    if (homes.empty()) {
        throw geodata::InputError(pupils_path + ": no home has municipality '" + code +
                                  "' (the municipality column's codes are compared as text, e.g. 0114)");
    }
    share.homes_kept = homes.size();
    std::set<std::string> named;
    for (const PupilHome& h : homes) {
        named.insert(h.school_id);
        named.insert(h.reference_school_id);
    }
    std::erase_if(schools.schools, [&](const School& s) {
        if (*s.municipality == code) {
            ++share.own_schools;
            return false;
        }
        if (named.count(s.id) != 0) {
            ++share.named_schools;
            return false;
        }
        return true;
    });
    return share;
}

} // namespace skolvag::api

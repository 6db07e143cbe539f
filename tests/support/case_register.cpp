// SPDX-License-Identifier: MIT
#include "tests/support/case_register.hpp"

#include "geodata/geodesic.hpp"
#include "geodata/text/csv.hpp"

#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>

namespace skolvag::testing {

namespace {

const char* const kSchoolGrades[] = {"F-6", "7-9", "F-9", "gy", ""};
const char* const kPupilGrades[] = {"F", "1", "2", "3", "4", "5", "6", "7", "8", "9", "gy1", "gy2", "gy3"};

std::string lon_lat_text(const geodata::LonLat& p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.7f,%.7f", p.lon_deg, p.lat_deg);
    return buf;
}

/// A point as the files give it: parsed from its 7-decimal text, so that every reader sees the same double.
geodata::LonLat as_written(const geodata::LonLat& p) {
    const std::string text = lon_lat_text(p);
    return {std::stod(text.substr(0, text.find(','))), std::stod(text.substr(text.find(',') + 1))};
}

} // namespace

CaseRegister case_register(const std::string& pairs_csv) {
    std::ifstream in(pairs_csv);
    geodata::CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    csv.next(f, line); // id,from_lon,from_lat,to_lon,to_lat
    CaseRegister reg;
    std::map<std::string, std::size_t> school_at; // "lon,lat" of a school point -> school
    std::vector<std::pair<geodata::LonLat, std::string>> homes; // home, the school it goes to ("" for any)
    while (csv.next(f, line)) {
        const geodata::LonLat from{std::stod(f[1]), std::stod(f[2])};
        const geodata::LonLat to{std::stod(f[3]), std::stod(f[4])};
        std::string school;
        if (f[0].find("home-school") != std::string::npos) {
            const auto [it, added] = school_at.try_emplace(f[3] + "," + f[4], reg.schools.size());
            if (added) {
                const std::size_t n = reg.schools.size();
                reg.schools.push_back({"S" + std::to_string(n + 1), kSchoolGrades[n % std::size(kSchoolGrades)],
                                       {as_written(to), as_written(geodata::geodesic_direct(to, 45.0, 40.0))}});
            }
            school = reg.schools[it->second].id;
        }
        homes.push_back({as_written(from), school});
    }
    for (const CaseSchool& s : reg.schools) {
        for (const geodata::LonLat& e : s.entrances) {
            homes.push_back({e, s.id}); // a pupil living exactly at an entrance
        }
    }
    if (reg.schools.empty()) {
        throw std::runtime_error(pairs_csv + ": no home-school pairs");
    }
    for (std::size_t i = 0; i < homes.size(); ++i) {
        const std::string school = !homes[i].second.empty() ? homes[i].second : reg.schools[i % reg.schools.size()].id;
        reg.pupils.push_back({"P" + std::to_string(i + 1), kPupilGrades[i % std::size(kPupilGrades)], school,
                              homes[i].first});
    }
    return reg;
}

void CaseRegister::write(const std::string& schools_csv, const std::string& pupils_csv) const {
    std::ofstream s(schools_csv);
    s << "school_id,name,grades,lon,lat\n";
    for (const CaseSchool& school : schools) {
        for (const geodata::LonLat& e : school.entrances) {
            s << school.id << ",School " << school.id << "," << school.grades << "," << lon_lat_text(e) << "\n";
        }
    }
    std::ofstream p(pupils_csv);
    p << "pupil_ref,grade,school_id,lon,lat\n";
    for (const CasePupil& pupil : pupils) {
        p << pupil.pupil_ref << "," << pupil.grade << "," << pupil.school_id << "," << lon_lat_text(pupil.home) << "\n";
    }
    if (!s || !p) {
        throw std::runtime_error("cannot write the case register");
    }
}

} // namespace skolvag::testing

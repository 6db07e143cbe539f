// SPDX-License-Identifier: MIT
// End to end on a real extract: the Liechtenstein case's homes and schools through
// `skolvag batch`, then every home -> entrance pair through `skolvag distances`, plain
// and per band. The batch's distances must equal the minimum over the school's
// entrances, to the centimetre. Skips when ../shared is absent.
#include "geodata/text/csv.hpp"
#include "tests/support/batch_fixture.hpp"
#include "tests/support/case_register.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

using namespace skolvag::testing;

namespace {

std::map<std::string, std::map<std::string, std::string>> read_by_id(const std::string& path) {
    std::istringstream in(read_text(path));
    skolvag::geodata::CsvReader csv(in);
    std::vector<std::string> header;
    std::vector<std::string> f;
    std::size_t line = 0;
    csv.next(header, line);
    std::map<std::string, std::map<std::string, std::string>> rows;
    while (csv.next(f, line)) {
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) {
            row[header[i]] = f[i];
        }
        rows[f[0]] = row;
    }
    return rows;
}

/// Runs the register through batch under `rules` and checks every distance against `distances`.
void expect_batch_equals_distances(const std::string& osm, const std::string& pairs_of_case, const std::string& rules) {
    const TempDir dir;
    const CaseRegister w = case_register(pairs_of_case);
    const std::string schools = dir.file("schools.csv");
    const std::string pupils = dir.file("pupils.csv");
    w.write(schools, pupils);
    const std::string decisions = dir.file("decisions.csv");
    const CommandResult batch = run_skolvag({"batch", "--network", osm, "--schools", schools, "--pupils", pupils,
                                             "--rules", rules, "--out", decisions, "--threads", "2"});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    const DecisionRows rows = read_decision_rows(decisions);
    ASSERT_EQ(rows.size(), w.pupils.size());

    // Every home x entrance of its chosen school, as pairs for `distances`.
    std::map<std::string, const CaseSchool*> school_by_id;
    for (const auto& s : w.schools) {
        school_by_id[s.id] = &s;
    }
    std::map<std::string, std::string> band_of; // pair id -> band
    std::string pairs = "id,from_lon,from_lat,to_lon,to_lat\n";
    for (const auto& p : w.pupils) {
        const auto& d = rows.at({p.pupil_ref, 1});
        const auto& school = *school_by_id.at(p.school_id);
        for (std::size_t e = 0; e < school.entrances.size(); ++e) {
            char line[200];
            // The same 7 decimals as pupils.csv: the very same points.
            std::snprintf(line, sizeof line, "%s#%zu,%.7f,%.7f,%.7f,%.7f\n", p.pupil_ref.c_str(), e, p.home.lon_deg,
                          p.home.lat_deg, school.entrances[e].lon_deg, school.entrances[e].lat_deg);
            pairs += line;
        }
        band_of[p.pupil_ref] = d.at("band");
    }
    const std::string pairs_csv = dir.write("pairs.csv", pairs);

    // Minimum over entrances per home, plain and for each band.
    auto minimum_per_home = [&](const std::string& band) {
        std::vector<std::string> args = {"distances", "--network", osm, "--pairs", pairs_csv,
                                         "--out", dir.file("d.csv"), "--rules", rules};
        if (!band.empty()) {
            args.insert(args.end(), {"--band", band});
        }
        const CommandResult r = run_skolvag(args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        std::map<std::string, double> best;
        for (const auto& [id, row] : read_by_id(dir.file("d.csv"))) {
            const std::string ref = id.substr(0, id.find('#'));
            if (row.at("status") == "ok") {
                const double m = std::stod(row.at("distance_m"));
                best[ref] = best.count(ref) ? std::min(best[ref], m) : m;
            }
        }
        return best;
    };
    const std::map<std::string, double> plain = minimum_per_home("");
    std::map<std::string, std::map<std::string, double>> safe;
    for (const char* band : {"F-3", "4-6", "7-9", "gy"}) {
        safe[band] = minimum_per_home(band);
    }

    std::size_t compared = 0;
    for (const auto& p : w.pupils) {
        const auto& d = rows.at({p.pupil_ref, 1});
        SCOPED_TRACE(p.pupil_ref + " " + d.at("outcome"));
        if (d.at("outcome") == "not_on_network") {
            EXPECT_EQ(plain.count(p.pupil_ref), 0U);
            continue;
        }
        const auto& band_safe = safe.at(band_of.at(p.pupil_ref));
        EXPECT_EQ(d.at("plain_distance_m").empty(), plain.count(p.pupil_ref) == 0);
        if (plain.count(p.pupil_ref)) {
            EXPECT_NEAR(std::stod(d.at("plain_distance_m")), plain.at(p.pupil_ref), 0.001);
        }
        EXPECT_EQ(d.at("safe_distance_m").empty(), band_safe.count(p.pupil_ref) == 0);
        if (band_safe.count(p.pupil_ref)) {
            EXPECT_NEAR(std::stod(d.at("safe_distance_m")), band_safe.at(p.pupil_ref), 0.001);
            ++compared;
        }
    }
    EXPECT_GT(compared, 300U);
}

} // namespace

TEST(BatchOnRealData, DistancesEqualThoseOfTheDistancesCommand) {
    const auto osm = shared_file("data/osm/liechtenstein-latest.osm.pbf");
    const auto pairs_of_case = shared_file("data/cases/liechtenstein/pairs.csv");
    if (!osm || !pairs_of_case) {
        GTEST_SKIP() << skip_message("data/osm/liechtenstein-latest.osm.pbf and data/cases/liechtenstein");
    }
    expect_batch_equals_distances(*osm, *pairs_of_case, example_rules_path());
}

TEST(BatchOnRealData, UnderCrossingLayerAndLightingRulesDistancesEqualThoseOfTheDistancesCommand) {
    // §8-§11: the v2 rules (crossing limits, two layers) on the turn graph in batch too.
    const auto osm = shared_file("data/osm/liechtenstein-latest.osm.pbf");
    const auto pairs_of_case = shared_file("data/cases/liechtenstein/pairs.csv");
    const auto rules = shared_file("data/cases_v2/liechtenstein/rules.toml");
    if (!osm || !pairs_of_case || !rules) {
        GTEST_SKIP() << skip_message("data/osm/liechtenstein-latest.osm.pbf and data/cases_v2/liechtenstein");
    }
    expect_batch_equals_distances(*osm, *pairs_of_case, *rules);
}

// SPDX-License-Identifier: MIT
// The `distances` command against every case in ../shared/data/cases (folders found
// at run time, networks from its README): expected outputs computed from the spec by
// an independent implementation. A case passes when at least 99.5 %
// of rows agree on status and 99.5 % of `ok` rows agree on distance within 0.5 m
// (../shared/data/cases/README.md). Skips with a message when ../shared is absent.
#include "geodata/text/csv.hpp"
#include "api/eligibility/rules_file.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>

using namespace skolvag::testing;

namespace {

/// One expected file of a case folder, and how to reproduce it.
struct Case {
    std::string name;     ///< the case folder, e.g. "stockholm"
    std::string network;  ///< path of the extract
    std::string folder;   ///< path of the case folder
    std::string rules;    ///< rules file defining the band (rules.toml for plain)
    std::string band;     ///< "" for plain
    std::string expected; ///< expected_<band>.csv
};

/// The case -> network table of data/cases/README.md: | `name/` | `../osm/file` | ...
std::map<std::string, std::string> networks_by_case(const std::string& cases_dir) {
    std::ifstream in(cases_dir + "/README.md");
    std::map<std::string, std::string> out;
    std::string line;
    const std::regex row(R"(^\|\s*`([^`/]+)/?`\s*\|\s*`\.\./osm/([^`]+)`)");
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, row)) {
            out[m[1]] = m[2];
        }
    }
    return out;
}

/// Every expected file of every case folder. A band's rules file is the first
/// rules*.toml of the folder (rules.toml first) that defines the band.
std::vector<Case> discover_cases(const std::string& shared, const std::string& subdir,
                                 std::vector<std::string>& problems) {
    const std::string cases_dir = shared + "/" + subdir;
    const auto networks = networks_by_case(cases_dir);
    std::vector<Case> cases;
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(cases_dir)) {
        if (entry.is_directory()) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    for (const auto& folder : folders) {
        const std::string name = folder.filename().string();
        const auto net = networks.find(name);
        if (net == networks.end()) {
            problems.push_back("case '" + name + "' has no network in " + subdir + "/README.md");
            continue;
        }
        std::vector<std::filesystem::path> rules_files;
        std::vector<std::filesystem::path> expected_files;
        for (const auto& f : std::filesystem::directory_iterator(folder)) {
            const std::string file = f.path().filename().string();
            if (file.rfind("rules", 0) == 0 && f.path().extension() == ".toml") {
                rules_files.push_back(f.path());
            } else if (file.rfind("expected_", 0) == 0 && f.path().extension() == ".csv") {
                expected_files.push_back(f.path());
            }
        }
        std::sort(rules_files.begin(), rules_files.end()); // rules.toml before rules_strict.toml
        std::sort(expected_files.begin(), expected_files.end());
        for (const auto& expected : expected_files) {
            const std::string stem = expected.stem().string();
            Case c{name, shared + "/data/osm/" + net->second, folder.string(), "", stem.substr(9), expected.string()};
            if (c.band == "plain") {
                c.band.clear();
                c.rules = (folder / "rules.toml").string();
            } else {
                for (const auto& r : rules_files) {
                    if (skolvag::api::load_rules(r.string()).find_band(c.band) != nullptr) {
                        c.rules = r.string();
                        break;
                    }
                }
            }
            if (c.rules.empty()) {
                problems.push_back(expected.string() + ": no rules file of the case defines band '" + c.band + "'");
                continue;
            }
            cases.push_back(c);
        }
    }
    return cases;
}

struct Row {
    std::string status;
    std::string distance_m;
};

std::map<std::string, Row> read_rows(const std::string& path) {
    std::ifstream in(path);
    skolvag::geodata::CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    std::map<std::string, Row> rows;
    csv.next(f, line); // header: id,status,distance_m,from_snap_m,to_snap_m
    while (csv.next(f, line)) {
        if (f.size() >= 3) {
            rows[f[0]] = {f[1], f[2]};
        }
    }
    return rows;
}

/// Runs every case of a cases folder (data/cases, data/cases_v2) through `distances`.
void expect_cases_agree(const std::string& shared, const std::string& subdir) {
    std::vector<std::string> problems;
    const std::vector<Case> cases = discover_cases(shared, subdir, problems);
    for (const std::string& p : problems) {
        ADD_FAILURE() << p;
    }
    ASSERT_FALSE(cases.empty());
    for (const Case& c : cases) {
        SCOPED_TRACE(c.expected);
        const TempDir dir;
        std::vector<std::string> args = {"distances", "--network", c.network, "--pairs", c.folder + "/pairs.csv",
                                         "--out", dir.file("out.csv"), "--rules", c.rules};
        if (!c.band.empty()) {
            args.insert(args.end(), {"--band", c.band});
        }
        const CommandResult r = run_skolvag(args);
        ASSERT_EQ(r.exit_code, 0) << r.err;

        const std::map<std::string, Row> expected = read_rows(c.expected);
        const std::map<std::string, Row> got = read_rows(dir.file("out.csv"));
        ASSERT_FALSE(expected.empty());
        std::size_t status_agree = 0;
        std::size_t ok_rows = 0;
        std::size_t distance_agree = 0;
        std::size_t within_cm = 0;
        std::string differences;
        for (const auto& [id, e] : expected) {
            const auto it = got.find(id);
            ASSERT_NE(it, got.end()) << "row " << id << " missing from the output";
            const Row& g = it->second;
            if (g.status == e.status) {
                ++status_agree;
            } else {
                differences += "  " + id + ": status " + g.status + ", expected " + e.status + "\n";
            }
            if (e.status == "ok") {
                ++ok_rows;
                const double off = g.status == "ok" ? std::fabs(std::stod(g.distance_m) - std::stod(e.distance_m)) : 1e9;
                within_cm += off <= 0.0101 ? 1 : 0; // both sides round to the centimetre
                if (off <= 0.5) {
                    ++distance_agree;
                } else if (g.status == "ok") {
                    differences += "  " + id + ": " + g.distance_m + " m, expected " + e.distance_m + " m\n";
                }
            }
        }
        EXPECT_GE(status_agree * 1000, expected.size() * 995) << status_agree << "/" << expected.size() << "\n"
                                                               << differences;
        EXPECT_GE(distance_agree * 1000, ok_rows * 995) << distance_agree << "/" << ok_rows << "\n" << differences;
        std::cout << subdir << " " << c.name << " " << (c.band.empty() ? "plain" : c.band) << ": status "
                  << status_agree << "/" << expected.size() << ", distance " << distance_agree << "/" << ok_rows
                  << " (within 1 cm: " << within_cm << ")\n";
    }
}

} // namespace

TEST(ReferenceCases, EveryCaseAgreesWithTheIndependentImplementation) {
    const auto shared = shared_dir();
    if (!shared || !std::filesystem::is_directory(*shared + "/data/cases")) {
        GTEST_SKIP() << skip_message("data/cases");
    }
    expect_cases_agree(*shared, "data/cases");
}

TEST(ReferenceCases, CrossingsLayersAndLightingAgreeWithTheIndependentImplementation) {
    // §8-§11: the v2 rules (crossing limits, lighting, two municipal layers).
    const auto shared = shared_dir();
    if (!shared || !std::filesystem::is_directory(*shared + "/data/cases_v2")) {
        GTEST_SKIP() << skip_message("data/cases_v2");
    }
    expect_cases_agree(*shared, "data/cases_v2");
}

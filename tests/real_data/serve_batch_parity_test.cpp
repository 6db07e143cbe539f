// SPDX-License-Identifier: MIT
// One engine for batch and serve: every home and every school entrance of the
// Liechtenstein case, decided by `skolvag batch` and by the API's service, must give
// the same decision, field by field (the columns of the decisions file, as written).
// Skips when ../shared is absent.
#include "api/eligibility/decision_schema.hpp"
#include "api/server/distance_service.hpp"
#include "geodata/prepared_network.hpp"
#include "tests/support/batch_fixture.hpp"
#include "tests/support/case_register.hpp"
#include "tests/support/shared_data.hpp"
#include "tests/support/walk_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdio>

using namespace skolvag::testing;
using namespace skolvag::api;

namespace {

std::array<std::uint8_t, 32> test_key() {
    std::array<std::uint8_t, 32> k{};
    k.fill(42);
    return k;
}

/// The fields both must agree on: all but the pupil's own reference and the diff's.
bool compared_field(std::string_view name) {
    return name != "pupil_ref" && name != "home_no" && name != "change" && name != "changed_fields" &&
           name != "inputs_sha256";
}

/// Decides every home of the register by batch and by the API's service under `rules`.
void expect_serve_decides_as_batch(const std::string& osm_path, const std::string& pairs_path,
                                   const std::string& rules) {
    const std::optional<std::string> osm = osm_path;
    const TempDir dir;
    const CaseRegister reg = case_register(pairs_path);
    const std::string schools = dir.file("schools.csv");
    reg.write(schools, dir.file("pupils.csv"));

    // The batch run, through the executable.
    const CommandResult batch = run_skolvag({"batch", "--network", *osm, "--schools", schools, "--pupils",
                                             dir.file("pupils.csv"), "--rules", rules, "--out",
                                             dir.file("decisions.csv"), "--threads", "2"});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    const DecisionRows rows = read_decision_rows(dir.file("decisions.csv"));
    ASSERT_EQ(rows.size(), reg.pupils.size());

    // The API's service on the same network, schools and rules.
    const ServerNetwork network(skolvag::geodata::load_network(*osm));
    std::vector<std::unique_ptr<Tenant>> tenants;
    tenants.push_back(load_tenant({"liechtenstein", schools, rules, std::nullopt}, network, 2));
    TokenVault vault(dir.file("vault.sqlite"), test_key());
    DistanceService service(network, tenants, vault, 1000); // no purpose limit: every school is compared
    const ClientConfig client{"case-system", "liechtenstein", {Role::case_officer}, std::string(64, 'a'), 1e9};

    std::size_t compared = 0;
    std::size_t off_network = 0;
    for (const CasePupil& p : reg.pupils) {
        SCOPED_TRACE(p.pupil_ref);
        const std::string token = vault.register_home("liechtenstein", "registrar", p.home, std::nullopt, false);
        Call call{client, *tenants[0], {}, false, std::nullopt};
        const std::string body = R"({"token":")" + token + R"(","grade":")" + p.grade + R"(","school_id":")" +
                                 p.school_id + R"("})";
        const Result<Assessment> answer = service.assessment(call, body);
        const auto& row = rows.at({p.pupil_ref, 1});
        if (const auto* error = std::get_if<ApiError>(&answer)) {
            // Only what batch writes as invalid_input is refused by the API.
            EXPECT_EQ(row.at("outcome"), "invalid_input") << error->message;
            continue;
        }
        const Assessment& a = std::get<Assessment>(answer);
        if (!a.decision) {
            EXPECT_EQ(row.at("outcome"), "not_on_network");
            EXPECT_EQ(row.at("note"), a.note);
            ++off_network;
            continue;
        }
        for (const DecisionField& f : decision_fields()) {
            if (compared_field(f.name)) {
                EXPECT_EQ(cell_text(f.write(*a.decision)), row.at(std::string(f.name))) << f.name;
            }
        }
        ++compared;
    }
    EXPECT_GT(compared, 400U);
    EXPECT_GT(off_network, 0U); // the case's off-network homes
}

} // namespace

TEST(ServeAndBatch, DecideEveryHomeAndEntranceOfARealRegisterAlike) {
    const auto osm = shared_file("data/osm/liechtenstein-latest.osm.pbf");
    const auto pairs = shared_file("data/cases/liechtenstein/pairs.csv");
    if (!osm || !pairs) {
        GTEST_SKIP() << skip_message("data/osm/liechtenstein-latest.osm.pbf and data/cases/liechtenstein");
    }
    expect_serve_decides_as_batch(*osm, *pairs, example_rules_path());
}

TEST(ServeAndBatch, DecideAlikeUnderCrossingLayerAndLightingRules) {
    const auto osm = shared_file("data/osm/liechtenstein-latest.osm.pbf");
    const auto pairs = shared_file("data/cases/liechtenstein/pairs.csv");
    const auto rules = shared_file("data/cases_v2/liechtenstein/rules.toml");
    if (!osm || !pairs || !rules) {
        GTEST_SKIP() << skip_message("data/osm/liechtenstein-latest.osm.pbf and data/cases_v2/liechtenstein");
    }
    expect_serve_decides_as_batch(*osm, *pairs, *rules);
}

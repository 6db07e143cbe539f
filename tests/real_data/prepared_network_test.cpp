// SPDX-License-Identifier: MIT
// A prepared network on a real extract: the Liechtenstein case's homes and schools
// (tests/support/case_register) through `skolvag batch` under the v2 rules, whose
// crossing limits and layers search the turn graph, from the OSM file and from its
// prepared file (its hierarchies contracted along the kept orders), and the pairs
// through `skolvag distances`: the same files to the byte. Skips when ../shared is absent.
#include "tests/support/case_register.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/shared_data.hpp"

#include <gtest/gtest.h>

using namespace skolvag::testing;

TEST(PreparedNetworkOnRealData, LiechtensteinGivesTheSameDecisionsAndDistancesFromItsPreparedFile) {
    const auto osm = shared_file("data/osm/liechtenstein-latest.osm.pbf");
    const auto pairs = shared_file("data/cases_v2/liechtenstein/pairs.csv");
    const auto rules = shared_file("data/cases_v2/liechtenstein/rules.toml");
    if (!osm || !pairs || !rules) {
        GTEST_SKIP() << skip_message("data/cases_v2/liechtenstein");
    }
    const TempDir dir;
    const std::string prepared = dir.file("liechtenstein.skolvag");
    const CommandResult prepare = run_skolvag({"prepare", "--network", *osm, "--out", prepared});
    ASSERT_EQ(prepare.exit_code, 0) << prepare.err;
    const CaseRegister w = case_register(*pairs);
    w.write(dir.file("schools.csv"), dir.file("pupils.csv"));

    std::string decisions[2];
    std::string distances[2];
    for (int i = 0; i < 2; ++i) {
        const std::string& network = i == 0 ? *osm : prepared;
        const std::string out = dir.file("decisions" + std::to_string(i) + ".csv");
        const CommandResult batch =
            run_skolvag({"batch", "--network", network, "--schools", dir.file("schools.csv"), "--pupils",
                         dir.file("pupils.csv"), "--rules", *rules, "--out", out, "--threads", "2"});
        ASSERT_EQ(batch.exit_code, 0) << batch.err;
        decisions[i] = read_text(out);
        const std::string pairs_out = dir.file("F-3-" + std::to_string(i) + ".csv");
        const CommandResult d = run_skolvag({"distances", "--network", network, "--pairs", *pairs, "--rules", *rules,
                                             "--band", "F-3", "--out", pairs_out});
        ASSERT_EQ(d.exit_code, 0) << d.err;
        distances[i] = read_text(pairs_out);
    }
    EXPECT_NE(decisions[0].find("eligible_traffic"), std::string::npos); // the bands' safe searches mattered
    EXPECT_EQ(decisions[0], decisions[1]);
    EXPECT_GT(distances[0].size(), 1000U);
    EXPECT_EQ(distances[0], distances[1]);
}

// SPDX-License-Identifier: MIT
// `skolvag prepare` and prepared networks, through the executable: a prepared file gives
// the same distances and decisions as the OSM file it was made from, under the same
// network_id; a damaged file, one of another format version, one prepared under another
// walking profile, or a prepared file given to prepare are refused by name.
#include "geodata/osm_network.hpp"
#include "geodata/prepared_network.hpp"
#include "geodata/sha256.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/server_fixture.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>

using namespace skolvag::testing;

namespace {

/// Exempelby prepared into the folder; the path of the prepared file.
std::string prepared_exempelby(const TempDir& dir) {
    const std::string out = dir.file("exempelby.skolvag");
    const CommandResult r = run_skolvag({"prepare", "--network", demo_file("exempelby.osm"), "--out", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("network_id"), std::string::npos) << r.err;
    return out;
}

/// The file with one byte changed at `at`.
void change_byte(const std::string& path, std::streamoff at, char value) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(at);
    f.put(value);
}

} // namespace

TEST(PrepareCommand, APreparedNetworkGivesTheSameDistancesAndDecisionsAsItsOsmFile) {
    const TempDir dir;
    const std::string prepared = prepared_exempelby(dir);
    for (const auto& [name, network] : {std::pair{"osm", demo_file("exempelby.osm")}, std::pair{"prepared", prepared}}) {
        const CommandResult plain = run_skolvag({"distances", "--network", network, "--pairs",
                                                 demo_file("exempelby-pairs.csv"), "--out", dir.file(std::string(name) + "-plain.csv")});
        ASSERT_EQ(plain.exit_code, 0) << plain.err;
        // F-3 has crossing limits in the demo's rules: the turn graph's hierarchy, from its kept order.
        const CommandResult f3 = run_skolvag({"distances", "--network", network, "--pairs", demo_file("exempelby-pairs.csv"),
                                              "--rules", demo_file("exempelby-rules.toml"), "--band", "F-3", "--out",
                                              dir.file(std::string(name) + "-F-3.csv")});
        ASSERT_EQ(f3.exit_code, 0) << f3.err;
        const CommandResult batch = run_skolvag(
            {"batch", "--network", network, "--schools", demo_file("exempelby-schools.csv"), "--pupils",
             demo_file("exempelby-pupils.csv"), "--rules", demo_file("exempelby-rules.toml"), "--out",
             dir.file(std::string(name) + "-decisions.csv"), "--max-failed-share", "0.5"});
        ASSERT_EQ(batch.exit_code, 0) << batch.err;
    }
    EXPECT_EQ(read_text(dir.file("osm-plain.csv")), read_text(dir.file("prepared-plain.csv")));
    EXPECT_EQ(read_text(dir.file("osm-F-3.csv")), read_text(dir.file("prepared-F-3.csv")));
    // Every column, network_id included: a decision made from the prepared file names the OSM data it came from.
    const std::string decisions = read_text(dir.file("osm-decisions.csv"));
    EXPECT_EQ(decisions, read_text(dir.file("prepared-decisions.csv")));
    const std::string id = skolvag::geodata::network_file_id(demo_file("exempelby.osm"));
    EXPECT_NE(decisions.find(id), std::string::npos);

    const CommandResult info = run_skolvag({"network-info", "--network", prepared});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("\"prepared\": true"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find(id), std::string::npos) << info.out;
}

TEST(PrepareCommand, AServerStartsFromAPreparedNetworkAndAnswersAsFromItsOsmFile) {
    const TempDir dir;
    ServerFixture::Options options;
    options.network = prepared_exempelby(dir);
    const ServerFixture prepared(options);
    const ServerFixture osm;
    for (const ServerFixture* server : {&prepared, &osm}) {
        ASSERT_TRUE(server->running()) << server->stderr_text();
    }
    const auto answer = [](const ServerFixture& server) {
        const std::string token = server.register_home(kHomeP02);
        nlohmann::json j = body_of(server.client("case-system")->Get(distance_path(token, "S1", "2")));
        j.erase("token");
        return j;
    };
    const nlohmann::json from_prepared = answer(prepared);
    EXPECT_EQ(from_prepared, answer(osm));
    EXPECT_EQ(from_prepared["network_id"], skolvag::geodata::network_file_id(demo_file("exempelby.osm")));
}

TEST(PrepareCommand, ADamagedFileIsRefusedByName) {
    const TempDir dir;
    const std::string prepared = prepared_exempelby(dir);
    change_byte(prepared, 1000, '\x7f');
    const CommandResult r = run_skolvag({"distances", "--network", prepared, "--pairs", demo_file("exempelby-pairs.csv"),
                                         "--out", dir.file("d.csv")});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(prepared + ": the prepared network is damaged"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("skolvag prepare again"), std::string::npos) << r.err;
    // Cut short: refused too, never read past its end.
    const std::string cut = dir.write("cut.skolvag", read_text(prepared).substr(0, 400));
    const CommandResult short_file = run_skolvag({"network-info", "--network", cut});
    EXPECT_EQ(short_file.exit_code, 1);
    EXPECT_NE(short_file.err.find(cut + ":"), std::string::npos) << short_file.err;
}

TEST(PrepareCommand, AFileOfAnotherFormatVersionIsRefused) {
    const TempDir dir;
    const std::string prepared = prepared_exempelby(dir);
    change_byte(prepared, 16, '\x63'); // the version's low byte, right after the 16-byte magic: 99
    const CommandResult r = run_skolvag({"network-info", "--network", prepared});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("a prepared network of format 99; this skolvag reads format " +
                         std::to_string(skolvag::geodata::kPreparedNetworkVersion)),
              std::string::npos)
        << r.err;
}

TEST(PrepareCommand, AFilePreparedUnderAnotherWalkingProfileIsRefused) {
    // A network id that this executable's walking profile does not give for the file:
    // what a file prepared by a skolvag with other walking rules holds.
    const TempDir dir;
    const std::string osm = demo_file("exempelby.osm");
    const skolvag::geodata::WalkNetwork net = skolvag::geodata::load_osm_network(osm);
    const std::string path = dir.file("other.skolvag");
    skolvag::geodata::write_prepared_network(path, net, std::string(64, 'a'), skolvag::geodata::sha256_file_hex(osm),
                                             skolvag::geodata::hierarchy_orders(net));
    const CommandResult r = run_skolvag({"network-info", "--network", path});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("prepared under another walking profile"), std::string::npos) << r.err;
}

TEST(PrepareCommand, PreparingAPreparedFileOrOverItsInputIsRefused) {
    const TempDir dir;
    const std::string prepared = prepared_exempelby(dir);
    const CommandResult again = run_skolvag({"prepare", "--network", prepared, "--out", dir.file("again.skolvag")});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("already a prepared network"), std::string::npos) << again.err;
    const std::string osm_copy = dir.write("town.osm", read_text(demo_file("exempelby.osm")));
    const CommandResult over = run_skolvag({"prepare", "--network", osm_copy, "--out", osm_copy});
    EXPECT_NE(over.exit_code, 0);
    EXPECT_EQ(read_text(osm_copy), read_text(demo_file("exempelby.osm")));
}

TEST(PrepareCommand, TheFuzzTargetsSeedIsAPreparedNetworksBodyOfThisFormat) {
    // tests/fuzz/prepared_network_fuzz.cpp wraps its input as below; when the format
    // changes, this fails until the seed is written again (make_prepared_network_seed.sh),
    // so that the fuzzer never starts from a body it refuses at once.
    const std::string body =
        read_text(std::string(SKOLVAG_TEST_SOURCE_DIR) + "/tests/fuzz/seeds/prepared_network/exempelby.body");
    ASSERT_FALSE(body.empty());
    const std::string sha(64, '0');
    std::string file = "SKOLVAG-NETWORK\n";
    const std::uint32_t version = skolvag::geodata::kPreparedNetworkVersion;
    file.append(reinterpret_cast<const char*>(&version), sizeof version);
    for (const std::string& text : {skolvag::geodata::network_id(sha, skolvag::geodata::walk_profile_tables()), sha}) {
        const std::uint64_t n = text.size();
        file.append(reinterpret_cast<const char*>(&n), sizeof n);
        file.append(text);
    }
    file.append(body);
    file.append(skolvag::geodata::sha256_hex(file));
    const TempDir dir;
    const skolvag::geodata::LoadedNetwork loaded = skolvag::geodata::read_prepared_network(dir.write("seed.skolvag", file));
    EXPECT_EQ(loaded.net.graph.node_count(), skolvag::geodata::load_osm_network(demo_file("exempelby.osm")).graph.node_count());
}

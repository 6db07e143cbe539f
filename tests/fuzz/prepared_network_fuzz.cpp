// SPDX-License-Identifier: MIT
// A prepared network (skolvag prepare). The input is the network's body: the target
// puts the magic, the format version, a network id this executable accepts and the
// checksum around it, so that the fuzzer reaches the reader's counts, indexes and
// shape checks instead of stopping at the checksum. Seed: Exempelby's body
// (tests/fuzz/seeds/prepared_network, written by `make_seed.sh` beside it).
#include "geodata/errors.hpp"
#include "geodata/osm_network.hpp"
#include "geodata/prepared_network.hpp"
#include "geodata/sha256.hpp"
#include "tests/fuzz/fuzz_input.hpp"

#include <cstring>
#include <string>

namespace {

void append_text(std::string& out, const std::string& text) {
    const std::uint64_t n = text.size();
    out.append(reinterpret_cast<const char*>(&n), sizeof n);
    out.append(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string source_sha256(64, '0');
    static const std::string id = skolvag::geodata::network_id(source_sha256, skolvag::geodata::walk_profile_tables());
    std::string file = "SKOLVAG-NETWORK\n";
    const std::uint32_t version = skolvag::geodata::kPreparedNetworkVersion;
    file.append(reinterpret_cast<const char*>(&version), sizeof version);
    append_text(file, id);
    append_text(file, source_sha256);
    file.append(reinterpret_cast<const char*>(data), size);
    file.append(skolvag::geodata::sha256_hex(file));
    const std::string path = skolvag::fuzz::input_file(reinterpret_cast<const std::uint8_t*>(file.data()), file.size(),
                                                       ".skolvag");
    try {
        skolvag::geodata::read_prepared_network(path);
    } catch (const skolvag::geodata::Error&) {
    }
    return 0;
}

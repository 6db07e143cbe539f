// SPDX-License-Identifier: MIT
// The subcommands of the skolvag executable, one function each. They parse their own
// arguments, return the process exit code, and throw on errors main() reports.
#pragma once

#include <string>
#include <vector>

namespace skolvag::api {

/** `skolvag network-info --network FILE`: network statistics as JSON on stdout. */
int network_info_command(const std::vector<std::string>& args);

/** `skolvag prepare --network FILE.osm.pbf --out FILE.skolvag`: a prepared network for fast starts. */
int prepare_command(const std::vector<std::string>& args);

/** `skolvag distances --network FILE --pairs PAIRS.csv --out OUT.csv [--rules R --band B]`. */
int distances_command(const std::vector<std::string>& args);

/** `skolvag batch --network F --schools S --pupils P --rules R --out D [--previous D0] [--routes R.gpkg]`. */
int batch_command(const std::vector<std::string>& args);

/** `skolvag serve --config server.toml`: the distance API. */
int serve_command(const std::vector<std::string>& args);

/** `skolvag hash-key`: a new API key and, on the second line, its key_sha256. */
int hash_key_command(const std::vector<std::string>& args);

/** `skolvag vault-key --out FILE`: a new 32-byte vault key file, mode 0600. */
int vault_key_command(const std::vector<std::string>& args);

/** `skolvag audit-verify --config server.toml`: checks the audit trail's hash chain. */
int audit_verify_command(const std::vector<std::string>& args);

} // namespace skolvag::api

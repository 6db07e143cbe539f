// SPDX-License-Identifier: MIT
// The vault's master key: 32 random bytes in a file of its own, outside the database,
// readable by its owner only.
#pragma once

#include "api/vault/crypto.hpp"

#include <string>

namespace skolvag::api {

/**
 * Reads the master key.
 * @throws geodata::ConfigError naming the file when it is missing, not exactly 32
 *         bytes, or readable or writable by group or others (mode must be 0600 or 0400).
 */
Key256 read_key_file(const std::string& path);

/**
 * Refuses a secret file (a TLS private key) that group or others may read or write.
 * @param what the file's role for the message, e.g. "the TLS private key".
 * @throws geodata::ConfigError naming the file, its mode and the chmod that fixes it.
 */
void require_private_file(const std::string& path, const std::string& what);

/** Creates a new key file with 32 random bytes and mode 0600; refuses to overwrite. */
void write_new_key_file(const std::string& path);

} // namespace skolvag::api

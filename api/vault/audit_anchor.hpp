// SPDX-License-Identifier: MIT
// The audit anchor: each tenant's newest audit entry (number and hash), written to a
// file outside the vault. A hash chain cannot tell that its newest entries, or all of
// them, were removed; the anchor can: a trail that ends before an anchored entry, or
// holds another entry there, does not verify, and the server does not start on it.
#pragma once

#include "api/vault/audit_chain.hpp"

#include <optional>
#include <string>

namespace skolvag::api {

/** Writes the heads to the anchor file, atomically. @throws geodata::InputError naming the file. */
void write_audit_anchor(const std::string& path, const AuditHeads& heads);

/**
 * The heads an anchor file holds; nullopt when there is no file.
 * @throws geodata::ConfigError naming the file when it cannot be read as an anchor.
 */
std::optional<AuditHeads> read_audit_anchor(const std::string& path);

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// The audit trail's hash chain. Each entry says when, which client (and tenant) did
// what to which token, and with which outcome; never a coordinate or a case reference.
// Every entry's hash is an HMAC, under a key derived from the vault key, of the
// previous entry's hash and its own fields and number, so a changed, removed or
// inserted row breaks the chain. The chain computes; the store keeps (vault_store.hpp)
// and supplies the head each new entry follows.
#pragma once

#include "api/vault/crypto.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace skolvag::api {

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;      ///< RFC 3339 UTC, milliseconds
    std::string tenant;
    std::string client;
    std::string action;  ///< register, distance, assessment, route, erase, export, trace
    std::string token;   ///< empty when the call touched no single token
    std::string outcome; ///< ok, or the error code (not_found, forbidden, ...)
    std::string prev_hash;
    std::string hash;
};

/// What the chain's next entry follows: its number and the hash before it.
struct AuditHead {
    std::int64_t next_id = 1;
    std::string last_hash = "genesis";
};

struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t first_bad_id = 0; ///< set when !ok
    std::string reason;
};

class AuditChain {
public:
    explicit AuditChain(const Key256& audit_key) : m_key(audit_key) {}

    /** The entry as it follows the head: its id, previous hash and own hash set. */
    AuditEntry seal(AuditEntry entry, const AuditHead& head) const;

    /**
     * Recomputes the whole chain.
     * @param visit_entries calls its argument with every entry in chain order until it returns false.
     */
    AuditVerification verify(const std::function<void(const std::function<bool(const AuditEntry&)>&)>& visit_entries) const;

private:
    std::string entry_hash(const AuditEntry& e) const;
    Key256 m_key;
};

} // namespace skolvag::api

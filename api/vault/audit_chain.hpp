// SPDX-License-Identifier: MIT
// The audit trail's hash chains, one per tenant. Each entry says when, which client
// did what to which token, and with which outcome (and, for refusals counted per
// minute, how many calls it stands for); never a coordinate or a case reference.
// Every entry's hash is an HMAC, under a key derived from the vault key, of the
// previous entry's hash in its tenant's chain and its own fields and number, so a
// changed, removed or inserted row breaks the chain; a tenant's numbers show nothing
// of another tenant's activity. Entries written before 0.3 form one legacy chain for
// all tenants, which every tenant's chain continues (number and hash). The chain computes; the store
// keeps the rows (vault_store.hpp) and supplies the head each new entry follows.
#pragma once

#include "api/vault/crypto.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace skolvag::api {

struct AuditEntry {
    std::int64_t id = 0;      ///< the entry's number in its tenant's chain, from 1 (or after the legacy chain's last)
    std::string at;           ///< RFC 3339 UTC, milliseconds
    std::string tenant;
    std::string client;       ///< "" for a call without a valid key
    std::string action;       ///< register, distance, assessment, route, erase, export, trace, rate_limited
    std::string token;        ///< empty when the call touched no single token
    std::string outcome;      ///< ok, or the error code (not_found, forbidden, ...)
    std::int64_t count = 1;   ///< the calls the entry stands for
    bool legacy = false;      ///< written before 0.3, in the one chain for all tenants
    std::string prev_hash;
    std::string hash;
};

/// What a chain's next entry follows: its number and the hash before it.
struct AuditHead {
    std::int64_t next_id = 1;
    std::string last_hash = "genesis";
};

/// Each tenant's newest entry: its number and hash. What an anchor records.
using AuditHeads = std::map<std::string, std::pair<std::int64_t, std::string>>;

struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;
    std::string tenant;            ///< of the first bad entry, when !ok
    std::int64_t first_bad_id = 0; ///< set when !ok
    std::string reason;
    AuditHeads heads;              ///< each tenant's newest entry, as verified
};

class AuditChain {
public:
    explicit AuditChain(const Key256& audit_key) : m_key(audit_key) {}

    /** The entry as it follows the head: its id, previous hash and own hash set. */
    AuditEntry seal(AuditEntry entry, const AuditHead& head) const;

    /**
     * Recomputes every chain.
     * @param visit_entries calls its argument with every entry in the order they were
     *        written until it returns false.
     */
    AuditVerification verify(const std::function<void(const std::function<bool(const AuditEntry&)>&)>& visit_entries) const;

private:
    std::string entry_hash(const AuditEntry& e) const;
    Key256 m_key;
};

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// The audit trail: an append-only, hash-chained table in the vault. Each entry says
// when, which client (and tenant) did what to which token, and with which outcome;
// never a coordinate or a case reference. Every entry's hash is an HMAC, under a key
// derived from the vault key, of the previous entry's hash and its own fields, so a
// changed, removed or inserted row breaks the chain.
#pragma once

#include "api/server/crypto.hpp"
#include "api/server/sqlite.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

struct AuditEntry {
    std::int64_t id = 0;
    std::string at;      ///< RFC 3339 UTC, milliseconds
    std::string tenant;
    std::string client;
    std::string action;  ///< register, distance, assessment, route, erase, export, trace, audit
    std::string token;   ///< empty when the call touched no single token
    std::string outcome; ///< ok, or the error code (not_found, forbidden, ...)
    std::string prev_hash;
    std::string hash;
};

struct AuditVerification {
    bool ok = true;
    std::int64_t entries = 0;
    std::int64_t first_bad_id = 0; ///< set when !ok
    std::string reason;
};

/// Appends on the vault's writing connection and reads on whichever connection it is
/// given; the caller serialises the use of each connection.
class AuditChain {
public:
    /** Picks up the chain where the writer's database left it. */
    AuditChain(Database& writer, const Key256& audit_key);

    /** Creates the table and the triggers that forbid UPDATE and DELETE. */
    static void create_schema(Database& db);

    /** Appends an entry (inside the writer's current transaction, if any). */
    AuditEntry append(const std::string& tenant, const std::string& client, const std::string& action,
                      const std::string& token, const std::string& outcome);

    /**
     * Picks the chain up again from what the database holds; call it after rolling
     * back a transaction that appended entries.
     */
    void resume_after_rollback();

    /** A tenant's entries, oldest first, optionally from an RFC 3339 time on. */
    static std::vector<AuditEntry> list(Database& reader, const std::string& tenant,
                                        const std::optional<std::string>& since);

    /** A tenant's entries about one token. */
    static std::vector<AuditEntry> for_token(Database& reader, const std::string& tenant, const std::string& token);

    /** Recomputes the whole chain. */
    AuditVerification verify(Database& reader) const;

private:
    std::string entry_hash(const AuditEntry& e) const;

    Database& m_db;
    Key256 m_key;
    std::string m_last_hash;
    std::int64_t m_next_id = 1;
};

/** The current UTC time as RFC 3339 with milliseconds, e.g. 2026-11-23T14:05:01.123Z. */
std::string utc_now_rfc3339();

/** Normalises an RFC 3339 time to the audit's form for comparison; nullopt if malformed. */
std::optional<std::string> normalise_rfc3339(const std::string& text);

} // namespace skolvag::api

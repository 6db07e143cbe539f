// SPDX-License-Identifier: MIT
// Group commit for the audit trail. Every call is audited before it is answered, and a
// commit per call was the distance endpoint's main cost under load (a transaction, its
// write-ahead-log pages and, for PostgreSQL, a round trip and a WAL flush each). Here
// the calls that arrive while one group is being written wait and go together in the
// next group: one transaction for all of them, committed before any of them returns.
// No thread of its own: the first caller that finds no group being written writes one
// (with the others queued by then), so a lone call is written at once, as before.
#pragma once

#include "api/vault/vault_store.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

namespace skolvag::api {

class AuditGroup {
public:
    /** @pre store outlives the group. */
    explicit AuditGroup(VaultStore& store, std::size_t max_group = 512) : m_store(store), m_max_group(max_group) {}
    AuditGroup(const AuditGroup&) = delete;
    AuditGroup& operator=(const AuditGroup&) = delete;

    /**
     * Appends the entry the sealer makes to its tenant's chain, in a group with the
     * entries of other calls; returns once the group's transaction committed.
     * @throws what the store threw for the group (then none of its entries was written).
     */
    AuditEntry append(const std::string& tenant, const AuditSealer& sealer);

    /** Transactions written so far (each for one group of calls). */
    std::size_t groups_written() const noexcept { return m_groups; }

private:
    struct Waiting {
        VaultStore::AuditAppend append;
        AuditEntry entry;
        std::exception_ptr error;
        bool done = false;
    };
    /// Writes the queued entries (up to max_group) as one group. @pre m_mutex held by lock; m_writing set.
    void write_group(std::unique_lock<std::mutex>& lock);

    VaultStore& m_store;
    std::size_t m_max_group;
    std::mutex m_mutex;
    std::condition_variable m_written;
    std::vector<Waiting*> m_queue;
    bool m_writing = false;
    std::atomic<std::size_t> m_groups{0};
};

} // namespace skolvag::api

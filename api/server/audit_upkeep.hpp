// SPDX-License-Identifier: MIT
// What the audit trail needs besides one entry per call, once a minute and at a stop:
// refused calls counted instead of written one by one (a client over its rate, or one
// without a valid key, could otherwise fill the disk with audit rows), and the anchor
// of every tenant's chain written outside the vault.
#pragma once

#include "api/server/access_log.hpp"
#include "api/vault/token_vault.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>

namespace skolvag::api {

class AuditUpkeep {
public:
    /**
     * Writes the anchor and starts the minute's work on its own thread.
     * @pre vault and log outlive it. @throws geodata::InputError when the anchor cannot be written.
     */
    AuditUpkeep(TokenVault& vault, std::string anchor_path, AccessLog& log);
    /** Writes what is counted and the anchor once more. */
    ~AuditUpkeep();
    AuditUpkeep(const AuditUpkeep&) = delete;
    AuditUpkeep& operator=(const AuditUpkeep&) = delete;

    /**
     * A call refused before it reached its endpoint. The first of a kind in a minute is
     * written at once; the others of that minute go into one entry with their count.
     * @param client "" for a call without a valid key.
     */
    void refused(const std::string& tenant, const std::string& client, const std::string& action,
                 const std::string& token, const std::string& outcome);

    /** Writes the counted refusals and the anchor now (also done every minute). */
    void flush();

private:
    using Kind = std::tuple<std::string, std::string, std::string, std::string, std::string>; ///< tenant, client, action, token, outcome

    TokenVault& m_vault;
    std::string m_anchor_path;
    AccessLog& m_log;
    std::mutex m_mutex;
    std::set<Kind> m_written;           ///< kinds written at once this minute
    std::map<Kind, std::int64_t> m_counted; ///< later ones, counted
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace skolvag::api

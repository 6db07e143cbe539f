// SPDX-License-Identifier: MIT
#include "api/server/audit_upkeep.hpp"

#include "api/vault/audit_anchor.hpp"

#include <chrono>

namespace skolvag::api {

AuditUpkeep::AuditUpkeep(TokenVault& vault, std::string anchor_path, AccessLog& log)
    : m_vault(vault), m_anchor_path(std::move(anchor_path)), m_log(log) {
    write_audit_anchor(m_anchor_path, m_vault.audit_heads()); // a server that cannot anchor does not start
    m_thread = std::thread([this] {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stopping) {
            if (m_wake.wait_for(lock, std::chrono::minutes(1)) == std::cv_status::timeout) {
                lock.unlock();
                flush();
                lock.lock();
            }
        }
    });
}

AuditUpkeep::~AuditUpkeep() {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    flush();
}

void AuditUpkeep::refused(const std::string& tenant, const std::string& client, const std::string& action,
                          const std::string& token, const std::string& outcome) {
    Kind kind{tenant, client, action, token, outcome};
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_written.insert(kind).second) {
            ++m_counted[kind];
            return;
        }
    }
    m_vault.audit(tenant, client, action, token, outcome);
}

void AuditUpkeep::flush() {
    std::map<Kind, std::int64_t> counted;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        counted.swap(m_counted);
        m_written.clear();
    }
    try {
        for (const auto& [kind, count] : counted) {
            const auto& [tenant, client, action, token, outcome] = kind;
            m_vault.audit(tenant, client, action, token, outcome, count);
        }
        write_audit_anchor(m_anchor_path, m_vault.audit_heads());
    } catch (const std::exception&) {
        // The message may name the file; it never holds a token's data. Tried again next minute.
        m_log.message("error: the audit anchor or counted refusals could not be written");
    }
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/vault/audit_group.hpp"

#include <algorithm>

namespace skolvag::api {

AuditEntry AuditGroup::append(const std::string& tenant, const AuditSealer& sealer) {
    Waiting me{{&tenant, &sealer}, {}, nullptr, false};
    std::unique_lock<std::mutex> lock(m_mutex);
    m_queue.push_back(&me);
    while (!me.done) {
        if (!m_writing) {
            write_group(lock); // ours may not be in this group when the queue was long: loop
        } else {
            m_written.wait(lock);
        }
    }
    if (me.error) {
        std::rethrow_exception(me.error);
    }
    return me.entry;
}

void AuditGroup::write_group(std::unique_lock<std::mutex>& lock) {
    const std::size_t n = std::min(m_queue.size(), m_max_group);
    std::vector<Waiting*> group(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(n));
    m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(n));
    m_writing = true;
    lock.unlock();
    std::vector<AuditEntry> entries;
    std::exception_ptr error;
    try { // whatever fails here (memory too) fails the group's calls, never leaves m_writing set
        std::vector<VaultStore::AuditAppend> appends;
        appends.reserve(group.size());
        for (const Waiting* w : group) {
            appends.push_back(w->append);
        }
        entries = m_store.append_audit_group(appends);
        ++m_groups;
    } catch (...) {
        error = std::current_exception();
    }
    lock.lock();
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (error) {
            group[i]->error = error;
        } else {
            group[i]->entry = std::move(entries[i]);
        }
        group[i]->done = true;
    }
    m_writing = false;
    m_written.notify_all();
}

} // namespace skolvag::api

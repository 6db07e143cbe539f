// SPDX-License-Identifier: MIT
#include "api/vault/audit_chain.hpp"

namespace skolvag::api {

std::string AuditChain::entry_hash(const AuditEntry& e) const {
    std::string data = e.prev_hash;
    for (const std::string* f : {&e.at, &e.tenant, &e.client, &e.action, &e.token, &e.outcome}) {
        data += '\x1f';
        data += *f;
    }
    data += '\x1f' + std::to_string(e.id);
    return hmac_sha256_hex(m_key, data);
}

AuditEntry AuditChain::seal(AuditEntry entry, const AuditHead& head) const {
    entry.id = head.next_id;
    entry.prev_hash = head.last_hash;
    entry.hash = entry_hash(entry);
    return entry;
}

AuditVerification AuditChain::verify(
    const std::function<void(const std::function<bool(const AuditEntry&)>&)>& visit_entries) const {
    AuditVerification v;
    AuditHead expected;
    bool first = true;
    visit_entries([&](const AuditEntry& e) {
        ++v.entries;
        std::string problem;
        if (!first && e.id != expected.next_id) {
            problem = "entry " + std::to_string(expected.next_id) + " is missing";
        } else if (e.prev_hash != expected.last_hash) {
            problem = "does not follow the entry before it";
        } else if (!constant_time_equal(e.hash, entry_hash(e))) {
            problem = "its content does not match its hash";
        }
        if (!problem.empty()) {
            v = {false, v.entries, e.id, problem};
            return false;
        }
        first = false;
        expected = {e.id + 1, e.hash};
        return true;
    });
    return v;
}

} // namespace skolvag::api

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
    if (e.count != 1) { // entries of one call hash as before 0.3
        data += "\x1f" "count=" + std::to_string(e.count);
    }
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
    AuditHead legacy;                        // the one chain before 0.3
    std::map<std::string, AuditHead> chains; // each tenant's chain, continuing the legacy one
    visit_entries([&](const AuditEntry& e) {
        ++v.entries;
        AuditHead& head = e.legacy ? legacy : chains.try_emplace(e.tenant, legacy).first->second;
        std::string problem;
        if (e.id != head.next_id && !(e.legacy && v.entries == 1)) {
            problem = "entry " + std::to_string(head.next_id) + " is missing";
        } else if (e.prev_hash != head.last_hash) {
            problem = "does not follow the entry before it";
        } else if (!constant_time_equal(e.hash, entry_hash(e))) {
            problem = "its content does not match its hash";
        }
        if (!problem.empty()) {
            v.ok = false;
            v.tenant = e.tenant;
            v.first_bad_id = e.id;
            v.reason = problem;
            return false;
        }
        head = {e.id + 1, e.hash};
        if (!e.legacy) {
            v.heads[e.tenant] = {e.id, e.hash};
        }
        return true;
    });
    return v;
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/vault/token_vault.hpp"

#include "geodata/text/rfc3339.hpp"

#include <charconv>
#include <cstdio>

namespace skolvag::api {

namespace {

// A key check value: proves at start-up that the key file is the vault's own.
constexpr const char* kKeyCheckLabel = "skolvag vault key check v1";
// Routes are the only results kept: what the search behind them costs is worth a cache.
constexpr const char* kRouteKind = "route";

/// Associated data: a sealed value opens only for its own token, tenant and purpose.
std::string aad(const std::string& token, const std::string& tenant, const std::string& purpose) {
    return purpose + '\x1f' + tenant + '\x1f' + token;
}

std::string coordinate_text(const geodata::LonLat& p) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9f,%.9f", p.lon_deg, p.lat_deg);
    return buf;
}

/// Splits "LEN:KEYjson" as store_route sealed it.
std::optional<std::pair<std::string, std::string>> split_sealed(const std::string& plain) {
    const auto colon = plain.find(':');
    std::size_t n = 0;
    if (colon == std::string::npos || std::from_chars(plain.data(), plain.data() + colon, n).ec != std::errc{} ||
        colon + 1 + n > plain.size()) {
        return std::nullopt;
    }
    return std::make_pair(plain.substr(colon + 1, n), plain.substr(colon + 1 + n));
}

} // namespace

TokenVault::TokenVault(std::unique_ptr<VaultStore> store, const Key256& master_key)
    : m_store(std::move(store)),
      m_coordinate_key(derive_key(master_key, "skolvag coordinate encryption v1")),
      m_result_key(derive_key(master_key, "skolvag result encryption v1")),
      m_case_ref_key(derive_key(master_key, "skolvag case reference hmac v1")),
      m_audit(derive_key(master_key, "skolvag audit chain v1")) {
    const std::string check = hmac_sha256_hex(master_key, kKeyCheckLabel);
    if (!constant_time_equal(m_store->adopt_key_check(check), check)) {
        throw VaultError("the key file is not the key this vault was created with");
    }
}

TokenVault::TokenVault(const std::string& location, const Key256& master_key)
    : TokenVault(open_vault_store(location), master_key) {}

TokenRecord TokenVault::record_of(const StoredToken& s) const {
    return {s.token, s.tenant, s.created_by, s.created_at, s.is_protected, s.case_ref_mac.has_value(),
            s.sealed_coordinate};
}

std::string TokenVault::case_ref_mac(const std::string& tenant, const std::string& case_ref) const {
    return hmac_sha256_hex(m_case_ref_key, tenant + '\x1f' + case_ref);
}

std::string TokenVault::result_key_mac(const std::string& key) const {
    return hmac_sha256_hex(m_result_key, std::string(kRouteKind) + '\x1f' + key);
}

AuditSealer TokenVault::audit_sealer(const std::string& tenant, const std::string& client, const std::string& action,
                                     const std::string& token, const std::string& outcome, std::int64_t count) const {
    AuditEntry draft;
    draft.tenant = tenant;
    draft.client = client;
    draft.action = action;
    draft.token = token;
    draft.outcome = outcome;
    draft.count = count;
    // Timed when sealed, under the store's lock: times never run backwards along the chain.
    return [this, draft](const AuditHead& head) {
        AuditEntry e = draft;
        e.at = geodata::utc_now_rfc3339();
        return m_audit.seal(std::move(e), head);
    };
}

std::string TokenVault::register_home(const std::string& tenant, const std::string& client,
                                      const geodata::LonLat& home, const std::optional<std::string>& case_ref,
                                      bool is_protected) {
    StoredToken t;
    t.token = new_token();
    t.tenant = tenant;
    t.created_by = client;
    t.created_at = geodata::utc_now_rfc3339();
    t.sealed_coordinate = seal(m_coordinate_key, coordinate_text(home), aad(t.token, tenant, "coordinate"));
    if (case_ref) {
        t.case_ref_mac = case_ref_mac(tenant, *case_ref);
    }
    t.is_protected = is_protected;
    // The token and its audit entry commit together: no coordinate without its entry.
    m_store->insert_token(t, audit_sealer(tenant, client, "register", t.token, "ok"));
    return t.token;
}

std::optional<TokenRecord> TokenVault::find(const std::string& token, const std::string& tenant) {
    if (const auto stored = m_store->find_token(token, tenant)) {
        return record_of(*stored);
    }
    return std::nullopt;
}

geodata::LonLat TokenVault::coordinate(const TokenRecord& record) {
    const std::optional<std::string> text =
        open(m_coordinate_key, record.sealed_coordinate, aad(record.token, record.tenant, "coordinate"));
    if (!text) {
        throw VaultError("vault: a coordinate failed its integrity check");
    }
    geodata::LonLat p;
    const auto comma = text->find(',');
    std::from_chars(text->data(), text->data() + comma, p.lon_deg);
    std::from_chars(text->data() + comma + 1, text->data() + text->size(), p.lat_deg);
    return p;
}

bool TokenVault::note_school_asked(const TokenRecord& record, const std::string& school_id, std::size_t limit) {
    // Which schools a home was asked about is kept only as HMACs, like case references.
    return m_store->note_purpose(record.token, hmac_sha256_hex(m_case_ref_key, "school\x1f" + record.tenant + '\x1f' + school_id),
                                 limit);
}

void TokenVault::store_route(const TokenRecord& record, const std::string& key, const std::string& json) {
    // What was asked (the key) is sealed with the answer: the store shows neither.
    const std::string mac = result_key_mac(key);
    const std::string plain = std::to_string(key.size()) + ':' + key + json;
    const Bytes sealed = seal(m_result_key, plain, aad(record.token, record.tenant, std::string(kRouteKind) + '\x1f' + mac));
    m_store->put_result(record.token, {kRouteKind, mac, geodata::utc_now_rfc3339(), sealed});
}

std::optional<std::string> TokenVault::cached_route(const TokenRecord& record, const std::string& key) {
    const std::string mac = result_key_mac(key);
    const std::optional<StoredResult> stored = m_store->get_result(record.token, kRouteKind, mac);
    if (!stored) {
        return std::nullopt;
    }
    const auto plain = open(m_result_key, stored->sealed, aad(record.token, record.tenant, stored->kind + '\x1f' + mac));
    const auto parts = plain ? split_sealed(*plain) : std::nullopt;
    if (!parts || parts->first != key) {
        return std::nullopt;
    }
    return parts->second;
}

std::vector<CachedRoute> TokenVault::cached_routes(const TokenRecord& record) {
    std::vector<CachedRoute> out;
    for (const StoredResult& r : m_store->results(record.token)) {
        const auto plain = open(m_result_key, r.sealed, aad(record.token, record.tenant, r.kind + '\x1f' + r.key_mac));
        const auto parts = plain ? split_sealed(*plain) : std::nullopt;
        out.push_back({parts ? parts->first : "", r.created_at, parts ? parts->second : "null"});
    }
    return out;
}

std::optional<std::string> TokenVault::tenant_of(const std::string& token) { return m_store->token_tenant(token); }

std::vector<TokenRecord> TokenVault::tokens_for_case_ref(const std::string& tenant, const std::string& case_ref) {
    std::vector<TokenRecord> out;
    for (const StoredToken& s : m_store->tokens_by_case_mac(tenant, case_ref_mac(tenant, case_ref))) {
        out.push_back(record_of(s));
    }
    return out;
}

ErasureReceipt TokenVault::erase(const TokenRecord& record) {
    const VaultStore::Erased erased = m_store->erase_token(record.token, record.tenant);
    ErasureReceipt receipt;
    receipt.token = record.token;
    receipt.coordinate = erased.token;
    receipt.case_ref = erased.token && record.has_case_ref;
    receipt.cached_results = erased.results;
    receipt.history_purged = m_store->purge_history();
    receipt.erased_at = geodata::utc_now_rfc3339();
    return receipt;
}

AuditEntry TokenVault::audit(const std::string& tenant, const std::string& client, const std::string& action,
                             const std::string& token, const std::string& outcome, std::int64_t count) {
    return m_audit_group.append(tenant, audit_sealer(tenant, client, action, token, outcome, count));
}

std::vector<AuditEntry> TokenVault::audit_entries(const std::string& tenant, const std::optional<std::string>& since) {
    return m_store->audit_entries(tenant, since);
}

std::vector<AuditEntry> TokenVault::audit_entries_for_token(const std::string& tenant, const std::string& token) {
    return m_store->audit_entries_for_token(tenant, token);
}

AuditVerification TokenVault::verify_audit() {
    return m_audit.verify([this](const std::function<bool(const AuditEntry&)>& visit) { m_store->visit_audit(visit); });
}

AuditHeads TokenVault::audit_heads() { return m_store->audit_heads(); }

std::string TokenVault::audit_anchor_mismatch(const AuditHeads& anchor) {
    for (const auto& [tenant, head] : anchor) {
        const std::optional<std::string> hash = m_store->audit_hash(tenant, head.first);
        if (!hash) {
            return "tenant '" + tenant + "': the trail ends before entry " + std::to_string(head.first) +
                   ", which its anchor records: entries were removed";
        }
        if (!constant_time_equal(*hash, head.second)) {
            return "tenant '" + tenant + "': entry " + std::to_string(head.first) + " is not the one its anchor records";
        }
    }
    return "";
}

} // namespace skolvag::api

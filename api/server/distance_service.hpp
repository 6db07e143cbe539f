// SPDX-License-Identifier: MIT
// DistanceService: what the API does, as domain operations on tokens, decisions and
// the vault; the endpoint table (endpoints.hpp) checks roles, audits and renders JSON.
// No answer carries a home coordinate except the art. 15 export. Distances and
// assessments are recomputed per request (microseconds) rather than kept: less
// personal data at rest; only routes, which take a search, are cached per token.
#pragma once

#include "api/server/answers.hpp"
#include "api/server/errors.hpp"
#include "api/server/server_config.hpp"
#include "api/server/tenant.hpp"
#include "api/vault/token_vault.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/// One authenticated call: who asks, and what its audit entry will name.
struct Call {
    const ClientConfig& client;
    const Tenant& tenant;
    /// The tokens the call concerns, as the audit trail records them; empty: one entry without a token.
    std::vector<std::string> audited_tokens;
    /// The call's entry is already written (a registration, in one step with its token).
    bool audit_written = false;
    /// The token of the call's path, once found in the caller's tenant.
    std::optional<TokenRecord> token;
};

/** A token as the audit trail records it: the token, "(malformed)", or "" for none. */
std::string audit_token(const std::string& token);

class DistanceService {
public:
    /** @param max_schools_per_token the purpose limit (ServerConfig::max_schools_per_token). */
    DistanceService(const ServerNetwork& network, const std::vector<std::unique_ptr<Tenant>>& tenants,
                    TokenVault& vault, std::size_t max_schools_per_token, NetworkLimits network_limits = {});

    const Tenant* tenant(const std::string& name) const;
    TokenVault& vault() noexcept { return m_vault; }

    Result<RegisteredToken> register_token(Call& c, const std::string& body);
    /// The token in the caller's tenant (kept as the call's token), or the one 404 for
    /// unknown and foreign tokens; the call's audit entry names it either way. (The
    /// endpoints look up a path's token with it before calling the operations below.)
    Result<TokenRecord> find_token(Call& c, const std::string& token);

    Result<Assessment> distance(Call& c, const TokenRecord& token, const std::optional<std::string>& school,
                                const std::optional<std::string>& grade);
    Result<Assessment> assessment(Call& c, const std::string& body);
    /// The decision's route (the safe one, else the plain one), or with which = "plain" /
    /// "safe" that route alone (the map draws the plain route beside the safe one).
    Result<RouteAnswer> route(Call& c, const TokenRecord& token, const std::optional<std::string>& school,
                              const std::optional<std::string>& grade, const std::optional<std::string>& which);
    Result<ErasureReceipt> erase(Call& c, const TokenRecord& token);
    Result<TraceAnswer> trace(Call& c, const std::optional<std::string>& case_ref);
    Result<TokenExport> export_token(Call& c, const TokenRecord& token);
    Result<AuditListing> audit(Call& c, const std::optional<std::string>& since);
    Result<SchoolListing> schools(Call& c);
    /// The walking network inside the bbox parameter (network_map.hpp): public OSM data, no token.
    Result<NetworkAnswer> network(Call& c, const std::optional<std::string>& bbox) const;

private:
    Versions versions(const Tenant& tenant) const;

    const ServerNetwork& m_network;
    const std::vector<std::unique_ptr<Tenant>>& m_tenants;
    TokenVault& m_vault;
    std::size_t m_max_schools_per_token;
    NetworkLimits m_network_limits;
};

} // namespace skolvag::api

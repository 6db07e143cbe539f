// SPDX-License-Identifier: MIT
// DistanceService: the HTTP API's operations without HTTP types. Each takes the
// authenticated caller, checks its role (403) before the token's scope (404), does the
// work, writes the audit entry, and returns a JSON response or an ApiError. No
// response carries a home coordinate except the art. 15 export. Distances and
// assessments are recomputed per request (microseconds) rather than kept: less
// personal data at rest; only routes, which take a search, are cached per token.
#pragma once

#include "api/eligibility/school_distance_index.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/server/errors.hpp"
#include "api/server/server_config.hpp"
#include "api/vault/token_vault.hpp"
#include "api/eligibility/rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/walk_network.hpp"
#include "routing/cch.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skolvag::api {

/// The walking network and its indexes, shared by every tenant.
struct ServerNetwork {
    explicit ServerNetwork(geodata::WalkNetwork network, std::string id);
    geodata::WalkNetwork net;
    geodata::Snapper snapper;
    geodata::ReversedNetwork reversed;
    routing::CchTopology hierarchy;
    std::string network_id;
};

/// A municipality: its rules, its schools and their precomputed distances.
struct Tenant {
    std::string name;
    Rules rules;
    std::string rules_sha256;
    SchoolRegister schools;
    std::unique_ptr<SchoolDistanceIndex> index;
};

/** Loads a tenant's schools and rules and precomputes its distances. */
std::unique_ptr<Tenant> load_tenant(const TenantConfig& config, const ServerNetwork& network, unsigned threads);

/** A path's token as the audit trail records it: the token, "(malformed)", or "" for none. */
std::string audit_token(const std::string& token);

struct Caller {
    const ClientConfig& client;
    const Tenant& tenant;
};

struct ApiResponse {
    int status = 200;
    nlohmann::json body;
    std::string content_type = "application/json";
    std::string token; ///< the token concerned, for the access log
};

class DistanceService {
public:
    DistanceService(const ServerNetwork& network, const std::vector<std::unique_ptr<Tenant>>& tenants,
                    TokenVault& vault);

    const Tenant* tenant(const std::string& name) const;

    Result<ApiResponse> register_token(const Caller& c, const std::string& body);
    Result<ApiResponse> distance(const Caller& c, const std::string& token, const std::optional<std::string>& school,
                                  const std::optional<std::string>& grade);
    Result<ApiResponse> assessment(const Caller& c, const std::string& body);
    Result<ApiResponse> route(const Caller& c, const std::string& token, const std::optional<std::string>& school,
                               const std::optional<std::string>& grade);
    Result<ApiResponse> erase(const Caller& c, const std::string& token);
    Result<ApiResponse> trace(const Caller& c, const std::optional<std::string>& case_ref);
    Result<ApiResponse> export_token(const Caller& c, const std::string& token);
    Result<ApiResponse> audit(const Caller& c, const std::optional<std::string>& since);
    Result<ApiResponse> schools(const Caller& c);

private:
    /// The token in the caller's tenant, or the one 404 for unknown and foreign tokens.
    Result<TokenRecord> find_token(const Caller& c, const std::string& token);
    /** Audits and passes an outcome through. */
    Result<ApiResponse> audited(const Caller& c, const char* action, const std::string& token,
                                 Result<ApiResponse> outcome);

    const ServerNetwork& m_network;
    const std::vector<std::unique_ptr<Tenant>>& m_tenants;
    TokenVault& m_vault;
};

} // namespace skolvag::api

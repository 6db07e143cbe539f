// SPDX-License-Identifier: MIT
// Client authentication: an API key from `Authorization: Bearer KEY` is hashed and
// compared, in constant time, with every configured client's key_sha256.
#pragma once

#include "api/server/server_config.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace skolvag::api {

/** True when an Authorization header value carries the key with this SHA-256 (compared in constant time). */
bool is_key(std::string_view authorization_header, const std::string& key_sha256);

class Authenticator {
public:
    explicit Authenticator(const std::vector<ClientConfig>& clients) : m_clients(clients) {}

    /**
     * The client holding the key in an Authorization header value, or nullptr. Every
     * client is compared, whatever matches, so timing tells nothing about the keys.
     */
    const ClientConfig* authenticate(std::string_view authorization_header) const;

private:
    const std::vector<ClientConfig>& m_clients;
};

} // namespace skolvag::api

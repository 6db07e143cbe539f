// SPDX-License-Identifier: MIT
#include "api/server/auth.hpp"

#include "api/vault/crypto.hpp"
#include "geodata/sha256.hpp"

#include <optional>

namespace skolvag::api {

namespace {

constexpr std::string_view kBearer = "Bearer ";

/// The SHA-256 of the key a header presents, or nullopt when it presents none.
std::optional<std::string> presented_key_sha256(std::string_view header) {
    if (header.size() <= kBearer.size() || header.substr(0, kBearer.size()) != kBearer) {
        return std::nullopt;
    }
    return geodata::sha256_hex(header.substr(kBearer.size()));
}

} // namespace

bool is_key(std::string_view header, const std::string& key_sha256) {
    const std::optional<std::string> presented = presented_key_sha256(header);
    return presented && constant_time_equal(*presented, key_sha256);
}

const ClientConfig* Authenticator::authenticate(std::string_view header) const {
    const std::optional<std::string> key = presented_key_sha256(header);
    if (!key) {
        return nullptr;
    }
    const std::string& presented = *key;
    const ClientConfig* found = nullptr;
    for (const ClientConfig& c : m_clients) {
        const bool match = constant_time_equal(presented, c.key_sha256);
        found = match ? &c : found;
    }
    return found;
}

} // namespace skolvag::api

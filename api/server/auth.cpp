// SPDX-License-Identifier: MIT
#include "api/server/auth.hpp"

#include "api/vault/crypto.hpp"
#include "geodata/sha256.hpp"

namespace skolvag::api {

const ClientConfig* Authenticator::authenticate(std::string_view header) const {
    constexpr std::string_view kBearer = "Bearer ";
    if (header.size() <= kBearer.size() || header.substr(0, kBearer.size()) != kBearer) {
        return nullptr;
    }
    const std::string presented = geodata::sha256_hex(header.substr(kBearer.size()));
    const ClientConfig* found = nullptr;
    for (const ClientConfig& c : m_clients) {
        const bool match = constant_time_equal(presented, c.key_sha256);
        found = match ? &c : found;
    }
    return found;
}

} // namespace skolvag::api

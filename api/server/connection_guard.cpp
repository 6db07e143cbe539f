// SPDX-License-Identifier: MIT
#include "api/server/connection_guard.hpp"

namespace skolvag::api {

std::optional<ErrorCode> ConnectionGuard::admit(const std::string& address) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::optional<ErrorCode> refusal;
    if (m_open >= m_limits.max_connections) {
        refusal = ErrorCode::server_full;
    } else if (m_per_address[address] >= m_limits.max_connections_per_address) {
        refusal = ErrorCode::too_many_connections;
    }
    if (refusal) {
        if (m_per_address[address] == 0) {
            m_per_address.erase(address); // only addresses with connections are kept
        }
        ++m_refused;
        return refusal;
    }
    ++m_per_address[address];
    ++m_open;
    return std::nullopt;
}

void ConnectionGuard::release(const std::string& address) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto at = m_per_address.find(address);
    if (at != m_per_address.end() && --at->second == 0) {
        m_per_address.erase(at);
    }
    --m_open;
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// Which connections the server takes: at most so many at once, and so many from one
// client address, so that no client can hold all of the server's threads. Counts only;
// the server answers the refused ones.
#pragma once

#include "api/server/errors.hpp"
#include "api/server/server_config.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace skolvag::api {

class ConnectionGuard {
public:
    explicit ConnectionGuard(const ConnectionLimits& limits) : m_limits(limits) {}

    /**
     * Takes a place for a connection from `address`; nullopt when it got one (give it
     * back with release), else why not: server_full or too_many_connections.
     */
    std::optional<ErrorCode> admit(const std::string& address);
    void release(const std::string& address);

    std::size_t open() const noexcept { return m_open.load(); }
    std::uint64_t refused() const noexcept { return m_refused.load(); }

private:
    ConnectionLimits m_limits;
    std::mutex m_mutex;
    std::map<std::string, std::size_t> m_per_address;
    std::atomic<std::size_t> m_open{0};
    std::atomic<std::uint64_t> m_refused{0};
};

} // namespace skolvag::api

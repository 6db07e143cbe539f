// SPDX-License-Identifier: MIT
// The HTTP(S) front of `skolvag serve`: the endpoint table's routes, authentication,
// rate limits, the body size limit, JSON errors, the access log and metrics. The only
// file that sees cpp-httplib; the work itself is the endpoints'.
#pragma once

#include "api/server/access_log.hpp"
#include "api/server/audit_upkeep.hpp"
#include "api/server/distance_service.hpp"
#include "api/server/server_config.hpp"

#include <memory>

namespace skolvag::api {

class HttpServer {
public:
    /// Largest request body accepted; larger ones get 413.
    static constexpr std::size_t kMaxBodyBytes = 16 * 1024;

    /** @pre every argument outlives the server. */
    HttpServer(const ServerConfig& config, DistanceService& service, AuditUpkeep& upkeep, AccessLog& log);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /** Binds the listen address (port 0 picks a free port). @returns the port, or -1. */
    int bind();
    /** Serves until stop() is called. */
    bool serve();
    /** Stops serving; safe from another thread. */
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace skolvag::api

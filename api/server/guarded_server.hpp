// SPDX-License-Identifier: MIT
// cpp-httplib's server with the connections handled by skolvag: each connection on a
// thread of its own (a slow client holds only its own thread, never one of a fixed
// pool everyone waits for), admitted by the ConnectionGuard, read and written through
// a GuardedStream, and kept open between requests for kKeepAliveIdle at most.
// cpp-httplib still parses and routes each request (Server::process_request); only
// what happens on the socket around it is ours. Plain TCP and TLS alike.
#pragma once

#include "api/server/connection_guard.hpp"
#include "api/server/server_config.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

namespace skolvag::api {

/// What the connections of one server share: the limits, the guard and the stop.
class ConnectionHandling {
public:
    static constexpr std::chrono::milliseconds kKeepAliveIdle{5000};
    static constexpr std::size_t kKeepAliveRequests = 1000;

    /**
     * @param answered_early called with the status of an answer the guard gave itself
     *        (408, 431) when cpp-httplib had not read the request whole: for the log
     */
    ConnectionHandling(const ConnectionLimits& limits, std::size_t max_body_bytes,
                       std::function<void(int status)> answered_early);

    /** Serves one accepted connection until it closes, idles, breaks a limit or the server stops; closes it. */
    void serve(int fd, SSL_CTX* tls, const std::function<bool(httplib::Stream&, bool, bool&)>& process_request);

    /** Tells every connection to finish: call before httplib's stop(). */
    void stop() noexcept { m_stopping = true; }

    const ConnectionGuard& guard() const noexcept { return m_guard; }

private:
    void serve_requests(int fd, SSL* ssl, const std::function<bool(httplib::Stream&, bool, bool&)>& process_request);

    ConnectionLimits m_limits;
    std::size_t m_max_body_bytes;
    std::function<void(int)> m_answered_early;
    ConnectionGuard m_guard;
    std::atomic<bool> m_stopping{false};
};

/// The listen backlog: connections the kernel completes before they are accepted.
/// cpp-httplib 0.11 asks for 5, and a burst of connections beyond that waits a second
/// for the client to try again.
constexpr int kListenBacklog = 1024;

class GuardedServer final : public httplib::Server {
public:
    explicit GuardedServer(ConnectionHandling& handling);
    /** After binding: widens the listen backlog to kListenBacklog. */
    bool widen_backlog();

private:
    bool process_and_close_socket(socket_t sock) override;
    ConnectionHandling& m_handling;
};

class GuardedTlsServer final : public httplib::SSLServer {
public:
    GuardedTlsServer(const std::string& cert, const std::string& key, ConnectionHandling& handling);
    /** After binding: widens the listen backlog to kListenBacklog. */
    bool widen_backlog();

private:
    bool process_and_close_socket(socket_t sock) override;
    ConnectionHandling& m_handling;
};

/**
 * For a handler that answers before the request's body was read (a refusal): the
 * connection closes after this answer, since the rest of the stream is not a request.
 */
void close_connection_after_answer() noexcept;

} // namespace skolvag::api

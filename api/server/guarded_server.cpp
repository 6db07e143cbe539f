// SPDX-License-Identifier: MIT
#include "api/server/guarded_server.hpp"

#include "api/server/guarded_stream.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace skolvag::api {

namespace {

using Clock = std::chrono::steady_clock;

thread_local bool t_close_after_answer = false;

/// After an answer that left the client's body unread: how long, and how much, to read
/// and drop before closing, so that closing does not reset the connection (and the
/// answer with it) under a client still sending.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr std::size_t kLingerBytes = 256 * 1024;

/// A thread for each connection: a connection waiting for a slow client holds only its
/// own thread. How many there are is the ConnectionGuard's to limit.
class ConnectionThreads final : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> fn) override {
        {
            const std::lock_guard<std::mutex> lock(m_state->mutex);
            ++m_state->running;
        }
        try {
            // The thread holds the state: it outlives the queue if it must.
            std::thread([state = m_state, fn] {
                fn();
                const std::lock_guard<std::mutex> lock(state->mutex);
                if (--state->running == 0) {
                    state->idle.notify_all();
                }
            }).detach();
        } catch (const std::system_error&) {
            fn(); // no thread to be had: the guard refuses it at once, here
            const std::lock_guard<std::mutex> lock(m_state->mutex);
            --m_state->running;
        }
    }

    void shutdown() override {
        std::unique_lock<std::mutex> lock(m_state->mutex);
        m_state->idle.wait(lock, [this] { return m_state->running == 0; });
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable idle;
        std::size_t running = 0;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

/// A complete HTTP answer with a JSON error and "Connection: close".
std::string closing_answer(ErrorCode code, const std::string& message, const char* reason) {
    const std::string body = error_json({code, message});
    return "HTTP/1.1 " + std::to_string(http_status(code)) + " " + reason +
           "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n"
           "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// A refusal, written once without waiting: a client that does not read it loses it.
void refuse(int fd, ErrorCode code) {
    const std::string answer =
        code == ErrorCode::server_full
            ? closing_answer(code, "the server holds as many connections as it may; retry later", "Service Unavailable")
            : closing_answer(code, "too many connections from this address; retry later", "Too Many Requests");
    [[maybe_unused]] const ssize_t sent = ::send(fd, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

/// The answer the guard gives itself when httplib had not read the request whole.
std::string breach_answer(Breach b, int& status) {
    if (b == Breach::head_too_large) {
        status = http_status(ErrorCode::headers_too_large);
        return closing_answer(ErrorCode::headers_too_large,
                              "at most " + std::to_string(GuardedStream::kMaxHeadLines) + " header lines and " +
                                  std::to_string(GuardedStream::kMaxHeadBytes / 1024) + " KiB of them",
                              "Request Header Fields Too Large");
    }
    status = http_status(ErrorCode::request_timeout);
    return closing_answer(ErrorCode::request_timeout, "the request did not arrive in time", "Request Timeout");
}

/// Writes all of `data` unless the stream gives up.
void write_all(httplib::Stream& stream, const std::string& data) {
    for (std::size_t at = 0; at < data.size();) {
        const ssize_t n = stream.write(data.data() + at, data.size() - at);
        if (n <= 0) {
            return;
        }
        at += static_cast<std::size_t>(n);
    }
}

/// Reads and drops what the client still sends, within bounds, then lets the caller close.
void linger(int fd, const std::atomic<bool>& stopping) {
    ::shutdown(fd, SHUT_WR);
    const Clock::time_point until = Clock::now() + kLingerTime;
    std::size_t dropped = 0;
    char sink[16 * 1024];
    while (dropped < kLingerBytes && wait_for_socket(fd, POLLIN, until, stopping) == Wait::ready) {
        const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
        if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR))) {
            break;
        }
        dropped += n > 0 ? static_cast<std::size_t>(n) : 0;
    }
}

/// The TLS handshake, within the request timeout; nullptr when it fails or takes too long.
SSL* accept_tls(int fd, SSL_CTX* ctx, std::chrono::milliseconds timeout, const std::atomic<bool>& stopping) {
    SSL* ssl = SSL_new(ctx);
    if (ssl == nullptr || SSL_set_fd(ssl, fd) != 1) {
        SSL_free(ssl);
        return nullptr;
    }
    const Clock::time_point deadline = Clock::now() + timeout;
    for (;;) {
        const int r = SSL_accept(ssl);
        if (r == 1) {
            return ssl;
        }
        const int error = SSL_get_error(ssl, r);
        if ((error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) ||
            wait_for_socket(fd, error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline, stopping) != Wait::ready) {
            SSL_free(ssl);
            return nullptr;
        }
    }
}

} // namespace

void close_connection_after_answer() noexcept { t_close_after_answer = true; }

ConnectionHandling::ConnectionHandling(const ConnectionLimits& limits, std::size_t max_body_bytes,
                                       std::function<void(int)> answered_early)
    : m_limits(limits), m_max_body_bytes(max_body_bytes), m_answered_early(std::move(answered_early)), m_guard(limits) {}

void ConnectionHandling::serve(int fd, SSL_CTX* tls,
                               const std::function<bool(httplib::Stream&, bool, bool&)>& process_request) {
    const std::string address = peer_address(fd);
    if (const std::optional<ErrorCode> refusal = m_guard.admit(address)) {
        if (tls == nullptr) {
            refuse(fd, *refusal); // over TLS it would take a handshake: just closed
        }
    } else {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        SSL* ssl = nullptr;
        try {
            // An exception out of a connection's thread would end the server: httplib
            // answers a handler's with 500; one from here (memory) only ends the connection.
            if (tls == nullptr) {
                serve_requests(fd, nullptr, process_request);
            } else if ((ssl = accept_tls(fd, tls, std::chrono::seconds(m_limits.request_timeout_s), m_stopping))) {
                serve_requests(fd, ssl, process_request);
                SSL_shutdown(ssl); // one close_notify, without waiting for the client's
            }
        } catch (...) {
        }
        SSL_free(ssl);
        m_guard.release(address);
    }
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

void ConnectionHandling::serve_requests(int fd, SSL* ssl,
                                        const std::function<bool(httplib::Stream&, bool, bool&)>& process_request) {
    GuardedStream stream(fd, ssl, std::chrono::seconds(m_limits.request_timeout_s), m_max_body_bytes, m_stopping);
    bool unread_input = false; // the client may still be sending what was not read
    for (std::size_t left = kKeepAliveRequests; left > 0 && stream.next_request(kKeepAliveIdle); --left) {
        t_close_after_answer = false;
        bool closed_by_request = false;
        const bool answered = process_request(stream, left == 1, closed_by_request);
        const Breach breach = stream.breach();
        if (breach != Breach::none && breach != Breach::stopping && stream.written() == 0) {
            int status = 0;
            const std::string answer = breach_answer(breach, status);
            write_all(stream, answer);
            m_answered_early(status);
        }
        unread_input = breach != Breach::none || t_close_after_answer;
        if (!answered || closed_by_request || unread_input) {
            break;
        }
    }
    if (unread_input && ssl == nullptr) {
        linger(fd, m_stopping);
    }
}

GuardedServer::GuardedServer(ConnectionHandling& handling) : m_handling(handling) {
    new_task_queue = [] { return new ConnectionThreads(); };
}

bool GuardedServer::widen_backlog() { return ::listen(svr_sock_, kListenBacklog) == 0; } // Linux lets listen() run again

bool GuardedServer::process_and_close_socket(socket_t sock) {
    m_handling.serve(sock, nullptr, [this](httplib::Stream& s, bool close, bool& closed) {
        return process_request(s, close, closed, nullptr);
    });
    return true;
}

GuardedTlsServer::GuardedTlsServer(const std::string& cert, const std::string& key, ConnectionHandling& handling)
    : httplib::SSLServer(cert.c_str(), key.c_str()), m_handling(handling) {
    new_task_queue = [] { return new ConnectionThreads(); };
}

bool GuardedTlsServer::widen_backlog() { return ::listen(svr_sock_, kListenBacklog) == 0; }

bool GuardedTlsServer::process_and_close_socket(socket_t sock) {
    m_handling.serve(sock, ssl_context(), [this](httplib::Stream& s, bool close, bool& closed) {
        return process_request(s, close, closed, nullptr);
    });
    return true;
}

} // namespace skolvag::api

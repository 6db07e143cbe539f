// SPDX-License-Identifier: MIT
#include "api/server/guarded_stream.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace skolvag::api {

namespace {

using Clock = std::chrono::steady_clock;

/// How often a wait looks whether the server is stopping.
constexpr std::chrono::milliseconds kStopCheck{200};
constexpr std::size_t kBufferBytes = 16 * 1024;

thread_local Breach t_breach = Breach::none;

/// The address and port of a socket's end, as text ("" and 0 when unknown).
void address_of(const sockaddr_storage& a, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (a.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
        inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
        port = ntohs(v4.sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
        inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
        port = ntohs(v6.sin6_port);
    }
    ip = text;
}

} // namespace

Breach current_breach() noexcept { return t_breach; }

std::string peer_address(int fd) {
    std::string ip;
    int port = 0;
    sockaddr_storage a{};
    socklen_t length = sizeof a;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
        address_of(a, ip, port);
    }
    return ip;
}

GuardedStream::GuardedStream(int fd, SSL* ssl, std::chrono::milliseconds timeout, std::size_t max_body_bytes,
                             const std::atomic<bool>& stopping)
    : m_fd(fd), m_ssl(ssl), m_timeout(timeout), m_max_body_bytes(max_body_bytes), m_stopping(stopping),
      m_buffer(kBufferBytes), m_deadline(Clock::now() + timeout) {}

GuardedStream::~GuardedStream() { t_breach = Breach::none; }

bool GuardedStream::next_request(std::chrono::milliseconds idle) {
    m_in_head = true;
    m_head_lines = m_head_bytes = m_line_bytes = m_body_bytes = m_written = 0;
    m_previous = '\0';
    m_breach = t_breach = Breach::none;
    const bool ready = m_begin < m_end || (m_ssl != nullptr && SSL_pending(m_ssl) > 0) ||
                       wait_for_socket(m_fd, POLLIN, Clock::now() + idle, m_stopping) == Wait::ready;
    m_deadline = Clock::now() + m_timeout;
    return ready && !m_stopping;
}

bool GuardedStream::fail(Breach b) {
    m_breach = t_breach = b;
    return false;
}

Wait wait_for_socket(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stopping) {
    for (;;) {
        if (stopping) {
            return Wait::stopping;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) {
            return Wait::timed_out;
        }
        pollfd p{fd, events, 0};
        const int n = ::poll(&p, 1, static_cast<int>(std::min(left, kStopCheck).count()));
        if (n > 0) {
            return Wait::ready; // readable, writable, or an error the next call reports
        }
        if (n < 0 && errno != EINTR) {
            return Wait::failed;
        }
    }
}

bool GuardedStream::wait_for(short events, Clock::time_point deadline) {
    switch (wait_for_socket(m_fd, events, deadline, m_stopping)) {
    case Wait::ready: return true;
    case Wait::timed_out: return fail(Breach::too_slow);
    case Wait::stopping: return fail(Breach::stopping);
    case Wait::failed: break;
    }
    return false;
}

bool GuardedStream::fill() {
    if (m_begin == m_end) {
        m_begin = m_end = 0;
    }
    char* at = m_buffer.data() + m_end;
    const std::size_t room = m_buffer.size() - m_end;
    for (;;) {
        if (m_ssl != nullptr) {
            const int n = SSL_read(m_ssl, at, static_cast<int>(std::min<std::size_t>(room, 1 << 30)));
            if (n > 0) {
                m_end += static_cast<std::size_t>(n);
                return true;
            }
            const int error = SSL_get_error(m_ssl, n);
            if ((error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) ||
                !wait_for(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, m_deadline)) {
                return false;
            }
            continue;
        }
        const ssize_t n = ::recv(m_fd, at, room, 0);
        if (n > 0) {
            m_end += static_cast<std::size_t>(n);
            return true;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
            return false;
        }
        if (errno != EINTR && !wait_for(POLLIN, m_deadline)) {
            return false;
        }
    }
}

bool GuardedStream::count_head(const char* data, std::size_t size) {
    for (std::size_t i = 0; i < size && m_in_head; ++i) {
        ++m_head_bytes;
        if (data[i] == '\n') {
            ++m_head_lines;
            // "\r\n" alone after the request line ends the head; the body is counted from here.
            m_in_head = !(m_line_bytes == 1 && m_previous == '\r' && m_head_lines > 1);
            m_line_bytes = 0;
        } else {
            ++m_line_bytes;
        }
        m_previous = data[i];
    }
    if (m_head_bytes > kMaxHeadBytes || m_head_lines > kMaxHeadLines) {
        return fail(Breach::head_too_large);
    }
    return true;
}

ssize_t GuardedStream::read(char* ptr, std::size_t size) {
    if (m_breach != Breach::none) {
        return -1;
    }
    if (m_begin == m_end && !fill()) {
        return m_breach == Breach::none && m_begin == m_end ? 0 : -1;
    }
    std::size_t n = std::min(size, m_end - m_begin);
    const char* from = m_buffer.data() + m_begin;
    if (m_in_head) {
        // One line at a time while in the head (httplib reads it byte by byte), so the
        // head's end is seen exactly where it is.
        const auto* newline = static_cast<const char*>(std::memchr(from, '\n', n));
        n = newline != nullptr ? static_cast<std::size_t>(newline - from) + 1 : n;
        if (!count_head(from, n)) {
            return -1;
        }
    } else if ((m_body_bytes += n) > m_max_body_bytes) {
        fail(Breach::body_too_large);
        return -1;
    }
    std::copy_n(from, n, ptr);
    m_begin += n;
    return static_cast<ssize_t>(n);
}

ssize_t GuardedStream::write(const char* ptr, std::size_t size) {
    // An answer must be taken within the timeout too: a client that never reads
    // would otherwise hold its thread.
    const Clock::time_point deadline = Clock::now() + m_timeout;
    for (;;) {
        if (m_ssl != nullptr) {
            const int n = SSL_write(m_ssl, ptr, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
            if (n > 0) {
                m_written += static_cast<std::size_t>(n);
                return n;
            }
            const int error = SSL_get_error(m_ssl, n);
            if ((error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) ||
                !wait_for(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) {
                return -1;
            }
            continue;
        }
        const ssize_t n = ::send(m_fd, ptr, size, MSG_NOSIGNAL);
        if (n >= 0) {
            m_written += static_cast<std::size_t>(n);
            return n;
        }
        if (errno != EINTR && ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait_for(POLLOUT, deadline))) {
            return -1;
        }
    }
}

bool GuardedStream::is_readable() const {
    if (m_begin < m_end || (m_ssl != nullptr && SSL_pending(m_ssl) > 0)) {
        return true;
    }
    pollfd p{m_fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
}

bool GuardedStream::is_writable() const {
    pollfd p{m_fd, POLLOUT, 0};
    return !m_stopping && ::poll(&p, 1, static_cast<int>(m_timeout.count())) > 0;
}

void GuardedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t length = sizeof a;
    port = 0;
    ip.clear();
    if (::getpeername(m_fd, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
        address_of(a, ip, port);
    }
}

void GuardedStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage a{};
    socklen_t length = sizeof a;
    port = 0;
    ip.clear();
    if (::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &length) == 0) {
        address_of(a, ip, port);
    }
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// One client connection as cpp-httplib reads and writes it, with the limits a hostile
// client must not get around: a request's line, headers and body must arrive within
// its deadline, the head has at most kMaxHeadLines lines and kMaxHeadBytes bytes, and
// no more body than the API accepts is ever read. cpp-httplib 0.11 has none of these
// itself (it waits for each byte anew, keeps every header line and reads chunked or
// compressed bodies without a bound); here they hold for every request, whatever
// route it takes. Plain TCP or TLS (an SSL* over the same non-blocking socket).
#pragma once

#include <httplib.h>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace skolvag::api {

/// Why the stream stopped reading a request.
enum class Breach {
    none,
    head_too_large, ///< more header lines or bytes than allowed: 431
    too_slow,       ///< the deadline passed: 408
    body_too_large, ///< more body than the API accepts: 413
    stopping,       ///< the server is stopping
};

/** The breach of the request being read on this thread (for the error handler's answer). */
Breach current_breach() noexcept;

/** The address of a socket's peer, without the port ("" when unknown). */
std::string peer_address(int fd);

enum class Wait { ready, timed_out, stopping, failed };

/**
 * Waits until a socket is ready for `events` (POLLIN, POLLOUT) or `deadline` passes,
 * looking five times a second whether the server is stopping.
 */
Wait wait_for_socket(int fd, short events, std::chrono::steady_clock::time_point deadline,
                     const std::atomic<bool>& stopping);

class GuardedStream final : public httplib::Stream {
public:
    static constexpr std::size_t kMaxHeadLines = 100;        ///< the request line and headers
    static constexpr std::size_t kMaxHeadBytes = 32 * 1024;  ///< all of them

    /**
     * @param fd a connected, non-blocking socket (the stream neither owns nor closes it)
     * @param ssl its TLS session after the handshake, or nullptr for plain TCP
     * @param stopping true once the server stops: reads and writes then give up
     */
    GuardedStream(int fd, SSL* ssl, std::chrono::milliseconds timeout, std::size_t max_body_bytes,
                  const std::atomic<bool>& stopping);
    ~GuardedStream() override;
    GuardedStream(const GuardedStream&) = delete;
    GuardedStream& operator=(const GuardedStream&) = delete;

    /**
     * Waits up to `idle` for the next request to begin; true when it has. Then starts
     * that request's deadline and limits.
     */
    bool next_request(std::chrono::milliseconds idle);

    Breach breach() const noexcept { return m_breach; }
    /** Bytes written for the current request: 0 when nothing was answered yet. */
    std::size_t written() const noexcept { return m_written; }

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, std::size_t size) override;
    ssize_t write(const char* ptr, std::size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return m_fd; }

private:
    /// Reads more bytes into the buffer before the deadline; false on a breach, an error or the end.
    bool fill();
    /// Counts what the head hands out; false once it breaks a limit.
    bool count_head(const char* data, std::size_t size);
    bool fail(Breach b);
    /// Waits for the socket (POLLIN or POLLOUT) until `deadline`; false when it passed or the server stops.
    bool wait_for(short events, std::chrono::steady_clock::time_point deadline);

    int m_fd;
    SSL* m_ssl;
    std::chrono::milliseconds m_timeout;
    std::size_t m_max_body_bytes;
    const std::atomic<bool>& m_stopping;

    std::vector<char> m_buffer;
    std::size_t m_begin = 0; ///< first unread byte of m_buffer
    std::size_t m_end = 0;   ///< one past the last

    std::chrono::steady_clock::time_point m_deadline;
    bool m_in_head = true;
    std::size_t m_head_lines = 0;
    std::size_t m_head_bytes = 0;
    std::size_t m_line_bytes = 0; ///< of the head line being read
    char m_previous = '\0';       ///< the byte before, to see "\r\n"
    std::size_t m_body_bytes = 0;
    std::size_t m_written = 0;
    Breach m_breach = Breach::none;
};

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// A TCP connection driven byte by byte, as a hostile client drives one: partial
// requests, endless headers or bodies, a chosen source address (127.0.0.2 is another
// client on loopback). httplib's client cannot send such requests.
#pragma once

#include <chrono>
#include <string>

namespace skolvag::testing {

class RawConnection {
public:
    /** Connects to 127.0.0.1:port from `source` (any loopback address); check connected(). */
    explicit RawConnection(int port, const std::string& source = "127.0.0.1");
    ~RawConnection();
    RawConnection(RawConnection&& other) noexcept;
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    RawConnection& operator=(RawConnection&&) = delete;

    bool connected() const { return m_fd >= 0; }
    /** Sends all of `data`; false once the server closed or reset the connection. */
    bool send(const std::string& data);
    /** What the server sent within `wait`: read until a whole answer (head and body) is in, it closed, or the wait ended. */
    std::string receive(std::chrono::milliseconds wait);
    /** The status of the answer received within `wait`; 0 for none. */
    int status(std::chrono::milliseconds wait);
    /** True when the server closes the connection within `wait`. */
    bool closed_within(std::chrono::milliseconds wait);

private:
    enum class Read { more, nothing_yet, closed };
    /// Waits until `until` for bytes and adds them to what was received.
    Read read_more(std::chrono::steady_clock::time_point until);

    int m_fd = -1;
    std::string m_received;
};

} // namespace skolvag::testing

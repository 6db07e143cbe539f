// SPDX-License-Identifier: MIT
#include "tests/support/raw_connection.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace skolvag::testing {

namespace {
sockaddr_in loopback(const std::string& ip, int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, ip.c_str(), &a.sin_addr);
    return a;
}
} // namespace

RawConnection::RawConnection(int port, const std::string& source) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const sockaddr_in from = loopback(source, 0);
    const sockaddr_in to = loopback("127.0.0.1", port);
    if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(m_fd, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawConnection::~RawConnection() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

RawConnection::RawConnection(RawConnection&& other) noexcept : m_fd(other.m_fd), m_received(std::move(other.m_received)) {
    other.m_fd = -1;
}

bool RawConnection::send(const std::string& data) {
    for (std::size_t at = 0; at < data.size();) {
        const ssize_t n = ::send(m_fd, data.data() + at, data.size() - at, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        at += static_cast<std::size_t>(n);
    }
    return true;
}

RawConnection::Read RawConnection::read_more(std::chrono::steady_clock::time_point until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    pollfd p{m_fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
        return Read::nothing_yet;
    }
    char buffer[4096];
    const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
    if (n > 0) {
        m_received.append(buffer, static_cast<std::size_t>(n));
        return Read::more;
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN) ? Read::more : Read::closed;
}

namespace {
/// True once `text` holds a whole answer: its head and the Content-Length bytes after it.
/// The server may send head and body in separate segments, so the head alone is not enough.
bool whole_answer(const std::string& text) {
    const std::size_t end_of_head = text.find("\r\n\r\n");
    if (end_of_head == std::string::npos) {
        return false;
    }
    const std::string head = text.substr(0, end_of_head);
    const std::size_t key = head.find("Content-Length: ");
    if (key == std::string::npos) {
        return true;
    }
    const std::size_t length = std::stoul(head.substr(key + 16));
    return text.size() >= end_of_head + 4 + length;
}
} // namespace

std::string RawConnection::receive(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!whole_answer(m_received) && read_more(until) == Read::more) {
    }
    return m_received;
}

int RawConnection::status(std::chrono::milliseconds wait) {
    const std::string text = receive(wait);
    if (text.rfind("HTTP/1.1 ", 0) != 0 || text.size() < 12) {
        return 0;
    }
    return std::stoi(text.substr(9, 3));
}

bool RawConnection::closed_within(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    Read r = Read::more;
    while ((r = read_more(until)) == Read::more) {
    }
    return r == Read::closed;
}

} // namespace skolvag::testing

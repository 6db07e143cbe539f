// SPDX-License-Identifier: MIT
#include "api/server/access_log.hpp"

#include "geodata/text/rfc3339.hpp"
#include "geodata/errors.hpp"

#include <cerrno>
#include <cstring>

namespace skolvag::api {

AccessLog::AccessLog(const std::string& path) {
    if (path.empty()) {
        m_file = stderr;
        return;
    }
    m_file = std::fopen(path.c_str(), "a");
    if (m_file == nullptr) {
        throw geodata::StartupError(path + ": cannot open the log file (" + std::strerror(errno) + ")");
    }
    m_owned = true;
}

AccessLog::~AccessLog() {
    if (m_owned) {
        std::fclose(m_file);
    }
}

void AccessLog::write(const std::string& line) {
    const std::lock_guard<std::mutex> lock(m_mutex);
    std::fputs(line.c_str(), m_file);
    std::fflush(m_file);
}

void AccessLog::request(const std::string& request_id, const std::string& client, const std::string& route,
                        const std::string& token, int status, double milliseconds) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.2f", milliseconds);
    write(geodata::utc_now_rfc3339() + " req=" + request_id + " client=" + (client.empty() ? "-" : client) + " " + route + " token=" + (token.empty() ? "-" : token) + " status=" + std::to_string(status) + " ms=" + ms + "\n");
}

void AccessLog::message(const std::string& text) { write(geodata::utc_now_rfc3339() + " " + text + "\n"); }

} // namespace skolvag::api

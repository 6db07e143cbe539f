// SPDX-License-Identifier: MIT
// The server's log: one line per request (time, request id, client, route (method and
// path template), token, status, milliseconds) and start-up messages. It never holds a coordinate, a
// case reference, an API key, a query string or a body: callers pass only those fields.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace skolvag::api {

class AccessLog {
public:
    /** Appends to the file, or writes to stderr when the path is empty. */
    explicit AccessLog(const std::string& path);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void request(const std::string& request_id, const std::string& client, const std::string& route,
                 const std::string& token, int status, double milliseconds);
    void message(const std::string& text);

private:
    void write(const std::string& line);
    std::mutex m_mutex;
    std::FILE* m_file = nullptr;
    bool m_owned = false;
};

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/cli/atomic_file.hpp"

#include "geodata/input_error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace skolvag::api {

using geodata::InputError;

AtomicFile::AtomicFile(std::string target_path) : m_target(std::move(target_path)) {
    std::string pattern = m_target + ".tmp-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = mkstemp(buf.data());
    if (fd < 0) {
        throw InputError(m_target + ": cannot create output file (" + std::strerror(errno) + ")");
    }
    ::close(fd);
    m_temp = buf.data();
    m_out.open(m_temp, std::ios::binary | std::ios::trunc);
    if (!m_out) {
        std::remove(m_temp.c_str());
        throw InputError(m_target + ": cannot write output file");
    }
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        m_out.close();
        std::remove(m_temp.c_str());
    }
}

void AtomicFile::commit() {
    m_out.flush();
    if (!m_out) {
        throw InputError(m_target + ": writing the output failed");
    }
    m_out.close();
    // fsync before rename, so that the rename never exposes an incomplete file.
    const int fd = ::open(m_temp.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        throw InputError(m_target + ": cannot move the finished output into place (" + std::strerror(errno) + ")");
    }
    m_committed = true;
}

} // namespace skolvag::api

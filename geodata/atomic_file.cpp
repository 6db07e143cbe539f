// SPDX-License-Identifier: MIT
#include "geodata/atomic_file.hpp"

#include "geodata/errors.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>
#include <vector>

namespace skolvag::geodata {

namespace {

// Temporary files still open, so that Ctrl-C or a kill removes them too. A signal
// handler may only use async-signal-safe calls: fixed buffers and unlink().
constexpr int kSlots = 16;
constexpr std::size_t kPathMax = 4096;
char g_temp_paths[kSlots][kPathMax];
volatile std::sig_atomic_t g_slot_used[kSlots];

void remove_temp_files_and_reraise(int signal_number) {
    for (int i = 0; i < kSlots; ++i) {
        if (g_slot_used[i] != 0) {
            ::unlink(g_temp_paths[i]);
        }
    }
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

int register_temp(const std::string& path) {
    static const bool installed = [] {
        for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
            std::signal(sig, remove_temp_files_and_reraise);
        }
        return true;
    }();
    (void)installed;
    if (path.size() >= kPathMax) {
        return -1;
    }
    for (int i = 0; i < kSlots; ++i) {
        if (g_slot_used[i] == 0) {
            std::memcpy(g_temp_paths[i], path.c_str(), path.size() + 1);
            g_slot_used[i] = 1;
            return i;
        }
    }
    return -1; // more than kSlots outputs at once: still removed on normal exit
}

void unregister_temp(int slot) {
    if (slot >= 0) {
        g_slot_used[slot] = 0;
    }
}

} // namespace

AtomicFile::AtomicFile(std::string target_path, Mode mode) : m_target(std::move(target_path)), m_mode(mode) {
    const std::string extension = std::filesystem::path(m_target).extension().string();
    std::string pattern = m_target + ".tmp-XXXXXX" + extension;
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    const int fd = mkstemps(buf.data(), static_cast<int>(extension.size()));
    if (fd < 0) {
        throw InputError(m_target + ": cannot create output file (" + std::strerror(errno) + ")");
    }
    ::close(fd);
    m_temp = buf.data();
    m_signal_slot = register_temp(m_temp);
    if (m_mode == Mode::path_only) {
        // The name is reserved; the writing library creates the file itself.
        std::remove(m_temp.c_str());
        return;
    }
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
    unregister_temp(m_signal_slot);
}

void AtomicFile::commit() {
    if (m_mode == Mode::stream) {
        m_out.flush();
        if (!m_out) {
            throw InputError(m_target + ": writing the output failed");
        }
        m_out.close();
    }
    // fsync before rename, so that the rename never exposes an incomplete file.
    const int fd = ::open(m_temp.c_str(), O_RDONLY);
    if (fd < 0) {
        throw InputError(m_target + ": the output was not written");
    }
    ::fsync(fd);
    ::close(fd);
    if (std::rename(m_temp.c_str(), m_target.c_str()) != 0) {
        throw InputError(m_target + ": cannot move the finished output into place (" + std::strerror(errno) + ")");
    }
    m_committed = true;
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
#include "api/vault/key_file.hpp"

#include "geodata/errors.hpp"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace skolvag::api {

using geodata::ConfigError;
using geodata::InputError;

namespace {

std::string mode_text(mode_t mode) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%03o", static_cast<unsigned>(mode & 0777));
    return buf;
}

void require_owner_only(const struct stat& st, const std::string& path, const std::string& what) {
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        throw ConfigError(path + ": " + what + " is readable or writable by others (mode " + mode_text(st.st_mode) +
                          "); run: chmod 600 " + path);
    }
}

} // namespace

void require_private_file(const std::string& path, const std::string& what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw ConfigError(path + ": cannot read " + what + " (" + std::strerror(errno) + ")");
    }
    require_owner_only(st, path, what);
}

Key256 read_key_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw ConfigError(path + ": cannot open the vault key file (" + std::strerror(errno) + ")");
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw ConfigError(path + ": the vault key file is not a regular file");
    }
    try {
        require_owner_only(st, path, "the vault key file");
    } catch (...) {
        ::close(fd);
        throw;
    }
    Key256 key{};
    std::uint8_t extra = 0;
    const ssize_t n = ::read(fd, key.data(), key.size());
    const ssize_t more = ::read(fd, &extra, 1);
    ::close(fd);
    if (n != static_cast<ssize_t>(key.size()) || more != 0) {
        OPENSSL_cleanse(key.data(), key.size());
        throw ConfigError(path + ": the vault key file must hold exactly 32 bytes");
    }
    return key;
}

void write_new_key_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw InputError(path + ": cannot create the key file (" + std::strerror(errno) + ")");
    }
    const Bytes key = random_bytes(32);
    const bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
        ::unlink(path.c_str());
        throw InputError(path + ": cannot write the key file");
    }
}

} // namespace skolvag::api

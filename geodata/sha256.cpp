// SPDX-License-Identifier: MIT
#include "geodata/sha256.hpp"

#include "geodata/errors.hpp"
#include "geodata/input_file.hpp"
#include "geodata/text/hex.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace skolvag::geodata {

namespace {

class Sha256 {
public:
    Sha256() : m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
        if (!m_ctx) {
            throw std::runtime_error("OpenSSL: cannot allocate a digest context");
        }
        restart();
    }
    void restart() {
        if (EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1) {
            throw std::runtime_error("OpenSSL: cannot start SHA-256");
        }
    }
    void update(const void* data, std::size_t size) {
        if (EVP_DigestUpdate(m_ctx.get(), data, size) != 1) {
            throw std::runtime_error("OpenSSL: SHA-256 update failed");
        }
    }
    std::string hex() {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &size) != 1) {
            throw std::runtime_error("OpenSSL: SHA-256 final failed");
        }
        return to_hex(digest.data(), size);
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx;
};

} // namespace

std::string sha256_hex(std::string_view bytes) {
    // One digest context per thread, reused: fingerprints are taken per register row.
    thread_local Sha256 h;
    h.restart();
    h.update(bytes.data(), bytes.size());
    return h.hex();
}

std::string sha256_file_hex(const std::string& path) {
    std::ifstream in = open_input_file(path, "file to hash");
    Sha256 h;
    std::array<char, 1 << 16> buf{};
    while (in) {
        in.read(buf.data(), buf.size());
        h.update(buf.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        throw InputError(path + ": read error while hashing");
    }
    return h.hex();
}

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
#include "api/vault/crypto.hpp"

#include "geodata/text/hex.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace skolvag::api {

namespace {

constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
    CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    if (!ctx) {
        throw std::runtime_error("OpenSSL: cannot allocate a cipher context");
    }
    return ctx;
}

const unsigned char* u8(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

int as_int(std::size_t n) {
    if (n > (1U << 30)) {
        throw std::runtime_error("crypto: input too large");
    }
    return static_cast<int>(n);
}

} // namespace

Bytes random_bytes(std::size_t n) {
    Bytes out(n);
    if (RAND_bytes(out.data(), as_int(n)) != 1) {
        throw std::runtime_error("OpenSSL: the random number generator failed");
    }
    return out;
}

Bytes seal(const Key256& key, std::string_view plaintext, std::string_view aad) {
    Bytes out = random_bytes(kNonceSize);
    out.resize(kNonceSize + plaintext.size() + kTagSize);
    CipherContext ctx = new_context();
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), out.data()) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, u8(aad), as_int(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out.data() + kNonceSize, &len, u8(plaintext), as_int(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), out.data() + kNonceSize + len, &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, out.data() + kNonceSize + plaintext.size()) != 1) {
        throw std::runtime_error("OpenSSL: AES-256-GCM encryption failed");
    }
    return out;
}

std::optional<std::string> open(const Key256& key, const Bytes& sealed, std::string_view aad) {
    if (sealed.size() < kNonceSize + kTagSize) {
        return std::nullopt;
    }
    const std::size_t n = sealed.size() - kNonceSize - kTagSize;
    std::string plain(n, '\0');
    CipherContext ctx = new_context();
    int len = 0;
    Bytes tag(sealed.end() - kTagSize, sealed.end());
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), sealed.data()) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, u8(aad), as_int(aad.size())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len, sealed.data() + kNonceSize,
                          as_int(n)) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) != 1) {
        return std::nullopt;
    }
    // The tag is checked here: a changed byte, key or aad fails.
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &len) != 1) {
        return std::nullopt;
    }
    return plain;
}

std::string hmac_sha256_hex(const Key256& key, std::string_view data) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), u8(data), data.size(), mac, &size) == nullptr) {
        throw std::runtime_error("OpenSSL: HMAC-SHA256 failed");
    }
    return geodata::to_hex(mac, size);
}

Key256 derive_key(const Key256& master, std::string_view label) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (HMAC(EVP_sha256(), master.data(), static_cast<int>(master.size()), u8(label), label.size(), mac, &size) ==
            nullptr ||
        size != 32) {
        throw std::runtime_error("OpenSSL: key derivation failed");
    }
    Key256 k{};
    std::copy(mac, mac + 32, k.begin());
    OPENSSL_cleanse(mac, sizeof mac);
    return k;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string base64url(const std::uint8_t* data, std::size_t size) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(buffer >> bits) & 63];
        }
    }
    if (bits > 0) {
        out += kAlphabet[(buffer << (6 - bits)) & 63];
    }
    return out;
}

std::string new_token() {
    const Bytes r = random_bytes(16);
    return std::string(kTokenPrefix) + base64url(r.data(), r.size());
}

bool looks_like_token(std::string_view text) {
    if (text.size() != kTokenPrefix.size() + 22 || text.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
        return false;
    }
    for (char c : text.substr(kTokenPrefix.size())) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

std::string new_api_key() {
    const Bytes r = random_bytes(32);
    return "svk_" + base64url(r.data(), r.size());
}

} // namespace skolvag::api

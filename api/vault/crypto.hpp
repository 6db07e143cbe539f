// SPDX-License-Identifier: MIT
// The cryptography of the vault, all OpenSSL: random bytes from its CSPRNG,
// AES-256-GCM, HMAC-SHA256, key derivation, constant-time comparison, and the token
// format. Nothing here knows about coordinates or HTTP.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

using Bytes = std::vector<std::uint8_t>;
using Key256 = std::array<std::uint8_t, 32>;

/** n bytes from OpenSSL's CSPRNG. @throws std::runtime_error when it fails. */
Bytes random_bytes(std::size_t n);

/**
 * AES-256-GCM with a fresh random 96-bit nonce.
 * @param aad bound to the ciphertext: decryption fails unless given the same.
 * @returns nonce || ciphertext || 16-byte tag.
 */
Bytes seal(const Key256& key, std::string_view plaintext, std::string_view aad);

/** Reverses seal(); nullopt when the key, aad or bytes do not match (tampering). */
std::optional<std::string> open(const Key256& key, const Bytes& sealed, std::string_view aad);

/** HMAC-SHA256 of data under key, as 64 lower-case hex digits. */
std::string hmac_sha256_hex(const Key256& key, std::string_view data);

/** A purpose-specific key derived from the master key (HMAC-SHA256 of the label). */
Key256 derive_key(const Key256& master, std::string_view label);

/** Compares two strings in time independent of where they differ (OpenSSL CRYPTO_memcmp). */
bool constant_time_equal(std::string_view a, std::string_view b);

/** URL-safe base64 without padding. */
std::string base64url(const std::uint8_t* data, std::size_t size);

/// Tokens: a fixed prefix and 128 random bits, never derived from any input.
inline constexpr std::string_view kTokenPrefix = "svt_";

/** A new token: "svt_" + 22 URL-safe characters. */
std::string new_token();

/** True when text has the shape of a token (it may still not exist). */
bool looks_like_token(std::string_view text);

/** A new API key (256 random bits, URL-safe) for `skolvag hash-key`. */
std::string new_api_key();

} // namespace skolvag::api

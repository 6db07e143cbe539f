// SPDX-License-Identifier: MIT
#include "api/vault/crypto.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace skolvag::api;

namespace {
Key256 key_of(std::uint8_t fill) {
    Key256 k{};
    k.fill(fill);
    return k;
}
} // namespace

TEST(Crypto, SealedTextOpensOnlyWithTheSameKeyAndAad) {
    const Key256 k = key_of(7);
    const Bytes sealed = seal(k, "18.0612345,59.3151234", "token|tenant");
    EXPECT_EQ(open(k, sealed, "token|tenant"), "18.0612345,59.3151234");
    EXPECT_FALSE(open(key_of(8), sealed, "token|tenant").has_value());
    EXPECT_FALSE(open(k, sealed, "other|tenant").has_value()); // rows cannot be swapped between tokens
    Bytes tampered = sealed;
    tampered[15] ^= 1;
    EXPECT_FALSE(open(k, tampered, "token|tenant").has_value());
    // A fresh nonce each time: the same coordinate never gives the same bytes.
    EXPECT_NE(seal(k, "x", "a"), seal(k, "x", "a"));
    // The ciphertext does not contain the plaintext.
    const std::string as_text(sealed.begin(), sealed.end());
    EXPECT_EQ(as_text.find("59.315"), std::string::npos);
}

TEST(Crypto, TokensAreRandomUrlSafeAndRecognisable) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string t = new_token();
        EXPECT_TRUE(looks_like_token(t)) << t;
        EXPECT_EQ(t.size(), 4U + 22U); // 128 bits in base64url
        EXPECT_TRUE(seen.insert(t).second);
    }
    EXPECT_FALSE(looks_like_token("svt_short"));
    EXPECT_FALSE(looks_like_token("abc_AAAAAAAAAAAAAAAAAAAAAA"));
    EXPECT_FALSE(looks_like_token("svt_AAAAAAAAAAAAAAAAAAAA/A"));
}

TEST(Crypto, Base64UrlAndDerivedKeys) {
    const std::uint8_t bytes[] = {0xfb, 0xff, 0x00};
    EXPECT_EQ(base64url(bytes, 3), "-_8A");
    EXPECT_NE(derive_key(key_of(1), "a"), derive_key(key_of(1), "b"));
    EXPECT_EQ(derive_key(key_of(1), "a"), derive_key(key_of(1), "a"));
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_EQ(hmac_sha256_hex(key_of(1), "x").size(), 64U);
}

// SPDX-License-Identifier: MIT
// Text from outside: a spreadsheet's Windows-1252 CSV and a stray byte in a query.
#include "geodata/text/utf8.hpp"

#include <gtest/gtest.h>

using namespace skolvag::geodata;

TEST(Utf8, WellFormedTextPassesBrokenSequencesDoNot) {
    EXPECT_TRUE(is_valid_utf8("Östra skolan, Åsa, Märta 😀"));
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_FALSE(is_valid_utf8("\xD6stra"));          // Ö in Windows-1252
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, Windows1252DecodesSwedishLettersAndTheEuroSign) {
    EXPECT_EQ(windows1252_to_utf8("\xD6stra \xE5\xE4\xF6 \x80"), "Östra åäö €");
    EXPECT_EQ(windows1252_to_utf8("plain"), "plain");
    EXPECT_TRUE(is_valid_utf8(windows1252_to_utf8("\x81\x8D\x8F\x90\x9D\xFF")));
}

TEST(Utf8, TruncationNeverCutsACharacterInTwo) {
    EXPECT_EQ(truncate_utf8("åäö", 3), "å"); // 2 bytes each: the second would not fit
    EXPECT_EQ(truncate_utf8("abc", 10), "abc");
    EXPECT_EQ(truncate_utf8("ab\xFF" "cd", 10), "ab"); // stops at the first broken byte
}

// SPDX-License-Identifier: MIT
#include "geodata/text/csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace skolvag::geodata;

TEST(CsvReader, ReadsQuotedFieldsCrlfAndAByteOrderMark) {
    std::istringstream in("\xEF\xBB\xBFid,name\r\n1,\"Skola, norra\"\r\n2,\"say \"\"hej\"\"\"\n3,\"two\nlines\"\n4,\n");
    CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"id", "name"}));
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"1", "Skola, norra"}));
    EXPECT_EQ(line, 2U);
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"2", "say \"hej\""}));
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"3", "two\nlines"}));
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(line, 6U); // the quoted line break counted as a line
    EXPECT_EQ(f, (std::vector<std::string>{"4", ""}));
    EXPECT_FALSE(csv.next(f, line));
}

TEST(CsvReader, EscapeQuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
}

TEST(CsvReader, AQuoteInsideAFieldIsAnOrdinaryCharacter) {
    std::istringstream in("a\"1,2\nb,3\nc,4\n");
    CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"a\"1", "2"}));
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(f, (std::vector<std::string>{"b", "3"}));
    ASSERT_TRUE(csv.next(f, line));
    EXPECT_EQ(line, 3U);
}

TEST(CsvReader, AnUnclosedQuoteIsAnErrorNamingItsLine) {
    std::istringstream in("id,x\n1,2\n\"open,3\n4,5\n");
    CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    ASSERT_TRUE(csv.next(f, line));
    ASSERT_TRUE(csv.next(f, line));
    try {
        csv.next(f, line);
        FAIL() << "no error";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 3U);
    }
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnError) {
    std::istringstream in("\"a\"b,1\n");
    CsvReader csv(in);
    std::vector<std::string> f;
    std::size_t line = 0;
    EXPECT_THROW(csv.next(f, line), CsvError);
}

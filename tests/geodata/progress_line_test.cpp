// SPDX-License-Identifier: MIT
// The progress line stays quiet for quick work and reports long work on stderr.
#include "geodata/progress_line.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using skolvag::geodata::ProgressLine;
using skolvag::geodata::with_thousands;

TEST(ProgressLine, QuickWorkPrintsNothing) {
    ::testing::internal::CaptureStderr();
    {
        ProgressLine p("reading ways");
        p.update(0.5, "10 ways");
        p.finish("20 ways");
    }
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

TEST(ProgressLine, LongWorkReportsLabelShareAndAFinalLine) {
    ::testing::internal::CaptureStderr();
    {
        ProgressLine p("reading ways");
        std::this_thread::sleep_for(std::chrono::milliseconds(600)); // past the quiet period
        p.update(0.25, "1,000 ways");
        p.finish("4,000 ways");
    }
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("reading ways:  25% 1,000 ways"), std::string::npos) << err;
    EXPECT_NE(err.find("reading ways: 100% 4,000 ways"), std::string::npos) << err;
    EXPECT_EQ(err.back(), '\n');
}

TEST(ProgressLine, ThousandsSeparators) {
    EXPECT_EQ(with_thousands(0), "0");
    EXPECT_EQ(with_thousands(999), "999");
    EXPECT_EQ(with_thousands(1000), "1,000");
    EXPECT_EQ(with_thousands(1234567), "1,234,567");
}

// SPDX-License-Identifier: MIT
// Where the shared real-data folder (../shared) is, for tests that use real extracts.
#pragma once

#include <optional>
#include <string>

namespace skolvag::testing {

/** The shared folder when it exists (SKOLVAG_SHARED at run time, else the build-time default). */
std::optional<std::string> shared_dir();

/**
 * Path to a file under the shared folder, or nullopt when it is missing; call
 * GTEST_SKIP() with skip_message() then.
 */
std::optional<std::string> shared_file(const std::string& relative);

/** The message for a test that skips because shared data is absent. */
std::string skip_message(const std::string& relative);

} // namespace skolvag::testing

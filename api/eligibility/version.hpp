// SPDX-License-Identifier: MIT
// The version of this executable: the project's version and the commit it was built
// from (scripts/version.cmake). Decisions record it, and a previous run's decision is
// reused only when it was made by this very version of the decision logic.
#pragma once

#include <string_view>

namespace skolvag::api {

/** E.g. "0.2.0+2757b2d1c0aa", with ".dirty" when built from uncommitted changes. */
std::string_view skolvag_version() noexcept;

} // namespace skolvag::api

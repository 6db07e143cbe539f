// SPDX-License-Identifier: MIT
// Times as RFC 3339 text in UTC with milliseconds, e.g. 2026-11-23T14:05:01.123Z: the
// form of every time skolvag writes (audit entries, logs, receipts), which sorts as text.
#pragma once

#include <optional>
#include <string>

namespace skolvag::geodata {

/** The current UTC time as RFC 3339 with milliseconds. */
std::string utc_now_rfc3339();

/** An RFC 3339 time in that same form (UTC, milliseconds), for comparison; nullopt if malformed. */
std::optional<std::string> normalise_rfc3339(const std::string& text);

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// The rules file (walking-network.md §6): a TOML file per municipality and school
// year, read strictly, with errors that name the file, the line and the key.
#pragma once

#include "api/eligibility/rules.hpp"

#include <string>
#include <string_view>

namespace skolvag::api {

/**
 * Parses a rules file's text, and reads the polygons of its [[layer]] files (§9).
 * @param source_name the file name used in error messages; layer files are found
 *        relative to its folder.
 * @throws geodata::InputError naming the key and line for unknown keys, wrong types,
 *         a band without name or threshold, and other invalid values.
 */
Rules parse_rules(std::string_view toml_text, const std::string& source_name);

/** Reads and parses a rules file. @throws geodata::InputError naming the file. */
Rules load_rules(const std::string& path);

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// Bytes as lower-case hexadecimal text: digests, HMACs, request ids.
#pragma once

#include <cstddef>
#include <string>

namespace skolvag::geodata {

/** Bytes as lower-case hex, two digits a byte. */
std::string to_hex(const unsigned char* data, std::size_t size);

} // namespace skolvag::geodata

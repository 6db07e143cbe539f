// SPDX-License-Identifier: MIT
// SHA-256 (OpenSSL EVP) of bytes and files, as lower-case hex (geodata/text/hex.hpp): rule-set hashes,
// network ids and input fingerprints that make a result reproducible.
#pragma once

#include <string>
#include <string_view>

namespace skolvag::geodata {

/** SHA-256 of the bytes, 64 lower-case hex digits. */
std::string sha256_hex(std::string_view bytes);

/** SHA-256 of a file's bytes. @throws InputError naming the file when it cannot be read. */
std::string sha256_file_hex(const std::string& path);

} // namespace skolvag::geodata

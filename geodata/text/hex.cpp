// SPDX-License-Identifier: MIT
#include "geodata/text/hex.hpp"

namespace skolvag::geodata {

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        out += kHex[data[i] >> 4];
        out += kHex[data[i] & 15];
    }
    return out;
}

} // namespace skolvag::geodata

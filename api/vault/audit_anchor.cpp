// SPDX-License-Identifier: MIT
#include "api/vault/audit_anchor.hpp"

#include "geodata/atomic_file.hpp"
#include "geodata/errors.hpp"
#include "geodata/text/hex.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace skolvag::api {

namespace {

constexpr const char* kHeader = "skolvag audit anchor v1";

/// Tenant names are the operator's text: hex keeps the file one line per tenant,
/// whatever they hold. nullopt for text that is not hex.
std::optional<std::string> from_hex(const std::string& hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        unsigned value = 0;
        const auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
        if (error != std::errc() || end != hex.data() + i + 2) {
            return std::nullopt;
        }
        out += static_cast<char>(value);
    }
    return out;
}

} // namespace

void write_audit_anchor(const std::string& path, const AuditHeads& heads) {
    geodata::AtomicFile out(path);
    out.stream() << kHeader << '\n';
    for (const auto& [tenant, head] : heads) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(tenant.data());
        out.stream() << head.first << ' ' << head.second << ' ' << geodata::to_hex(bytes, tenant.size()) << '\n';
    }
    out.commit();
}

std::optional<AuditHeads> read_audit_anchor(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::nullopt;
    }
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line) || line != kHeader) {
        throw geodata::ConfigError(path + ": not an audit anchor of skolvag");
    }
    AuditHeads heads;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::int64_t id = 0;
        std::string hash;
        std::string tenant_hex;
        const std::optional<std::string> tenant = fields >> id >> hash >> tenant_hex ? from_hex(tenant_hex) : std::nullopt;
        if (!tenant || id < 1 || hash.size() != 64) {
            throw geodata::ConfigError(path + ": a line of the audit anchor cannot be read");
        }
        heads[*tenant] = {id, hash};
    }
    return heads;
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/server/map_files.hpp"

#include "api/server/server_config.hpp"

#include <fstream>
#include <iterator>

namespace skolvag::api {

namespace {

/// The page's slot for a note that Leaflet is missing (map/index.html).
constexpr std::string_view kLeafletSlot = "<!--leaflet-status-->";
constexpr std::string_view kLeafletMissing =
    "<p class=\"notice\" id=\"leaflet-missing\">Kartan kan inte visas: Leaflet (Debians paket libjs-leaflet) "
    "saknas på servern. / The map cannot be shown: Leaflet (Debian's package libjs-leaflet) is not installed "
    "on the server.</p>";

/// Every Leaflet file the server may serve, by the name a request gives, with its
/// type. The names are the package's paths under kLeafletDir; nothing else is read.
struct LeafletName {
    std::string_view name;
    std::string_view content_type;
};
constexpr LeafletName kLeafletNames[] = {
    {"leaflet.js", "text/javascript; charset=utf-8"},
    {"leaflet.css", "text/css; charset=utf-8"},
    {"images/layers.png", "image/png"},
    {"images/layers-2x.png", "image/png"},
    {"images/marker-icon.png", "image/png"},
    {"images/marker-icon-2x.png", "image/png"},
    {"images/marker-shadow.png", "image/png"},
};

/// Leaflet's largest file is under 0.5 MB: a bound, should the directory hold something else.
constexpr std::streamoff kMaxLeafletFileBytes = 2 * 1024 * 1024;

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in || in.tellg() > kMaxLeafletFileBytes) {
        return std::nullopt;
    }
    in.seekg(0);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return in.bad() ? std::nullopt : std::optional<std::string>(std::move(body));
}

std::string_view page_content_type(std::string_view name) {
    if (name.ends_with(".html")) {
        return "text/html; charset=utf-8";
    }
    if (name.ends_with(".js")) {
        return "text/javascript; charset=utf-8";
    }
    return "text/css; charset=utf-8";
}

} // namespace

MapFiles::MapFiles(const std::string& leaflet_dir, const std::optional<std::string>& tile_url) {
    m_leaflet_installed = true;
    for (const LeafletName& f : kLeafletNames) {
        std::optional<std::string> body = read_file(leaflet_dir + "/" + std::string(f.name));
        if (!body) {
            m_leaflet_installed = false;
            break;
        }
        m_leaflet.emplace(std::string(f.name), StaticFile{std::move(*body), f.content_type});
    }
    if (!m_leaflet_installed) {
        m_leaflet.clear();
    }
    for (const EmbeddedFile& f : embedded_map_files()) {
        std::string body(f.bytes);
        if (const std::size_t slot = body.find(kLeafletSlot); slot != std::string::npos) {
            body.replace(slot, kLeafletSlot.size(), m_leaflet_installed ? std::string_view() : kLeafletMissing);
        }
        m_page.emplace(std::string(f.name), StaticFile{std::move(body), page_content_type(f.name)});
    }
    // Tiles are the one thing the page may load from elsewhere; tile_url is checked
    // (server_config) to hold nothing that could end the directive.
    const std::string tiles = tile_url ? " " + tile_origin(*tile_url) : "";
    m_csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'" + tiles +
            "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

const StaticFile* MapFiles::page_file(std::string_view name) const {
    const auto it = m_page.find(name);
    return it == m_page.end() ? nullptr : &it->second;
}

const StaticFile* MapFiles::leaflet_file(std::string_view name) const {
    const auto it = m_leaflet.find(name);
    return it == m_leaflet.end() ? nullptr : &it->second;
}

} // namespace skolvag::api

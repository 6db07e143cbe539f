// SPDX-License-Identifier: MIT
// The files of the case officer's map page (GET /map...): the page's own HTML, script
// and style, embedded at build time from api/server/map/, and Leaflet's files, read
// at start from Debian's libjs-leaflet package. No request path is ever joined to a
// directory: a file is served only when its name is one of the allow-list's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skolvag::api {

/// A file of api/server/map/, as the build embedded it (map/embed_files.cmake).
struct EmbeddedFile {
    std::string_view name; ///< e.g. "app.js"
    std::string_view bytes;
};

/** The files of api/server/map/, embedded at build time. */
const std::vector<EmbeddedFile>& embedded_map_files();

/// A file as it is served.
struct StaticFile {
    std::string body;
    std::string_view content_type;
};

class MapFiles {
public:
    /// Where Debian's libjs-leaflet puts Leaflet.
    static constexpr const char* kLeafletDir = "/usr/share/javascript/leaflet";

    /**
     * Reads the allow-listed Leaflet files from leaflet_dir; when any is missing, none
     * is served and the page says that the package is missing.
     * @param tile_url the tile URL template of server.toml, whose origin the page's
     *        Content-Security-Policy allows images from.
     */
    MapFiles(const std::string& leaflet_dir, const std::optional<std::string>& tile_url);

    bool leaflet_installed() const noexcept { return m_leaflet_installed; }

    /** "index.html" (the page), "app.js" or "style.css"; nullptr for any other name. */
    const StaticFile* page_file(std::string_view name) const;
    /** An allow-listed Leaflet file, e.g. "leaflet.js" or "images/layers.png"; nullptr otherwise or when missing. */
    const StaticFile* leaflet_file(std::string_view name) const;

    /** The page's Content-Security-Policy: scripts, styles and data from the server only. */
    const std::string& content_security_policy() const noexcept { return m_csp; }

private:
    std::map<std::string, StaticFile, std::less<>> m_page;
    std::map<std::string, StaticFile, std::less<>> m_leaflet;
    bool m_leaflet_installed = false;
    std::string m_csp;
};

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
// AtomicFile: output written to a temporary file beside the target and renamed over
// it on commit(), so an interrupted or failed run never leaves a half-written file and
// never destroys an earlier result. Temporary files are also removed on SIGINT,
// SIGTERM and SIGHUP.
#pragma once

#include <fstream>
#include <string>

namespace skolvag::geodata {

class AtomicFile {
public:
    enum class Mode {
        stream,   ///< write through stream()
        path_only ///< another library (GDAL) creates temp_path() itself
    };

    /**
     * Reserves a temporary name beside the target, ending in the target's extension.
     * @throws InputError naming the target when the folder is not writable.
     */
    explicit AtomicFile(std::string target_path, Mode mode = Mode::stream);
    /** Removes the temporary file unless commit() succeeded. */
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return m_out; }
    const std::string& temp_path() const { return m_temp; }
    const std::string& target_path() const { return m_target; }

    /** Flushes, syncs and renames onto the target. @throws InputError on failure. */
    void commit();

private:
    std::string m_target;
    std::string m_temp;
    std::ofstream m_out;
    Mode m_mode;
    bool m_committed = false;
    int m_signal_slot = -1; ///< registration for removal on SIGINT/SIGTERM/SIGHUP
};

} // namespace skolvag::geodata

// SPDX-License-Identifier: MIT
// AtomicFile: output written to a temporary file beside the target and renamed over
// it on commit(), so an interrupted or failed run never leaves a half-written file.
#pragma once

#include <fstream>
#include <string>

namespace skolvag::api {

class AtomicFile {
public:
    /** Creates the temporary file. @throws geodata::InputError when it cannot be created. */
    explicit AtomicFile(std::string target_path);
    /** Removes the temporary file unless commit() succeeded. */
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return m_out; }

    /** Flushes, syncs and renames onto the target. @throws geodata::InputError on failure. */
    void commit();

private:
    std::string m_target;
    std::string m_temp;
    std::ofstream m_out;
    bool m_committed = false;
};

} // namespace skolvag::api

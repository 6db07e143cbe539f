// SPDX-License-Identifier: MIT
// Runs the skolvag executable in tests and captures exit code, stdout and stderr.
#pragma once

#include <string>
#include <vector>

namespace skolvag::testing {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/** Runs the built skolvag with these arguments (no shell involved). */
CommandResult run_skolvag(const std::vector<std::string>& args);

/** Starts skolvag in the background (output to /dev/null); returns its process id. */
int start_skolvag(const std::vector<std::string>& args);

/** Waits for a process started by start_skolvag; returns the signal that ended it, or 0. */
int wait_for_signal(int pid);

/** A fresh empty temporary folder, removed when the object goes. */
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }
    /** Writes text to a file in the folder and returns its path. */
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::string m_path;
};

/** The whole content of a file ("" when it cannot be read). */
std::string read_text(const std::string& path);

} // namespace skolvag::testing

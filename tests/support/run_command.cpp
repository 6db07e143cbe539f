// SPDX-License-Identifier: MIT
#include "tests/support/run_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace skolvag::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "skolvag-test-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        throw std::runtime_error("cannot create a temporary folder");
    }
    m_path = buf.data();
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
    const std::string p = file(name);
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

namespace {

[[noreturn]] void exec_skolvag(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::string exe = SKOLVAG_EXECUTABLE;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
}

/// Starts skolvag with its stdout and stderr written to these files.
pid_t fork_skolvag(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path) {
    // Unflushed output would otherwise be written twice, once by the child.
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        if (std::freopen(out_path.c_str(), "w", stdout) == nullptr || std::freopen(err_path.c_str(), "w", stderr) == nullptr) {
            _exit(127);
        }
        exec_skolvag(args);
    }
    return pid;
}

} // namespace

int start_skolvag(const std::vector<std::string>& args) { return fork_skolvag(args, "/dev/null", "/dev/null"); }

int wait_for_signal(int pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

CommandResult run_skolvag(const std::vector<std::string>& args) {
    const TempDir capture;
    const std::string out_path = capture.file("stdout");
    const std::string err_path = capture.file("stderr");
    const pid_t pid = fork_skolvag(args, out_path, err_path);
    int status = 0;
    waitpid(pid, &status, 0);
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(out_path);
    r.err = read_text(err_path);
    return r;
}

} // namespace skolvag::testing

// SPDX-License-Identifier: MIT
// A thin RAII wrapper over SQLite's C API: a connection and prepared statements with
// typed binds and columns. Errors throw VaultError with SQLite's message (which never
// holds bound values).
#pragma once

#include "api/vault/vault_store.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace skolvag::api {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_blob(int index, const std::vector<std::uint8_t>& blob);
    Statement& bind_null(int index);

    /** Runs one step: true while there is a row to read. */
    bool step();
    /** Runs to completion (for statements without rows). */
    void run();
    /** Clears bindings and resets for the next use. */
    void reset();

    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::int64_t integer(int column) const;
    std::vector<std::uint8_t> blob(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database;

/// A statement from Database::cached(): reset when the handle goes, so that no read
/// stays open (an open read would hold back checkpoints of the write-ahead log).
class CachedStatement {
public:
    explicit CachedStatement(Statement& s) : m_s(&s) {}
    ~CachedStatement() { m_s->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;
    Statement* operator->() { return m_s; }
    Statement& operator*() { return *m_s; }

private:
    Statement* m_s;
};

class Database {
public:
    enum class Open { create, existing, read_only };

    /** Opens (or creates) the database file. @throws VaultError naming the path. */
    explicit Database(const std::string& path, Open mode = Open::create);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /** Runs statements without results (schema, pragmas, transactions). */
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    /** A statement prepared once and kept for reuse. Not for use from two threads at once. */
    CachedStatement cached(const std::string& sql);
    std::int64_t changes() const;
    /** How long a statement waits for a lock before failing with "busy". */
    void set_busy_timeout(int milliseconds);
    /**
     * Copies the write-ahead log into the database and empties it.
     * @returns false when a reader or writer kept it from finishing (try again later).
     */
    bool checkpoint_and_truncate_wal();

private:
    sqlite3* m_db = nullptr;
    std::map<std::string, std::unique_ptr<Statement>> m_statements;
};

} // namespace skolvag::api

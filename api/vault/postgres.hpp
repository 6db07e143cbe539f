// SPDX-License-Identifier: MIT
// A thin RAII wrapper over libpq: a connection with statements prepared once per
// connection, parameters as text or bytes, results read as text, and a small pool of
// connections for a store used from many threads. Errors throw VaultError with the
// server's terse message (its primary line, which never holds a parameter's value).
#pragma once

#include "api/vault/vault_store.hpp"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct pg_conn;
struct pg_result;

namespace skolvag::api {

/// The database cannot be reached now (down, restarting, failing over): the call may
/// succeed later. The server answers 503 with Retry-After for it.
class VaultUnavailable : public VaultError {
public:
    using VaultError::VaultError;
};

/// A statement's parameter: text (NULL when nullopt), a number, or raw bytes (bytea).
using PgParam = std::variant<std::optional<std::string>, std::int64_t, Bytes>;

/// Parameters that are all text.
std::vector<PgParam> text_params(std::initializer_list<std::string> values);

class PgResult {
public:
    explicit PgResult(pg_result* result) : m_result(result) {}
    ~PgResult();
    PgResult(PgResult&& other) noexcept : m_result(other.m_result) { other.m_result = nullptr; }
    PgResult& operator=(PgResult&&) = delete;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const;
    /// Rows changed by an INSERT, UPDATE or DELETE.
    std::int64_t changed() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::optional<std::string> optional_text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    bool boolean(int row, int column) const;
    /// A bytea column (text format: "\x" and hex digits).
    Bytes bytes(int row, int column) const;

private:
    pg_result* m_result;
};

class PgConnection {
public:
    /** Connects. @throws VaultUnavailable naming `location` (never a password) when it cannot. */
    PgConnection(const std::string& conninfo, const std::string& location);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    /** Runs SQL without parameters (may be several statements; the last one's result). */
    PgResult exec(std::string_view sql);
    /** As exec, but never on a new connection: for statements that rely on the session's settings. */
    PgResult exec_once(std::string_view sql);
    /**
     * Runs a statement prepared on this connection under `name` at its first use.
     * @throws VaultError, or VaultUnavailable when the connection is lost.
     */
    PgResult run(const char* name, const char* sql, const std::vector<PgParam>& params = {});
    /// A value as an SQL literal, quoted and escaped by libpq for this connection.
    std::string literal(std::string_view value);
    /// The SQLSTATE of the last failed statement ("" when none), e.g. "23503".
    const std::string& last_state() const { return m_last_state; }
    /// The connection was lost; the pool replaces it.
    bool broken() const;

private:
    PgResult checked(pg_result* result, std::string_view what);
    PgResult run_once(const char* name, const char* sql, const std::vector<PgParam>& params);
    /// Reconnects a connection lost outside a transaction; true when it may be used again.
    bool reconnect_if_lost(bool was_idle);

    pg_conn* m_conn = nullptr;
    std::string m_location;
    std::set<std::string> m_prepared;
    std::string m_last_state;
};

/// Connections for a store used from many threads: each call borrows one.
class PgPool {
public:
    /** Opens the first connection now, so that a wrong address fails at start. */
    PgPool(std::string conninfo, std::string location, std::size_t size);

    class Lease {
    public:
        Lease(PgPool& pool, std::unique_ptr<PgConnection> c) : m_pool(pool), m_c(std::move(c)) {}
        ~Lease() { m_pool.give_back(std::move(m_c)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        PgConnection* operator->() { return m_c.get(); }
        PgConnection& operator*() { return *m_c; }

    private:
        PgPool& m_pool;
        std::unique_ptr<PgConnection> m_c;
    };

    /** A connection, waiting while all are lent; a lost one is replaced. */
    Lease borrow();

private:
    void give_back(std::unique_ptr<PgConnection> c);

    std::string m_conninfo;
    std::string m_location;
    std::size_t m_size;
    std::size_t m_open = 0;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
};

/// Runs body in a transaction on c: committed when it returns, rolled back when it throws.
template <class Body>
void in_pg_transaction(PgConnection& c, const Body& body) {
    // READ COMMITTED whatever the database's default: a head read after its lock sees
    // what the lock's last holder committed.
    c.exec("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
        body();
        c.exec("COMMIT");
    } catch (...) {
        try {
            c.exec("ROLLBACK");
        } catch (const VaultError&) {
            // a lost connection rolls back by itself
        }
        throw;
    }
}

/**
 * The libpq connection string of a `postgresql://` vault location.
 * @throws VaultError when it carries a password (PGPASSFILE or PGPASSWORD hold it) or
 *         cannot be read; the message never quotes it.
 */
std::string pg_conninfo(const std::string& location);

/// The location as it may be named in messages: the URL without its query.
std::string pg_location_name(const std::string& location);

} // namespace skolvag::api

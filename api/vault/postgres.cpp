// SPDX-License-Identifier: MIT
#include "api/vault/postgres.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace skolvag::api {

namespace {

/// libpq's message without its trailing newline.
std::string message_of(const char* text) {
    std::string m = text != nullptr ? text : "";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) {
        m.pop_back();
    }
    return m;
}

} // namespace

std::vector<PgParam> text_params(std::initializer_list<std::string> values) {
    std::vector<PgParam> out;
    for (const std::string& v : values) {
        out.emplace_back(std::optional<std::string>(v));
    }
    return out;
}

PgResult::~PgResult() {
    if (m_result != nullptr) {
        PQclear(m_result);
    }
}

int PgResult::rows() const { return PQntuples(m_result); }

std::int64_t PgResult::changed() const {
    const char* n = PQcmdTuples(m_result);
    std::int64_t value = 0;
    std::from_chars(n, n + std::strlen(n), value);
    return value;
}

bool PgResult::is_null(int row, int column) const { return PQgetisnull(m_result, row, column) != 0; }

std::string PgResult::text(int row, int column) const {
    return {PQgetvalue(m_result, row, column), static_cast<std::size_t>(PQgetlength(m_result, row, column))};
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
    if (is_null(row, column)) {
        return std::nullopt;
    }
    return text(row, column);
}

std::int64_t PgResult::integer(int row, int column) const {
    const std::string t = text(row, column);
    std::int64_t value = 0;
    if (std::from_chars(t.data(), t.data() + t.size(), value).ec != std::errc{}) {
        throw VaultError("the vault's database answered a number that is not one");
    }
    return value;
}

bool PgResult::boolean(int row, int column) const { return text(row, column) == "t"; }

Bytes PgResult::bytes(int row, int column) const {
    std::size_t length = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(m_result, row, column)), &length);
    if (raw == nullptr) {
        throw VaultError("the vault's database answered bytes that could not be read");
    }
    Bytes out(raw, raw + length);
    PQfreemem(raw);
    return out;
}

PgConnection::PgConnection(const std::string& conninfo, const std::string& location) : m_location(location) {
    // connect_timeout first, so that the URL's own overrides it; the URL is expanded.
    const char* keywords[] = {"connect_timeout", "dbname", "fallback_application_name", nullptr};
    const char* values[] = {"5", conninfo.c_str(), "skolvag", nullptr};
    m_conn = PQconnectdbParams(keywords, values, 1);
    if (m_conn == nullptr || PQstatus(m_conn) != CONNECTION_OK) {
        const std::string why = m_conn != nullptr ? message_of(PQerrorMessage(m_conn)) : "out of memory";
        if (m_conn != nullptr) {
            PQfinish(m_conn);
        }
        throw VaultUnavailable("vault " + m_location + ": cannot connect: " + why);
    }
    // The primary line only: a DETAIL line can quote a row's values.
    PQsetErrorVerbosity(m_conn, PQERRORS_TERSE);
    PQclear(PQexec(m_conn, "SET client_min_messages = warning")); // notices only: its failure is harmless
}

PgConnection::~PgConnection() { PQfinish(m_conn); }

std::string PgConnection::literal(std::string_view value) {
    char* quoted = PQescapeLiteral(m_conn, value.data(), value.size());
    if (quoted == nullptr) {
        throw VaultError("vault " + m_location + ": a value could not be quoted");
    }
    std::string out(quoted);
    PQfreemem(quoted);
    return out;
}

bool PgConnection::broken() const { return PQstatus(m_conn) != CONNECTION_OK; }

PgResult PgConnection::checked(pg_result* raw, std::string_view what) {
    PgResult result(raw);
    const ExecStatusType status = raw != nullptr ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
        m_last_state.clear();
        return result;
    }
    const char* state = raw != nullptr ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
    m_last_state = state != nullptr ? state : "";
    const std::string why = message_of(PQerrorMessage(m_conn));
    // Class 08 is a connection failure; 57P0x the server shutting down or restarting.
    if (broken() || m_last_state.rfind("08", 0) == 0 || m_last_state.rfind("57P0", 0) == 0) {
        throw VaultUnavailable("vault " + m_location + ": the database is not reachable: " + why);
    }
    throw VaultError("vault " + m_location + ": " + std::string(what) + " failed: " + why);
}

bool PgConnection::reconnect_if_lost(bool was_idle) {
    // A connection the server dropped (a restart, a failover) is noticed only when a
    // statement fails on it. Outside a transaction the statement is tried once more on
    // a new connection: every statement the store sends outside one is a read or an
    // idempotent write, and a BEGIN has done nothing yet.
    if (!was_idle || !broken()) {
        return false;
    }
    PQreset(m_conn);
    m_prepared.clear();
    if (broken()) {
        return false;
    }
    PQsetErrorVerbosity(m_conn, PQERRORS_TERSE);
    PQclear(PQexec(m_conn, "SET client_min_messages = warning"));
    return true;
}

PgResult PgConnection::exec(std::string_view sql) {
    const std::string text(sql);
    const bool idle = PQtransactionStatus(m_conn) == PQTRANS_IDLE;
    try {
        return checked(PQexec(m_conn, text.c_str()), "a statement");
    } catch (const VaultUnavailable&) {
        if (!reconnect_if_lost(idle)) {
            throw;
        }
        return checked(PQexec(m_conn, text.c_str()), "a statement");
    }
}

PgResult PgConnection::exec_once(std::string_view sql) {
    const std::string text(sql);
    return checked(PQexec(m_conn, text.c_str()), "a statement");
}

PgResult PgConnection::run(const char* name, const char* sql, const std::vector<PgParam>& params) {
    const bool idle = PQtransactionStatus(m_conn) == PQTRANS_IDLE;
    try {
        return run_once(name, sql, params);
    } catch (const VaultUnavailable&) {
        if (!reconnect_if_lost(idle)) {
            throw;
        }
        return run_once(name, sql, params);
    }
}

PgResult PgConnection::run_once(const char* name, const char* sql, const std::vector<PgParam>& params) {
    if (m_prepared.count(name) == 0) {
        checked(PQprepare(m_conn, name, sql, static_cast<int>(params.size()), nullptr), name);
        m_prepared.insert(name);
    }
    std::vector<std::string> numbers(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (const auto* text = std::get_if<std::optional<std::string>>(&params[i])) {
            if (*text) {
                values[i] = (*text)->c_str();
            }
        } else if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
            numbers[i] = std::to_string(*number);
            values[i] = numbers[i].c_str();
        } else {
            const Bytes& b = std::get<Bytes>(params[i]);
            values[i] = reinterpret_cast<const char*>(b.data());
            lengths[i] = static_cast<int>(b.size());
            formats[i] = 1; // bytea in binary: its bytes as they are
        }
    }
    return checked(PQexecPrepared(m_conn, name, static_cast<int>(params.size()), values.data(), lengths.data(),
                                  formats.data(), 0),
                   name);
}

PgPool::PgPool(std::string conninfo, std::string location, std::size_t size)
    : m_conninfo(std::move(conninfo)), m_location(std::move(location)), m_size(size) {
    m_idle.push_back(std::make_unique<PgConnection>(m_conninfo, m_location));
    m_open = 1;
}

PgPool::Lease PgPool::borrow() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_returned.wait(lock, [&] { return !m_idle.empty() || m_open < m_size; });
    if (!m_idle.empty()) {
        std::unique_ptr<PgConnection> c = std::move(m_idle.back());
        m_idle.pop_back();
        if (!c->broken()) {
            return Lease(*this, std::move(c));
        }
        --m_open; // lost: replaced below
    }
    ++m_open;
    lock.unlock();
    try {
        return Lease(*this, std::make_unique<PgConnection>(m_conninfo, m_location));
    } catch (...) {
        lock.lock();
        --m_open;
        m_returned.notify_one();
        throw;
    }
}

void PgPool::give_back(std::unique_ptr<PgConnection> c) {
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (c && !c->broken()) {
            m_idle.push_back(std::move(c));
        } else {
            --m_open;
        }
    }
    m_returned.notify_one();
}

std::string pg_conninfo(const std::string& location) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(location.c_str(), &error);
    if (options == nullptr) {
        PQfreemem(error); // libpq's message can quote the address: name the problem only
        throw VaultError("the vault's postgresql:// address cannot be read (see libpq's connection URI syntax)");
    }
    bool has_password = false;
    for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (std::strcmp(o->keyword, "password") == 0 && o->val != nullptr && o->val[0] != '\0') {
            has_password = true;
        }
    }
    PQconninfoFree(options);
    if (has_password) {
        throw VaultError("the vault's postgresql:// address carries a password: give it in PGPASSFILE or PGPASSWORD, "
                         "never in server.toml");
    }
    return location;
}

std::string pg_location_name(const std::string& location) { return location.substr(0, location.find('?')); }

} // namespace skolvag::api

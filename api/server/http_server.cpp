// SPDX-License-Identifier: MIT
#include "api/server/http_server.hpp"

#include "api/server/auth.hpp"
#include "api/server/endpoints.hpp"
#include "api/server/guarded_server.hpp"
#include "api/server/guarded_stream.hpp"
#include "api/server/metrics.hpp"
#include "api/server/rate_limiter.hpp"
#include "api/vault/crypto.hpp"
#include "api/vault/postgres.hpp"
#include "geodata/text/hex.hpp"
#include "geodata/text/utf8.hpp"

#include <httplib.h>
#include <openssl/ssl.h>

#include <charconv>
#include <functional>
#include <chrono>
#include <optional>
#include <regex>
#include <string>

namespace skolvag::api {

namespace {

using Clock = std::chrono::steady_clock;

// Mozilla's "intermediate" profile: TLS 1.2 or newer, forward-secret AEAD suites only
// (TLS 1.3's suites all are). The DHE suites are left out: they need DH parameters.
constexpr const char* kTls12Ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

/** Narrows a TLS context to the profile; false when OpenSSL refuses it. */
bool harden_tls(SSL_CTX* ctx) {
    return ctx != nullptr && SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 &&
           SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) == 1;
}

std::string new_request_id() {
    const Bytes r = random_bytes(6);
    return geodata::to_hex(r.data(), r.size());
}

void send_error(httplib::Response& res, const ApiError& e) {
    res.status = http_status(e.code);
    res.set_content(error_json(e), "application/json");
}

/// What one request is, as far as the log and the audit may know it. httplib answers
/// each request on one thread, from pre-routing through the handler to the logger, so
/// the handler leaves it here for the logger and the exception handler to read.
struct RequestInfo {
    std::string id;
    std::string route = "(no route)"; ///< method and path template; never the path itself
    const Endpoint* endpoint = nullptr;
    const ClientConfig* client = nullptr;
    std::string token;                ///< the token concerned, when well-formed
    Clock::time_point start = Clock::now();
};
thread_local RequestInfo t_request;

/// The first query parameter whose name or value is not UTF-8, for a 400.
std::optional<std::string> non_utf8_parameter(const httplib::Request& req) {
    for (const auto& [name, value] : req.params) {
        if (!geodata::is_valid_utf8(name)) {
            return std::string("a query parameter's name");
        }
        if (!geodata::is_valid_utf8(value)) {
            return "query parameter '" + name + "'";
        }
    }
    return std::nullopt;
}

ApiRequest api_request(const Endpoint& e, const httplib::Request& req) {
    ApiRequest r;
    const std::string matched = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
    (e.path.find("{file}") != std::string_view::npos ? r.path_file : r.path_token) = matched;
    for (const auto& [name, value] : req.params) {
        r.query.emplace(name, value); // the first of repeated parameters
    }
    r.body = req.body;
    r.authorization = req.get_header_value("Authorization");
    return r;
}

/// Methods for which cpp-httplib reads a body, with or without a Content-Length.
bool expects_body(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "PRI";
}

/**
 * What the API refuses before a request's body is read: bodies of unknown length
 * (chunked, or no Content-Length) or compressed (either can grow without bound while
 * read), over the limit, or sent without a valid key.
 */
std::optional<ApiError> refusal_before_body(const httplib::Request& req, const Authenticator& auth) {
    if (req.has_header("Transfer-Encoding")) {
        return ApiError{ErrorCode::length_required, "send the body with Content-Length; Transfer-Encoding is not accepted"};
    }
    if (req.has_header("Content-Encoding")) {
        return ApiError{ErrorCode::unsupported_encoding, "bodies are accepted uncompressed only, without Content-Encoding"};
    }
    if (req.get_header_value_count("Content-Length") > 1) {
        return ApiError{ErrorCode::bad_request, "Content-Length is given more than once"};
    }
    if (!req.has_header("Content-Length")) {
        if (expects_body(req.method)) {
            return ApiError{ErrorCode::length_required, "a " + req.method + " needs a Content-Length"};
        }
        return std::nullopt;
    }
    const std::string text = req.get_header_value("Content-Length");
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
        return ApiError{ErrorCode::bad_request, "Content-Length is not a whole number of bytes"};
    }
    if (length > HttpServer::kMaxBodyBytes) {
        return ApiError{ErrorCode::payload_too_large,
                        "the body is larger than " + std::to_string(HttpServer::kMaxBodyBytes / 1024) + " KiB"};
    }
    if (length > 0 && auth.authenticate(req.get_header_value("Authorization")) == nullptr) {
        return ApiError{ErrorCode::unauthorized, "a valid API key is needed: Authorization: Bearer KEY"};
    }
    return std::nullopt;
}

/// The error of a request whose reading the GuardedStream stopped, if it did.
std::optional<ApiError> breach_error() {
    switch (current_breach()) {
    case Breach::head_too_large:
        return ApiError{ErrorCode::headers_too_large,
                        "at most " + std::to_string(GuardedStream::kMaxHeadLines) + " header lines and " +
                            std::to_string(GuardedStream::kMaxHeadBytes / 1024) + " KiB of them"};
    case Breach::too_slow: return ApiError{ErrorCode::request_timeout, "the request did not arrive in time"};
    case Breach::body_too_large:
        return ApiError{ErrorCode::payload_too_large,
                        "the body is larger than " + std::to_string(HttpServer::kMaxBodyBytes / 1024) + " KiB"};
    case Breach::none:
    case Breach::stopping: break;
    }
    return std::nullopt;
}

/// The endpoint's path as an httplib pattern: {token} matches one path segment, {file}
/// the rest of the path (the endpoint checks it against its allow-list).
std::string path_pattern(std::string_view path) {
    std::string pattern(path);
    if (const auto at = pattern.find("{token}"); at != std::string::npos) {
        pattern.replace(at, 7, "([^/]+)");
    }
    if (const auto at = pattern.find("{file}"); at != std::string::npos) {
        pattern.replace(at, 6, "(.+)");
    }
    return pattern;
}

} // namespace

struct HttpServer::Impl {
    Impl(const ServerConfig& c, DistanceService& s, AuditUpkeep& u, AccessLog& l)
        : config(c), service(s), upkeep(u), log(l), auth(c.clients),
          connections(c.connections, HttpServer::kMaxBodyBytes,
                      [this](int status) { log.request(new_request_id(), "", "(no route)", "", status, 0); }),
          map(MapFiles::kLeafletDir, c.tile_url),
          services{s, metrics, connections.guard(), c.metrics_key_sha256, map, c.tile_url, c.network_limits} {
        if (!map.leaflet_installed()) {
            log.message(std::string("warning: Leaflet is not installed (Debian package libjs-leaflet, ") +
                        MapFiles::kLeafletDir + "): GET /map says so and draws no map");
        }
        if (c.uses_tls()) {
            auto tls = std::make_unique<GuardedTlsServer>(*c.tls_cert, *c.tls_key, connections);
            tls_ok = tls->is_valid() && harden_tls(tls->ssl_context());
            widen_backlog = [s = tls.get()] { return s->widen_backlog(); };
            server = std::move(tls);
        } else {
            auto plain = std::make_unique<GuardedServer>(connections);
            widen_backlog = [s = plain.get()] { return s->widen_backlog(); };
            server = std::move(plain);
        }
    }

    /// Answers one endpoint's request: authentication (401), rate limit (429), query
    /// parameters that are not UTF-8 (400), then the endpoint; the log line is the
    /// logger's. Exceptions go to the exception handler, which answers a bare 500.
    void answer(const Endpoint& e, const httplib::Request& req, httplib::Response& res) {
        RequestInfo& info = t_request;
        info.route = e.route();
        info.endpoint = &e;
        const ApiRequest request = api_request(e, req);
        info.token = looks_like_token(request.path_token) ? request.path_token : "";
        const Result<Answer> out = checked_call(e, req, request, res);
        if (const auto* error = std::get_if<ApiError>(&out)) {
            send_error(res, *error);
        } else {
            const Answer& a = std::get<Answer>(out);
            res.status = a.status;
            res.set_content(a.body, a.content_type.c_str());
            for (const auto& [name, value] : a.headers) {
                res.headers.erase(name);
                res.set_header(name, value);
            }
            if (looks_like_token(a.token)) {
                info.token = a.token;
            }
        }
        if (e.needs_key) { // health checks and scrapes are not the API's traffic
            metrics.observe(info.route, res.status,
                            std::chrono::duration<double, std::milli>(Clock::now() - info.start).count());
        }
    }

    Result<Answer> checked_call(const Endpoint& e, const httplib::Request& req, const ApiRequest& request,
                                httplib::Response& res) {
        RequestInfo& info = t_request;
        if (!e.needs_key) {
            return e.handler(services, nullptr, request);
        }
        info.client = auth.authenticate(request.authorization);
        if (info.client == nullptr) {
            res.set_header("WWW-Authenticate", "Bearer");
            audit_keyless_call(e, request.path_token);
            return ApiError{ErrorCode::unauthorized, "a valid API key is needed: Authorization: Bearer KEY"};
        }
        if (const int wait = limiter.take(info.client->name, info.client->rate_per_minute); wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            // Counted per client and minute: refusals must not fill the trail themselves.
            upkeep.refused(info.client->tenant, info.client->name, "rate_limited", "", public_code(ErrorCode::rate_limited));
            return ApiError{ErrorCode::rate_limited, "too many requests; retry after " + std::to_string(wait) + " s"};
        }
        if (const auto bad = non_utf8_parameter(req)) {
            if (!e.action.empty()) {
                upkeep.refused(info.client->tenant, info.client->name, std::string(e.action),
                               audit_token(request.path_token), public_code(ErrorCode::invalid_field));
            }
            return ApiError{ErrorCode::invalid_field, *bad + " is not valid UTF-8"};
        }
        Call call{*info.client, *service.tenant(info.client->tenant), {}, false, std::nullopt};
        return call_endpoint(e, services, call, request);
    }

    /// A call without a valid key that names an existing token is audited in the
    /// token's tenant (PRIVACY.md: every call touching a token is), counted per minute.
    void audit_keyless_call(const Endpoint& e, const std::string& token) {
        if (e.action.empty() || !looks_like_token(token)) {
            return;
        }
        if (const std::optional<std::string> tenant = service.vault().tenant_of(token)) {
            upkeep.refused(*tenant, "", std::string(e.action), token, public_code(ErrorCode::unauthorized));
        }
    }

    /// The route a request is for, for the log of one refused before routing.
    std::string route_of(const httplib::Request& req) const {
        for (const auto& [pattern, e] : routes) {
            if (to_string(e->method) == req.method && std::regex_match(req.path, pattern)) {
                return e->route();
            }
        }
        return "(no route)";
    }

    void install_routes() {
        httplib::Server& s = *server;
        s.set_payload_max_length(kMaxBodyBytes);
        // Answers are small: without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // hold each one back for 40 ms.
        s.set_tcp_nodelay(true);
        for (const Endpoint& e : api_endpoints()) {
            auto handler = [this, &e](const httplib::Request& req, httplib::Response& res) { answer(e, req, res); };
            const std::string pattern = path_pattern(e.path);
            routes.emplace_back(std::regex(pattern), &e);
            switch (e.method) {
            case Method::get: s.Get(pattern, handler); break;
            case Method::post: s.Post(pattern, handler); break;
            case Method::del: s.Delete(pattern, handler); break;
            }
        }
        install_request_frame(s);
    }

    /// What every request gets around its endpoint: an id and headers first, one log
    /// line last, JSON for the errors httplib answers itself, and a bare 500.
    void install_request_frame(httplib::Server& s) {
        s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            t_request = RequestInfo{};
            t_request.id = new_request_id();
            res.set_header("X-Request-Id", t_request.id);
            res.set_header("Cache-Control", "no-store");
            if (const std::optional<ApiError> refusal = refusal_before_body(req, auth)) {
                t_request.route = route_of(req);
                if (refusal->code == ErrorCode::unauthorized) {
                    res.set_header("WWW-Authenticate", "Bearer");
                }
                send_error(res, *refusal);
                res.set_header("Connection", "close");
                close_connection_after_answer(); // the body, if any, is still on its way
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });
        s.set_logger([this](const httplib::Request&, const httplib::Response& res) {
            RequestInfo& info = t_request;
            const std::string id = info.id.empty() ? new_request_id() : info.id; // httplib answered early
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - info.start).count();
            log.request(id, info.client != nullptr ? info.client->name : "", info.route, info.token, res.status, ms);
            t_request = RequestInfo{};
        });
        // Unknown routes, bodies over the limit and anything httplib answers itself get
        // a JSON body too; answers that already have one keep it.
        s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (const std::optional<ApiError> breach = breach_error()) { // the guard stopped reading
                send_error(res, *breach);
                res.set_header("Connection", "close");
                return httplib::Server::HandlerResponse::Handled;
            }
            if (!res.body.empty()) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            static const std::string too_large =
                "the body is larger than " + std::to_string(kMaxBodyBytes / 1024) + " KiB";
            const ApiError e = res.status == 413   ? ApiError{ErrorCode::payload_too_large, too_large}
                               : res.status == 404 ? ApiError{ErrorCode::not_found, "no such route"}
                                                   : ApiError{ErrorCode::invalid_field, "the request could not be read"};
            res.set_content(error_json(e), "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }));
        s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
            try {
                std::rethrow_exception(e);
            } catch (const VaultUnavailable&) {
                answer_vault_unavailable(res);
            } catch (...) {
                answer_internal_error(res);
            }
        });
    }

    /// The vault's database is away (restarting, failing over): a 503 the client may
    /// retry, not an internal error. No audit entry can be written now: a call that
    /// changed the vault before the database went away (an erasure) is done but not in
    /// the trail; its retry is audited (as not_found). api/PRIVACY.md says so.
    void answer_vault_unavailable(httplib::Response& res) {
        RequestInfo& info = t_request;
        if (info.id.empty()) {
            info.id = new_request_id();
        }
        res.status = 503;
        res.set_header("Retry-After", "5");
        if (!res.has_header("X-Request-Id")) {
            res.set_header("X-Request-Id", info.id);
        }
        res.set_content(error_json({ErrorCode::vault_unavailable, "the vault's database cannot be reached now; try again"}),
                        "application/json");
        log.message("error req=" + info.id + " " + info.route + " the vault's database cannot be reached");
    }

    /// Never echoes an exception's text: it may say more than a client should see. The
    /// answer quotes the request's own id, so the log line and the audit entry match.
    void answer_internal_error(httplib::Response& res) {
        RequestInfo& info = t_request;
        if (info.id.empty()) {
            info.id = new_request_id();
        }
        res.status = 500;
        if (!res.has_header("X-Request-Id")) {
            res.set_header("X-Request-Id", info.id);
        }
        res.set_content(error_json({ErrorCode::internal, "internal error; quote request id " + info.id}),
                        "application/json");
        log.message("error req=" + info.id + " " + info.route + " internal error while answering");
        if (info.client != nullptr && info.endpoint != nullptr) {
            try {
                audit_refused_call(service.vault(), *info.endpoint, *info.client, info.token, ErrorCode::internal);
            } catch (const std::exception&) {
                log.message("error req=" + info.id + " the failure could not be audited");
            }
        }
    }

    const ServerConfig& config;
    DistanceService& service;
    AuditUpkeep& upkeep;
    AccessLog& log;
    Authenticator auth;
    RateLimiter limiter;
    Metrics metrics;
    ConnectionHandling connections;
    MapFiles map;
    Services services;
    std::vector<std::pair<std::regex, const Endpoint*>> routes;
    std::unique_ptr<httplib::Server> server;
    std::function<bool()> widen_backlog; ///< of the server, once bound
    bool tls_ok = true; ///< the TLS context took the profile (always true without TLS)
};

HttpServer::HttpServer(const ServerConfig& config, DistanceService& service, AuditUpkeep& upkeep, AccessLog& log)
    : m_impl(std::make_unique<Impl>(config, service, upkeep, log)) {
    m_impl->install_routes();
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
    httplib::Server& s = *m_impl->server;
    if (!s.is_valid() || !m_impl->tls_ok) {
        return -1;
    }
    const ServerConfig& c = m_impl->config;
    const int port = c.listen_port == 0 ? s.bind_to_any_port(c.listen_host)
                                        : (s.bind_to_port(c.listen_host, c.listen_port) ? c.listen_port : -1);
    return port >= 0 && m_impl->widen_backlog() ? port : -1;
}

bool HttpServer::serve() { return m_impl->server->listen_after_bind(); }

void HttpServer::stop() {
    m_impl->connections.stop(); // open connections finish their answer and close
    m_impl->server->stop();
}

} // namespace skolvag::api

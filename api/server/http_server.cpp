// SPDX-License-Identifier: MIT
#include "api/server/http_server.hpp"

#include "api/vault/crypto.hpp"
#include "api/server/openapi.hpp"
#include "geodata/text/hex.hpp"
#include "geodata/text/utf8.hpp"

#include <httplib.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace skolvag::api {

namespace {

using Clock = std::chrono::steady_clock;
using Handler = std::function<Result<ApiResponse>(const Caller&, const httplib::Request&)>;

// Each kept-alive connection holds a thread while it is open: enough threads for the
// case system's connections, or the ones beyond wait for a free thread.
constexpr std::size_t kHttpThreads = 64;

std::optional<std::string> query(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) {
        return std::nullopt;
    }
    return req.get_param_value(name);
}

std::string path_token(const httplib::Request& req) { return req.matches.size() > 1 ? std::string(req.matches[1]) : ""; }

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
    std::string action;               ///< audit action, for token calls
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

} // namespace

struct HttpServer::Impl {
    Impl(const ServerConfig& c, DistanceService& s, TokenVault& v, AccessLog& l)
        : config(c), service(s), vault(v), log(l), auth(c.clients) {
        if (c.uses_tls()) {
            server = std::make_unique<httplib::SSLServer>(c.tls_cert->c_str(), c.tls_key->c_str());
        } else {
            server = std::make_unique<httplib::Server>();
        }
    }

    /// Wraps an API route: authentication (401), rate limit (429), parameters that are
    /// not UTF-8 (400), the call and its JSON answer, and the metrics. The log line is
    /// the logger's. Exceptions go to the exception handler, which answers a bare 500.
    httplib::Server::Handler api_route(std::string route, std::string action, Handler handler) {
        return [this, route, action, handler](const httplib::Request& req, httplib::Response& res) {
            RequestInfo& info = t_request;
            info.route = route;
            info.action = action;
            info.client = auth.authenticate(req.get_header_value("Authorization"));
            const std::string token = path_token(req);
            info.token = looks_like_token(token) ? token : "";
            if (info.client == nullptr) {
                res.set_header("WWW-Authenticate", "Bearer");
                send_error(res, {ErrorCode::unauthorized, "a valid API key is needed: Authorization: Bearer KEY"});
            } else if (const int wait = limiter.take(info.client->name, info.client->rate_per_minute); wait > 0) {
                res.set_header("Retry-After", std::to_string(wait));
                send_error(res, {ErrorCode::rate_limited, "too many requests; retry after " + std::to_string(wait) + " s"});
                if (!token.empty()) {
                    // Someone trying tokens faster than allowed: the trail should show it.
                    vault.audit(info.client->tenant, info.client->name, action, audit_token(token),
                                public_code(ErrorCode::rate_limited));
                }
            } else if (const auto bad = non_utf8_parameter(req)) {
                send_error(res, {ErrorCode::invalid_field, *bad + " is not valid UTF-8"});
            } else {
                const Caller caller{*info.client, *service.tenant(info.client->tenant)};
                Result<ApiResponse> out = handler(caller, req);
                if (const auto* e = std::get_if<ApiError>(&out)) {
                    send_error(res, *e);
                } else {
                    const ApiResponse& r = std::get<ApiResponse>(out);
                    res.status = r.status;
                    res.set_content(r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                                    r.content_type.c_str());
                    if (looks_like_token(r.token)) {
                        info.token = r.token;
                    }
                }
            }
            metrics.observe(route, res.status, std::chrono::duration<double, std::milli>(Clock::now() - info.start).count());
        };
    }

    /// A route without a key (health, metrics, OpenAPI): named for the log.
    httplib::Server::Handler open_route(std::string route, std::function<void(httplib::Response&)> answer) {
        return [route, answer](const httplib::Request&, httplib::Response& res) {
            t_request.route = route;
            answer(res);
        };
    }

    void install_routes() {
        httplib::Server& s = *server;
        s.new_task_queue = [] { return new httplib::ThreadPool(kHttpThreads); };
        s.set_payload_max_length(kMaxBodyBytes);
        s.set_keep_alive_max_count(1000);
        // Answers are small: without TCP_NODELAY, Nagle's algorithm and delayed ACKs
        // hold each one back for 40 ms.
        s.set_tcp_nodelay(true);

        // Every request starts here: its id, the headers every answer has, the clock.
        s.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
            t_request = RequestInfo{};
            t_request.id = new_request_id();
            res.set_header("X-Request-Id", t_request.id);
            res.set_header("Cache-Control", "no-store");
            return httplib::Server::HandlerResponse::Unhandled;
        });
        // ...and ends here: one log line per request, whatever answered it.
        s.set_logger([this](const httplib::Request&, const httplib::Response& res) {
            RequestInfo& info = t_request;
            const std::string id = info.id.empty() ? new_request_id() : info.id; // httplib answered early
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - info.start).count();
            log.request(id, info.client != nullptr ? info.client->name : "", info.route, info.token, res.status, ms);
            t_request = RequestInfo{};
        });

        s.Get("/healthz", open_route("GET /healthz", [](httplib::Response& res) {
                  res.set_content(R"({"status":"ok"})", "application/json");
              }));
        s.Get("/metrics", open_route("GET /metrics", [this](httplib::Response& res) {
                  res.set_content(metrics.render(vault.token_count()), "text/plain; version=0.0.4");
              }));
        s.Get("/openapi.json", open_route("GET /openapi.json", [](httplib::Response& res) {
                  res.set_content(openapi_json(), "application/json");
              }));
        s.Post("/v1/tokens",
               api_route("POST /v1/tokens", "register", [this](const Caller& c, const httplib::Request& req) {
                   return service.register_token(c, req.body);
               }));
        s.Get(R"(/v1/tokens/([^/]+)/distance)",
              api_route("GET /v1/tokens/{token}/distance", "distance",
                        [this](const Caller& c, const httplib::Request& req) {
                            return service.distance(c, path_token(req), query(req, "school"), query(req, "grade"));
                        }));
        s.Get(R"(/v1/tokens/([^/]+)/route)",
              api_route("GET /v1/tokens/{token}/route", "route", [this](const Caller& c, const httplib::Request& req) {
                  return service.route(c, path_token(req), query(req, "school"), query(req, "grade"));
              }));
        s.Get(R"(/v1/tokens/([^/]+)/export)",
              api_route("GET /v1/tokens/{token}/export", "export", [this](const Caller& c, const httplib::Request& req) {
                  return service.export_token(c, path_token(req));
              }));
        s.Delete(R"(/v1/tokens/([^/]+))",
                 api_route("DELETE /v1/tokens/{token}", "erase", [this](const Caller& c, const httplib::Request& req) {
                     return service.erase(c, path_token(req));
                 }));
        s.Post("/v1/assessments",
               api_route("POST /v1/assessments", "assessment", [this](const Caller& c, const httplib::Request& req) {
                   return service.assessment(c, req.body);
               }));
        s.Get("/v1/trace", api_route("GET /v1/trace", "trace", [this](const Caller& c, const httplib::Request& req) {
                  return service.trace(c, query(req, "case_ref"));
              }));
        s.Get("/v1/audit", api_route("GET /v1/audit", "audit", [this](const Caller& c, const httplib::Request& req) {
                  return service.audit(c, query(req, "since"));
              }));
        s.Get("/v1/schools", api_route("GET /v1/schools", "", [this](const Caller& c, const httplib::Request&) {
                  return service.schools(c);
              }));

        // Unknown routes, bodies over the limit and anything httplib answers itself get
        // a JSON body too; answers that already have one keep it.
        s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            const ErrorCode code = res.status == 413   ? ErrorCode::payload_too_large
                                   : res.status == 404 ? ErrorCode::not_found
                                                       : ErrorCode::invalid_field;
            const std::string message = res.status == 413   ? "the body is larger than 16 KiB"
                                        : res.status == 404 ? "no such route"
                                                            : "the request could not be read";
            res.set_content(error_json({code, message}), "application/json");
            return httplib::Server::HandlerResponse::Handled;
        }));
        // Never echo an exception's text: it may say more than a client should see. The
        // answer quotes the request's own id, so the log line and the audit entry match.
        s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
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
            if (info.client != nullptr && !info.action.empty()) {
                try {
                    vault.audit(info.client->tenant, info.client->name, info.action, info.token,
                                public_code(ErrorCode::internal));
                } catch (const std::exception&) {
                    log.message("error req=" + info.id + " the failure could not be audited");
                }
            }
        });
    }

    const ServerConfig& config;
    DistanceService& service;
    TokenVault& vault;
    AccessLog& log;
    Authenticator auth;
    RateLimiter limiter;
    Metrics metrics;
    std::unique_ptr<httplib::Server> server;
};

HttpServer::HttpServer(const ServerConfig& config, DistanceService& service, TokenVault& vault, AccessLog& log)
    : m_impl(std::make_unique<Impl>(config, service, vault, log)) {
    m_impl->install_routes();
}

HttpServer::~HttpServer() = default;

int HttpServer::bind() {
    httplib::Server& s = *m_impl->server;
    if (!s.is_valid()) {
        return -1;
    }
    const ServerConfig& c = m_impl->config;
    if (c.listen_port == 0) {
        return s.bind_to_any_port(c.listen_host);
    }
    return s.bind_to_port(c.listen_host, c.listen_port) ? c.listen_port : -1;
}

bool HttpServer::serve() { return m_impl->server->listen_after_bind(); }

void HttpServer::stop() { m_impl->server->stop(); }

} // namespace skolvag::api

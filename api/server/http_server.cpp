// SPDX-License-Identifier: MIT
#include "api/server/http_server.hpp"

#include "api/server/crypto.hpp"
#include "api/server/openapi.hpp"
#include "geodata/sha256.hpp"

#include <httplib.h>

#include <chrono>
#include <functional>

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

std::string request_id() {
    const Bytes r = random_bytes(6);
    return geodata::to_hex(r.data(), r.size());
}

void send_error(httplib::Response& res, const ApiError& e) {
    res.status = http_status(e.code);
    res.set_content(error_json(e), "application/json");
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

    /// Wraps an API route: authentication (401), rate limit (429), the call, the JSON
    /// answer, the access log line and the metrics. Never throws: the exception handler
    /// catches what escapes and answers a bare 500.
    httplib::Server::Handler api_route(std::string route, Handler handler) {
        return [this, route, handler](const httplib::Request& req, httplib::Response& res) {
            const auto start = Clock::now();
            const std::string id = request_id();
            res.set_header("X-Request-Id", id);
            res.set_header("Cache-Control", "no-store");
            const ClientConfig* client = auth.authenticate(req.get_header_value("Authorization"));
            std::string token_for_log = looks_like_token(path_token(req)) ? path_token(req) : "";
            if (client == nullptr) {
                res.set_header("WWW-Authenticate", "Bearer");
                send_error(res, {ErrorCode::unauthorized, "a valid API key is needed: Authorization: Bearer KEY"});
            } else if (const int wait = limiter.take(client->name, client->rate_per_minute); wait > 0) {
                res.set_header("Retry-After", std::to_string(wait));
                send_error(res, {ErrorCode::rate_limited, "too many requests; retry after " + std::to_string(wait) + " s"});
            } else {
                const Caller caller{*client, *service.tenant(client->tenant)};
                Result<ApiResponse> out = handler(caller, req);
                if (const auto* e = std::get_if<ApiError>(&out)) {
                    send_error(res, *e);
                } else {
                    const ApiResponse& r = std::get<ApiResponse>(out);
                    res.status = r.status;
                    res.set_content(r.body.dump(), r.content_type.c_str());
                    if (looks_like_token(r.token)) {
                        token_for_log = r.token;
                    }
                }
            }
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            metrics.observe(route, res.status, ms);
            log.request(id, client != nullptr ? client->name : "", route, token_for_log, res.status, ms);
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

        s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"status":"ok"})", "application/json");
        });
        s.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            res.set_content(metrics.render(vault.token_count()), "text/plain; version=0.0.4");
        });
        s.Get("/openapi.json", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(openapi_json(), "application/json");
        });
        s.Post("/v1/tokens", api_route("POST /v1/tokens", [this](const Caller& c, const httplib::Request& req) {
                   return service.register_token(c, req.body);
               }));
        s.Get(R"(/v1/tokens/([^/]+)/distance)",
              api_route("GET /v1/tokens/{token}/distance", [this](const Caller& c, const httplib::Request& req) {
                  return service.distance(c, path_token(req), query(req, "school"), query(req, "grade"));
              }));
        s.Get(R"(/v1/tokens/([^/]+)/route)",
              api_route("GET /v1/tokens/{token}/route", [this](const Caller& c, const httplib::Request& req) {
                  return service.route(c, path_token(req), query(req, "school"), query(req, "grade"));
              }));
        s.Get(R"(/v1/tokens/([^/]+)/export)",
              api_route("GET /v1/tokens/{token}/export", [this](const Caller& c, const httplib::Request& req) {
                  return service.export_token(c, path_token(req));
              }));
        s.Delete(R"(/v1/tokens/([^/]+))",
                 api_route("DELETE /v1/tokens/{token}", [this](const Caller& c, const httplib::Request& req) {
                     return service.erase(c, path_token(req));
                 }));
        s.Post("/v1/assessments", api_route("POST /v1/assessments", [this](const Caller& c, const httplib::Request& req) {
                   return service.assessment(c, req.body);
               }));
        s.Get("/v1/trace", api_route("GET /v1/trace", [this](const Caller& c, const httplib::Request& req) {
                  return service.trace(c, query(req, "case_ref"));
              }));
        s.Get("/v1/audit", api_route("GET /v1/audit", [this](const Caller& c, const httplib::Request& req) {
                  return service.audit(c, query(req, "since"));
              }));
        s.Get("/v1/schools", api_route("GET /v1/schools", [this](const Caller& c, const httplib::Request&) {
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
        // Never echo an exception's text: it may say more than a client should see.
        s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
            const std::string id = request_id();
            res.status = 500;
            res.set_header("X-Request-Id", id);
            res.set_content(error_json({ErrorCode::internal, "internal error; quote request id " + id}),
                            "application/json");
            log.message("error req=" + id + " " + req.method + " internal error while answering");
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

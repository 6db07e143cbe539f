// SPDX-License-Identifier: MIT
#include "api/eligibility/batch_run.hpp"

#include "api/eligibility/distance_matrix.hpp"
#include "api/eligibility/register_diff.hpp"
#include "geodata/progress_line.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
#include <chrono>

namespace skolvag::api {

namespace {

std::string eta_text(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ETA %.1f s", seconds);
    return buf;
}

} // namespace

BatchResult run_batch(const BatchInputs& in) {
    const DecisionContext ctx{in.rules, in.schools, in.rules_sha256, in.network_id};
    const std::size_t n = in.homes.size();
    BatchResult result;
    result.stats.homes = n;
    result.decisions.resize(n);

    PreviousDecisions previous;
    if (in.previous != nullptr) {
        previous = index_previous(*in.previous);
    }

    // Reuse first: a home decided before on the same inputs needs no snapping at all.
    // Routes are not kept between runs, so tracing them computes every home.
    std::vector<bool> reused(n, false);
    for (std::size_t i = 0; i < n && !in.trace_routes; ++i) {
        if (const Decision* d = reusable_decision(previous, in.homes[i], in.rules_sha256, in.network_id,
                                                  in.schools.sha256)) {
            result.decisions[i] = *d;
            reused[i] = true;
            ++result.stats.reused;
        }
    }

    auto phase_start = std::chrono::steady_clock::now();
    auto seconds_since = [](std::chrono::steady_clock::time_point t) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    };
    std::vector<std::optional<geodata::Snap>> snaps(n);
    routing::parallel_for(n, in.threads, [&](std::size_t i, unsigned) {
        if (!reused[i] && in.homes[i].home) {
            snaps[i] = in.snapper.snap(*in.homes[i].home, in.rules.walking.max_snap_m, in.rules.walking.min_component_m);
        }
    });
    result.stats.snap_seconds = seconds_since(phase_start);

    std::vector<HomeCheck> checks(n);
    std::vector<std::size_t> matrix_index(n, SIZE_MAX);
    MatrixInputs matrix_in{in.net, in.reversed, in.hierarchy, in.rules, in.schools, {}, in.threads};
    for (std::size_t i = 0; i < n; ++i) {
        if (reused[i]) {
            continue;
        }
        checks[i] = check_home(in.homes[i], snaps[i], ctx);
        if (checks[i].early_outcome) {
            result.decisions[i] = early_decision(in.homes[i], checks[i], ctx);
            continue;
        }
        matrix_index[i] = matrix_in.homes.size();
        HomeQuery q;
        q.snap = *snaps[i];
        q.band = checks[i].band;
        if (in.trace_routes) {
            q.route_school = checks[i].chosen;
        }
        matrix_in.homes.push_back(q);
    }
    result.stats.computed = matrix_in.homes.size();

    if (!matrix_in.homes.empty()) {
        const auto start = std::chrono::steady_clock::now();
        std::optional<geodata::ProgressLine> progress;
        if (in.show_progress) {
            progress.emplace("batch");
        }
        const std::size_t homes = matrix_in.homes.size();
        auto report = [&](std::size_t done, std::size_t total) {
            if (!progress) {
                return;
            }
            const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            const double fraction = static_cast<double>(done) / static_cast<double>(total);
            const double per_second = elapsed > 0 ? static_cast<double>(homes) * fraction / elapsed : 0.0;
            progress->update(fraction, std::to_string(done) + "/" + std::to_string(total) + " schools, " +
                                           geodata::with_thousands(static_cast<unsigned long long>(per_second)) +
                                           " pupils/s, " + eta_text(elapsed / fraction - elapsed));
        };
        const DistanceMatrix matrix = compute_distance_matrix(matrix_in, report);
        result.stats.matrix_seconds = seconds_since(start);
        phase_start = std::chrono::steady_clock::now();
        result.stats.searches = matrix.searches();
        if (progress) {
            progress->finish(std::to_string(in.schools.schools.size()) + " schools, " +
                             geodata::with_thousands(homes) + " homes, " + std::to_string(matrix.searches()) +
                             " searches");
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (matrix_index[i] != SIZE_MAX) {
                const HomeDistances row = matrix.row(matrix_index[i]);
                result.decisions[i] = decide(in.homes[i], checks[i], *snaps[i], row, ctx);
            }
        }
        if (in.trace_routes) {
            for (std::size_t i = 0; i < n; ++i) {
                if (matrix_index[i] == SIZE_MAX) {
                    continue;
                }
                const std::optional<TracedRoute>& r = matrix.route(matrix_index[i]);
                if (r && !r->positions.empty()) {
                    result.routes.push_back({i, r->positions, r->kind});
                }
            }
        }
    }

    if (in.previous != nullptr) {
        result.removed = diff_against_previous(result.decisions, previous);
    } else {
        for (Decision& d : result.decisions) {
            d.change = Change::new_home;
        }
    }
    result.stats.decide_seconds = seconds_since(phase_start);
    return result;
}

} // namespace skolvag::api

// SPDX-License-Identifier: MIT
#include "api/eligibility/batch_run.hpp"

#include "api/eligibility/distance_matrix.hpp"
#include "api/eligibility/register_diff.hpp"
#include "geodata/progress_line.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <cstdio>

namespace skolvag::api {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string eta_text(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ETA %.1f s", seconds);
    return buf;
}

/// The run's homes as they pass through the steps.
struct HomeStates {
    explicit HomeStates(std::size_t n) : reused(n, false), snaps(n), checks(n), matrix_index(n, SIZE_MAX) {}
    std::vector<bool> reused;                       ///< copied from the previous run
    std::vector<std::optional<geodata::Snap>> snaps;
    std::vector<HomeCheck> checks;
    std::vector<std::size_t> matrix_index;          ///< row in the matrix; SIZE_MAX: decided without one
};

/// Copies what the previous run decided on the same inputs: such homes need no work at
/// all. Routes are not kept between runs, so tracing them computes every home.
void reuse_previous(const BatchInputs& in, const PreviousDecisions& previous, HomeStates& h, BatchResult& result) {
    for (std::size_t i = 0; i < in.homes.size() && !in.trace_routes; ++i) {
        if (const Decision* d = reusable_decision(previous, in.homes[i], in.rules_sha256, in.network_id,
                                                  in.schools.sha256)) {
            result.decisions[i] = *d;
            h.reused[i] = true;
            ++result.stats.reused;
        }
    }
}

void snap_homes(const BatchInputs& in, HomeStates& h) {
    routing::parallel_for(in.homes.size(), in.threads, [&](std::size_t i, unsigned) {
        if (!h.reused[i] && in.homes[i].home) {
            h.snaps[i] = in.snapper.snap(*in.homes[i].home, in.rules.walking.max_snap_m, in.rules.walking.min_component_m);
        }
    });
}

/// Decides the homes that stop early (invalid_input, not_on_network) and lists the
/// others as the matrix's rows.
std::vector<HomeQuery> check_homes(const BatchInputs& in, const DecisionContext& ctx, HomeStates& h,
                                   BatchResult& result) {
    std::vector<HomeQuery> queries;
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (h.reused[i]) {
            continue;
        }
        h.checks[i] = check_home(in.homes[i], h.snaps[i], ctx);
        if (h.checks[i].early_outcome) {
            result.decisions[i] = early_decision(in.homes[i], h.checks[i], ctx);
            continue;
        }
        h.matrix_index[i] = queries.size();
        HomeQuery q;
        q.snap = *h.snaps[i];
        q.band = h.checks[i].band;
        if (in.trace_routes) {
            q.route_school = h.checks[i].chosen;
        }
        q.explain_school = h.checks[i].chosen;
        queries.push_back(q);
    }
    return queries;
}

/// The matrix, with a progress line (schools done, pupils/s, ETA) when asked for.
DistanceMatrix matrix_with_progress(const BatchInputs& in, const MatrixInputs& matrix_in) {
    std::optional<geodata::ProgressLine> progress;
    if (in.show_progress) {
        progress.emplace("batch");
    }
    const auto start = Clock::now();
    const std::size_t homes = matrix_in.homes.size();
    auto report = [&](std::size_t done, std::size_t total) {
        if (!progress) {
            return;
        }
        const double elapsed = seconds_since(start);
        const double fraction = static_cast<double>(done) / static_cast<double>(total);
        const double per_second = elapsed > 0 ? static_cast<double>(homes) * fraction / elapsed : 0.0;
        progress->update(fraction, std::to_string(done) + "/" + std::to_string(total) + " schools, " +
                                       geodata::with_thousands(static_cast<unsigned long long>(per_second)) +
                                       " pupils/s, " + eta_text(elapsed / fraction - elapsed));
    };
    DistanceMatrix matrix = compute_distance_matrix(matrix_in, report);
    if (progress) {
        progress->finish(std::to_string(in.schools.schools.size()) + " schools, " + geodata::with_thousands(homes) +
                         " homes, " + std::to_string(matrix.searches()) + " searches");
    }
    return matrix;
}

/// Decides every home of the matrix, and keeps the routes traced for them.
void decide_from_matrix(const BatchInputs& in, const DecisionContext& ctx, const HomeStates& h,
                        const DistanceMatrix& matrix, BatchResult& result) {
    // Each home's decision on its own (in parallel), then the routes in register order.
    routing::parallel_for(in.homes.size(), in.threads, [&](std::size_t i, unsigned) {
        if (h.matrix_index[i] != SIZE_MAX) {
            result.decisions[i] = decide(in.homes[i], h.checks[i], *h.snaps[i], matrix.row(h.matrix_index[i]), ctx);
            explain_traffic(result.decisions[i], matrix.unsafe_places(h.matrix_index[i]));
        }
    });
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (h.matrix_index[i] == SIZE_MAX) {
            continue;
        }
        const std::optional<TracedRoute>& r = matrix.route(h.matrix_index[i]);
        if (in.trace_routes && r && !r->positions.empty()) {
            result.routes.push_back({i, r->positions, r->kind, r->pieces, r->crossings});
        }
    }
}

/// What a home's row says that does not fit together (PupilHome::note: x, y and lon, lat
/// apart) goes into its decision's note; a reused decision has it already.
void note_home_rows(const BatchInputs& in, const HomeStates& h, std::vector<Decision>& decisions) {
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (!h.reused[i] && !in.homes[i].note.empty()) {
            decisions[i].note += (decisions[i].note.empty() ? "" : "; ") + in.homes[i].note;
        }
    }
}

/// One pupil's rows (alternating residence) name one grade and one school: where they
/// do not, each computed row of that pupil says so in its note (the decisions stand).
void note_pupils_with_disagreeing_rows(const BatchInputs& in, const HomeStates& h, std::vector<Decision>& decisions) {
    std::map<std::string, std::vector<std::size_t>> rows_of;
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (!in.homes[i].pupil_ref.empty()) {
            rows_of[in.homes[i].pupil_ref].push_back(i);
        }
    }
    for (const auto& [ref, rows] : rows_of) {
        bool grades_differ = false;
        bool schools_differ = false;
        for (const std::size_t i : rows) {
            grades_differ = grades_differ || in.homes[i].grade != in.homes[rows.front()].grade;
            schools_differ = schools_differ || in.homes[i].school_id != in.homes[rows.front()].school_id;
        }
        if (!grades_differ && !schools_differ) {
            continue;
        }
        const std::string note = std::string("this pupil's rows give different ") +
                                 (grades_differ && schools_differ ? "grades and schools"
                                  : grades_differ                 ? "grades"
                                                                  : "schools") +
                                 ": check the register";
        for (const std::size_t i : rows) {
            if (!h.reused[i]) {
                decisions[i].note += (decisions[i].note.empty() ? "" : "; ") + note;
            }
        }
    }
}

/// The homes that could not be decided on distance, and their commonest cause.
RunFailures count_failures(const BatchInputs& in, const HomeStates& h, const std::vector<Decision>& decisions) {
    RunFailures f;
    f.homes = decisions.size();
    std::map<HomeProblem, std::pair<std::size_t, std::size_t>> by_problem; // problem -> (count, first home)
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        const Outcome o = decisions[i].outcome;
        if (o != Outcome::invalid_input && o != Outcome::not_on_network) {
            continue;
        }
        ++f.failed;
        HomeProblem problem = h.checks[i].problem;
        if (h.reused[i]) {
            problem = o == Outcome::not_on_network ? HomeProblem::not_on_network : HomeProblem::none;
        }
        auto [entry, inserted] = by_problem.try_emplace(problem, 0, i);
        ++entry->second.first;
    }
    std::size_t commonest_first = SIZE_MAX;
    for (const auto& [problem, count_first] : by_problem) {
        // The most frequent; of equally frequent causes, the one met first in the register.
        if (count_first.first > f.commonest_count ||
            (count_first.first == f.commonest_count && count_first.second < commonest_first)) {
            commonest_first = count_first.second;
            f.commonest_count = count_first.first;
            f.commonest_problem = problem;
            f.commonest_cause = failure_cause(problem);
            f.commonest_where = in.homes[count_first.second].where;
        }
    }
    return f;
}

} // namespace

BatchResult run_batch(const BatchInputs& in) {
    const DecisionContext ctx{in.rules, in.schools, in.rules_sha256, in.network_id};
    BatchResult result;
    result.stats.homes = in.homes.size();
    result.decisions.resize(in.homes.size());
    HomeStates h(in.homes.size());
    const PreviousDecisions previous = in.previous != nullptr ? index_previous(*in.previous) : PreviousDecisions{};
    reuse_previous(in, previous, h, result);

    auto phase_start = Clock::now();
    snap_homes(in, h);
    result.stats.snap_seconds = seconds_since(phase_start);

    const MatrixInputs matrix_in{in.net, in.reversed, in.hierarchy, in.rules, in.schools,
                                 check_homes(in, ctx, h, result), in.threads};
    result.stats.computed = matrix_in.homes.size();
    phase_start = Clock::now();
    if (!matrix_in.homes.empty()) {
        const DistanceMatrix matrix = matrix_with_progress(in, matrix_in);
        result.stats.matrix_seconds = seconds_since(phase_start);
        result.stats.searches = matrix.searches();
        result.entrance_warnings = matrix.entrance_warnings();
        phase_start = Clock::now();
        decide_from_matrix(in, ctx, h, matrix, result);
    }
    note_home_rows(in, h, result.decisions);
    note_pupils_with_disagreeing_rows(in, h, result.decisions);
    if (in.previous != nullptr) {
        result.removed = diff_against_previous(result.decisions, previous);
    } else {
        for (Decision& d : result.decisions) {
            d.change = Change::new_home;
        }
    }
    result.stats.decide_seconds = seconds_since(phase_start);
    result.failures = count_failures(in, h, result.decisions);
    return result;
}

} // namespace skolvag::api

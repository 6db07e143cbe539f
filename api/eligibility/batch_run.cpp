// SPDX-License-Identifier: MIT
#include "api/eligibility/batch_run.hpp"

#include "api/eligibility/distance_matrix.hpp"
#include "api/eligibility/register_diff.hpp"
#include "api/eligibility/rules_comparison.hpp"
#include "geodata/progress_line.hpp"
#include "routing/parallel_for.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <memory>
#include <stdexcept>
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
    for (std::size_t i = 0; i < in.homes.size() && in.routes == nullptr && in.compared_rules == nullptr; ++i) {
        if (const Decision* d = reusable_decision(previous, in.homes[i], in.rules_sha256, in.network_id,
                                                  in.schools.sha256, in.stops != nullptr ? in.stops->sha256 : "")) {
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
        if (in.routes != nullptr) {
            q.route_school = h.checks[i].chosen;
        }
        q.explain_school = h.checks[i].chosen;
        queries.push_back(q);
    }
    return queries;
}

/// Where the matrix's routes go: each to the routes file with its decision's columns,
/// as soon as its school is searched (matrix rows are the homes with a matrix_index).
RouteSink route_sink(const BatchInputs& in, const DecisionContext& ctx, const HomeStates& h) {
    if (in.routes == nullptr) {
        return {};
    }
    auto home_of_row = std::make_shared<std::vector<std::size_t>>();
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (h.matrix_index[i] != SIZE_MAX) {
            home_of_row->resize(std::max(home_of_row->size(), h.matrix_index[i] + 1));
            (*home_of_row)[h.matrix_index[i]] = i;
        }
    }
    return [&in, &ctx, &h, home_of_row](std::size_t row, const TracedRoute& route, routing::DistanceMm plain,
                                        routing::DistanceMm safe) {
        const std::size_t i = (*home_of_row)[row];
        in.routes->add(route_decision(in.homes[i], h.checks[i], plain, safe, ctx), route);
    };
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

/// On a cut network: whether a decision is the one the whole network gives. Its own
/// figures must be proven entries; a school or stop chosen as the nearest must be
/// reached at a proven distance (an entry that is not proven is, on the whole network,
/// at least as far as any proven one: network_cut.hpp), else every entry of the row.
bool nearest_proven(const DistanceMatrix& m, std::size_t row, std::optional<std::size_t> chosen) {
    if (chosen && m.safe_mm(row, *chosen) != routing::kUnreachable && m.proven(row, *chosen, true)) {
        return true;
    }
    return m.row_proven(row);
}

bool decision_proven(const DistanceMatrix& m, std::size_t row, const HomeCheck& check, const Decision& d,
                     const SchoolRegister& schools) {
    if (!m.proven(row, check.chosen, false) || !m.proven(row, check.chosen, true)) {
        return false;
    }
    if (check.reference) {
        return m.proven(row, *check.reference, true);
    }
    return nearest_proven(m, row, d.reference_school_id.empty() ? std::nullopt : schools.index_of(d.reference_school_id));
}

bool stop_proven(const DistanceMatrix& m, std::size_t row, const Decision& d, const SchoolRegister& stops) {
    const std::optional<std::size_t> stop = d.stop_id.empty() ? std::nullopt : stops.index_of(d.stop_id);
    if (stop && (!m.proven(row, *stop, false) || !m.proven(row, *stop, true))) {
        return false;
    }
    return d.stop_chosen_by == "given" ? true : nearest_proven(m, row, stop);
}

/// Decides every home of the matrix.
void decide_from_matrix(const BatchInputs& in, const DecisionContext& ctx, const HomeStates& h,
                        const DistanceMatrix& matrix, BatchResult& result, std::vector<bool>& unproven) {
    // Each home's decision on its own, in parallel.
    routing::parallel_for(in.homes.size(), in.threads, [&](std::size_t i, unsigned) {
        if (h.matrix_index[i] != SIZE_MAX) {
            result.decisions[i] = decide(in.homes[i], h.checks[i], *h.snaps[i], matrix.row(h.matrix_index[i]), ctx);
            explain_traffic(result.decisions[i], matrix.unsafe_places(h.matrix_index[i]));
        }
    });
    if (in.cut != nullptr) {
        for (std::size_t i = 0; i < in.homes.size(); ++i) {
            if (h.matrix_index[i] != SIZE_MAX &&
                !decision_proven(matrix, h.matrix_index[i], h.checks[i], result.decisions[i], in.schools)) {
                unproven[i] = true;
            }
        }
    }
}

/// The walk to the pick-up stop of every computed home that gets transport: the stops
/// are searched exactly as schools are (one search per stop and network of the bands
/// those homes have), and each home decided from its row of that matrix.
std::size_t decide_stops(const BatchInputs& in, const HomeStates& h, BatchResult& result,
                         std::vector<bool>& unproven) {
    std::vector<std::size_t> home_of_row;
    std::vector<HomeQuery> queries;
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (h.matrix_index[i] != SIZE_MAX && gets_transport(result.decisions[i].outcome)) {
            HomeQuery q;
            q.snap = *h.snaps[i];
            q.band = h.checks[i].band;
            queries.push_back(q);
            home_of_row.push_back(i);
        }
    }
    if (queries.empty()) {
        return 0;
    }
    const MatrixInputs stop_in{in.net,    in.reversed,        in.hierarchy, in.rules,
                               *in.stops, std::move(queries), in.threads,   {}, in.cut};
    const DistanceMatrix matrix = compute_distance_matrix(stop_in);
    routing::parallel_for(home_of_row.size(), in.threads, [&](std::size_t row, unsigned) {
        const std::size_t i = home_of_row[row];
        decide_stop(result.decisions[i], in.homes[i].stop_id, matrix.row(row), in.rules.bands[h.checks[i].band],
                    in.rules, *in.stops);
    });
    if (in.cut != nullptr) {
        for (std::size_t row = 0; row < home_of_row.size(); ++row) {
            if (!stop_proven(matrix, row, result.decisions[home_of_row[row]], *in.stops)) {
                unproven[home_of_row[row]] = true;
            }
        }
    }
    return matrix.searches();
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
/// Returns every such row, reused or not, for the rows needing attention.
std::vector<std::size_t> note_pupils_with_disagreeing_rows(const BatchInputs& in, const HomeStates& h,
                                                           std::vector<Decision>& decisions) {
    std::vector<std::size_t> disagreeing;
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
            disagreeing.push_back(i);
            if (!h.reused[i]) {
                decisions[i].note += (decisions[i].note.empty() ? "" : "; ") + note;
            }
        }
    }
    std::sort(disagreeing.begin(), disagreeing.end());
    return disagreeing;
}

/// Adds a row to an attention group, listing the first few rows.
void add_row(AttentionGroup& group, const PupilHome& home) {
    ++group.count;
    if (group.first_rows.size() < kAttentionRowsListed) {
        group.first_rows.push_back(home.where);
    }
}

/// The homes that could not be decided on distance, their commonest cause, and every
/// reason rows need attention. A reused home is checked again here (no search needed),
/// so a run with --previous names the same causes as one without.
RunFailures count_failures(const BatchInputs& in, const DecisionContext& ctx, const HomeStates& h,
                           const std::vector<Decision>& decisions, const std::vector<std::size_t>& disagreeing) {
    RunFailures f;
    f.homes = decisions.size();
    std::map<HomeProblem, AttentionGroup> by_problem;
    std::map<HomeProblem, std::size_t> first_of; // problem -> its first home
    AttentionGroup not_teaching{Attention::school_not_teaching, HomeProblem::none, 0, {}};
    AttentionGroup reference_not_teaching{Attention::reference_school_not_teaching, HomeProblem::none, 0, {}};
    for (std::size_t i = 0; i < decisions.size(); ++i) {
        // A reused home has no check yet: without a snap, check_home stops at the point.
        const HomeCheck check = h.reused[i] ? check_home(in.homes[i], std::nullopt, ctx) : h.checks[i];
        const bool checked_through = check.problem == HomeProblem::none || check.problem == HomeProblem::not_on_network;
        if (checked_through && in.homes[i].home) {
            const RegisterMismatch m = register_mismatch(check, ctx);
            if (m.school_not_teaching) {
                add_row(not_teaching, in.homes[i]);
            }
            if (m.reference_school_not_teaching) {
                add_row(reference_not_teaching, in.homes[i]);
            }
        }
        const Outcome o = decisions[i].outcome;
        if (o != Outcome::invalid_input && o != Outcome::not_on_network) {
            continue;
        }
        ++f.failed;
        const HomeProblem problem = o == Outcome::not_on_network ? HomeProblem::not_on_network : check.problem;
        AttentionGroup& group = by_problem[problem];
        if (group.count == 0) {
            group.kind = Attention::failed;
            group.problem = problem;
            first_of[problem] = i;
        }
        add_row(group, in.homes[i]);
    }
    // The most frequent cause first; of equally frequent ones, the one met first in the register.
    std::vector<HomeProblem> causes;
    for (const auto& [problem, group] : by_problem) {
        causes.push_back(problem);
    }
    std::sort(causes.begin(), causes.end(), [&](HomeProblem a, HomeProblem b) {
        const std::size_t ca = by_problem[a].count;
        const std::size_t cb = by_problem[b].count;
        return ca != cb ? ca > cb : first_of[a] < first_of[b];
    });
    for (const HomeProblem problem : causes) {
        f.attention.push_back(by_problem[problem]);
    }
    if (!causes.empty()) {
        f.commonest_problem = causes.front();
        f.commonest_cause = failure_cause(causes.front());
        f.commonest_count = by_problem[causes.front()].count;
        f.commonest_where = in.homes[first_of[causes.front()]].where;
    }
    AttentionGroup point_columns{Attention::point_columns_disagree, HomeProblem::none, 0, {}};
    for (std::size_t i = 0; i < in.homes.size(); ++i) {
        if (!in.homes[i].note.empty()) {
            add_row(point_columns, in.homes[i]);
        }
    }
    AttentionGroup pupil_rows{Attention::pupil_rows_disagree, HomeProblem::none, 0, {}};
    for (const std::size_t i : disagreeing) {
        add_row(pupil_rows, in.homes[i]);
    }
    for (AttentionGroup* g : {&not_teaching, &reference_not_teaching, &pupil_rows, &point_columns}) {
        if (g->count > 0) {
            f.attention.push_back(std::move(*g));
        }
    }
    return f;
}

/// The planner's what-if from this run's distances (rules_search_alike): each home
/// checked and decided again under the other rules, without a search.
std::vector<Decision> decide_under_compared_rules(const BatchInputs& in, const HomeStates& h,
                                                  const DistanceMatrix* matrix) {
    const Rules& other = *in.compared_rules;
    const DecisionContext ctx{other, in.schools, other.sha256, in.network_id};
    std::vector<Decision> decisions(in.homes.size());
    routing::parallel_for(in.homes.size(), in.threads, [&](std::size_t i, unsigned) {
        const HomeCheck check = check_home(in.homes[i], h.snaps[i], ctx);
        if (check.early_outcome) {
            decisions[i] = early_decision(in.homes[i], check, ctx);
            return;
        }
        if (h.matrix_index[i] == SIZE_MAX || matrix == nullptr) {
            // Alike rules stop the same homes early (same bands, same snapping).
            throw std::logic_error("batch: a home the compared rules decide has no distances");
        }
        decisions[i] = decide(in.homes[i], check, *h.snaps[i], matrix->row(h.matrix_index[i]), ctx);
        explain_traffic(decisions[i], matrix->unsafe_places(h.matrix_index[i]));
    });
    return decisions;
}

/// The planner's what-if when the other rules search differently: a run of its own
/// over the same network, snapper and hierarchy, with the entrances snapped again under
/// the other rules' snapping settings (max_snap_m, min_component_m may differ). The
/// entrance warnings were given for the run's own rules: the other rules' are not repeated.
std::vector<Decision> run_under_compared_rules(const BatchInputs& in) {
    SchoolRegister schools = in.schools;
    std::ostringstream warnings;
    snap_entrances(schools, in.snapper, in.compared_rules->walking, warnings);
    const BatchInputs other{in.net,      in.reversed,   in.hierarchy,           in.snapper,
                            *in.compared_rules, in.compared_rules->sha256, in.network_id, schools,
                            in.homes,    nullptr,       nullptr,                in.threads,
                            in.show_progress};
    return run_batch(other).decisions;
}

} // namespace

BatchResult run_batch(const BatchInputs& in) {
    const DecisionContext ctx{in.rules, in.schools, in.rules_sha256, in.network_id, in.stops};
    BatchResult result;
    result.stats.homes = in.homes.size();
    result.decisions.resize(in.homes.size());
    HomeStates h(in.homes.size());
    const PreviousDecisions previous = in.previous != nullptr ? index_previous(*in.previous) : PreviousDecisions{};
    reuse_previous(in, previous, h, result);

    auto phase_start = Clock::now();
    snap_homes(in, h);
    result.stats.snap_seconds = seconds_since(phase_start);

    std::vector<HomeQuery> queries = check_homes(in, ctx, h, result); // sets the matrix rows route_sink reads
    const MatrixInputs matrix_in{in.net,     in.reversed, in.hierarchy, in.rules,
                                 in.schools, std::move(queries), in.threads,  route_sink(in, ctx, h), in.cut};
    std::vector<bool> unproven(in.homes.size(), false);
    result.stats.computed = matrix_in.homes.size();
    phase_start = Clock::now();
    if (!matrix_in.homes.empty()) {
        const DistanceMatrix matrix = matrix_with_progress(in, matrix_in);
        result.stats.matrix_seconds = seconds_since(phase_start);
        result.stats.searches = matrix.searches();
        result.entrance_warnings = matrix.entrance_warnings();
        phase_start = Clock::now();
        decide_from_matrix(in, ctx, h, matrix, result, unproven);
        if (in.stops != nullptr) {
            result.stats.stop_searches = decide_stops(in, h, result, unproven);
            result.stats.searches += result.stats.stop_searches;
        }
        if (in.compared_rules != nullptr && rules_search_alike(in.rules, *in.compared_rules)) {
            result.compared = decide_under_compared_rules(in, h, &matrix);
            result.compared_searches_shared = true;
        }
    }
    if (in.compared_rules != nullptr && !result.compared) {
        if (matrix_in.homes.empty() && rules_search_alike(in.rules, *in.compared_rules)) {
            result.compared = decide_under_compared_rules(in, h, nullptr);
            result.compared_searches_shared = true;
        } else {
            result.compared = run_under_compared_rules(in);
        }
    }
    note_home_rows(in, h, result.decisions);
    const std::vector<std::size_t> disagreeing = note_pupils_with_disagreeing_rows(in, h, result.decisions);
    if (in.previous != nullptr) {
        result.removed = diff_against_previous(result.decisions, previous);
    } else {
        for (Decision& d : result.decisions) {
            d.change = Change::new_home;
        }
    }
    for (std::size_t i = 0; i < unproven.size(); ++i) {
        if (unproven[i]) {
            result.unproven.push_back(i);
        }
    }
    result.stats.decide_seconds = seconds_since(phase_start);
    result.failures = count_failures(in, ctx, h, result.decisions, disagreeing);
    return result;
}

} // namespace skolvag::api

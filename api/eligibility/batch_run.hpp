// SPDX-License-Identifier: MIT
// A whole-register eligibility run on registers already read: snap the homes, reuse
// what the previous run already decided, compute the homes x schools matrix for the
// rest (streaming each home's route to the routes file when asked), decide every home
// (and, with stops, the walk to its pick-up stop), diff against the previous run, and
// decide the homes under a compared rule set too.
#pragma once

#include "api/eligibility/decision.hpp"
#include "api/eligibility/run_failures.hpp"
#include "api/eligibility/entrance_check.hpp"
#include "api/eligibility/decisions_file.hpp"
#include "api/eligibility/pupil_register.hpp"
#include "api/eligibility/route_layers.hpp"
#include "api/eligibility/school_register.hpp"
#include "api/eligibility/rules.hpp"
#include "geodata/snap.hpp"
#include "geodata/target_tree.hpp"
#include "geodata/network_hierarchy.hpp"
#include "geodata/network_cut.hpp"

#include <optional>
#include <vector>

namespace skolvag::api {

struct BatchInputs {
    const geodata::WalkNetwork& net;
    const geodata::ReversedNetwork& reversed;
    const geodata::NetworkHierarchy& hierarchy;
    const geodata::Snapper& snapper;
    const Rules& rules;
    std::string rules_sha256;
    std::string network_id;
    const SchoolRegister& schools; ///< entrances already snapped
    const std::vector<PupilHome>& homes;
    const std::vector<Decision>* previous = nullptr; ///< the previous run, or nullptr
    RouteLayers* routes = nullptr;  ///< where each home's route to its chosen school goes, or nullptr
    unsigned threads = 1;
    bool show_progress = false;
    /// A planner's what-if: the same homes decided under these rules too (every home is
    /// then computed: nothing is reused from the previous run).
    const Rules* compared_rules = nullptr;
    /// The pick-up stops (stop_register.hpp), snapped, or nullptr: each computed home
    /// that gets transport then has its walk to its stop decided (decide_stop).
    const SchoolRegister* stops = nullptr;
    /// Set when `net` is a network cut to a region (network_cut.hpp): the homes whose
    /// decisions the cut cannot prove to be the whole network's are listed in
    /// BatchResult::unproven. nullptr: the whole network.
    const geodata::CutLimits* cut = nullptr;
};

struct BatchStats {
    std::size_t homes = 0;
    std::size_t computed = 0;  ///< homes that needed the matrix
    std::size_t reused = 0;    ///< homes copied from the previous run
    std::size_t searches = 0;  ///< one-to-all searches run
    std::size_t stop_searches = 0; ///< of those, searches from the pick-up stops
    double snap_seconds = 0.0;
    double matrix_seconds = 0.0;
    double decide_seconds = 0.0; ///< decisions and register diff
};

struct BatchResult {
    std::vector<Decision> decisions;               ///< one per home, in register order
    std::optional<std::vector<Decision>> removed;  ///< with a previous run: who left the register
    std::vector<EntranceWarning> entrance_warnings; ///< school entrances no safe route of a band reaches
    RunFailures failures;                          ///< homes that could not be decided, and every row needing attention
    /// On a cut network: the homes (register order) whose decision rests on a distance
    /// the cut cannot prove (one of 2 x (margin - max_snap_m) or more, or a "no route"
    /// whose search reached the cut's edge): decide them on the whole network.
    std::vector<std::size_t> unproven;
    std::optional<std::vector<Decision>> compared; ///< with compared_rules: every home under them, register order
    bool compared_searches_shared = false;         ///< decided from this run's distances, no search of its own
    BatchStats stats;
};

/** Runs the batch. @throws only for programming errors; bad rows become decisions. */
BatchResult run_batch(const BatchInputs& in);

} // namespace skolvag::api

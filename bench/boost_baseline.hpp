// SPDX-License-Identifier: MIT
// The batch benchmark's baseline: the homes x schools matrix with Boost.Graph's
// dijkstra_shortest_paths, written independently of skolvag's school search (only the
// access legs are shared), so that the benchmark also checks every distance.
#pragma once

#include "api/eligibility/distance_matrix.hpp"

#include <vector>

namespace skolvag::bench {

/**
 * For each school and each band's safety mask (or the plain network), Boost.Graph's
 * Dijkstra over a pre-filtered reversed graph from a super source joined to the
 * entrances' access nodes; then the same lookups per home.
 * @returns distances in mm, [school * homes + home]; kUnreachable for none.
 */
std::vector<routing::DistanceMm> boost_baseline_matrix(const api::MatrixInputs& in, bool safe, unsigned threads);

} // namespace skolvag::bench

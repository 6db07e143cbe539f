// SPDX-License-Identifier: MIT
#include "api/report/run_report.hpp"

#include "api/eligibility/version.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace skolvag::api {

namespace {

/// Bins of a tenth of the threshold up to twice the threshold, then one open bin: the
/// threshold falls on a bin edge, so every bin lies wholly on one side of it.
constexpr std::size_t kBinsPerThreshold = 10;
constexpr std::size_t kBins = 2 * kBinsPerThreshold + 1;

std::string utc_now_text() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::size_t index_of(Outcome o) { return static_cast<std::size_t>(o); }

std::vector<RunReport::BandRow> count_by_band(const Rules& rules, const std::vector<Decision>& decisions) {
    std::vector<RunReport::BandRow> rows;
    for (const Band& b : rules.bands) {
        rows.push_back({b.name, b.threshold_m, {}});
    }
    RunReport::BandRow without{"", std::nullopt, {}};
    for (const Decision& d : decisions) {
        const auto it = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return r.band == d.band; });
        ++(it != rows.end() && !d.band.empty() ? it->outcomes : without.outcomes)[index_of(d.outcome)];
    }
    if (std::any_of(without.outcomes.begin(), without.outcomes.end(), [](std::size_t n) { return n > 0; })) {
        rows.push_back(without);
    }
    return rows;
}

std::vector<RunReport::SchoolRow> count_by_school(const SchoolRegister& schools, const std::vector<Decision>& decisions) {
    std::vector<RunReport::SchoolRow> rows;
    for (const School& s : schools.schools) {
        rows.push_back({s.id, s.name, {}});
    }
    RunReport::SchoolRow unknown;
    for (const Decision& d : decisions) {
        if (const auto s = schools.index_of(d.school_id)) {
            ++rows[*s].outcomes[index_of(d.outcome)];
        } else {
            ++unknown.outcomes[index_of(d.outcome)];
        }
    }
    // Schools nobody chose stay out: the table is about the register's pupils.
    std::erase_if(rows, [](const RunReport::SchoolRow& r) {
        return std::all_of(r.outcomes.begin(), r.outcomes.end(), [](std::size_t n) { return n == 0; });
    });
    if (std::any_of(unknown.outcomes.begin(), unknown.outcomes.end(), [](std::size_t n) { return n > 0; })) {
        rows.push_back(unknown);
    }
    return rows;
}

std::vector<DistanceHistogram> histograms(const Rules& rules, const std::vector<Decision>& decisions) {
    std::vector<DistanceHistogram> out;
    for (const Band& b : rules.bands) {
        DistanceHistogram h;
        h.band = b.name;
        h.threshold_m = b.threshold_m;
        h.bin_m = b.threshold_m > 0.0 ? b.threshold_m / kBinsPerThreshold : 100.0;
        h.bins.assign(kBins, 0);
        for (const Decision& d : decisions) {
            if (d.band != b.name) {
                continue;
            }
            if (d.safe_distance_m) {
                const auto k = static_cast<std::size_t>(*d.safe_distance_m / h.bin_m);
                ++h.bins[std::min(k, kBins - 1)];
            } else if (d.outcome == Outcome::eligible_traffic) {
                ++h.no_safe_route;
            }
        }
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<RunReport::StopRow> count_stops_by_band(const Rules& rules, const std::vector<Decision>& decisions) {
    std::vector<RunReport::StopRow> rows;
    for (const Band& b : rules.bands) {
        RunReport::StopRow row{b.name, b.max_stop_distance_m, {}};
        for (const Decision& d : decisions) {
            if (d.band == b.name && d.stop_outcome) {
                ++row.outcomes[static_cast<std::size_t>(*d.stop_outcome)];
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

RunReport summarize_run(const RunReportSources& src) {
    const BatchResult& result = src.result;
    RunReport r;
    r.generated_utc = utc_now_text();
    r.skolvag_version = std::string(skolvag_version());
    r.rule_set = src.rules.name;
    r.rules_sha256 = src.rules.sha256;
    r.network_id = src.network_id;
    r.schools_sha256 = src.schools.sha256;
    r.schools_read_in = src.schools_read_in;
    r.pupils_read_in = src.pupils_read_in;
    r.homes = result.stats.homes;
    r.computed = result.stats.computed;
    r.reused = result.stats.reused;
    r.seconds = src.seconds;
    r.by_band = count_by_band(src.rules, result.decisions);
    r.by_school = count_by_school(src.schools, result.decisions);
    r.histograms = histograms(src.rules, result.decisions);
    if (src.stops) {
        r.stops_by_band = count_stops_by_band(src.rules, result.decisions);
    }
    for (const EntranceWarning& w : result.entrance_warnings) {
        r.preflight.push_back(w.text());
    }
    r.attention = result.failures.attention;
    r.failed = result.failures.failed;
    r.max_failed_share = src.max_failed_share;
    r.run_failed = result.failures.failed > 0 && result.failures.share() > src.max_failed_share;
    if (result.removed && src.previous != nullptr) {
        RunReport::Diff diff;
        for (const Decision& d : result.decisions) {
            const Change c = d.change.value_or(Change::new_home);
            ++(c == Change::new_home ? diff.new_homes : c == Change::changed ? diff.changed : diff.unchanged);
        }
        diff.removed = result.removed->size();
        diff.removed_list = src.removed_list;
        diff.outcome_changes = outcome_changes(*src.previous, result.decisions);
        r.diff = std::move(diff);
    }
    if (src.comparison != nullptr) {
        r.comparison = *src.comparison;
    }
    return r;
}

} // namespace skolvag::api

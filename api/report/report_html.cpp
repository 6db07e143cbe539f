// SPDX-License-Identifier: MIT
#include "api/report/report_html.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace skolvag::api {

namespace {

constexpr Outcome kOutcomes[] = {Outcome::eligible_distance, Outcome::eligible_traffic, Outcome::not_eligible,
                                 Outcome::not_on_network, Outcome::invalid_input};

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

/// A whole number with a thin space between thousands (Swedish) or a comma (English).
std::string count_text(std::size_t n, ReportLanguage lang) {
    std::string digits = std::to_string(n);
    const std::string sep = lang == ReportLanguage::sv ? "\u202f" : ",";
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += sep;
        }
        out += digits[i];
    }
    return out;
}

std::string metres_text(double m, ReportLanguage lang) {
    return count_text(static_cast<std::size_t>(std::max(0.0, m) + 0.5), lang) + " m";
}

std::size_t total(const OutcomeCounts& counts) {
    std::size_t n = 0;
    for (const std::size_t c : counts) {
        n += c;
    }
    return n;
}

void outcome_header(std::ostream& os, ReportLanguage lang) {
    for (const Outcome o : kOutcomes) {
        os << "<th>" << escape(outcome_words(o, lang)) << "<br><code>" << to_string(o) << "</code></th>";
    }
    os << "<th>" << report_words(lang).total << "</th>";
}

void outcome_cells(std::ostream& os, const OutcomeCounts& counts, ReportLanguage lang) {
    for (const Outcome o : kOutcomes) {
        os << "<td class=n>" << count_text(counts[static_cast<std::size_t>(o)], lang) << "</td>";
    }
    os << "<td class=n>" << count_text(total(counts), lang) << "</td>";
}

void run_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    char computed[160];
    std::snprintf(computed, sizeof computed, w.computed_reused, r.computed, r.reused);
    char took[32];
    std::snprintf(took, sizeof took, "%.2f s", r.seconds);
    os << "<h2>" << w.run << "</h2>\n<table class=kv>\n";
    const auto row = [&](const char* key, const std::string& value) {
        os << "<tr><th>" << key << "</th><td>" << value << "</td></tr>\n";
    };
    row(w.generated, escape(r.generated_utc));
    row(w.version, "<code>" + escape(r.skolvag_version) + "</code>");
    row(w.rule_set, escape(r.rule_set));
    row(w.rules_sha256, "<code>" + escape(r.rules_sha256.empty() ? "-" : r.rules_sha256) + "</code>");
    row(w.network, "<code>" + escape(r.network_id) + "</code>");
    row(w.schools_file, "<code>" + escape(r.schools_sha256) + "</code>");
    row(w.schools_read, escape(r.schools_read_in));
    row(w.pupils_read, escape(r.pupils_read_in));
    row(w.homes, count_text(r.homes, lang) + " (" + escape(computed) + ")");
    row(w.seconds, took);
    os << "</table>\n";
}

void band_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.by_band << "</h2>\n<table>\n<tr><th>" << w.band << "</th><th>" << w.threshold << "</th>";
    outcome_header(os, lang);
    os << "</tr>\n";
    for (const RunReport::BandRow& b : r.by_band) {
        os << "<tr><td>" << (b.band.empty() ? w.no_band : escape(b.band)) << "</td><td class=n>"
           << (b.threshold_m ? metres_text(*b.threshold_m, lang) : "") << "</td>";
        outcome_cells(os, b.outcomes, lang);
        os << "</tr>\n";
    }
    os << "</table>\n";
}

/// With --stops: the walk to the pick-up stop of the pupils who get transport, per band.
void stop_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    if (!r.stops_by_band) {
        return;
    }
    const ReportWords& w = report_words(lang);
    constexpr StopOutcome kStopOutcomes[] = {StopOutcome::ok, StopOutcome::too_far, StopOutcome::no_safe_route,
                                             StopOutcome::not_on_network, StopOutcome::invalid_input};
    os << "<h2>" << w.stops_by_band << "</h2>\n<p>" << w.stops_note << "</p>\n<table>\n<tr><th>" << w.band
       << "</th><th>" << w.max_stop << "</th>";
    for (const StopOutcome o : kStopOutcomes) {
        os << "<th>" << escape(stop_outcome_words(o, lang)) << "<br><code>" << to_string(o) << "</code></th>";
    }
    os << "<th>" << w.total << "</th></tr>\n";
    for (const RunReport::StopRow& b : *r.stops_by_band) {
        os << "<tr><td>" << escape(b.band) << "</td><td class=n>"
           << (b.max_stop_distance_m ? metres_text(*b.max_stop_distance_m, lang) : w.no_limit) << "</td>";
        std::size_t sum = 0;
        for (const StopOutcome o : kStopOutcomes) {
            const std::size_t n = b.outcomes[static_cast<std::size_t>(o)];
            sum += n;
            os << "<td class=n>" << count_text(n, lang) << "</td>";
        }
        os << "<td class=n>" << count_text(sum, lang) << "</td></tr>\n";
    }
    os << "</table>\n";
}

void school_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.by_school << "</h2>\n<table>\n<tr><th>" << w.school << "</th><th>" << w.school_name
       << "</th>";
    outcome_header(os, lang);
    os << "</tr>\n";
    for (const RunReport::SchoolRow& s : r.by_school) {
        if (s.school_id.empty()) {
            os << "<tr><td>" << w.unknown_school << "</td><td></td>";
        } else {
            os << "<tr><td><code>" << escape(s.school_id) << "</code></td><td>" << escape(s.name) << "</td>";
        }
        outcome_cells(os, s.outcomes, lang);
        os << "</tr>\n";
    }
    os << "</table>\n";
}

/// One band's histogram as an inline SVG bar chart with the threshold as a red line.
void histogram_svg(std::ostream& os, const DistanceHistogram& h, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    constexpr int kWidth = 640, kHeight = 220, kLeft = 56, kBottom = 34, kTop = 12;
    const int plot_w = kWidth - kLeft - 12;
    const int plot_h = kHeight - kBottom - kTop;
    const std::size_t most = std::max<std::size_t>(1, *std::max_element(h.bins.begin(), h.bins.end()));
    const double bar_w = static_cast<double>(plot_w) / static_cast<double>(h.bins.size());
    os << "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
       << "\" role=\"img\" aria-label=\"" << escape(h.band) << "\">\n";
    os << "<line x1=\"" << kLeft << "\" y1=\"" << kTop + plot_h << "\" x2=\"" << kLeft + plot_w << "\" y2=\""
       << kTop + plot_h << "\" stroke=\"#444\"/>\n";
    os << "<text x=\"4\" y=\"" << kTop + 10 << "\" font-size=\"11\">" << count_text(most, lang) << "</text>\n";
    os << "<text x=\"4\" y=\"" << kTop + plot_h << "\" font-size=\"11\">0</text>\n";
    for (std::size_t k = 0; k < h.bins.size(); ++k) {
        const double height = static_cast<double>(plot_h) * static_cast<double>(h.bins[k]) / static_cast<double>(most);
        const double x = kLeft + bar_w * static_cast<double>(k);
        const bool over = static_cast<double>(k) * h.bin_m >= h.threshold_m;
        char bar[256];
        std::snprintf(bar, sizeof bar,
                      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>", x + 1,
                      kTop + plot_h - height, bar_w - 2, height, over ? "#3b7dd8" : "#9bb7d4");
        os << bar << metres_text(static_cast<double>(k) * h.bin_m, lang)
           << (k + 1 < h.bins.size() ? "–" + metres_text(static_cast<double>(k + 1) * h.bin_m, lang) : "+") << ": "
           << count_text(h.bins[k], lang) << ' ' << w.homes_axis << "</title></rect>\n";
        if (k % 5 == 0) {
            os << "<text x=\"" << static_cast<int>(x) << "\" y=\"" << kTop + plot_h + 14
               << "\" font-size=\"11\">" << metres_text(static_cast<double>(k) * h.bin_m, lang) << "</text>\n";
        }
    }
    const double threshold_x = kLeft + bar_w * (h.threshold_m / h.bin_m);
    char line[200];
    std::snprintf(line, sizeof line,
                  "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n",
                  threshold_x, kTop, threshold_x, kTop + plot_h);
    os << line;
    os << "<text x=\"" << kLeft << "\" y=\"" << kHeight - 4 << "\" font-size=\"11\">" << w.metres << "</text>\n";
    os << "</svg><figcaption><strong>" << escape(h.band) << "</strong> · " << w.threshold << ' '
       << metres_text(h.threshold_m, lang) << " · " << count_text(h.no_safe_route, lang) << ' ' << w.homes_axis
       << ' ' << w.no_safe_route << "</figcaption></figure>\n";
}

void histogram_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.histograms << "</h2>\n<p>" << w.histogram_note << "</p>\n";
    for (const DistanceHistogram& h : r.histograms) {
        histogram_svg(os, h, lang);
    }
}

void preflight_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.preflight << "</h2>\n";
    if (r.preflight.empty()) {
        os << "<p>" << w.preflight_none << "</p>\n";
        return;
    }
    os << "<ul class=warn>\n";
    for (const std::string& line : r.preflight) {
        os << "<li>" << escape(line) << "</li>\n";
    }
    os << "</ul>\n";
}

void attention_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.attention << "</h2>\n";
    if (r.attention.empty()) {
        os << "<p>" << w.attention_none << "</p>\n";
        return;
    }
    os << "<table>\n<tr><th>" << w.reason << "</th><th></th><th>" << w.rows << "</th><th>" << w.first_rows
       << "</th></tr>\n";
    for (const AttentionGroup& g : r.attention) {
        os << "<tr><td>" << escape(attention_words(g, lang)) << "</td><td>"
           << (g.failed() ? w.could_not_decide : w.noted) << "</td><td class=n>" << count_text(g.count, lang)
           << "</td><td class=rows>";
        for (std::size_t i = 0; i < g.first_rows.size(); ++i) {
            os << (i > 0 ? ", " : "") << escape(g.first_rows[i]);
        }
        os << (g.count > g.first_rows.size() ? ", …" : "") << "</td></tr>\n";
    }
    os << "</table>\n";
}

void outcome_changes_table(std::ostream& os, const OutcomeChanges& changes, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    if (changes.empty()) {
        os << "<p>" << w.no_outcome_changes << "</p>\n";
        return;
    }
    os << "<table>\n<tr><th>" << w.from << "</th><th>" << w.to << "</th><th>" << w.homes << "</th></tr>\n";
    for (const auto& [from_to, count] : changes) {
        os << "<tr><td>" << escape(outcome_words(from_to.first, lang)) << "</td><td>"
           << escape(outcome_words(from_to.second, lang)) << "</td><td class=n>" << count_text(count, lang)
           << "</td></tr>\n";
    }
    os << "</table>\n";
}

void diff_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    os << "<h2>" << w.diff << "</h2>\n";
    if (!r.diff) {
        os << "<p>" << w.diff_none << "</p>\n";
        return;
    }
    const RunReport::Diff& d = *r.diff;
    os << "<table class=kv>\n";
    os << "<tr><th>" << w.new_homes << "</th><td class=n>" << count_text(d.new_homes, lang) << "</td></tr>\n";
    os << "<tr><th>" << w.changed << "</th><td class=n>" << count_text(d.changed, lang) << "</td></tr>\n";
    os << "<tr><th>" << w.unchanged << "</th><td class=n>" << count_text(d.unchanged, lang) << "</td></tr>\n";
    os << "<tr><th>" << w.removed << "</th><td class=n>" << count_text(d.removed, lang) << "</td></tr>\n";
    os << "</table>\n";
    if (!d.removed_list.empty()) {
        os << "<p>" << w.removed_list << " <code>" << escape(d.removed_list) << "</code></p>\n";
    }
    os << "<h3>" << w.outcome_changes << "</h3>\n";
    outcome_changes_table(os, d.outcome_changes, lang);
}

void comparison_section(std::ostream& os, const RunReport& r, ReportLanguage lang) {
    if (!r.comparison) {
        return;
    }
    const ReportWords& w = report_words(lang);
    const RulesComparison& c = *r.comparison;
    os << "<h2>" << w.comparison << " " << escape(c.other_rule_set) << "</h2>\n";
    char summary[256];
    std::snprintf(summary, sizeof summary, w.comparison_summary, c.outcome_changed, c.homes, c.gain_transport,
                  c.lose_transport);
    os << "<p>" << summary;
    if (c.reference_changed > 0) {
        std::snprintf(summary, sizeof summary, w.comparison_reference, c.reference_changed);
        os << ' ' << summary;
    }
    os << "</p>\n<p>" << (c.searches_shared ? w.searches_shared : w.searched_again) << "</p>\n";
    os << "<table class=kv><tr><th>" << w.rules_sha256 << "</th><td><code>"
       << escape(c.other_rules_sha256.empty() ? "-" : c.other_rules_sha256) << "</code></td></tr></table>\n";
    if (c.outcome_changed == 0) {
        os << "<p>" << w.no_comparison_changes << "</p>\n";
        return;
    }
    os << "<h3>" << w.comparison_by_band << "</h3>\n<table>\n<tr><th>" << w.band << "</th><th>" << w.from
       << "</th><th>" << w.to << "</th><th>" << w.homes << "</th></tr>\n";
    for (const auto& [band, changes] : c.by_band) {
        for (const auto& [from_to, count] : changes) {
            os << "<tr><td>" << (band.empty() ? w.no_band : escape(band)) << "</td><td>"
               << escape(outcome_words(from_to.first, lang)) << "</td><td>"
               << escape(outcome_words(from_to.second, lang)) << "</td><td class=n>" << count_text(count, lang)
               << "</td></tr>\n";
        }
    }
    os << "</table>\n<h3>" << w.comparison_by_school << "</h3>\n<table>\n<tr><th>" << w.school << "</th><th>"
       << w.school_name << "</th><th>" << w.gain << "</th><th>" << w.lose << "</th><th>" << w.other_change
       << "</th></tr>\n";
    for (const RulesComparison::SchoolShift& s : c.by_school) {
        os << "<tr><td><code>" << escape(s.school_id) << "</code></td><td>" << escape(s.name) << "</td><td class=n>"
           << count_text(s.gain, lang) << "</td><td class=n>" << count_text(s.lose, lang) << "</td><td class=n>"
           << count_text(s.other, lang) << "</td></tr>\n";
    }
    os << "</table>\n";
}

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #ccc;padding:0.25em 0.5em;"
    "text-align:left;vertical-align:top}th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:"
    "tabular-nums}td.rows{font-size:0.85em}table.kv th{width:14em}code{font-size:0.85em;word-break:break-all}"
    ".failed{background:#fdecea;border:1px solid #c0392b;padding:0.5em 1em}ul.warn li{color:#8a4b00}"
    "figure{margin:0 0 1.5em}figcaption{font-size:0.9em}footer{font-size:0.85em;color:#555;margin-top:2em}";

} // namespace

std::string report_html(const RunReport& r, ReportLanguage lang) {
    const ReportWords& w = report_words(lang);
    std::ostringstream os;
    os << "<!DOCTYPE html>\n<html lang=\"" << w.lang << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << w.title
       << " · " << escape(r.rule_set) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<h1>"
       << w.title << "</h1>\n";
    if (r.run_failed) {
        os << "<p class=failed><strong>" << w.run_failed << "</strong>: " << count_text(r.failed, lang) << " / "
           << count_text(r.homes, lang) << " (--max-failed-share " << r.max_failed_share << ")</p>\n";
    }
    run_section(os, r, lang);
    band_section(os, r, lang);
    school_section(os, r, lang);
    stop_section(os, r, lang);
    histogram_section(os, r, lang);
    preflight_section(os, r, lang);
    attention_section(os, r, lang);
    diff_section(os, r, lang);
    comparison_section(os, r, lang);
    os << "<footer>" << w.privacy << "</footer>\n</body>\n</html>\n";
    return os.str();
}

} // namespace skolvag::api

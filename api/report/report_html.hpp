// SPDX-License-Identifier: MIT
// The run report as one self-contained HTML page: inline CSS and inline SVG
// histograms, no scripts, nothing fetched, so it can be mailed or archived with the run.
#pragma once

#include "api/report/report_words.hpp"
#include "api/report/run_report.hpp"

#include <string>

namespace skolvag::api {

/** The page, in the language asked for. */
std::string report_html(const RunReport& report, ReportLanguage lang);

} // namespace skolvag::api

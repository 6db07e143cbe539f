// SPDX-License-Identifier: MIT
#include "api/report/report_words.hpp"

namespace skolvag::api {

namespace {

constexpr ReportWords kSwedish{
    "sv",
    "Skolskjuts: rapport från körningen",
    "Körningen",
    "Skriven",
    "skolvag-version",
    "Regelverk",
    "Reglernas SHA-256",
    "Gångnät",
    "Skolfilens SHA-256",
    "Skolor lästa från",
    "Elever lästa från",
    "Hem",
    "%zu beräknade, %zu återanvända från förra körningen",
    "Tid",
    "Körningen misslyckades: för många hem kunde inte bedömas",
    "Utfall per band",
    "Band",
    "Gräns",
    "(inget band)",
    "(okänt school_id)",
    "Summa",
    "Utfall per vald skola",
    "Skola",
    "Namn",
    "Säkra gångavstånd per band",
    "Säkert gångavstånd från hemmet till den valda skolan, i staplar om en tiondel av gränsen "
    "(varje stapel från sitt vänstra värde till nästa); den röda linjen är bandets gräns, den sista stapeln "
    "allt från två gånger gränsen.",
    "utan säker gångväg",
    "meter",
    "hem",
    "Kontroll före körningen",
    "Alla skolentréer nås av en säker väg för varje band.",
    "Rader som behöver ses över",
    "Inga rader behöver ses över.",
    "Orsak",
    "Rader",
    "De första raderna",
    "kunde inte bedömas",
    "bedömd, med anmärkning",
    "Jämfört med förra körningen",
    "Ingen tidigare körning angavs (--previous).",
    "Nya hem",
    "Ändrade",
    "Oförändrade",
    "Borta ur registret",
    "Listade för gallringsgranskning i",
    "Ändrade utfall",
    "Från",
    "Till",
    "Inget hem fick ett annat utfall.",
    "Jämfört med regelverket",
    "%zu av %zu hem får ett annat utfall: %zu får rätt till skolskjuts, %zu förlorar den.",
    "Ytterligare %zu ändras bara vid referensskolan.",
    "Beräknat ur samma avstånd: regelverken skiljer sig bara i gränser och namn.",
    "Sökt på nytt: regelverken skiljer sig i gånginställningar, band eller säkerhetskrav.",
    "Ändrade utfall per band",
    "Ändrade utfall per vald skola",
    "Får rätt",
    "Förlorar rätt",
    "Annan ändring",
    "Inget hem får ett annat utfall.",
    "Rapporten innehåller bara antal och registrets radnummer: inga elevreferenser, adresser, koordinater "
    "eller avstånd för enskilda elever. Besluten med avstånd finns i beslutsfilen, som är personuppgifter. "
    "Små antal (ett band, en skola eller en stapel med en eller ett par elever) kan ändå peka ut en elev för "
    "den som känner eleverna: dela då rapporten bara med dem som får se registret.",
    "Gångvägen till hållplatsen per band",
    "Elever med rätt till skolskjuts: den säkra gångvägen från hemmet till den givna hållplatsen, eller till "
    "den närmaste när ingen är given, mot bandets längsta gångväg till hållplats.",
    "Längsta gångväg",
    "ingen gräns",
};

constexpr ReportWords kEnglish{
    "en",
    "School transport: run report",
    "The run",
    "Written",
    "skolvag version",
    "Rule set",
    "Rules SHA-256",
    "Walking network",
    "Schools file SHA-256",
    "Schools read from",
    "Pupils read from",
    "Homes",
    "%zu computed, %zu reused from the previous run",
    "Time",
    "The run failed: too many homes could not be decided",
    "Outcomes per band",
    "Band",
    "Threshold",
    "(no band)",
    "(unknown school_id)",
    "Total",
    "Outcomes per chosen school",
    "School",
    "Name",
    "Safe walking distances per band",
    "Safe walking distance from the home to the chosen school, in bars of a tenth of the threshold "
    "(each bar from its left value up to the next); the red line is the band's threshold, the last bar "
    "everything from twice the threshold.",
    "without a safe route",
    "metres",
    "homes",
    "Pre-flight check",
    "Every school entrance is reached by a safe route for every band.",
    "Rows needing attention",
    "No rows need attention.",
    "Reason",
    "Rows",
    "The first rows",
    "could not be decided",
    "decided, with a note",
    "Compared with the previous run",
    "No previous run was given (--previous).",
    "New homes",
    "Changed",
    "Unchanged",
    "Left the register",
    "Listed for erasure review in",
    "Changed outcomes",
    "From",
    "To",
    "No home's outcome changed.",
    "Compared with the rules",
    "%zu of %zu homes change outcome: %zu gain transport, %zu lose it.",
    "%zu more change only at the reference school.",
    "Decided from the same distances: the rule sets differ only in thresholds and names.",
    "Searched again: the rule sets differ in walking settings, bands or safety limits.",
    "Changed outcomes per band",
    "Changed outcomes per chosen school",
    "Gain transport",
    "Lose transport",
    "Another change",
    "No home's outcome changes.",
    "The report holds counts and register row numbers only: no pupil references, addresses, coordinates "
    "or distances of individual pupils. The decisions, with distances, are in the decisions file, which is "
    "personal data. Small counts (a band, a school or a bar with one or two pupils) can still point out a "
    "pupil to someone who knows the pupils: then share the report only with those who may see the register.",
    "The walk to the pick-up stop per band",
    "Pupils who get transport: the safe walk from the home to the given stop, or to the nearest when none is "
    "given, against the band's longest walk to a stop.",
    "Longest walk",
    "no limit",
};

std::string_view failure_words_sv(HomeProblem problem) {
    switch (problem) {
    case HomeProblem::none: return "en orsak som den här körningen inte finner igen (bedömd i förra körningen)";
    case HomeProblem::empty_pupil_ref: return "tomt pupil_ref";
    case HomeProblem::unknown_grade: return "okänd årskurs";
    case HomeProblem::no_band: return "en årskurs som reglerna inte ger något band";
    case HomeProblem::unknown_school: return "okänt school_id";
    case HomeProblem::school_without_entrance: return "en skola utan entré på gångnätet";
    case HomeProblem::unknown_reference_school: return "okänt reference_school_id";
    case HomeProblem::reference_without_entrance: return "en referensskola utan entré på gångnätet";
    case HomeProblem::no_point: return "hemmets punkt går inte att läsa";
    case HomeProblem::not_on_network: return "hemmet ligger inte vid gångnätet (ingen gångväg nära)";
    }
    return "okänd orsak";
}

} // namespace

std::optional<ReportLanguage> report_language_named(std::string_view name) {
    if (name == "sv") {
        return ReportLanguage::sv;
    }
    if (name == "en") {
        return ReportLanguage::en;
    }
    return std::nullopt;
}

const ReportWords& report_words(ReportLanguage lang) { return lang == ReportLanguage::sv ? kSwedish : kEnglish; }

std::string_view outcome_words(Outcome o, ReportLanguage lang) {
    const bool sv = lang == ReportLanguage::sv;
    switch (o) {
    case Outcome::eligible_distance: return sv ? "Rätt (avstånd)" : "Eligible (distance)";
    case Outcome::eligible_traffic: return sv ? "Rätt (trafiksäkerhet)" : "Eligible (traffic safety)";
    case Outcome::not_eligible: return sv ? "Ingen rätt" : "Not eligible";
    case Outcome::not_on_network: return sv ? "Ej vid gångnätet" : "Not on the network";
    case Outcome::invalid_input: return sv ? "Felaktig uppgift" : "Invalid input";
    }
    return "";
}

std::string_view stop_outcome_words(StopOutcome o, ReportLanguage lang) {
    const bool sv = lang == ReportLanguage::sv;
    switch (o) {
    case StopOutcome::ok: return sv ? "Inom gränsen" : "Within the limit";
    case StopOutcome::too_far: return sv ? "För lång" : "Too far";
    case StopOutcome::no_safe_route: return sv ? "Ingen säker gångväg" : "No safe walk";
    case StopOutcome::not_on_network: return sv ? "Hållplatsen ej vid gångnätet" : "Stop not on the network";
    case StopOutcome::invalid_input: return sv ? "Okänd hållplats" : "Unknown stop";
    }
    return "";
}

std::string attention_words(const AttentionGroup& group, ReportLanguage lang) {
    if (lang == ReportLanguage::en) {
        return group.why();
    }
    switch (group.kind) {
    case Attention::failed: return std::string(failure_words_sv(group.problem));
    case Attention::school_not_teaching: return "den valda skolan undervisar inte i årskursen";
    case Attention::reference_school_not_teaching: return "den angivna referensskolan undervisar inte i årskursen";
    case Attention::pupil_rows_disagree: return "samma elevs rader anger olika årskurser eller skolor";
    case Attention::point_columns_disagree: return "radens x, y och lon, lat stämmer inte överens (x, y används)";
    }
    return group.why();
}

} // namespace skolvag::api

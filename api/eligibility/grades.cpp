// SPDX-License-Identifier: MIT
#include "api/eligibility/grades.hpp"

#include "geodata/text/trim.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace skolvag::api {

namespace {

using geodata::trim;

constexpr std::array<std::string_view, kGradeCount> kGrades = {"F", "1", "2", "3", "4", "5", "6",
                                                               "7", "8", "9", "gy1", "gy2", "gy3", "gy4"};
constexpr std::uint8_t kFirstGymnasium = 10;

/// A grade as people type it, in the vocabulary's spelling where it is one: blanks
/// around it (also no-break spaces) trimmed, letters in lower case (Å, Ä, Ö too), a
/// leading "åk" or "åk." dropped, blanks between "gy" and its year dropped, leading
/// zeros dropped, and förskoleklass by any of its usual names ("f", "fk", "f-klass",
/// "förskoleklass") made "F".
std::string canonical_grade(std::string_view typed) {
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
    for (bool trimmed = true; trimmed;) {
        typed = trim(typed);
        trimmed = false;
        if (typed.substr(0, 2) == kNoBreakSpace) {
            typed.remove_prefix(2);
            trimmed = true;
        }
        if (typed.size() >= 2 && typed.substr(typed.size() - 2) == kNoBreakSpace) {
            typed.remove_suffix(2);
            trimmed = true;
        }
    }
    std::string g;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const auto c = static_cast<unsigned char>(typed[i]);
        if (c >= 'A' && c <= 'Z') {
            g += static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < typed.size() && static_cast<unsigned char>(typed[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(typed[i + 1]) <= 0x9E) {
            g += typed[i]; // UTF-8 upper-case Latin-1 letter (Å Ä Ö ...): its lower case is 0x20 on
            g += static_cast<char>(static_cast<unsigned char>(typed[++i]) + 0x20);
        } else {
            g += typed[i];
        }
    }
    if (g == "f" || g == "fk" || g == "f-klass" || g == "fklass" || g == "f-kl" || g == "förskoleklass") {
        return "F";
    }
    const auto drop_blanks = [](std::string text, std::size_t from) {
        const std::size_t end = text.find_first_not_of(" .", from);
        text.erase(from, end == std::string::npos ? std::string::npos : end - from);
        return text;
    };
    if (g.rfind("åk", 0) == 0) {
        g = drop_blanks(g.substr(std::string_view("åk").size()), 0);
    } else if (g.rfind("gy", 0) == 0) {
        g = drop_blanks(g, 2);
    }
    const std::size_t digits = g.find_first_not_of('0');
    if (g.size() > 1 && digits != 0 && g.find_first_not_of("0123456789") == std::string::npos) {
        g.erase(0, std::min(digits, g.size() - 1)); // "03" is 3 ("00" stays "0": no grade)
    }
    return g;
}

Grade grade_or_throw(std::string_view grade, std::string_view part) {
    if (const auto g = parse_grade(grade)) {
        return *g;
    }
    throw std::invalid_argument("'" + std::string(part) + "' is not a grade (" + known_grades_text() +
                                ", gy or ranges like F-6)");
}

} // namespace

const std::array<std::string_view, kGradeCount>& grade_names() noexcept { return kGrades; }

std::string_view grade_name(Grade g) noexcept { return kGrades[g.rank]; }

std::optional<Grade> parse_grade(std::string_view typed) {
    const std::string name = canonical_grade(typed);
    for (std::size_t i = 0; i < kGrades.size(); ++i) {
        if (kGrades[i] == name) {
            return Grade{static_cast<std::uint8_t>(i)};
        }
    }
    return std::nullopt;
}

std::string known_grades_text() { return "F, 1-9, gy1-gy4"; }

std::vector<std::string> grade_list(const GradeSet& grades) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < kGradeCount; ++i) {
        if (grades.test(i)) {
            names.emplace_back(kGrades[i]);
        }
    }
    return names;
}

namespace {

/// Dashes people type in a range (en dash, em dash, minus sign) as '-'.
std::string with_ascii_dashes(std::string_view text) {
    std::string out(text);
    for (const std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92"}) {
        for (std::size_t at = out.find(dash); at != std::string::npos; at = out.find(dash, at)) {
            out.replace(at, dash.size(), "-");
        }
    }
    return out;
}

/// A range "lo-hi": the first dash with a grade on each side ("F-klass-3" is F to 3);
/// nullopt when the part has no dash; throws when no dash splits it into two grades.
std::optional<std::pair<Grade, Grade>> split_range(std::string_view part) {
    if (part.find('-') == std::string_view::npos) {
        return std::nullopt;
    }
    for (std::size_t dash = part.find('-'); dash != std::string_view::npos; dash = part.find('-', dash + 1)) {
        const auto lo = parse_grade(part.substr(0, dash));
        const auto hi = parse_grade(part.substr(dash + 1));
        if (lo && hi) {
            return std::make_pair(*lo, *hi);
        }
    }
    if (const auto whole = parse_grade(part)) {
        return std::make_pair(*whole, *whole); // a grade whose name has a dash: "f-klass"
    }
    const auto dash = part.find('-');
    grade_or_throw(trim(part.substr(0, dash)), part);
    grade_or_throw(trim(part.substr(dash + 1)), part);
    return std::nullopt; // not reached: one side is not a grade
}

} // namespace

GradeSet parse_school_grades(std::string_view typed) {
    GradeSet set;
    const std::string normalized = with_ascii_dashes(typed);
    const std::string_view text = normalized;
    if (trim(text).empty()) {
        return set.set();
    }
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        const std::string_view part = trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
        if (canonical_grade(part) == "gy") {
            for (std::size_t r = kFirstGymnasium; r < kGradeCount; ++r) {
                set.set(r);
            }
        } else if (const auto range = split_range(part)) {
            const Grade lo = range->first;
            const Grade hi = range->second;
            if (lo > hi) {
                throw std::invalid_argument("'" + std::string(part) + "' is a range that runs backwards");
            }
            for (std::size_t r = lo.rank; r <= hi.rank; ++r) {
                set.set(r);
            }
        } else {
            set.set(grade_or_throw(part, part).rank);
        }
        if (comma == std::string_view::npos) {
            return set;
        }
        start = comma + 1;
    }
}

} // namespace skolvag::api

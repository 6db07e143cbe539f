// SPDX-License-Identifier: MIT
#include "api/eligibility/personal_ids.hpp"

#include "geodata/text/trim.hpp"

#include <cctype>

namespace skolvag::api {

namespace {

bool all_digits(std::string_view s) noexcept {
    for (const char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return !s.empty();
}

int two_digits(std::string_view s, std::size_t at) noexcept { return (s[at] - '0') * 10 + (s[at + 1] - '0'); }

/// YYMMDDNNNC: a real month, a day of 1-31 (or 61-91, a samordningsnummer) and Luhn's check digit.
bool valid_ten(std::string_view ten) noexcept {
    const int month = two_digits(ten, 2);
    const int day = two_digits(ten, 4);
    if (month < 1 || month > 12 || !((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) {
        return false;
    }
    int sum = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        int d = (ten[i] - '0') * (i % 2 == 0 ? 2 : 1);
        sum += d / 10 + d % 10;
    }
    return sum % 10 == 0;
}

} // namespace

PersonalIdForm personal_id_form(std::string_view text) noexcept {
    const std::string_view t = geodata::trim(text);
    if (t.size() == 10 && all_digits(t)) {
        return valid_ten(t) ? PersonalIdForm::bare : PersonalIdForm::none;
    }
    std::string ten;
    if (t.size() == 11 && (t[6] == '-' || t[6] == '+') && all_digits(t.substr(0, 6)) && all_digits(t.substr(7))) {
        ten = std::string(t.substr(0, 6)) + std::string(t.substr(7));
    } else if ((t.size() == 12 || (t.size() == 13 && t[8] == '-')) && all_digits(t.substr(0, 8)) &&
               all_digits(t.substr(t.size() - 4)) && (t.substr(0, 2) == "19" || t.substr(0, 2) == "20" ||
                                                       t.substr(0, 2) == "18")) {
        ten = std::string(t.substr(2, 6)) + std::string(t.substr(t.size() - 4));
    } else {
        return PersonalIdForm::none;
    }
    return valid_ten(ten) ? PersonalIdForm::formatted : PersonalIdForm::none;
}

std::optional<std::string> first_personal_id_row(const std::vector<PupilHome>& homes) {
    std::size_t refs = 0;
    std::size_t bare = 0;
    std::optional<std::string> first_bare;
    for (const PupilHome& h : homes) {
        if (h.pupil_ref.empty()) {
            continue;
        }
        ++refs;
        switch (personal_id_form(h.pupil_ref)) {
        case PersonalIdForm::formatted: return h.where;
        case PersonalIdForm::bare:
            ++bare;
            if (!first_bare) {
                first_bare = h.where;
            }
            break;
        case PersonalIdForm::none: break;
        }
    }
    if (bare > 0 && 2 * bare >= refs) {
        return first_bare;
    }
    return std::nullopt;
}

} // namespace skolvag::api

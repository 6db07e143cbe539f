// SPDX-License-Identifier: MIT
// Personnummer are not pupil references: the forms people write them in, with a real
// date and check digit, samordningsnummer too; other references are left alone.
#include "api/eligibility/personal_ids.hpp"

#include <gtest/gtest.h>

using namespace skolvag::api;

TEST(PersonalIds, TheUsualFormsWithARealDateAndCheckDigitAreRecognised) {
    const std::pair<const char*, PersonalIdForm> kTexts[] = {
        {"121212-1212", PersonalIdForm::formatted},   {"19121212-1212", PersonalIdForm::formatted},
        {"191212121212", PersonalIdForm::formatted},  {"811218-9876", PersonalIdForm::formatted},
        {"811218+9876", PersonalIdForm::formatted},   {" 811218-9876 ", PersonalIdForm::formatted},
        {"701063-2383", PersonalIdForm::formatted},   // samordningsnummer: day 3 + 60
        {"8112189876", PersonalIdForm::bare},         // ten digits: could be an internal number
        {"811218-9875", PersonalIdForm::none},        // wrong check digit
        {"811318-9876", PersonalIdForm::none},        // month 13
        {"811232-9874", PersonalIdForm::none},        // day 32
        {"elev-0042", PersonalIdForm::none},          {"P1", PersonalIdForm::none},
        {"1234567890123", PersonalIdForm::none},      {"", PersonalIdForm::none},
        {"21121212-1212", PersonalIdForm::none},      // no century 21 yet
    };
    for (const auto& [text, form] : kTexts) {
        SCOPED_TRACE(text);
        EXPECT_EQ(personal_id_form(text), form);
    }
}

TEST(PersonalIds, OneFormattedNumberOrHalfTheReferencesAsBareOnesMakeARegisterOfThem) {
    const auto home = [](const char* ref, const char* where) {
        PupilHome h;
        h.pupil_ref = ref;
        h.where = where;
        return h;
    };
    EXPECT_EQ(first_personal_id_row({home("P1", "a:2"), home("811218-9876", "a:3"), home("P3", "a:4")}), "a:3");
    // A few ten-digit internal numbers may pass the check by chance: not a register of them.
    EXPECT_EQ(first_personal_id_row({home("8112189876", "a:2"), home("P2", "a:3"), home("P3", "a:4")}), std::nullopt);
    EXPECT_EQ(first_personal_id_row({home("P1", "a:2"), home("8112189876", "a:3"), home("6408233234", "a:4")}), "a:3");
    EXPECT_EQ(first_personal_id_row({home("elev-1", "a:2"), home("elev-2", "a:3")}), std::nullopt);
}

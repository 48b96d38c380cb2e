// Unit tests of the booking's page forms (domain/release_dates/booking_form.hpp).
#include "domain/release_dates/booking_form.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace resettle;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

std::vector<std::string> fields_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const ValidationFailed& failure) {
    std::vector<std::string> fields;
    for (const auto& error : failure.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

FieldInput consecutive_recalled() {
  return {{"kind", "standard"},         {"sentenced_on-day", "6"},   {"sentenced_on-month", "2"},
          {"sentenced_on-year", "2026"}, {"offence_committed_on", "2025-11-01"}, {"sds_plus", "true"},
          {"exclusion_domestic_abuse", "true"}, {"term_years", "2"}, {"term_months", "6"},
          {"consecutive_to", "12"},     {"recall_type", "28"},       {"recall_returned_on", "2026-06-03"},
          {"would_be_sds_plus", "true"}, {"progression_exclusion_stalking", "true"}};
}

TEST(BookingForm, ASentenceIsReadFromItsFormAndWrittenBack) {
  auto sentence = read_sentence_form(consecutive_recalled());
  EXPECT_EQ(sentence.kind, SentenceKind::standard);
  EXPECT_EQ(sentence.sentenced_on, day("2026-02-06"));
  EXPECT_EQ(sentence.offence.committed_on, day("2025-11-01"));
  EXPECT_TRUE(sentence.offence.sds_plus);
  EXPECT_FALSE(sentence.offence.section_250);
  EXPECT_TRUE(sentence.offence.has(OffenceExclusion::domestic_abuse));
  EXPECT_FALSE(sentence.offence.has(OffenceExclusion::sexual));
  EXPECT_TRUE(sentence.offence.would_be_sds_plus_if_sentenced_today);
  EXPECT_TRUE(sentence.offence.progression_exclusions.test(std::size_t(ProgressionExclusion::stalking)));
  EXPECT_EQ(sentence.offence.progression_exclusions.count(), 1u);
  EXPECT_EQ(sentence.term, (Term{2, 6, 0, 0}));
  EXPECT_TRUE(sentence.custodial_term.empty());
  EXPECT_EQ(sentence.consecutive_to, "12");
  ASSERT_TRUE(sentence.recall);
  EXPECT_EQ(sentence.recall->type, RecallType::fixed_term_28);
  EXPECT_FALSE(sentence.recall->revoked_on);
  EXPECT_EQ(sentence.recall->returned_on, day("2026-06-03"));

  auto again = read_sentence_form(sentence_form_fields(sentence));
  EXPECT_EQ(again.term, sentence.term);
  EXPECT_EQ(again.offence, sentence.offence);
  EXPECT_EQ(again.consecutive_to, sentence.consecutive_to);
  EXPECT_EQ(again.recall, sentence.recall);
  EXPECT_EQ(again.sentenced_on, sentence.sentenced_on);
}

TEST(BookingForm, ConcurrentAndNotRecalledAreEmptyChoices) {
  auto form = consecutive_recalled();
  form["consecutive_to"] = "";
  form["recall_type"] = "";
  auto sentence = read_sentence_form(form);
  EXPECT_FALSE(sentence.consecutive_to);
  EXPECT_FALSE(sentence.recall);
  EXPECT_EQ(sentence_form_fields(sentence).at("recall_type"), "");
}

TEST(BookingForm, AReleaseSchemeGivenOverridesTheLawsChoiceAndIsWrittenBack) {
  auto form = consecutive_recalled();
  EXPECT_FALSE(read_sentence_form(form).release_scheme);  // none given: the law chooses
  EXPECT_EQ(sentence_form_fields(read_sentence_form(form)).at("release_scheme"), "");
  form["release_scheme"] = "two_thirds";
  auto sentence = read_sentence_form(form);
  EXPECT_EQ(sentence.release_scheme, ReleaseScheme::two_thirds);
  EXPECT_EQ(read_sentence_form(sentence_form_fields(sentence)).release_scheme, ReleaseScheme::two_thirds);
  form["release_scheme"] = "halfway";
  EXPECT_EQ(fields_of([&] { read_sentence_form(form); }), std::vector<std::string>{"release_scheme"});
}

TEST(BookingForm, AFinesAmountIsTypedInPoundsAndPenceAndWrittenBackSo) {
  auto form = consecutive_recalled();
  form["kind"] = "default_term";
  EXPECT_FALSE(read_sentence_form(form).fine_amount_pence);  // none given
  EXPECT_EQ(sentence_form_fields(read_sentence_form(form)).at("fine_amount"), "");
  for (auto [typed, pence] : std::vector<std::pair<std::string, long long>>{
           {"250", 25000}, {"250.5", 25050}, {"250.05", 25005}, {" £1,250.00 ", 125000}, {"0.99", 99},
           {"1,000,000,000", 100000000000}}) {
    form["fine_amount"] = typed;
    EXPECT_EQ(read_sentence_form(form).fine_amount_pence, pence) << typed;
  }
  form["fine_amount"] = "1250.5";
  auto sentence = read_sentence_form(form);
  EXPECT_EQ(sentence_form_fields(sentence).at("fine_amount"), "1250.50");
  EXPECT_EQ(read_sentence_form(sentence_form_fields(sentence)).fine_amount_pence, 125050);
  for (std::string bad : {"ten pounds", "12.345", "12.", ".5", "-5", "£", ",5", "1e3", "1000000000.01", "99999999999999999999"}) {
    form["fine_amount"] = bad;
    EXPECT_EQ(fields_of([&] { read_sentence_form(form); }), std::vector<std::string>{"fine_amount"}) << bad;
  }
}

TEST(BookingForm, EachBadFieldIsNamedByItsFormField) {
  auto form = consecutive_recalled();
  form["kind"] = "life";
  form["sentenced_on-day"] = "30";
  form["term_months"] = "-1";
  form["recall_type"] = "7";
  auto fields = fields_of([&] { read_sentence_form(form); });
  EXPECT_EQ(fields, (std::vector<std::string>{"kind", "sentenced_on", "term_months", "recall_type"}));
}

TEST(BookingForm, EveryKindButIndeterminateNeedsATerm) {
  auto form = consecutive_recalled();
  form.erase("term_years");
  form.erase("term_months");
  EXPECT_EQ(fields_of([&] { read_sentence_form(form); }), std::vector<std::string>{"term_years"});
  form["kind"] = "extended_discretionary";
  EXPECT_EQ(fields_of([&] { read_sentence_form(form); }), std::vector<std::string>{"custodial_term_years"});
  form["custodial_term_years"] = "4";
  EXPECT_TRUE(fields_of([&] { read_sentence_form(form); }).empty());
  form.erase("custodial_term_years");
  form["kind"] = "indeterminate";
  EXPECT_TRUE(fields_of([&] { read_sentence_form(form); }).empty());
}

TEST(BookingForm, AnAdjustmentIsReadFromItsFormAndWrittenBack) {
  FieldInput form{{"type", "tagged_bail"},  {"days", "14"},           {"from", "2025-10-01"}, {"to", "2025-11-27"},
                  {"applies_to_4", "true"}, {"applies_to_7", "true"}, {"applies_to_9", ""},       {"effective_on", "2025-12-01"}};
  auto adjustment = read_adjustment_form(form);
  EXPECT_EQ(adjustment.type, AdjustmentType::tagged_bail);
  EXPECT_EQ(adjustment.days, 14);
  EXPECT_EQ(adjustment.from, day("2025-10-01"));
  EXPECT_EQ(adjustment.to, day("2025-11-27"));
  EXPECT_EQ(adjustment.sentence_ids, (std::vector<std::string>{"4", "7"}));
  EXPECT_FALSE(adjustment.applies_from);
  EXPECT_EQ(adjustment.effective_on, day("2025-12-01"));
  EXPECT_EQ(read_adjustment_form(adjustment_form_fields(adjustment)), adjustment);

  EXPECT_EQ(fields_of([&] { read_adjustment_form({{"type", "parole"}}); }), (std::vector<std::string>{"type", "days"}));
}

TEST(BookingForm, AMovementIsReadFromItsFormAndWrittenBack) {
  FieldInput form{{"movement_date-day", "3"}, {"movement_date-month", "11"}, {"movement_date-year", "2025"},
                  {"direction", "out"},       {"reason", " released on licence "}};
  auto movement = read_movement_form(form);
  EXPECT_EQ(movement.on, day("2025-11-03"));
  EXPECT_EQ(movement.direction, MovementDirection::out);
  EXPECT_EQ(movement.reason, "released on licence");
  EXPECT_EQ(read_movement_form(movement_form_fields(movement)), movement);
  EXPECT_EQ(read_movement_form({{"movement_date", "2025-11-03"}, {"direction", "in"}}).reason, "");  // it may be left out

  EXPECT_EQ(fields_of([&] { read_movement_form({{"direction", "away"}}); }),
            (std::vector<std::string>{"movement_date", "direction"}));
  FieldInput impossible{{"movement_date-day", "31"}, {"movement_date-month", "2"}, {"movement_date-year", "2025"}, {"direction", "in"}};
  EXPECT_EQ(fields_of([&] { read_movement_form(impossible); }), std::vector<std::string>{"movement_date"});
  FieldInput long_reason{{"movement_date", "2025-11-03"}, {"direction", "in"}, {"reason", std::string(201, 'x')}};
  EXPECT_EQ(fields_of([&] { read_movement_form(long_reason); }), std::vector<std::string>{"reason"});
}

TEST(BookingForm, EachFactAboutThePersonIsAnsweredYesOrNo) {
  for (auto fact : {PersonFact::sex_offender_register, PersonFact::liable_to_removal}) {
    auto field = std::string{person_fact_field(fact)};
    SCOPED_TRACE(field);
    EXPECT_TRUE(read_person_fact_form({{field, "yes"}}, fact));
    EXPECT_FALSE(read_person_fact_form({{field, "no"}}, fact));
    EXPECT_EQ(fields_of([&] { read_person_fact_form({}, fact); }), std::vector<std::string>{field});
    EXPECT_EQ(fields_of([&] { read_person_fact_form({{field, "maybe"}}, fact); }), std::vector<std::string>{field});
    // The other fact's answer is not this one's.
    auto other = fact == PersonFact::liable_to_removal ? "sex_offender_register" : "liable_to_removal";
    EXPECT_EQ(fields_of([&] { read_person_fact_form({{other, "yes"}}, fact); }), std::vector<std::string>{field});
  }
  EXPECT_EQ(person_fact_field(PersonFact::liable_to_removal), "liable_to_removal");
  Booking booking;
  set_person_fact(booking, PersonFact::liable_to_removal, true);
  EXPECT_TRUE(booking.calculate_ersed);
  EXPECT_TRUE(person_fact(booking, PersonFact::liable_to_removal));
  EXPECT_FALSE(person_fact(booking, PersonFact::sex_offender_register));
  set_person_fact(booking, PersonFact::sex_offender_register, true);
  EXPECT_TRUE(booking.person.sex_offender_register);
}

TEST(BookingForm, TheBookingsErrorsAreNamedByTheFormsFields) {
  std::vector<FieldError> errors{{"sentences[1].term.years", "a"},       {"sentences[1].custodial_term", "b"},
                                 {"sentences[1].recall.returned_on", "c"}, {"sentences[1].consecutive_to", "d"},
                                 {"sentences[0].sentenced_on", "e"},       {"adjustments[0].sentence_ids[1]", "f"}};
  auto renamed = errors_on_form(errors, "sentences[1]");
  std::vector<std::string> fields;
  for (const auto& error : renamed) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"term_years", "custodial_term_years", "recall_returned_on", "consecutive_to",
                                              "sentences[0].sentenced_on", "adjustments[0].sentence_ids[1]"}));
  EXPECT_EQ(errors_on_form(errors, "adjustments[0]").back().field, "applies_to");
  EXPECT_EQ(errors_on_form({{"movements[2].on", "g"}}, "movements[2]").front().field, "movement_date");
}

}  // namespace

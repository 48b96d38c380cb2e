// Unit tests of a person's booking as stored (domain/release_dates/stored_booking.hpp) and of the
// booking's JSON as the API reads and writes it (booking_json.hpp).
#include "domain/release_dates/stored_booking.hpp"

#include <gtest/gtest.h>

#include "domain/release_dates/booking_json.hpp"

using namespace resettle;
using nlohmann::json;

namespace {

Date day(const char* text) { return parse_iso_date(text).value(); }

const Date today = day("2026-12-07");  // every measure of the law had commenced

// As the single-sentence form records it.
Sentence on_the_form(std::int64_t id, const char* start, int days, ReleaseScheme scheme = ReleaseScheme::standard) {
  Sentence sentence;
  sentence.id = id;
  sentence.start_date = day(start);
  sentence.length_days = days;
  sentence.release_scheme = scheme;
  return sentence;
}

// As the booking records it.
Sentence in_booking(std::int64_t id, const char* sentenced_on, Term term) {
  Sentence sentence;
  sentence.id = id;
  sentence.start_date = day(sentenced_on);
  SentenceFacts facts;
  facts.term = term;
  sentence.facts = facts;
  return sentence;
}

StoredBooking booking_of(std::vector<Sentence> newest_first, std::vector<StoredAdjustment> adjustments = {}) {
  StoredBooking booking;
  booking.sentences = std::move(newest_first);
  booking.adjustments = std::move(adjustments);
  return booking;
}

StoredAdjustment adjustment(AdjustmentType type, int days, std::vector<std::string> sentence_ids) {
  StoredAdjustment stored;
  stored.adjustment.type = type;
  stored.adjustment.days = days;
  stored.adjustment.sentence_ids = std::move(sentence_ids);
  return stored;
}

TEST(StoredBooking, AFormSentenceIsReadAsTheFormMeantIt) {
  auto standard = booked_sentence(on_the_form(4, "2026-01-10", 730, ReleaseScheme::two_thirds));
  EXPECT_EQ(standard.id, "4");
  EXPECT_EQ(standard.kind, SentenceKind::standard);
  EXPECT_EQ(standard.term, (Term{0, 0, 0, 730}));
  EXPECT_EQ(standard.release_scheme, ReleaseScheme::two_thirds);  // chosen on the form, so it stands
  EXPECT_EQ(standard.sentenced_on, day("2026-01-10"));

  auto form = on_the_form(5, "2026-01-10", 1460, ReleaseScheme::extended);
  form.extension_days = 730;
  auto extended = booked_sentence(form);
  EXPECT_EQ(extended.kind, SentenceKind::extended_discretionary);
  EXPECT_TRUE(extended.term.empty());
  EXPECT_EQ(extended.custodial_term, (Term{0, 0, 0, 1460}));
  EXPECT_EQ(extended.extension_term, (Term{0, 0, 0, 730}));
  EXPECT_FALSE(extended.release_scheme);

  Sentence life;
  life.id = 6;
  life.type = SentenceType::indeterminate;
  EXPECT_EQ(booked_sentence(life).kind, SentenceKind::indeterminate);
}

TEST(StoredBooking, ABookingSentenceKeepsItsFactsAndNamesItsChainByRowId) {
  auto sentence = in_booking(9, "2026-02-06", {2, 0, 0, 0});
  sentence.facts->kind = SentenceKind::special_custodial;
  sentence.facts->offence.sds_plus = true;
  sentence.facts->consecutive_to = 8;
  sentence.recall_served = Recall{RecallType::fixed_term_28, day("2026-05-01"), day("2026-05-03")};
  auto booked = booked_sentence(sentence);
  EXPECT_EQ(booked.kind, SentenceKind::special_custodial);
  EXPECT_TRUE(booked.offence.sds_plus);
  EXPECT_EQ(booked.term, (Term{2, 0, 0, 0}));
  EXPECT_EQ(booked.consecutive_to, "8");
  EXPECT_EQ(booked.recall, sentence.recall_served);
  EXPECT_FALSE(booked.release_scheme);
  EXPECT_FALSE(booked.fine_amount_pence);
}

TEST(StoredBooking, ADefaultTermsFineReachesTheCalculationAsARequestWouldGiveIt) {
  auto fined = in_booking(3, "2026-11-02", {0, 0, 0, 28});
  fined.facts->kind = SentenceKind::default_term;
  fined.facts->fine_amount_pence = 50000;
  auto request = calculation_request(booking_of({fined}), std::nullopt, today);
  ASSERT_EQ(request.booking.sentences.size(), 1u);
  EXPECT_EQ(request.booking.sentences[0].fine_amount_pence, 50000);
  EXPECT_EQ(recorded_booking(booking_of({fined})).sentences[0].fine_amount_pence, 50000);
  auto dates = calculate_stored_booking(booking_of({fined}), std::nullopt, today).dates;
  ASSERT_TRUE(dates[KeyDateKind::automatic_release]);
  // £500 allows at most 14 days of the 28 given: half of 14, as the fixture DefaultTermCutToTheLongestTheLawAllowsForTheFine.
  EXPECT_EQ(dates[KeyDateKind::automatic_release]->date, day("2026-11-08"));
}

TEST(StoredBooking, OnlyDeterminateFormSentencesWithADateAndLengthAreCalculable) {
  EXPECT_TRUE(calculable(on_the_form(1, "2026-01-10", 730)));
  auto no_length = on_the_form(1, "2026-01-10", 730);
  no_length.length_days.reset();
  EXPECT_FALSE(calculable(no_length));
  auto no_date = on_the_form(1, "2026-01-10", 730);
  no_date.start_date.reset();
  EXPECT_FALSE(calculable(no_date));
  auto life = on_the_form(1, "2026-01-10", 730);
  life.type = SentenceType::indeterminate;
  EXPECT_FALSE(calculable(life));
  EXPECT_TRUE(calculable(in_booking(2, "2026-01-10", {1, 0, 0, 0})));
}

TEST(StoredBooking, TheRequestHoldsTheCalculableSentencesOldestFirstAndEveryAdjustment) {
  auto form = on_the_form(3, "2026-01-10", 730);
  form.remand_days = 20;
  form.tagged_bail_days = 5;
  form.supplied.tariff_date = day("2030-01-01");
  auto older = in_booking(2, "2025-06-01", {1, 0, 0, 0});
  auto uncalculable = on_the_form(1, "2025-01-01", 100);
  uncalculable.length_days.reset();
  auto booking = booking_of({form, older, uncalculable}, {adjustment(AdjustmentType::unlawfully_at_large, 4, {"2"})});
  auto request = calculation_request(booking, day("1990-05-17"), today);
  EXPECT_EQ(request.as_at, today);
  ASSERT_EQ(request.booking.sentences.size(), 2u);
  EXPECT_EQ(request.booking.sentences[0].id, "2");
  EXPECT_EQ(request.booking.sentences[1].id, "3");
  ASSERT_EQ(request.booking.adjustments.size(), 3u);
  EXPECT_EQ(request.booking.adjustments[0].type, AdjustmentType::remand);
  EXPECT_EQ(request.booking.adjustments[0].days, 20);
  EXPECT_EQ(request.booking.adjustments[0].sentence_ids, std::vector<std::string>{"3"});
  EXPECT_EQ(request.booking.adjustments[1].type, AdjustmentType::tagged_bail);
  EXPECT_EQ(request.booking.adjustments[2].type, AdjustmentType::unlawfully_at_large);
  EXPECT_EQ(request.supplied.tariff_date, day("2030-01-01"));  // the newest sentence's
  EXPECT_EQ(request.booking.person.date_of_birth, day("1990-05-17"));
  EXPECT_EQ(recorded_booking(booking).sentences.size(), 3u);  // what the API shows keeps every sentence
}

TEST(StoredBooking, AFormSentenceGivesTheDatesItGaveOnItsOwn) {
  // Two years from 2026-01-10 with the halfway scheme chosen on the form: CRD 2027-01-09, and
  // 10 days' remand bring it to 2026-12-30.
  auto form = on_the_form(1, "2026-01-10", 730);
  EXPECT_EQ(calculate_stored_booking(booking_of({form}), std::nullopt, today).dates.date(KeyDateKind::conditional_release),
            day("2027-01-09"));
  form.remand_days = 10;
  EXPECT_EQ(calculate_stored_booking(booking_of({form}), std::nullopt, today).dates.date(KeyDateKind::conditional_release),
            day("2026-12-30"));
  EXPECT_EQ(compute_key_dates(form).date(KeyDateKind::conditional_release), day("2026-12-30"));
}

TEST(StoredBooking, ConsecutiveSentencesAreCalculatedAsOneChain) {
  auto first = in_booking(1, "2026-01-10", {0, 0, 0, 365});
  first.facts->release_scheme = ReleaseScheme::standard;
  auto second = in_booking(2, "2026-01-10", {0, 0, 0, 365});
  second.facts->release_scheme = ReleaseScheme::standard;
  auto alone = calculate_stored_booking(booking_of({first}), std::nullopt, today);
  auto concurrent = calculate_stored_booking(booking_of({second, first}), std::nullopt, today);
  second.facts->consecutive_to = 1;
  auto chained = calculate_stored_booking(booking_of({second, first}), std::nullopt, today);
  EXPECT_EQ(concurrent.dates.date(KeyDateKind::conditional_release), alone.dates.date(KeyDateKind::conditional_release));
  EXPECT_EQ(concurrent.working.chains, 2);
  // The chain runs 730 days from 2026-01-10, so release comes a half-year later than either alone.
  EXPECT_GT(*chained.dates.date(KeyDateKind::conditional_release),
            add_days(*alone.dates.date(KeyDateKind::conditional_release), 180));
  EXPECT_EQ(chained.effective_sentence_length_days, 730);
  EXPECT_EQ(chained.working.sentences_in_chain, 2);
}

TEST(StoredBooking, StoredAdjustmentsCount) {
  auto sentence = in_booking(1, "2026-01-10", {0, 0, 0, 730});
  sentence.facts->release_scheme = ReleaseScheme::standard;
  auto without = calculate_stored_booking(booking_of({sentence}), std::nullopt, today);
  auto with = calculate_stored_booking(booking_of({sentence}, {adjustment(AdjustmentType::remand, 10, {"1"})}), std::nullopt, today);
  EXPECT_EQ(with.dates.date(KeyDateKind::conditional_release),
            add_days(*without.dates.date(KeyDateKind::conditional_release), -10));
  EXPECT_EQ(with.working.credit_days, 10);
}

TEST(StoredBooking, TheRegisterFlagAndTheMovementsReachTheCalculation) {
  // A year from 2024-01-10 at halfway: released 2024-07-09, before SDS40 commenced on 2024-09-10.
  auto sentence = in_booking(1, "2024-01-10", {1, 0, 0, 0});
  auto booking = booking_of({sentence});
  auto plain = calculate_stored_booking(booking, day("1980-01-01"), today);
  booking.sex_offender_register = true;
  booking.movements = {{day("2024-01-10"), MovementDirection::in, "sentenced"}};
  auto request = calculation_request(booking, day("1980-01-01"), today);
  EXPECT_TRUE(request.booking.person.sex_offender_register);
  EXPECT_EQ(request.booking.movements, booking.movements);
  EXPECT_TRUE(recorded_booking(booking).person.sex_offender_register);
  EXPECT_EQ(recorded_booking(booking).movements, booking.movements);
  ASSERT_TRUE(plain.dates.has(KeyDateKind::home_detention_curfew_eligibility));
  EXPECT_FALSE(calculate_stored_booking(booking, day("1980-01-01"), today).dates.has(KeyDateKind::home_detention_curfew_eligibility));
}

TEST(StoredBooking, SomeoneOutWhenAMeasureCommencedKeepsTheEarlierRule) {
  // Three years from 2023-10-01: SDS40 (tranche one, 2024-09-10) brings release before halfway, unless
  // the custody history has the person out of custody on the day it commenced.
  auto booking = booking_of({in_booking(1, "2023-10-01", {3, 0, 0, 0})});
  auto in_custody = calculate_stored_booking(booking, day("1980-01-01"), today);
  booking.movements = {{day("2023-10-01"), MovementDirection::in, "sentenced"},
                       {day("2024-08-01"), MovementDirection::out, "bail pending appeal"}};
  auto out = calculate_stored_booking(booking, day("1980-01-01"), today);
  EXPECT_EQ(in_custody.working.regime.regime, ReleaseScheme::forty_percent);
  EXPECT_EQ(in_custody.dates.date(KeyDateKind::conditional_release), day("2024-12-12"));  // 439 of 1,096 days
  EXPECT_EQ(out.working.regime.regime, ReleaseScheme::standard);
  EXPECT_EQ(out.dates.date(KeyDateKind::conditional_release), day("2025-03-31"));  // halfway, 548 days
}

TEST(StoredBooking, TheLawInForceOnTheDayItIsWorkedOutDecides) {
  // Three years from 2026-06-01 (1,096 days): 40% on 30 September 2026; from 1 October the progression
  // model's third (its tranche for this length, 10 November 2026, comes before the third).
  auto booking = booking_of({in_booking(1, "2026-06-01", {3, 0, 0, 0})});
  auto before = calculate_stored_booking(booking, std::nullopt, day("2026-09-30"));
  auto after = calculate_stored_booking(booking, std::nullopt, day("2026-10-02"));
  EXPECT_EQ(before.dates[KeyDateKind::conditional_release], (KeyDate{day("2027-08-13"), KeyDateRule::forty_percent}));
  EXPECT_EQ(after.dates[KeyDateKind::conditional_release], (KeyDate{day("2027-06-01"), KeyDateRule::one_third}));
  EXPECT_EQ(calculate_stored_booking(booking, std::nullopt, all_law_known).dates[KeyDateKind::conditional_release],
            after.dates[KeyDateKind::conditional_release]);
}

TEST(StoredBooking, WithNothingCalculableOnlyTheSuppliedDatesStand) {
  Sentence life;
  life.type = SentenceType::indeterminate;
  life.supplied.tariff_date = day("2035-03-01");
  auto result = calculate_stored_booking(booking_of({life}), std::nullopt, today);
  EXPECT_EQ(result.dates.date(KeyDateKind::tariff), day("2035-03-01"));
  EXPECT_TRUE(result.dates[KeyDateKind::tariff]->supplied());
  EXPECT_FALSE(result.dates.has(KeyDateKind::conditional_release));
  EXPECT_FALSE(calculate_stored_booking(StoredBooking{}, std::nullopt, today).dates.has(KeyDateKind::tariff));
}

TEST(StoredBooking, ChangesAreEachDateOrRuleThatDiffers) {
  KeyDates before, after;
  before.set(KeyDateKind::conditional_release, {day("2027-01-09"), KeyDateRule::halfway});
  before.set(KeyDateKind::licence_expiry, {day("2028-01-09"), KeyDateRule::sentence_end});
  before.set(KeyDateKind::sentence_expiry, {day("2028-01-09"), KeyDateRule::sentence_end});
  after = before;
  EXPECT_TRUE(key_date_changes(7, before, after, day("2026-10-13")).empty());

  after.set(KeyDateKind::conditional_release, {day("2026-10-13"), KeyDateRule::commencement});
  after.set(KeyDateKind::licence_expiry, {day("2028-01-09"), KeyDateRule::licence_to_sentence_end});  // the rule only
  after.clear(KeyDateKind::sentence_expiry);
  after.set(KeyDateKind::parole_eligibility, {day("2026-12-01"), KeyDateRule::one_third});
  auto changes = key_date_changes(7, before, after, day("2026-10-13"));
  ASSERT_EQ(changes.size(), 4u);  // in KeyDateKind order
  EXPECT_EQ(changes[0].kind, KeyDateKind::conditional_release);
  EXPECT_EQ(changes[0].before->date, day("2027-01-09"));
  EXPECT_EQ(changes[0].after->date, day("2026-10-13"));
  EXPECT_EQ(changes[0].after->rule, KeyDateRule::commencement);
  EXPECT_EQ(changes[0].person_id, 7);
  EXPECT_EQ(changes[0].found_on, day("2026-10-13"));
  EXPECT_EQ(changes[1].kind, KeyDateKind::parole_eligibility);
  EXPECT_FALSE(changes[1].before);
  EXPECT_EQ(changes[2].kind, KeyDateKind::licence_expiry);
  EXPECT_EQ(changes[3].kind, KeyDateKind::sentence_expiry);
  EXPECT_FALSE(changes[3].after);
}

// --- The booking's JSON as the API reads and writes it -------------------------------------------

json two_sentences() {
  return json::parse(R"({
    "sentences": [
      {"id": "a", "kind": "standard", "sentenced_on": "2026-02-06", "offence": {"committed_on": "2025-11-01",
       "exclusions": ["violent"]}, "term": {"years": 2}},
      {"id": "b", "kind": "standard", "sentenced_on": "2026-02-06", "term": {"months": 6}, "consecutive_to": "a",
       "recall": {"type": "28", "revoked_on": "2026-06-01", "returned_on": "2026-06-03"}}
    ],
    "adjustments": [{"type": "remand", "days": 30, "sentence_ids": ["a"]}]
  })");
}

TEST(BookingJson, ABookingIsReadAndWrittenInTheSameShape) {
  auto booking = read_booking_json(two_sentences(), day("2026-12-01"));
  ASSERT_EQ(booking.sentences.size(), 2u);
  EXPECT_EQ(booking.sentences[0].term, (Term{2, 0, 0, 0}));
  EXPECT_TRUE(booking.sentences[0].offence.has(OffenceExclusion::violent));
  EXPECT_EQ(booking.sentences[1].consecutive_to, "a");
  EXPECT_EQ(booking.sentences[1].recall->type, RecallType::fixed_term_28);
  EXPECT_EQ(booking.adjustments[0].sentence_ids, std::vector<std::string>{"a"});

  auto written = booking_json(booking);
  EXPECT_EQ(written["sentences"][0]["offence"]["exclusions"], json::array({"violent"}));
  EXPECT_EQ(written["sentences"][1]["recall"]["returned_on"], "2026-06-03");
  EXPECT_EQ(written["sentences"][0]["recall"], nullptr);
  auto again = read_booking_json(written, day("2026-12-01"));
  EXPECT_EQ(booking_json(again), written);
}

TEST(BookingJson, TheRegisterFlagAndTheMovementsAreReadAndWritten) {
  auto body = two_sentences();
  body["person"] = {{"sex_offender_register", true}};
  body["movements"] = {{{"on", "2026-02-06"}, {"direction", "in"}, {"reason", "sentenced"}},
                       {{"on", "2026-06-01"}, {"direction", "out"}}};
  auto booking = read_booking_json(body, day("2026-12-01"));
  EXPECT_TRUE(booking.person.sex_offender_register);
  ASSERT_EQ(booking.movements.size(), 2u);
  EXPECT_EQ(booking.movements[0], (Movement{day("2026-02-06"), MovementDirection::in, "sentenced"}));
  EXPECT_EQ(booking.movements[1], (Movement{day("2026-06-01"), MovementDirection::out, ""}));
  auto written = booking_json(booking);
  EXPECT_EQ(written["person"]["sex_offender_register"], true);
  EXPECT_EQ(written["movements"][1]["direction"], "out");
  EXPECT_EQ(booking_json(read_booking_json(written, day("2026-12-01"))), written);
  // A booking without them is off the register with no movements.
  auto plain = booking_json(read_booking_json(two_sentences(), day("2026-12-01")));
  EXPECT_EQ(plain["person"]["sex_offender_register"], false);
  EXPECT_EQ(plain["movements"], json::array());
}

TEST(BookingJson, WhatAGetAnswersWithMayBeSentBack) {
  auto body = two_sentences();
  body["version"] = 3;
  body["person_id"] = 7;
  body["key_dates"] = json::object();
  body["effective_sentence_length"] = json::object();
  body["links"] = json::object();
  EXPECT_NO_THROW(read_booking_json(body, day("2026-12-01")));
}

std::vector<FieldError> errors_of(const json& body) {
  try {
    read_booking_json(body, day("2026-12-01"));
  } catch (const ValidationFailed& failure) {
    return failure.errors();
  }
  return {};
}

bool names(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& error : errors)
    if (error.field == field) return true;
  return false;
}

TEST(BookingJson, CreditIsJudgedAgainstTheWholeChainItShortens) {
  // Twenty days and twenty more after them: 30 days' remand is more than the second sentence alone,
  // not more than the chain; 41 is.
  auto body = json::parse(R"({"sentences": [
      {"id": "a", "kind": "standard", "sentenced_on": "2025-01-10", "term": {"days": 20}},
      {"id": "b", "kind": "standard", "sentenced_on": "2025-01-10", "term": {"days": 20}, "consecutive_to": "a"}],
    "adjustments": [{"type": "remand", "days": 30, "sentence_ids": ["b"]}]})");
  EXPECT_TRUE(errors_of(body).empty());
  body["adjustments"][0]["days"] = 41;
  auto errors = errors_of(body);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "adjustments[0].days");
  EXPECT_EQ(errors[0].message, "is more than the whole term of the chain from sentences[0]");
  body["adjustments"][0]["days"] = 40;
  EXPECT_TRUE(errors_of(body).empty());
}

// Adjustments are time already served: each row is a booking read on 1 December 2026 with one
// adjustment, the field it is refused on and why, or none when it is just within the time served.
TEST(BookingJson, AnAdjustmentIsNoLargerThanTheTimeServedSoFar) {
  const auto sentence = json::parse(R"({"id": "a", "kind": "standard", "sentenced_on": "2026-03-10",
      "offence": {"committed_on": "2026-01-01"}, "term": {"years": 2}})");
  struct Row {
    const char* adjustment;
    const char* field;    // empty: accepted
    const char* message;
  };
  const Row rows[] = {
      // Dates that have not happened yet.
      {R"({"type": "unlawfully_at_large", "days": 1, "from": "2026-12-02"})", "adjustments[0].from",
       "cannot be after today"},
      {R"({"type": "unlawfully_at_large", "days": 1, "from": "2026-11-30", "to": "2026-12-02"})", "adjustments[0].to",
       "cannot be after today"},
      {R"({"type": "unlawfully_at_large", "days": 3, "from": "2026-11-29", "to": "2026-12-01"})", "", ""},
      // Still running: no more days than from its start to today.
      {R"({"type": "unlawfully_at_large", "days": 4, "from": "2026-11-28"})", "", ""},
      {R"({"type": "unlawfully_at_large", "days": 5, "from": "2026-11-28"})", "adjustments[0].days",
       "is more than the days from 2026-11-28 to today"},
      // Remand and tagged bail: held between the offence (1 January) and the day before sentence (9 March).
      {R"({"type": "remand", "days": 68})", "", ""},
      {R"({"type": "remand", "days": 69})", "adjustments[0].days",
       "is more than the 68 days from the offence to the sentence it counts towards"},
      {R"({"type": "tagged_bail", "days": 69, "sentence_ids": ["a"]})", "adjustments[0].days",
       "is more than the 68 days from the offence to the sentence it counts towards"},
      {R"({"type": "tagged_bail", "days": 69, "applies_from": "2026-03-10"})", "adjustments[0].days",
       "is more than the 68 days from the offence to the sentence it counts towards"},
      {R"({"type": "tagged_bail", "days": 69, "applies_from": "2026-03-11"})", "", ""},  // counts towards no sentence
      {R"({"type": "recall_remand", "days": 200})", "", ""},  // after sentence, not before it
      // Restored days give back days awarded, and none were.
      {R"({"type": "restored_additional_days", "days": 1})", "adjustments[0].days",
       "restores more days than the 0 additional days awarded"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.adjustment);
    json body{{"sentences", json::array({sentence})}, {"adjustments", json::array({json::parse(row.adjustment)})}};
    auto errors = errors_of(body);
    if (std::string{row.field}.empty()) {
      EXPECT_TRUE(errors.empty()) << errors.front().field << " " << errors.front().message;
      continue;
    }
    ASSERT_EQ(errors.size(), 1u) << errors.front().field << " " << errors.front().message;
    EXPECT_EQ(errors[0].field, row.field);
    EXPECT_EQ(errors[0].message, row.message);
  }
}

TEST(BookingJson, RemandIsJudgedByTheLongestTimeBeforeASentenceItCountsTowards) {
  // Offence 1 January, sentenced 10 March (68 days held at most) and 1 June (151 days) 2026.
  auto body = json::parse(R"({"sentences": [
      {"id": "a", "kind": "standard", "sentenced_on": "2026-03-10", "offence": {"committed_on": "2026-01-01"}, "term": {"years": 2}},
      {"id": "b", "kind": "standard", "sentenced_on": "2026-06-01", "offence": {"committed_on": "2026-01-01"}, "term": {"years": 2}}],
    "adjustments": [{"type": "remand", "days": 151}]})");
  EXPECT_TRUE(errors_of(body).empty());
  body["adjustments"][0]["days"] = 152;
  EXPECT_TRUE(names(errors_of(body), "adjustments[0].days"));
  body["adjustments"][0]["sentence_ids"] = {"a"};
  body["adjustments"][0]["days"] = 69;
  EXPECT_TRUE(names(errors_of(body), "adjustments[0].days"));
  body["sentences"][0]["offence"].erase("committed_on");  // nothing to judge by
  EXPECT_TRUE(errors_of(body).empty());
}

TEST(BookingJson, RestoredDaysAreNoMoreThanTheDaysAwardedAltogether) {
  auto body = json::parse(R"({"sentences": [
      {"id": "a", "kind": "standard", "sentenced_on": "2026-03-10", "term": {"years": 2}}],
    "adjustments": [{"type": "additional_days_awarded", "days": 10}, {"type": "restored_additional_days", "days": 6},
                    {"type": "restored_additional_days", "days": 4}]})");
  EXPECT_TRUE(errors_of(body).empty());
  body["adjustments"][2]["days"] = 5;
  auto errors = errors_of(body);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "adjustments[2].days");  // the one that restores more than was awarded
  EXPECT_EQ(errors[0].message, "restores more days than the 10 additional days awarded");
}

TEST(BookingJson, BadInputIsRefusedByFieldPath) {
  auto body = two_sentences();
  body["sentences"][0]["consecutive_to"] = "b";  // a loop
  EXPECT_TRUE(names(errors_of(body), "sentences[0].consecutive_to"));

  body = two_sentences();
  body["sentences"][1]["consecutive_to"] = "z";
  EXPECT_TRUE(names(errors_of(body), "sentences[1].consecutive_to"));

  body = two_sentences();
  body["sentences"][1]["recall"].erase("returned_on");
  EXPECT_TRUE(names(errors_of(body), "sentences[1].recall.returned_on"));

  body = two_sentences();
  body["sentences"][0]["extension_term"] = {{"years", 1}};
  EXPECT_TRUE(names(errors_of(body), "sentences[0].extension_term"));

  body = two_sentences();
  body["sentences"][0]["sentenced_on"] = "2026-02-30";
  EXPECT_TRUE(names(errors_of(body), "sentences[0].sentenced_on"));

  body = two_sentences();
  body["adjustments"][0]["sentence_ids"] = {"z"};
  EXPECT_TRUE(names(errors_of(body), "adjustments[0].sentence_ids[0]"));

  body = two_sentences();
  body["movements"] = {{{"on", "2026-03-01"}, {"direction", "sideways"}}};
  EXPECT_TRUE(names(errors_of(body), "movements[0].direction"));

  body = two_sentences();
  body["movements"] = {{{"direction", "out"}}};
  EXPECT_TRUE(names(errors_of(body), "movements[0].on"));

  body = two_sentences();
  body["movements"] = {{{"on", "2026-12-02"}, {"direction", "out"}}};
  EXPECT_TRUE(names(errors_of(body), "movements[0].on"));  // after today

  body = two_sentences();
  body["movements"] = {{{"on", "2026-05-01"}, {"direction", "out"}}, {{"on", "2026-04-01"}, {"direction", "in"}}};
  EXPECT_TRUE(names(errors_of(body), "movements[1].on"));  // out of date order

  body = two_sentences();
  body["person"] = {{"date_of_birth", "1990-01-01"}};
  EXPECT_TRUE(names(errors_of(body), "person.date_of_birth"));  // the person's record holds it

  body = two_sentences();
  body.erase("sentences");
  EXPECT_TRUE(names(errors_of(body), "sentences"));
}

TEST(BookingJson, LawSwitchesAreForCalculationsOnly) {
  auto body = two_sentences();
  body["sentences"][0]["law"] = {{"sds40", false}};
  EXPECT_TRUE(names(errors_of(body), "sentences[0].law"));
}

TEST(BookingJson, APartPaymentOfAFineIsForCalculationsOnly) {
  auto body = two_sentences();
  body["sentences"][1]["kind"] = "default_term";
  body["sentences"][1]["fine_amount"] = 125050;
  body["sentences"][1]["fine_paid"] = 25050;
  EXPECT_TRUE(names(errors_of(body), "sentences[1].fine_paid"));
  body["sentences"][1].erase("fine_paid");
  EXPECT_NO_THROW(read_booking_json(body, day("2026-12-01")));
}

TEST(BookingJson, ADefaultTermsFineIsRecordedInPenceAndRefusedOnAnyOtherKind) {
  auto body = two_sentences();
  body["sentences"][1]["kind"] = "default_term";
  body["sentences"][1]["fine_amount"] = 125050;
  auto booking = read_booking_json(body, day("2026-12-01"));
  EXPECT_EQ(booking.sentences[1].fine_amount_pence, 125050);
  EXPECT_FALSE(booking.sentences[0].fine_amount_pence);
  auto written = booking_json(booking);
  EXPECT_EQ(written["sentences"][1]["fine_amount"], 125050);
  EXPECT_EQ(written["sentences"][0]["fine_amount"], nullptr);
  EXPECT_EQ(booking_json(read_booking_json(written, day("2026-12-01"))), written);

  body["sentences"][1]["kind"] = "standard";  // as a calculation refuses it
  EXPECT_TRUE(names(errors_of(body), "sentences[1].fine_amount"));
  body["sentences"][1]["kind"] = "default_term";
  body["sentences"][1]["fine_amount"] = -1;
  EXPECT_TRUE(names(errors_of(body), "sentences[1].fine_amount"));
  body["sentences"][1]["fine_amount"] = "12.50";
  EXPECT_TRUE(names(errors_of(body), "sentences[1].fine_amount"));
}

}  // namespace

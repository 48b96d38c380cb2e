// Properties every calculation keeps, over bookings from a seeded generator: release never after
// licence or sentence expiry, eligibility dates before release, more remand never moving any date later,
// and another concurrent sentence never bringing the release earlier.
#include <gtest/gtest.h>

#include <random>

#include "domain/release_dates/release_dates.hpp"

using namespace resettle;

namespace {

Date day(int y, unsigned m, unsigned d) { return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}; }

struct Generator {
  std::mt19937 random{20261206};
  int between(int low, int high) { return low + int(random() % unsigned(high - low + 1)); }
  bool chance(int percent) { return between(1, 100) <= percent; }

  CalculationRequest booking() {
    CalculationRequest request;
    request.as_at = add_days(day(2023, 1, 1), between(0, 1800));
    int count = between(1, 4);
    for (int i = 0; i < count; ++i) {
      BookedSentence sentence;
      sentence.id = std::to_string(i);
      sentence.sentenced_on = add_days(day(2020, 1, 1), between(0, 2300));
      // Some under the law of 2014-2015: short terms without a licence, and top-up supervision.
      if (chance(15)) sentence.sentenced_on = add_days(day(2014, 6, 1), between(0, 400));
      if (chance(5)) {
        sentence.kind = SentenceKind::default_term;
        sentence.fine_amount_pence = between(1, 2'000'000);
      }
      if (chance(50)) sentence.term.months = between(1, 60);
      else sentence.term.days = between(7, 1500);
      if (chance(15)) sentence.offence.sds_plus = true;
      if (chance(20)) sentence.offence.exclusions.set(std::size_t(between(0, 7)));
      if (chance(10)) sentence.offence.progression_exclusions.set(0);
      if (i > 0 && chance(40)) {
        sentence.consecutive_to = std::to_string(i - 1);
        sentence.sentenced_on = request.booking.sentences[std::size_t(i - 1)].sentenced_on;
      }
      if (chance(50)) sentence.offence.committed_on = add_days(*sentence.sentenced_on, -between(0, 300));
      request.booking.sentences.push_back(sentence);
    }
    if (chance(60)) {
      Adjustment remand;
      remand.days = between(0, 5);
      request.booking.adjustments.push_back(remand);
    }
    return request;
  }
};

std::optional<Date> expiry(const KeyDates& dates) {
  if (auto both = dates.date(KeyDateKind::sentence_and_licence_expiry)) return both;
  return dates.date(KeyDateKind::licence_expiry);
}

std::optional<Date> sentence_expiry(const KeyDates& dates) {
  if (auto both = dates.date(KeyDateKind::sentence_and_licence_expiry)) return both;
  return dates.date(KeyDateKind::sentence_expiry);
}

TEST(ReleaseDateProperties, HoldForGeneratedBookings) {
  Generator generator;
  for (int run = 0; run < 3000; ++run) {
    auto request = generator.booking();
    auto dates = calculate_release_dates(request).dates;
    auto release = automatic_release(dates);
    ASSERT_TRUE(release.has_value()) << run;
    // Released on licence, the licence runs on; a release without one may follow the end of a concurrent
    // sentence's licence served in custody.
    auto on_licence = dates.date(KeyDateKind::conditional_release);
    if (auto end = expiry(dates); end && on_licence) { EXPECT_LE(*on_licence, *end) << "release after licence expiry, run " << run; }
    auto end = sentence_expiry(dates);
    ASSERT_TRUE(end.has_value()) << run;
    EXPECT_LE(*release, *end) << "release after sentence expiry, run " << run;
    if (auto curfew = dates.date(KeyDateKind::home_detention_curfew_eligibility)) { EXPECT_LT(*curfew, *release) << run; }
    if (auto parole = dates.date(KeyDateKind::parole_eligibility)) { EXPECT_LE(*parole, *release) << run; }

    auto more = request;
    Adjustment remand;
    remand.days = generator.between(1, 5);
    more.booking.adjustments.push_back(remand);
    auto with_more = calculate_release_dates(more).dates;
    EXPECT_LE(*automatic_release(with_more), *release) << "more remand moved release later, run " << run;
    for (const auto& kind : key_date_kinds()) {
      auto was = dates.date(kind.value), now = with_more.date(kind.value);
      if (was && now) { EXPECT_LE(*now, *was) << "more remand moved " << kind.code << " later, run " << run; }
    }
  }
}

TEST(ReleaseDateProperties, AnotherConcurrentSentenceNeverBringsReleaseEarlier) {
  Generator generator;
  for (int run = 0; run < 3000; ++run) {
    auto request = generator.booking();
    auto release = automatic_release(calculate_release_dates(request).dates);
    auto extra = generator.booking().booking.sentences.front();
    extra.id = "concurrent";
    extra.consecutive_to.reset();
    request.booking.sentences.push_back(extra);
    auto with_extra = automatic_release(calculate_release_dates(request).dates);
    ASSERT_TRUE(with_extra.has_value()) << run;
    EXPECT_GE(*with_extra, *release) << "a concurrent sentence brought release earlier, run " << run;
  }
}

TEST(ReleaseDateProperties, LaterAsAtNeverAppliesLessLaw) {
  Generator generator;
  for (int run = 0; run < 1000; ++run) {
    auto request = generator.booking();
    request.as_at = day(2024, 9, 9);
    auto before = automatic_release(calculate_release_dates(request).dates);
    request.as_at = day(2024, 12, 1);  // SDS40 in force: release is never later
    auto after = automatic_release(calculate_release_dates(request).dates);
    EXPECT_LE(*after, *before) << run;
  }
}

TEST(ReleaseDateProperties, ConcurrentCopiesOfASentenceGiveItsDatesHoweverMany) {
  // 60 sentences need more working room than the calculation keeps on the stack: the rest comes from
  // the heap, with the same answers.
  Generator generator;
  for (int run = 0; run < 50; ++run) {
    auto one = generator.booking();
    one.booking.sentences.resize(1);
    one.booking.adjustments.clear();
    auto many = one;
    for (int copy = 1; copy < 60; ++copy) {
      auto sentence = one.booking.sentences.front();
      sentence.id = "copy" + std::to_string(copy);
      many.booking.sentences.push_back(sentence);
    }
    auto alone = calculate_release_dates(one), all = calculate_release_dates(many);
    for (const auto& kind : key_date_kinds()) {
      if (kind.value == KeyDateKind::home_detention_curfew_eligibility) continue;  // for a single chain only
      EXPECT_EQ(all.dates[kind.value], alone.dates[kind.value]) << run << " " << kind.code;
    }
    EXPECT_EQ(all.working.chains, 60);
  }
}

}  // namespace

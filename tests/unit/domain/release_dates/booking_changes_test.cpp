// Unit tests of taking a sentence out of a booking (domain/release_dates/booking_changes.hpp).
#include "domain/release_dates/booking_changes.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;

namespace {

BookedSentence sentence(std::string id, std::optional<std::string> consecutive_to = std::nullopt) {
  BookedSentence booked;
  booked.id = std::move(id);
  booked.sentenced_on = parse_iso_date("2026-02-06");
  booked.term.years = 1;
  booked.consecutive_to = std::move(consecutive_to);
  return booked;
}

Adjustment remand_to(std::vector<std::string> ids) {
  Adjustment adjustment;
  adjustment.days = 10;
  adjustment.sentence_ids = std::move(ids);
  return adjustment;
}

std::vector<FieldError> refusal(const Booking& booking, const std::string& id) {
  try {
    without_sentence(booking, id);
  } catch (const ValidationFailed& failure) {
    return failure.errors();
  }
  return {};
}

TEST(WithoutSentence, TheSentenceLeavesAndTheRestStaysInOrder) {
  Booking booking;
  booking.sentences = {sentence("1"), sentence("2"), sentence("3", "1")};
  booking.adjustments = {remand_to({"1"}), remand_to({})};
  booking.movements = {{*parse_iso_date("2026-02-06"), MovementDirection::out, "released"}};
  auto rest = without_sentence(booking, "2");
  ASSERT_EQ(rest.sentences.size(), 2u);
  EXPECT_EQ(rest.sentences[0].id, "1");
  EXPECT_EQ(rest.sentences[1].id, "3");
  EXPECT_EQ(rest.adjustments, booking.adjustments);
  ASSERT_EQ(rest.movements.size(), 1u);
  EXPECT_EQ(rest.movements[0].direction, MovementDirection::out);
  EXPECT_TRUE(without_sentence(rest, "3").sentences.size() == 1u);  // the last of a chain may go
}

TEST(WithoutSentence, ASentenceServedAfterItIsRefusedByItsPath) {
  Booking booking;
  booking.sentences = {sentence("1"), sentence("2", "1")};
  auto errors = refusal(booking, "1");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "sentences[1].consecutive_to");
  EXPECT_NE(errors[0].message.find("sentence 2 is served after it"), std::string::npos);
}

TEST(WithoutSentence, AnAdjustmentThatAppliesToItIsRefusedByItsPath) {
  Booking booking;
  booking.sentences = {sentence("1"), sentence("2")};
  booking.adjustments = {remand_to({}), remand_to({"1", "2"})};
  auto errors = refusal(booking, "2");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "adjustments[1].sentence_ids[1]");
  EXPECT_NE(errors[0].message.find("adjustment 2 applies to it"), std::string::npos);
}

TEST(WithoutSentence, EveryReasonIsNamedAtOnce) {
  Booking booking;
  booking.sentences = {sentence("1"), sentence("2", "1")};
  booking.adjustments = {remand_to({"1"})};
  EXPECT_EQ(refusal(booking, "1").size(), 2u);
}

TEST(WithoutSentence, ASentenceNotInTheBookingIsNotFound) {
  Booking booking;
  booking.sentences = {sentence("1")};
  EXPECT_THROW(without_sentence(booking, "9"), NotFound);
}

}  // namespace

// Unit tests of the handover meeting (domain/responsibility/handover_meeting.hpp).
#include "domain/responsibility/handover_meeting.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;
using enum HandoverFlag;

namespace {
const Date start{2025y / June / 2};     // COM allocated
const Date handover{2025y / June / 30};  // COM takes over

CaseDates determinate() {
  CaseDates dates;
  dates.person_id = 4;
  dates.responsibility = Responsibility::pom;
  dates.reason = HandoverReason::determinate;
  dates.com_allocated_date = start;
  dates.handover_date = handover;
  return dates;
}

HandoverMeeting meeting(MeetingStatus status, Date on, std::int64_t id = 1) {
  HandoverMeeting m;
  m.id = id;
  m.person_id = 4;
  m.status = status;
  m.scheduled_on = on;
  return m;
}

std::vector<std::string> bad_fields(auto&& action) {
  try {
    action();
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

std::vector<HandoverFlag> flags(bool com, std::optional<HandoverMeeting> current, Date today, bool in_custody = true) {
  return handover_progress({determinate(), in_custody, com, std::move(current)}, today);
}
}  // namespace

TEST(HandoverMeeting, CurrentIsTheNewestNotCancelled) {
  std::vector<HandoverMeeting> meetings{meeting(MeetingStatus::cancelled, start, 3), meeting(MeetingStatus::scheduled, start, 2),
                                        meeting(MeetingStatus::cancelled, start, 1)};
  EXPECT_EQ(current_meeting(meetings)->id, 2);
  EXPECT_FALSE(current_meeting(std::vector<HandoverMeeting>{meeting(MeetingStatus::cancelled, start)}));
  EXPECT_FALSE(current_meeting({}));
}

TEST(HandoverMeeting, NeededOnlyWhenAPomHandsOverToACom) {
  EXPECT_TRUE(needs_handover_meeting(determinate()));
  auto short_sentence = determinate();
  short_sentence.reason = HandoverReason::short_sentence;
  EXPECT_FALSE(needs_handover_meeting(short_sentence));
  auto no_dates = determinate();
  no_dates.handover_date.reset();
  EXPECT_FALSE(needs_handover_meeting(no_dates));
}

TEST(HandoverMeeting, ScheduledBeforeTheHandoverDate) {
  auto m = schedule_meeting({{"scheduled_on", "2025-06-20"}, {"notes", "Video link"}}, determinate(), true, {}, start);
  EXPECT_EQ(m.status, MeetingStatus::scheduled);
  EXPECT_EQ(m.scheduled_on, Date{2025y / June / 20});
  EXPECT_EQ(m.notes, "Video link");
  EXPECT_EQ(m.person_id, 4);
}

TEST(HandoverMeeting, ScheduleDateMustBeFromTodayAndLateOnesSayWhy) {
  auto at = [](std::string on) {
    return bad_fields([&] { schedule_meeting({{"scheduled_on", on}}, determinate(), true, {}, Date{2025y / June / 10}); });
  };
  EXPECT_EQ(at(""), std::vector<std::string>{"scheduled_on"});
  EXPECT_EQ(at("20 June"), std::vector<std::string>{"scheduled_on"});
  EXPECT_EQ(at("2025-06-09"), std::vector<std::string>{"scheduled_on"});
  EXPECT_TRUE(at("2025-06-10").empty());
  EXPECT_TRUE(at("2025-06-29").empty());
  // On or after the handover date: late is better than never, with the reason it is late.
  EXPECT_EQ(at("2025-06-30"), std::vector<std::string>{"late_reason"});
  auto late = schedule_meeting({{"scheduled_on", "2025-07-14"}, {"late_reason", "COM allocated late"}}, determinate(), true,
                               {}, Date{2025y / July / 1});
  EXPECT_EQ(late.scheduled_on, Date{2025y / July / 14});
  EXPECT_EQ(late.late_reason, "COM allocated late");
}

TEST(HandoverMeeting, SchedulingNeedsAHandoverAComAndNoOtherMeeting) {
  FieldInput input{{"scheduled_on", "2025-06-20"}};
  auto short_sentence = determinate();
  short_sentence.reason = HandoverReason::short_sentence;
  EXPECT_THROW(schedule_meeting(input, short_sentence, true, {}, start), Conflict);
  EXPECT_THROW(schedule_meeting(input, determinate(), false, {}, start), Conflict);
  std::vector<HandoverMeeting> scheduled{meeting(MeetingStatus::scheduled, start)};
  EXPECT_THROW(schedule_meeting(input, determinate(), true, scheduled, start), Conflict);
  std::vector<HandoverMeeting> held{meeting(MeetingStatus::held, start)};
  EXPECT_THROW(schedule_meeting(input, determinate(), true, held, start), Conflict);
  std::vector<HandoverMeeting> cancelled{meeting(MeetingStatus::cancelled, start)};
  EXPECT_NO_THROW(schedule_meeting(input, determinate(), true, cancelled, start));
}

TEST(HandoverMeeting, RecordedAsHeld) {
  auto held = record_meeting_held(meeting(MeetingStatus::scheduled, start),
                                  {{"held_on", "2025-06-03"}, {"person_attended", "yes"}, {"notes", "Plan agreed"}},
                                  handover, Date{2025y / June / 4});
  EXPECT_EQ(held.status, MeetingStatus::held);
  EXPECT_EQ(held.held_on, Date{2025y / June / 3});
  EXPECT_EQ(held.person_attended, true);
  EXPECT_EQ(held.notes, "Plan agreed");
  auto without = record_meeting_held(meeting(MeetingStatus::scheduled, start), {{"held_on", "2025-06-03"}, {"person_attended", "no"}},
                                     handover, Date{2025y / June / 4});
  EXPECT_EQ(without.person_attended, false);
}

TEST(HandoverMeeting, HeldNeedsAPastDateAndWhetherThePersonCame) {
  auto today = Date{2025y / June / 4};
  auto open = meeting(MeetingStatus::scheduled, start);
  EXPECT_EQ(bad_fields([&] { record_meeting_held(open, {}, handover, today); }), (std::vector<std::string>{"held_on", "person_attended"}));
  EXPECT_EQ(bad_fields([&] { record_meeting_held(open, {{"held_on", "2025-06-05"}, {"person_attended", "yes"}}, handover, today); }),
            std::vector<std::string>{"held_on"});
  EXPECT_EQ(bad_fields([&] { record_meeting_held(open, {{"held_on", "2025-06-04"}, {"person_attended", "maybe"}}, handover, today); }),
            std::vector<std::string>{"person_attended"});
}

TEST(HandoverMeeting, HeldAfterTheHandoverDateSaysWhyOnce) {
  auto today = Date{2025y / July / 10};
  FieldInput late_held{{"held_on", "2025-07-09"}, {"person_attended", "yes"}};
  auto open = meeting(MeetingStatus::scheduled, Date{2025y / June / 20});
  EXPECT_EQ(bad_fields([&] { record_meeting_held(open, late_held, handover, today); }), std::vector<std::string>{"late_reason"});
  late_held["late_reason"] = "The person was in hospital";
  EXPECT_EQ(record_meeting_held(open, late_held, handover, today).late_reason, "The person was in hospital");
  // A reason given when it was scheduled late stands.
  auto scheduled_late = meeting(MeetingStatus::scheduled, Date{2025y / July / 9});
  scheduled_late.late_reason = "COM allocated late";
  late_held.erase("late_reason");
  EXPECT_EQ(record_meeting_held(scheduled_late, late_held, handover, today).late_reason, "COM allocated late");
  // Held late, the overdue warning clears.
  EXPECT_TRUE(flags(true, record_meeting_held(scheduled_late, late_held, handover, today), today).empty());
}

TEST(HandoverMeeting, CancelledWithAReason) {
  auto cancelled = cancel_meeting(meeting(MeetingStatus::scheduled, start), {{"reason", "COM off sick"}});
  EXPECT_EQ(cancelled.status, MeetingStatus::cancelled);
  EXPECT_EQ(cancelled.notes, "COM off sick");
  EXPECT_EQ(bad_fields([&] { cancel_meeting(meeting(MeetingStatus::scheduled, start), {}); }), std::vector<std::string>{"reason"});
}

TEST(HandoverMeeting, HeldAndCancelledAreFinal) {
  FieldInput held_input{{"held_on", "2025-06-02"}, {"person_attended", "yes"}};
  for (auto status : {MeetingStatus::held, MeetingStatus::cancelled}) {
    EXPECT_THROW(record_meeting_held(meeting(status, start), held_input, handover, handover), Conflict);
    EXPECT_THROW(cancel_meeting(meeting(status, start), {{"reason", "x"}}), Conflict);
  }
}

TEST(HandoverProgress, NothingBeforeTheStartDate) {
  EXPECT_TRUE(flags(false, std::nullopt, add_days(start, -1)).empty());
}

TEST(HandoverProgress, ComDueOnTheStartDate) {
  EXPECT_EQ(flags(false, std::nullopt, start), std::vector<HandoverFlag>{com_not_allocated});
  EXPECT_TRUE(flags(true, std::nullopt, start).empty());
}

TEST(HandoverProgress, MeetingNotScheduledOnceTheStartDateHasPassed) {
  EXPECT_EQ(flags(true, std::nullopt, add_days(start, 1)), std::vector<HandoverFlag>{meeting_not_scheduled});
  EXPECT_EQ(flags(false, std::nullopt, add_days(start, 1)), (std::vector<HandoverFlag>{com_not_allocated, meeting_not_scheduled}));
  EXPECT_TRUE(flags(true, meeting(MeetingStatus::scheduled, add_days(start, 5)), add_days(start, 1)).empty());
}

TEST(HandoverProgress, MeetingDatePassedButNotRecorded) {
  auto m = meeting(MeetingStatus::scheduled, Date{2025y / June / 20});
  EXPECT_TRUE(flags(true, m, Date{2025y / June / 20}).empty());
  EXPECT_EQ(flags(true, m, Date{2025y / June / 21}), std::vector<HandoverFlag>{meeting_not_recorded});
}

TEST(HandoverProgress, OverdueOncePastTheHandoverDateWithoutComOrHeldMeeting) {
  auto held = meeting(MeetingStatus::held, Date{2025y / June / 20});
  auto after = add_days(handover, 1);
  EXPECT_TRUE(flags(true, held, handover).empty());
  EXPECT_TRUE(flags(true, held, after).empty());
  EXPECT_EQ(flags(false, held, after), (std::vector<HandoverFlag>{com_not_allocated, handover_overdue}));
  EXPECT_EQ(flags(true, std::nullopt, after), (std::vector<HandoverFlag>{meeting_not_scheduled, handover_overdue}));
  EXPECT_EQ(flags(true, meeting(MeetingStatus::scheduled, Date{2025y / June / 20}), after),
            (std::vector<HandoverFlag>{meeting_not_recorded, handover_overdue}));
}

TEST(HandoverProgress, NoFlagsOnceReleasedOrWithoutAHandover) {
  EXPECT_TRUE(flags(false, std::nullopt, add_days(handover, 10), false).empty());
  auto short_sentence = determinate();
  short_sentence.reason = HandoverReason::short_sentence;
  EXPECT_TRUE(handover_progress({short_sentence, true, false, std::nullopt}, add_days(handover, 10)).empty());
  CaseDates none;
  EXPECT_TRUE(handover_progress({none, true, false, std::nullopt}, handover).empty());
}

TEST(HandoverProgress, EveryFlagHasWords) {
  for (const auto& flag : handover_flags()) EXPECT_FALSE(flag.label.empty()) << flag.code;
  EXPECT_EQ(handover_flags().size(), 4u);
}

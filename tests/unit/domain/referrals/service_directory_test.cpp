// Unit tests of the service directory (domain/referrals/service_directory.hpp).
#include "domain/referrals/service_directory.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Date today{2025y / March / 3};

Service young_women_in_leeds() {
  Service service;
  service.id = "svc-1";
  service.eligibility.minimum_age = 18;
  service.eligibility.maximum_age = 25;
  service.eligibility.genders = {Gender::female};
  service.eligibility.areas = {{"ar-1", "E08000035", "Leeds"}};
  return service;
}

std::vector<std::string> fields_of(const ValidationFailed& failed) {
  std::vector<std::string> fields;
  for (const auto& error : failed.errors()) fields.push_back(error.field);
  return fields;
}
}  // namespace

TEST(Eligibility, AgeOnADateCountsBirthdays) {
  EXPECT_EQ(age_on(Date{2007y / March / 3}, today), 18);
  EXPECT_EQ(age_on(Date{2007y / March / 4}, today), 17);
  EXPECT_EQ(age_on(Date{2004y / February / 29}, Date{2025y / February / 28}), 20);
  EXPECT_EQ(age_on(Date{2004y / February / 29}, Date{2025y / March / 1}), 21);
}

TEST(Eligibility, MeetingEveryRuleIsEligibleWithAReasonForEach) {
  auto decision = is_eligible(young_women_in_leeds(), {Date{2003y / June / 1}, Gender::female, "E08000035"}, today);
  EXPECT_TRUE(decision.eligible);
  ASSERT_EQ(decision.reasons.size(), 3u);
  EXPECT_EQ(decision.reasons[0], "Aged 21 on 3 March 2025: the service takes people aged 18 to 25");
  EXPECT_EQ(decision.to_check, 0);
}

TEST(Eligibility, EachBrokenRuleSaysWhy) {
  auto too_old = is_eligible(young_women_in_leeds(), {Date{1990y / June / 1}, Gender::female, "E08000035"}, today);
  EXPECT_FALSE(too_old.eligible);
  EXPECT_NE(too_old.reasons[0].find("so not eligible"), std::string::npos);
  auto wrong_gender = is_eligible(young_women_in_leeds(), {Date{2003y / June / 1}, Gender::male, "E08000035"}, today);
  EXPECT_FALSE(wrong_gender.eligible);
  EXPECT_EQ(wrong_gender.reasons[1], "The service is only for: Female, so not eligible");
  auto elsewhere = is_eligible(young_women_in_leeds(), {Date{2003y / June / 1}, Gender::female, "E08000032"}, today);
  EXPECT_FALSE(elsewhere.eligible);
  EXPECT_EQ(elsewhere.reasons[2], "The service covers only Leeds, not area E08000032, so not eligible");
}

TEST(Eligibility, UnknownFactsNeverRuleSomeoneOutButSayToCheck) {
  auto decision = is_eligible(young_women_in_leeds(), {std::nullopt, Gender::not_stated, ""}, today);
  EXPECT_TRUE(decision.eligible);
  ASSERT_EQ(decision.reasons.size(), 3u);
  EXPECT_EQ(decision.reasons[0], "Date of birth not known: check the age limit (18 to 25) with the service");
  EXPECT_NE(decision.reasons[1].find("Gender not stated"), std::string::npos);
  EXPECT_NE(decision.reasons[2].find("Area not known"), std::string::npos);
  EXPECT_EQ(decision.to_check, 3);
}

// A person's area may be their probation delivery unit's name, which names the local authority.
TEST(Eligibility, AnAreaMatchesByCodeOrByName) {
  EXPECT_TRUE(is_eligible(young_women_in_leeds(), {Date{2003y / June / 1}, Gender::female, "Leeds"}, today).eligible);
  EXPECT_FALSE(is_eligible(young_women_in_leeds(), {Date{2003y / June / 1}, Gender::female, "Wakefield"}, today).eligible);
}

TEST(Eligibility, AServiceWithoutLimitsIsOpenToAnyone) {
  auto decision = is_eligible(Service{}, {std::nullopt, Gender::male, ""}, today);
  EXPECT_TRUE(decision.eligible);
  EXPECT_EQ(decision.reasons, (std::vector<std::string>{"Open to anyone: no age, gender or area limits"}));
  Service over_50;
  over_50.eligibility.minimum_age = 50;
  EXPECT_FALSE(is_eligible(over_50, {Date{1980y / January / 1}, Gender::male, ""}, today).eligible);
  EXPECT_NE(is_eligible(over_50, {Date{1960y / January / 1}, Gender::male, ""}, today).reasons[0].find("50 or over"),
            std::string::npos);
}

TEST(Eligibility, FactsComeFromThePersonRecord) {
  Person person;
  person.date_of_birth = Date{1999y / December / 31};
  person.gender = Gender::female;
  auto facts = eligibility_facts_of(person, "E08000036");
  EXPECT_EQ(facts.date_of_birth, person.date_of_birth);
  EXPECT_EQ(facts.gender, Gender::female);
  EXPECT_EQ(facts.area_code, "E08000036");
  EXPECT_FALSE(eligibility_facts_of(Person{}, "").date_of_birth);
}

TEST(Availability, SummarisesCapacityAndWaitingTime) {
  Service service;
  EXPECT_EQ(availability_summary(service), "Availability not known");
  service.waiting_time_days = 14;
  EXPECT_EQ(availability_summary(service), "usual wait about 14 days");
  service.capacity = Capacity{1, 10, "bed", "", Date{2025y / January / 6}};
  EXPECT_EQ(availability_summary(service), "1 of 10 beds free (updated 2025-01-06); usual wait about 14 days");
  service.capacity->maximum.reset();
  service.waiting_time_days = 0;
  EXPECT_EQ(availability_summary(service), "1 bed free (updated 2025-01-06); no waiting list");
}

TEST(WaitingTime, ReadsDaysWrittenAsText) {
  EXPECT_EQ(parse_waiting_time_days("14 days"), 14);
  EXPECT_EQ(parse_waiting_time_days("1 day"), 1);
  EXPECT_EQ(parse_waiting_time_days("0"), 0);
  EXPECT_FALSE(parse_waiting_time_days("two weeks"));
  EXPECT_FALSE(parse_waiting_time_days("-3 days"));
  EXPECT_FALSE(parse_waiting_time_days("14 days or so"));
  EXPECT_EQ(waiting_time_text(1), "1 day");
}

TEST(ServiceReader, ReadsHsdsFields) {
  Service service = read_service({{"id", "svc-1"},
                                  {"organization_id", "org-1"},
                                  {"name", "Debt advice"},
                                  {"status", "temporarily closed"},
                                  {"minimum_age", "18"},
                                  {"wait_time", "10 days"},
                                  {"url", "https://example.org"}});
  EXPECT_EQ(service.status, ServiceStatus::temporarily_closed);
  EXPECT_EQ(service.eligibility.minimum_age, 18);
  EXPECT_EQ(service.waiting_time_days, 10);
  EXPECT_EQ(read_service(service_fields(service)), service);
}

TEST(ServiceReader, NamesEveryBadField) {
  try {
    read_service({{"id", "svc-1"}, {"status", "open"}, {"minimum_age", "121"}, {"email", "nobody"}, {"url", "ftp://x"}});
    FAIL();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(fields_of(failed), (std::vector<std::string>{"organization_id", "name", "url", "email", "status", "minimum_age"}));
  }
}

TEST(LocationReader, ChecksCoordinatesAndType) {
  Location location = read_location({{"id", "loc-1"}, {"location_type", "virtual"}});
  EXPECT_EQ(location.location_type, LocationType::online);
  try {
    read_location({{"id", "loc-1"}, {"location_type", "physical"}, {"latitude", "north"}, {"longitude", "181"}});
    FAIL();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(fields_of(failed), (std::vector<std::string>{"latitude", "longitude"}));
  }
  EXPECT_THROW(read_location({{"id", "loc-1"}, {"location_type", "physical"}, {"latitude", "53.8"}}), ValidationFailed);
}

TEST(ScheduleReader, ChecksDaysAndTimes) {
  Schedule monthly = read_schedule({{"id", "s"}, {"freq", "MONTHLY"}, {"byday", "1MO,-1FR"}, {"opens_at", "09:00"},
                                    {"closes_at", "12:00"}});
  EXPECT_EQ(monthly.byday, "1MO,-1FR");
  EXPECT_THROW(read_schedule({{"id", "s"}, {"freq", "WEEKLY"}, {"byday", "1MO"}}), ValidationFailed);
  EXPECT_THROW(read_schedule({{"id", "s"}, {"freq", "WEEKLY"}, {"byday", "MO,XX"}}), ValidationFailed);
  try {
    read_schedule({{"id", "s"}, {"freq", "WEEKLY"}, {"opens_at", "17:00"}, {"closes_at", "09:00"},
                   {"valid_from", "2025-02-01"}, {"valid_to", "2025-01-01"}});
    FAIL();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(fields_of(failed), (std::vector<std::string>{"closes_at", "valid_to"}));
  }
  EXPECT_THROW(read_schedule({{"id", "s"}, {"freq", "WEEKLY"}, {"opens_at", "24:00"}}), ValidationFailed);
}

TEST(ServiceAreaReader, AcceptsBareCodesAndOnsUris) {
  EXPECT_EQ(read_service_area({{"id", "a"}, {"uri", "E08000035"}}).code, "E08000035");
  auto area = read_service_area({{"id", "a"}, {"uri", "http://statistics.data.gov.uk/id/statistical-geography/E08000036"}});
  EXPECT_EQ(area.code, "E08000036");
  EXPECT_EQ(read_service_area(service_area_fields(area)), area);
  EXPECT_THROW(read_service_area({{"id", "a"}, {"uri", "Leeds"}}), ValidationFailed);
}

TEST(CapacityReader, AcceptsADateOrADateTime) {
  Capacity capacity = read_capacity({{"available", "3"}, {"maximum", "10"}, {"unit", "bed"}, {"updated", "2025-01-06T09:30:00Z"}});
  EXPECT_EQ(capacity.updated, Date{2025y / January / 6});
  EXPECT_EQ(read_capacity(capacity_fields(capacity)), capacity);
  try {
    read_capacity({{"available", "11"}, {"maximum", "10"}, {"unit", "bed"}, {"updated", "yesterday"}});
    FAIL();
  } catch (const ValidationFailed& failed) {
    EXPECT_EQ(fields_of(failed), (std::vector<std::string>{"maximum", "updated"}));
  }
}

TEST(ContactReader, NeedsSomeWayToGetInTouch) {
  EXPECT_THROW(read_contact({{"id", "c"}}), ValidationFailed);
  EXPECT_THROW(read_contact({{"id", "c"}, {"phone", "call me"}}), ValidationFailed);
  EXPECT_EQ(read_contact({{"id", "c"}, {"phone", "+44 (0)113 496 0000"}}).phone, "+44 (0)113 496 0000");
}

TEST(CodeTables, EveryEnumeratorHasARow) {
  EXPECT_EQ(service_statuses().size(), 4u);
  EXPECT_EQ(entry_for(service_statuses(), ServiceStatus::temporarily_closed).code, "temporarily closed");
  EXPECT_EQ(entry_for(location_types(), LocationType::online).code, "virtual");
  EXPECT_EQ(entry_for(schedule_frequencies(), ScheduleFrequency::monthly).code, "MONTHLY");
}

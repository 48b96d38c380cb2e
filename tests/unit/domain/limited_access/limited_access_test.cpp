// Unit tests of exclusion and restriction lists (domain/limited_access/limited_access.hpp).
#include "domain/limited_access/limited_access.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "code_table_checks.hpp"
#include "domain/errors.hpp"

using namespace resettle;
using enum AccessList;

namespace {

constexpr std::int64_t manager = 1;
constexpr std::int64_t pom = 2;
constexpr std::int64_t com = 3;
constexpr std::int64_t admin = 4;

LimitedAccessEntry entry(std::int64_t id, AccessList list, std::int64_t staff_id) {
  LimitedAccessEntry e;
  e.id = id;
  e.person_id = 9;
  e.staff_id = staff_id;
  e.list = list;
  e.reason = "Knows the victim";
  e.added_by = manager;
  return e;
}

std::string staff_id_error(const NewAccessEntry& added, const std::vector<LimitedAccessEntry>& current,
                           std::int64_t actor = manager) {
  try {
    entries_to_add(added, current, actor);
  } catch (const ValidationFailed& failure) {
    EXPECT_EQ(failure.errors().size(), 1u);
    EXPECT_EQ(failure.errors().front().field, "username");
    return failure.errors().front().message;
  }
  ADD_FAILURE() << "expected ValidationFailed on username";
  return "";
}

std::vector<std::string> failed_fields(const FieldInput& input) {
  try {
    read_access_entry(input);
  } catch (const ValidationFailed& failure) {
    std::vector<std::string> fields;
    for (const auto& error : failure.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}

}  // namespace

TEST(AccessList, TableCoversEveryList) { code_checks::expect_complete_code_table(access_lists(), 2); }

TEST(MaySeeLimitedCase, EveryoneSeesACaseWithNoEntries) {
  for (auto staff : {manager, pom, com, admin}) EXPECT_TRUE(may_see_limited_case({}, staff));
}

TEST(MaySeeLimitedCase, AnExclusionHidesTheCaseFromThatMemberOfStaffOnly) {
  std::vector current{entry(1, exclusion, pom)};
  EXPECT_FALSE(may_see_limited_case(current, pom));
  EXPECT_TRUE(may_see_limited_case(current, com));
  EXPECT_TRUE(may_see_limited_case(current, manager));
}

TEST(MaySeeLimitedCase, ARestrictionListHidesTheCaseFromEveryoneNotOnIt) {
  std::vector current{entry(1, restriction, manager), entry(2, restriction, com)};
  EXPECT_TRUE(may_see_limited_case(current, manager));
  EXPECT_TRUE(may_see_limited_case(current, com));
  EXPECT_FALSE(may_see_limited_case(current, pom));
  EXPECT_FALSE(may_see_limited_case(current, admin)) << "administrators are not exempt";
}

TEST(MaySeeLimitedCase, ExclusionWinsOverARestrictionEntryForTheSamePerson) {
  // The service never writes both, but a rule that reads data must not let the weaker entry win.
  std::vector current{entry(1, restriction, pom), entry(2, exclusion, pom)};
  EXPECT_FALSE(may_see_limited_case(current, pom));
}

TEST(MaySeeLimitedCase, ExclusionsAndARestrictionListTogether) {
  std::vector current{entry(1, restriction, manager), entry(2, exclusion, pom)};
  EXPECT_TRUE(may_see_limited_case(current, manager));
  EXPECT_FALSE(may_see_limited_case(current, pom));
  EXPECT_FALSE(may_see_limited_case(current, com));
}

TEST(MayManageLimitedAccess, OnlyManagersAndAdministrators) {
  for (const auto& role : roles())
    EXPECT_EQ(may_manage_limited_access(role.value), role.value == Role::manager || role.value == Role::admin)
        << role.code;
}

TEST(ReadAccessEntry, ReadsAValidEntry) {
  auto read = read_access_entry({{"list", "restriction"}, {"username", " com "}, {"reason", " High-profile case "}});
  EXPECT_EQ(read, (RequestedAccessEntry{restriction, "com", "High-profile case"}));
}

TEST(ReadAccessEntry, EveryFieldIsRequired) {
  EXPECT_EQ(failed_fields({}), (std::vector<std::string>{"list", "username", "reason"}));
  EXPECT_EQ(failed_fields({{"list", "exclusion"}, {"username", "pom"}, {"reason", "   "}}),
            std::vector<std::string>{"reason"});
  EXPECT_EQ(failed_fields({{"list", "exclusion"}, {"username", "  "}, {"reason", "Knows the victim"}}),
            std::vector<std::string>{"username"});
}

TEST(ReadAccessEntry, RejectsAnUnknownList) {
  FieldInput input{{"list", "blacklist"}, {"username", "pom"}, {"reason", "x"}};
  EXPECT_EQ(failed_fields(input), std::vector<std::string>{"list"});
}

TEST(ReadAccessEntry, ReasonHasALimit) {
  FieldInput input{{"list", "exclusion"}, {"username", "pom"}, {"reason", std::string(access_reason_max_length, 'a')}};
  EXPECT_TRUE(failed_fields(input).empty());
  input["reason"] += "a";
  EXPECT_EQ(failed_fields(input), std::vector<std::string>{"reason"});
}

TEST(EntriesToAdd, AnExclusionIsWrittenAsItIs) {
  NewAccessEntry added{exclusion, pom, "Knows the victim"};
  EXPECT_EQ(entries_to_add(added, {}, manager), std::vector{added});
  std::vector current{entry(1, exclusion, com)};
  EXPECT_EQ(entries_to_add(added, current, manager), std::vector{added});
}

TEST(EntriesToAdd, StartingARestrictionListForSomeoneElsePutsTheActorOnItFirst) {
  NewAccessEntry added{restriction, com, "High-profile case"};
  EXPECT_EQ(entries_to_add(added, {}, manager),
            (std::vector<NewAccessEntry>{{restriction, manager, "High-profile case"}, added}));
  // Exclusions alone do not make a restriction list.
  std::vector exclusions{entry(1, exclusion, pom)};
  EXPECT_EQ(entries_to_add(added, exclusions, manager).size(), 2u);
}

TEST(EntriesToAdd, StartingARestrictionListWithYourselfAddsOnlyYou) {
  NewAccessEntry added{restriction, manager, "High-profile case"};
  EXPECT_EQ(entries_to_add(added, {}, manager), std::vector{added});
}

TEST(EntriesToAdd, AddingToAnExistingRestrictionListAddsOnlyTheNewEntry) {
  std::vector current{entry(1, restriction, manager)};
  NewAccessEntry added{restriction, com, "Supervising COM"};
  EXPECT_EQ(entries_to_add(added, current, manager), std::vector{added});
  // An administrator on the list adds someone: they are already on it.
  current.push_back(entry(2, restriction, admin));
  EXPECT_EQ(entries_to_add(added, current, admin), std::vector{added});
}

TEST(EntriesToAdd, RefusesADuplicateCurrentEntry) {
  std::vector current{entry(1, exclusion, pom), entry(2, restriction, com)};
  EXPECT_EQ(staff_id_error({exclusion, pom, "again"}, current), "is already excluded from this case");
  EXPECT_EQ(staff_id_error({restriction, com, "again"}, current), "is already on this case's restriction list");
}

TEST(EntriesToAdd, RefusesExcludingYourself) {
  EXPECT_EQ(staff_id_error({exclusion, manager, "conflict of interest"}, {}),
            "cannot be yourself: you cannot exclude yourself from a case");
}

TEST(EntriesToAdd, RefusesContradictoryEntries) {
  std::vector restricted{entry(1, restriction, manager), entry(2, restriction, com)};
  EXPECT_EQ(staff_id_error({exclusion, com, "Knows the victim"}, restricted),
            "is on this case's restriction list: take them off it before excluding them");
  std::vector excluded{entry(1, exclusion, pom)};
  EXPECT_EQ(staff_id_error({restriction, pom, "High-profile case"}, excluded),
            "is excluded from this case: end the exclusion before adding them to the restriction list");
}

TEST(CheckEndEntry, AnyoneElsesEntryMayBeEnded) {
  std::vector current{entry(1, restriction, manager), entry(2, restriction, com), entry(3, exclusion, pom)};
  EXPECT_FALSE(would_lock_out(current[1], current, manager));
  EXPECT_FALSE(would_lock_out(current[2], current, manager));
  EXPECT_NO_THROW(check_end_entry(current[1], current, manager));
  EXPECT_NO_THROW(check_end_entry(current[2], current, manager));
}

TEST(CheckEndEntry, TakingYourselfOffARestrictionListOthersAreOnIsRefused) {
  std::vector current{entry(1, restriction, manager), entry(2, restriction, com)};
  EXPECT_TRUE(would_lock_out(current[0], current, manager));
  EXPECT_THROW(check_end_entry(current[0], current, manager), Conflict);
  EXPECT_FALSE(would_lock_out(current[0], current, com)) << "someone else may take the manager off";
}

TEST(CheckEndEntry, EndingTheLastRestrictionEntryLiftsTheRestriction) {
  std::vector current{entry(1, restriction, manager), entry(3, exclusion, pom)};
  EXPECT_FALSE(would_lock_out(current[0], current, manager));
  EXPECT_NO_THROW(check_end_entry(current[0], current, manager));
}

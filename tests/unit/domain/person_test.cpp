// Unit tests of a person's details (domain/person.hpp).
#include "domain/person.hpp"

#include <gtest/gtest.h>

namespace resettle {
namespace {

TEST(PersonTest, AFullNameIsTheGivenNameThenTheFamilyName) {
  EXPECT_EQ(full_name("Ann", "O'Brien-Lee"), "Ann O'Brien-Lee");
  Person person;
  person.given_name = "Jordan";
  person.family_name = "Hughes";
  EXPECT_EQ(person.full_name(), "Jordan Hughes");
}

TEST(PersonTest, ASummaryNamesThePersonAsTheirRecordDoes) {
  PersonSummary summary{7, "Sam", "Price", "A1234BC", "", CaseStage::remand};
  EXPECT_EQ(summary.full_name(), "Sam Price");
}

}  // namespace
}  // namespace resettle

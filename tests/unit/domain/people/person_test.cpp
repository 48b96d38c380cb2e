// Unit tests of a person's details (domain/people/person.hpp).
#include "domain/people/person.hpp"

#include <gtest/gtest.h>

#include "domain/people/custody.hpp"
#include "domain/errors.hpp"

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

// Error messages read as sentences on a page: one that is already a sentence is not prefixed with
// the field's name ("Prison number enter a prison number or a CRN").
TEST(PersonTest, AMissingIdentifierIsAskedForInASentence) {
  using namespace std::chrono;
  FieldInput input{{"given_name", "Ann"}, {"family_name", "Lee"}, {"date_of_birth-day", "31"}, {"date_of_birth-month", "12"}, {"date_of_birth-year", "1990"}};
  try {
    read_person(input, 2026y / December / 6);
    FAIL() << "expected ValidationFailed";
  } catch (const ValidationFailed& failed) {
    ASSERT_EQ(failed.errors().size(), 1u);
    EXPECT_EQ(failed.errors()[0].field, "prison_number");
    EXPECT_EQ(failed.errors()[0].message, "Enter a prison number or a CRN");
  }
}

TEST(PersonTest, TheDateOfBirthComesFromTheThreeBoxesOfADateInput) {
  using namespace std::chrono;
  FieldInput input{{"given_name", "Ann"}, {"family_name", "Lee"}, {"crn", "X123456"},
                   {"date_of_birth-day", "31"}, {"date_of_birth-month", "12"}, {"date_of_birth-year", "1990"}};
  EXPECT_EQ(read_person(input, 2026y / December / 6).date_of_birth, Date{1990y / December / 31});
}

TEST(PersonTest, RemandAndSentencedCasesAreHeldInCustody) {
  for (const auto& stage : case_stages())
    EXPECT_EQ(held_in_custody(stage.value), stage.value == CaseStage::remand || stage.value == CaseStage::in_custody)
        << stage.code;
}

}  // namespace
}  // namespace resettle

// Reading and checking a person's details (see person.hpp).
#include "domain/people/person.hpp"

#include <array>

#include "domain/identifiers.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Gender>, 4> gender_table{{
    {Gender::female, "female", "Female"},
    {Gender::male, "male", "Male"},
    {Gender::non_binary, "non_binary", "Non-binary"},
    {Gender::not_stated, "not_stated", "Not stated"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<CaseStage>, 5> stage_table{{
    {CaseStage::remand, "remand", "On remand"},
    {CaseStage::in_custody, "in_custody", "Serving a sentence in custody"},
    {CaseStage::on_licence, "on_licence", "On licence in the community"},
    {CaseStage::post_sentence_supervision, "post_sentence_supervision", "On post-sentence supervision"},
    {CaseStage::ended, "ended", "Sentence ended"},
}};

std::string read_identifier(FieldReader& reader, const FieldInput& input, std::string_view field,
                            bool (*valid)(std::string_view), std::string_view example) {
  auto found = input.find(field);
  if (found == input.end()) return {};
  auto value = normalise_identifier(found->second);
  if (!value.empty() && !valid(value)) reader.fail(field, "must look like " + std::string{example});
  return value;
}
}  // namespace

std::span<const Coded<Gender>> genders() { return gender_table; }
std::span<const Coded<CaseStage>> case_stages() { return stage_table; }

Person read_person(const FieldInput& input, Date today) {
  FieldReader reader{input};
  Person person;
  person.given_name = reader.text("given_name", Need::required, 100);
  person.family_name = reader.text("family_name", Need::required, 100);
  if (auto born = reader.date("date_of_birth", Need::required)) {
    if (*born >= today) reader.fail("date_of_birth", "must be in the past");
    else if (age_on(*born, today) < 10) reader.fail("date_of_birth", "gives an age under 10");
    person.date_of_birth = *born;
  }
  person.prison_number = read_identifier(reader, input, "prison_number", is_prison_number, "A1234BC");
  person.crn = read_identifier(reader, input, "crn", is_crn, "X123456");
  person.pnc = read_identifier(reader, input, "pnc", is_pnc_number, "2004/0046583U");
  if (person.prison_number.empty() && person.crn.empty() && !reader.failed("prison_number") && !reader.failed("crn"))
    reader.fail("prison_number", "Enter a prison number or a CRN");
  person.gender = reader.code("gender", Need::optional, genders()).value_or(Gender::not_stated);
  person.ethnic_group = reader.text("ethnic_group", Need::optional, 100);
  person.preferred_language = reader.text("preferred_language", Need::optional, 50);
  person.communication_needs = reader.text("communication_needs", Need::optional, 1000);
  person.prison_code = normalise_identifier(reader.text("prison_code", Need::optional, 10));
  person.pdu_code = normalise_identifier(reader.text("pdu_code", Need::optional, 20));
  person.stage = reader.code("stage", Need::optional, case_stages()).value_or(CaseStage::in_custody);
  reader.throw_if_failed();
  return person;
}

FieldInput person_fields(const Person& person) {
  return {
      {"given_name", person.given_name},
      {"family_name", person.family_name},
      {"date_of_birth", to_iso(person.date_of_birth)},
      {"prison_number", person.prison_number},
      {"crn", person.crn},
      {"pnc", person.pnc},
      {"gender", std::string{entry_for(genders(), person.gender).code}},
      {"ethnic_group", person.ethnic_group},
      {"preferred_language", person.preferred_language},
      {"communication_needs", person.communication_needs},
      {"prison_code", person.prison_code},
      {"pdu_code", person.pdu_code},
      {"stage", std::string{entry_for(case_stages(), person.stage).code}},
  };
}

}  // namespace resettle

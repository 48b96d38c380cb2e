#pragma once
// A person on the journey from sentence to the end of licence: identity and where they are.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"

namespace resettle {

enum class Gender { female, male, non_binary, not_stated };
std::span<const Coded<Gender>> genders();

// Where the person is on the journey; drives who works with them and which pages matter.
enum class CaseStage { remand, in_custody, on_licence, post_sentence_supervision, ended };
std::span<const Coded<CaseStage>> case_stages();

// A name as pages and messages write it: given name first.
inline std::string full_name(const std::string& given_name, const std::string& family_name) {
  return given_name + " " + family_name;
}

struct Person {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string prison_number;  // A1234BC, empty when never in custody
  std::string crn;            // X123456, empty before probation knows them
  std::string pnc;
  std::string given_name;
  std::string family_name;
  Date date_of_birth{};
  Gender gender = Gender::not_stated;
  std::string ethnic_group;
  std::string preferred_language;
  std::string communication_needs;  // e.g. reading support, interpreter, hearing loop
  std::string prison_code;          // current prison, empty when in the community
  std::string pdu_code;             // probation delivery unit that will supervise or supervises
  CaseStage stage = CaseStage::in_custody;

  std::string full_name() const { return resettle::full_name(given_name, family_name); }
};

// What a list of people shows of each: enough to recognise them and open their record.
struct PersonSummary {
  std::int64_t id = 0;
  std::string given_name;
  std::string family_name;
  std::string prison_number;
  std::string crn;
  CaseStage stage = CaseStage::in_custody;
  // Only someone with a resettlement plan or a pre-release checklist can have anything overdue.
  bool has_plan_or_checklist = false;

  std::string full_name() const { return resettle::full_name(given_name, family_name); }
};

// Reads and checks every field; throws ValidationFailed naming each bad one.
// Whether prison_code and pdu_code exist is the store's question, not this one's.
Person read_person(const FieldInput& input, Date today);
FieldInput person_fields(const Person& person);

}  // namespace resettle

// The person's own answers about their licence conditions (see licence_responses.hpp).
#include "domain/licence/licence_responses.hpp"

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"
#include "domain/plan/own_words.hpp"

namespace resettle {

namespace {

constexpr Coded<ConditionResponseKind> response_kind_table[] = {
    {ConditionResponseKind::understood, "understood", "I understand"},
    {ConditionResponseKind::question, "question", "I have a question"},
};

std::string field(const FieldInput& input, const std::string& name) {
  auto found = input.find(name);
  return found == input.end() ? std::string{} : found->second;
}

}  // namespace

std::span<const Coded<ConditionResponseKind>> condition_response_kinds() { return response_kind_table; }

ConditionResponse read_condition_response(const FieldInput& input, Language language) {
  auto kind = parse_code(condition_response_kinds(), field(input, "response"));
  if (!kind) throw ValidationFailed("response", translated("Choose I understand or I have a question", language));
  ConditionResponse response;
  response.kind = *kind;
  if (*kind == ConditionResponseKind::understood) return response;
  response.question = std::string{trimmed(field(input, "question"))};
  if (response.question.empty()) throw ValidationFailed("question", translated("Enter your question", language));
  if (characters_in(response.question) > condition_question_max_length)
    throw ValidationFailed("question", translated("Your question must be 500 characters or fewer", language));
  return response;
}

std::map<int, ConditionStanding> condition_standings(std::span<const ConditionResponse> responses) {
  std::map<int, ConditionStanding> standings;
  for (const auto& response : responses) {
    auto& standing = standings[response.condition_key];
    if (response.kind == ConditionResponseKind::understood) {
      standing.understood_at = response.at;
      standing.open_questions.clear();
    } else {
      standing.open_questions.push_back(response);
    }
  }
  return standings;
}

const Licence* licence_shown_to_person(std::span<const Licence> licences) {
  for (const auto& licence : licences)
    if (licence.status == LicenceStatus::active) return &licence;
  for (const auto& licence : licences)
    if (licence.status == LicenceStatus::approved) return &licence;
  return nullptr;
}

}  // namespace resettle

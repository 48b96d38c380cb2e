// The person's say on their plan (see plan_response.hpp).
#include "domain/plan/plan_response.hpp"

#include <array>

#include "domain/catalogue.hpp"
#include "domain/plan/own_words.hpp"
#include "domain/plan/plan.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<PlanResponseKind>, 3> response_kind_table{{
    {PlanResponseKind::agree, "agree", "I agree"},
    {PlanResponseKind::disagree, "disagree", "I do not agree"},
    {PlanResponseKind::comment, "comment", "I want to say something about it"},
}};
}  // namespace

std::span<const Coded<PlanResponseKind>> plan_response_kinds() { return response_kind_table; }

PlanResponse read_plan_response(const FieldInput& input) {
  std::vector<FieldError> errors;
  PlanResponse response;
  auto kind = input.find("response");
  auto parsed = kind == input.end() ? std::nullopt : parse_code(plan_response_kinds(), kind->second);
  if (!parsed)
    errors.push_back({"response", std::string{for_translation("Choose if you agree, do not agree or want to say something")}});
  else
    response.kind = *parsed;
  auto need = response.kind == PlanResponseKind::comment && parsed ? Need::required : Need::optional;
  try {
    response.comment = read_own_words(input, "comment", need,
                                      {for_translation("Enter your comment"),
                                       for_translation("Your comment must be 500 characters or fewer")});
  } catch (const ValidationFailed& failed) {
    errors.insert(errors.end(), failed.errors().begin(), failed.errors().end());
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return response;
}

Agreement read_own_agreement(const FieldInput& input, Date today) {
  return {today, read_own_words(input, "in_their_words", Need::optional,
                                {for_translation("Enter what you want to say"),
                                 for_translation("What you say must be 500 characters or fewer")})};
}

}  // namespace resettle

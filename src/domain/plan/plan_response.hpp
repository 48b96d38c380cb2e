#pragma once
// The person's own say on their plan, from their own pages: for each objective they agree, disagree
// or comment, and they may agree with the whole plan. Responses are kept beside the plan for their
// officer to read and are never changed or removed: a later one stands after an earlier one.
// Agreeing with the whole plan is recorded as the plan's Agreement (plan.hpp), so it counts in the
// plan rules exactly as an agreement staff record at a meeting does.
#include <cstdint>
#include <span>
#include <string>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/uk_time.hpp"

namespace resettle {

struct Agreement;  // plan.hpp

// Stored and sent in JSON: the codes may only be added to; labels may change.
enum class PlanResponseKind { agree, disagree, comment };
std::span<const Coded<PlanResponseKind>> plan_response_kinds();

struct PlanResponse {
  std::int64_t id = 0;
  std::int64_t objective_id = 0;
  PlanResponseKind kind = PlanResponseKind::comment;
  std::string comment;  // in their words; may be empty when they agree or disagree
  Timestamp responded_at{};
  bool operator==(const PlanResponse&) const = default;
};

// Reads "response" (agree, disagree or comment) and "comment" (read_own_words). Throws
// ValidationFailed naming "response" when none or an unknown one is chosen, and "comment" when it is
// too long, or blank while the response is a comment. Catalogue texts, for the person's language.
PlanResponse read_plan_response(const FieldInput& input);

// Agreeing with the whole plan on `today`, with what they said ("in_their_words", optional, at most
// own_words_limit characters; ValidationFailed naming it otherwise).
Agreement read_own_agreement(const FieldInput& input, Date today);

}  // namespace resettle

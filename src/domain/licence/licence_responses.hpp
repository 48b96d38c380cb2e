#pragma once
// What the person says about their own licence, condition by condition, on their own pages: "I
// understand" or "I have a question". Kept beside what the COM records when going through the
// licence with them (Understanding in licence.hpp), never in place of it: the officer reads both.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/field_input.hpp"
#include "domain/language.hpp"
#include "domain/licence/licence.hpp"

namespace resettle {

using Timestamp = std::chrono::sys_seconds;

// Stored and sent in JSON: codes may only be added to; labels may change.
enum class ConditionResponseKind { understood, question };
std::span<const Coded<ConditionResponseKind>> condition_response_kinds();

// A question is short: the person asks it, the officer answers it when they next meet or call.
inline constexpr std::size_t condition_question_max_length = 500;

struct ConditionResponse {
  std::int64_t id = 0;
  std::int64_t licence_id = 0;
  int condition_key = 0;
  std::int64_t person_id = 0;
  ConditionResponseKind kind = ConditionResponseKind::understood;
  std::string question;  // a question's words; empty for "I understand"
  Timestamp at{};
  bool operator==(const ConditionResponse&) const = default;
};

// Reads "response" (understood | question) and, for a question, "question" (trimmed, required, at
// most condition_question_max_length characters). Throws ValidationFailed naming each bad field,
// with messages in the person's language.
ConditionResponse read_condition_response(const FieldInput& input, Language language);

// Where one condition stands with the person: when they last said they understand it, and the
// questions they asked since (a later "I understand" closes the questions before it).
struct ConditionStanding {
  std::optional<Timestamp> understood_at;
  std::vector<ConditionResponse> open_questions;  // oldest first
  bool operator==(const ConditionStanding&) const = default;
};
// By condition key, from a licence's responses oldest first; a key with no response is absent.
std::map<int, ConditionStanding> condition_standings(std::span<const ConditionResponse> responses);

// The licence the person sees on their own pages, from all of theirs newest first: the active one,
// else one approved for their release; none while it is only a draft or with a manager, since its
// conditions may still change.
const Licence* licence_shown_to_person(std::span<const Licence> licences);

}  // namespace resettle

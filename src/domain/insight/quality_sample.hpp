#pragma once
// Quality sampling (issue 25, item 5): each month a random sample of each team's cases for its manager
// to review against a short checklist. The sample is seeded by the team and the month, so anyone can
// draw the same sample again and check that it was not chosen by hand.
#include <chrono>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"

namespace resettle {

// What a manager checks on each sampled case. Stored and sent in JSON: codes may only be added to.
enum class QualityCheck {
  plan_co_produced,               // plan co-produced and agreed with the person
  own_words_present,              // the person's own words are in the needs and plan
  checklist_complete_before_release,
  handover_meeting_held,
  referrals_followed_up,
};
std::span<const Coded<QualityCheck>> quality_checks();

// Up to `size` of `case_ids` (all of them when there are no more), in id order. The same team, month and
// cases give the same sample whatever order the cases come in; another month or team gives another.
// A size of 0 or less gives none.
std::vector<std::int64_t> monthly_sample(std::span<const std::int64_t> case_ids, std::string_view team_code,
                                         std::chrono::year_month month, int size);

}  // namespace resettle

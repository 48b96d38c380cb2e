#pragma once
// The repository of day-of-release decisions (migration 21). Append-only: a decision is never
// changed or deleted; a later one for the same person supersedes it (see release_day_decision.hpp).
#include <cstdint>
#include <span>
#include <vector>

#include "domain/release/release_day_decision.hpp"

namespace resettle::store {

class ReleaseDayDecisionRepository {
 public:
  virtual ~ReleaseDayDecisionRepository() = default;
  // Appends the decision (its names are ignored; decided_at is the caller's clock) and returns its id.
  virtual std::int64_t insert(const ReleaseDayDecision& decision) = 0;
  // Every decision for the person, newest first, with names and decided_at; empty when none was made.
  virtual std::vector<ReleaseDayDecision> for_person(std::int64_t person_id) = 0;
  // The newest decision of each of these people who has one, in no particular order: one read for a
  // worklist's page. People without a decision are absent.
  virtual std::vector<ReleaseDayDecision> newest_for(std::span<const std::int64_t> person_ids) = 0;
};

}  // namespace resettle::store

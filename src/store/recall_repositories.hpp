#pragma once
// The repository of recall considerations (migration 25): one row per consideration, carried from
// the trigger through the recommendation to the manager's decision. Never deleted: its history is in
// the journal.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/recall/recall.hpp"

namespace resettle::store {

class RecallRepository {
 public:
  virtual ~RecallRepository() = default;
  // Stores a new consideration and returns its id; its version becomes 1.
  virtual std::int64_t insert(const RecallConsideration& consideration) = 0;
  virtual std::optional<RecallConsideration> find(std::int64_t id) = 0;
  // Writes the recommendation, the decision, the status and the return to custody if the stored version is still
  // expected_version; StaleVersion otherwise. The person and the consideration itself never change.
  virtual void update(const RecallConsideration& consideration, std::int64_t expected_version) = 0;
  // The person's considerations, newest first; empty when none.
  virtual std::vector<RecallConsideration> for_person(std::int64_t person_id) = 0;
};

}  // namespace resettle::store

#pragma once
// The repository of licences (see the licence migration). A licence is never deleted: a draft that
// is no longer wanted is left as it is, and a replaced licence becomes inactive.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "domain/licence/licence.hpp"
#include "domain/licence/licence_responses.hpp"

namespace resettle::store {

class LicenceRepository {
 public:
  virtual ~LicenceRepository() = default;
  // Stores a new licence with its conditions; returns its id; version becomes 1. A licence number
  // the person already has is a Conflict (two drafts begun at once).
  virtual std::int64_t insert(const Licence& licence) = 0;
  virtual std::optional<Licence> find(std::int64_t id) = 0;
  // Writes the licence if its stored version is still expected_version; throws StaleVersion otherwise.
  virtual void update(const Licence& licence, std::int64_t expected_version) = 0;
  // Every licence of the person, the highest number (the latest) first; empty when none.
  virtual std::vector<Licence> for_person(std::int64_t person_id) = 0;
  // The status of each person's latest licence, for those of them who have one.
  virtual std::map<std::int64_t, LicenceStatus> latest_statuses(const std::vector<std::int64_t>& person_ids) = 0;

  // What the person said about a condition on their own pages (migration 33), kept for good;
  // returns its id.
  virtual std::int64_t add_response(const ConditionResponse& response) = 0;
  // The licence's responses, oldest first; empty when none.
  virtual std::vector<ConditionResponse> responses(std::int64_t licence_id) = 0;
};

}  // namespace resettle::store

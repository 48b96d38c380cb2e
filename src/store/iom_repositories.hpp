#pragma once
// The repository of integrated offender management (migration 37): cohort flags and police
// co-workers (ended, never deleted) and the contacts police co-workers record (added, never changed).
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/mappa/iom.hpp"

namespace resettle::store {

class IomRepository {
 public:
  virtual ~IomRepository() = default;
  virtual std::int64_t insert_cohort(const IomCohortFlag& flag) = 0;  // returns its id; version 1
  virtual std::vector<IomCohortFlag> cohorts_for(std::int64_t person_id) = 0;  // latest start first
  virtual void update_cohort(const IomCohortFlag& flag, std::int64_t expected_version) = 0;
  virtual std::int64_t insert_coworker(const IomCoworker& coworker) = 0;  // returns its id; version 1
  virtual std::optional<IomCoworker> find_coworker(std::int64_t id) = 0;
  virtual std::vector<IomCoworker> coworkers_for(std::int64_t person_id) = 0;  // latest from first
  virtual void update_coworker(const IomCoworker& coworker, std::int64_t expected_version) = 0;
  // The people this member of staff is named on now as a co-worker, in person id order.
  virtual std::vector<std::int64_t> named_cases(std::int64_t staff_id) = 0;
  virtual std::int64_t insert_contact(const IomContact& contact) = 0;  // returns its id
  virtual std::vector<IomContact> contacts_for(std::int64_t person_id) = 0;  // latest contact_on first
};

}  // namespace resettle::store

#pragma once
// The repository of release day records (migration 21): one per release, kept for good.
#include <cstdint>
#include <optional>

#include "domain/release/release_day_record.hpp"

namespace resettle::store {

class ReleaseDayRepository {
 public:
  virtual ~ReleaseDayRepository() = default;
  // Stores the release and its arrangements; returns its id; version becomes 1.
  virtual std::int64_t insert(const ReleaseDayRecord& record) = 0;
  // The person's latest release (the highest id); empty when they have never been released here.
  virtual std::optional<ReleaseDayRecord> latest_for_person(std::int64_t person_id) = 0;
  // Writes the arrangements (the release itself never changes) if the stored version is still
  // expected_version; throws StaleVersion otherwise.
  virtual void update(const ReleaseDayRecord& record, std::int64_t expected_version) = 0;
};

}  // namespace resettle::store

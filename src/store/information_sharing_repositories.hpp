#pragma once
// The repository of information sharing records (migration 34): requests to and from other
// agencies and disclosures. Never deleted: an answer is added to its request.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/mappa/information_sharing.hpp"

namespace resettle::store {

class InformationSharingRepository {
 public:
  virtual ~InformationSharingRepository() = default;
  // Returns its id; its version becomes 1.
  virtual std::int64_t insert(const SharingRecord& record) = 0;
  virtual std::optional<SharingRecord> find(std::int64_t id) = 0;
  // Writes the answer, answered_on, lawful basis and approver if the stored version is still
  // expected_version; StaleVersion otherwise. What was asked or shared, and when, never change.
  virtual void update(const SharingRecord& record, std::int64_t expected_version) = 0;
  // The person's records, latest sent_on first (then newest recorded); empty when none.
  virtual std::vector<SharingRecord> for_person(std::int64_t person_id) = 0;
};

}  // namespace resettle::store

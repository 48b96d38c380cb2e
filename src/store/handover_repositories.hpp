#pragma once
// Repositories of case transfers and handover meetings (migration 5). Neither is ever deleted: a
// transfer is withdrawn and a meeting cancelled instead.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/transfers/case_transfer.hpp"
#include "domain/responsibility/handover_meeting.hpp"

namespace resettle::store {

class TransferRepository {
 public:
  virtual ~TransferRepository() = default;
  virtual std::int64_t insert(const CaseTransfer& transfer) = 0;  // version becomes 1
  virtual std::optional<CaseTransfer> find(std::int64_t id) = 0;
  // Writes the transfer if its stored version is still expected_version; throws StaleVersion otherwise.
  virtual void update(const CaseTransfer& transfer, std::int64_t expected_version) = 0;
  virtual std::vector<CaseTransfer> for_person(std::int64_t person_id) = 0;  // newest first
  // Transfers awaiting acknowledgement addressed to this practitioner, or to their prison or
  // probation delivery unit (empty codes match nothing), oldest first.
  virtual std::vector<CaseTransfer> awaiting(std::int64_t staff_id, const std::string& prison_code,
                                             const std::string& pdu_code) = 0;
  // How many of those there are, leaving out the people this practitioner may not see (limited access).
  virtual std::int64_t count_awaiting(std::int64_t staff_id, const std::string& prison_code,
                                      const std::string& pdu_code) = 0;
};

class HandoverMeetingRepository {
 public:
  virtual ~HandoverMeetingRepository() = default;
  virtual std::int64_t insert(const HandoverMeeting& meeting) = 0;  // version becomes 1
  virtual std::optional<HandoverMeeting> find(std::int64_t id) = 0;
  virtual void update(const HandoverMeeting& meeting, std::int64_t expected_version) = 0;
  virtual std::vector<HandoverMeeting> for_person(std::int64_t person_id) = 0;  // newest first
};

}  // namespace resettle::store

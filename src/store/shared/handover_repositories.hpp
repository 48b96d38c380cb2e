#pragma once
// The transfer and handover meeting repositories (migration 5) of both stores, written once over
// either connection (docs/decisions.md, "The store on PostgreSQL").
#include "store/handover_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class Transfers final : public TransferRepository {
 public:
  explicit Transfers(Db& db) : db_(db) {}
  std::int64_t insert(const CaseTransfer& transfer) override;
  std::optional<CaseTransfer> find(std::int64_t id) override;
  void update(const CaseTransfer& transfer, std::int64_t expected_version) override;
  std::vector<CaseTransfer> for_person(std::int64_t person_id) override;
  std::int64_t count_awaiting(std::int64_t staff_id, const std::string& prison_code,
                              const std::string& pdu_code) override;
  std::vector<CaseTransfer> awaiting(std::int64_t staff_id, const std::string& prison_code,
                                     const std::string& pdu_code) override;

 private:
  Db& db_;
};

template <Database Db>
class HandoverMeetings final : public HandoverMeetingRepository {
 public:
  explicit HandoverMeetings(Db& db) : db_(db) {}
  std::int64_t insert(const HandoverMeeting& meeting) override;
  std::optional<HandoverMeeting> find(std::int64_t id) override;
  void update(const HandoverMeeting& meeting, std::int64_t expected_version) override;
  std::vector<HandoverMeeting> for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared

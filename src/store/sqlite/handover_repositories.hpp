#pragma once
// SQLite implementations of the transfer and handover meeting repositories (migration 5).
#include "store/handover_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteTransfers final : public TransferRepository {
 public:
  explicit SqliteTransfers(Connection& db) : db_(db) {}
  std::int64_t insert(const CaseTransfer& transfer) override;
  std::optional<CaseTransfer> find(std::int64_t id) override;
  void update(const CaseTransfer& transfer, std::int64_t expected_version) override;
  std::vector<CaseTransfer> for_person(std::int64_t person_id) override;
  std::int64_t count_awaiting(std::int64_t staff_id, const std::string& prison_code,
                              const std::string& pdu_code) override;
  std::vector<CaseTransfer> awaiting(std::int64_t staff_id, const std::string& prison_code,
                                     const std::string& pdu_code) override;

 private:
  Connection& db_;
};

class SqliteHandoverMeetings final : public HandoverMeetingRepository {
 public:
  explicit SqliteHandoverMeetings(Connection& db) : db_(db) {}
  std::int64_t insert(const HandoverMeeting& meeting) override;
  std::optional<HandoverMeeting> find(std::int64_t id) override;
  void update(const HandoverMeeting& meeting, std::int64_t expected_version) override;
  std::vector<HandoverMeeting> for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite

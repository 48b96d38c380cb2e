#pragma once
// SQLite implementation of the MAPPA repository.
#include "store/mappa_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteMappa final : public MappaRepository {
 public:
  explicit SqliteMappa(Connection& db) : db_(db) {}
  std::int64_t insert_decision(const MappaDecision& decision) override;
  std::vector<MappaDecision> decisions_for(std::int64_t person_id) override;
  std::int64_t insert_referral(const MappaReferral& referral) override;
  std::vector<MappaReferral> referrals_for(std::int64_t person_id) override;
  std::int64_t insert_meeting(const MappaMeeting& meeting) override;
  std::optional<MappaMeeting> find_meeting(std::int64_t id) override;
  void update_meeting(const MappaMeeting& meeting, std::int64_t expected_version) override;
  std::vector<MappaMeeting> meetings_for(std::int64_t person_id) override;
  std::vector<std::int64_t> attended_cases(std::int64_t staff_id) override;
  std::int64_t insert_action(const MappaAction& action) override;
  std::optional<MappaAction> find_action(std::int64_t id) override;
  void update_action(const MappaAction& action, std::int64_t expected_version) override;
  std::vector<MappaAction> actions_for(std::int64_t person_id) override;
  Page<MappaWorklistRow> worklist(Date today, const WorklistScope& scope) override;

 private:
  Connection& db_;
};

}  // namespace resettle::store::sqlite

#pragma once
// MAPPA, information sharing and integrated offender management, written once for both stores as
// repositories.hpp describes.
#include <cstdint>
#include <optional>
#include <vector>

#include "store/information_sharing_repositories.hpp"
#include "store/iom_repositories.hpp"
#include "store/mappa_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class Mappa final : public MappaRepository {
 public:
  explicit Mappa(Db& db) : db_(db) {}
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
  Db& db_;
};

template <Database Db>
class InformationSharing final : public InformationSharingRepository {
 public:
  explicit InformationSharing(Db& db) : db_(db) {}
  std::int64_t insert(const SharingRecord& record) override;
  std::optional<SharingRecord> find(std::int64_t id) override;
  void update(const SharingRecord& record, std::int64_t expected_version) override;
  std::vector<SharingRecord> for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

template <Database Db>
class Iom final : public IomRepository {
 public:
  explicit Iom(Db& db) : db_(db) {}
  std::int64_t insert_cohort(const IomCohortFlag& flag) override;
  std::vector<IomCohortFlag> cohorts_for(std::int64_t person_id) override;
  void update_cohort(const IomCohortFlag& flag, std::int64_t expected_version) override;
  std::int64_t insert_coworker(const IomCoworker& coworker) override;
  std::optional<IomCoworker> find_coworker(std::int64_t id) override;
  std::vector<IomCoworker> coworkers_for(std::int64_t person_id) override;
  void update_coworker(const IomCoworker& coworker, std::int64_t expected_version) override;
  std::vector<std::int64_t> named_cases(std::int64_t staff_id) override;
  std::int64_t insert_contact(const IomContact& contact) override;
  std::vector<IomContact> contacts_for(std::int64_t person_id) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared

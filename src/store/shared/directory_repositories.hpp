#pragma once
// The directory and referral repositories of both stores (migration 4), written once as repositories.hpp
// describes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/directory_repositories.hpp"
#include "store/shared/database.hpp"

namespace resettle::store::shared {

template <Database Db>
class ServiceDirectory final : public DirectoryRepository {
 public:
  explicit ServiceDirectory(Db& db) : db_(db) {}
  void save_organisation(const Organisation& organisation) override;
  void save_service(const Service& service) override;
  void save_location(const Location& location) override;
  void save_service_at_location(const ServiceAtLocation& link) override;
  std::optional<Service> find_service(const std::string& id) override;
  std::optional<Organisation> find_organisation(const std::string& id) override;
  bool has_location(const std::string& id) override;
  Directory directory(const std::vector<std::string>& service_ids) override;
  ServiceSearchResult search(const ServiceQuery& query) override;

 private:
  void index_service(const std::string& service_id);
  std::vector<std::string> ids(std::string_view sql, const std::string& key);
  Db& db_;
};

template <Database Db>
class Referrals final : public ReferralRepository {
 public:
  explicit Referrals(Db& db) : db_(db) {}
  std::int64_t insert(const Referral& referral) override;
  std::optional<Referral> find(std::int64_t id) override;
  void update(const Referral& referral, std::int64_t expected_version) override;
  std::vector<Referral> for_person(std::int64_t person_id) override;
  // Every referral of these people, by person id, then newest first: one read for them all.
  std::vector<Referral> for_people(const std::vector<std::int64_t>& person_ids);
  std::vector<Referral> sent_to_organisation(const std::string& organisation_id, std::int64_t seen_by) override;

 private:
  template <typename... Keys>
  std::vector<Referral> select(std::string_view sql, const Keys&... keys);
  void insert_steps(const Referral& referral, std::size_t from);
  Db& db_;
};

}  // namespace resettle::store::shared

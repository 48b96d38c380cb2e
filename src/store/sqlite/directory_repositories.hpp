#pragma once
// SQLite implementations of the directory and referral repositories (migration 4).
#include "store/directory_repositories.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store::sqlite {

class SqliteDirectory final : public DirectoryRepository {
 public:
  explicit SqliteDirectory(Connection& db) : db_(db) {}
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
  Connection& db_;
};

class SqliteReferrals final : public ReferralRepository {
 public:
  explicit SqliteReferrals(Connection& db) : db_(db) {}
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
  Connection& db_;
};

}  // namespace resettle::store::sqlite

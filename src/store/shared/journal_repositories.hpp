#pragma once
// The event journal and the access log of both stores, and their hash chains (docs/decisions.md,
// "The store on PostgreSQL"): written once, in store/shared/journal.cpp, over either connection.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/shared/database.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

template <Database Db>
class Journal final : public EventJournal {
 public:
  explicit Journal(Db& db) : db_(db) {}
  std::optional<Event> latest(std::int64_t person_id, const std::string& kind) override;
  std::int64_t append(const NewEvent& event) override;
  Page<Event> for_person(std::int64_t person_id, const PageRequest& page) override;

 private:
  Db& db_;
};

template <Database Db>
class AccessRecords final : public AccessLog {
 public:
  explicit AccessRecords(Db& db) : db_(db) {}
  void record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) override;
  void record_own_read(std::int64_t person_account_id, std::int64_t person_id, const std::string& what) override;
  void record_list(std::int64_t staff_id, const std::string& what, const std::vector<std::int64_t>& person_ids) override;
  std::int64_t count_for_person(std::int64_t person_id) override;
  std::vector<RefusedAccess> refused_for_person(std::int64_t person_id, int limit) override;
  Page<AccessRecord> for_person(std::int64_t person_id, const PageRequest& page) override;

 private:
  std::int64_t append(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> person_id,
                      const std::string& what, bool allowed, const std::string& people,
                      std::optional<std::int64_t> person_account_id = std::nullopt,
                      std::optional<std::int64_t> list_id = std::nullopt);
  // The id of the stored list of `people` (a JSON array of ids), stored with its index by person
  // the first time it is shown (migration 51).
  std::int64_t stored_list(const std::string& people);
  Db& db_;
};

// The hash chains of the journal ("event") and the access log ("access_log"): see ChainCheck. Each
// backend hashes the same text, so a database copied either way still verifies.
template <Database Db>
ChainCheck check_chain(Db& db, std::string_view table);
template <Database Db>
std::optional<std::string> chain_of(Db& db, std::string_view table, std::int64_t id);

}  // namespace resettle::store::shared

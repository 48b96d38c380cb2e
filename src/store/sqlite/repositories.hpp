#pragma once
// SQLite implementations of the repository interface; each works on the connection of the
// transaction that owns it.
#include "store/sqlite/database.hpp"
#include "store/shared/repositories.hpp"
#include "store/store.hpp"

namespace resettle::store::sqlite {

// What the SQLite repositories not yet in store/shared/ share with those that are.
using shared::cursor_after;
using shared::date_cursor_after;
using shared::DatePosition;
using shared::limited_access_allows_sql;
using shared::next_cursor;
using shared::next_date_cursor;
using shared::page_limit;
using shared::person_columns;
using shared::read_person_row;
using shared::read_summary_row;

class SqliteSentences final : public SentenceRepository {
 public:
  explicit SqliteSentences(Connection& db) : db_(db) {}
  std::int64_t insert(const Sentence& sentence) override;
  std::optional<Sentence> find(std::int64_t id) override;
  void update(const Sentence& sentence, std::int64_t expected_version) override;
  std::vector<Sentence> for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

class SqliteBookings final : public BookingRepository {
 public:
  explicit SqliteBookings(Connection& db) : db_(db) {}
  StoredBooking find(std::int64_t person_id) override;
  void advance(std::int64_t person_id, std::int64_t expected_version) override;
  void clear_sentences(std::int64_t person_id) override;
  std::int64_t add_adjustment(const StoredAdjustment& adjustment) override;
  void withdraw_adjustment(std::int64_t adjustment_id) override;
  std::int64_t version(std::int64_t person_id) override;
  void replace_movements(std::int64_t person_id, const std::vector<Movement>& movements) override;
  void set_sex_offender_register(std::int64_t person_id, bool registered) override;
  std::optional<KeyDates> calculated(std::int64_t person_id) override;
  void save_calculated(std::int64_t person_id, const KeyDates& dates) override;
  std::int64_t add_change(const KeyDateChange& change) override;
  std::vector<KeyDateChangeEntry> unseen_changes(std::int64_t staff_id) override;
  std::optional<std::int64_t> mark_seen(std::int64_t change_id, std::int64_t staff_id) override;

 private:
  Connection& db_;
};

class SqliteJournal final : public EventJournal {
 public:
  explicit SqliteJournal(Connection& db) : db_(db) {}
  std::optional<Event> latest(std::int64_t person_id, const std::string& kind) override;
  std::int64_t append(const NewEvent& event) override;
  Page<Event> for_person(std::int64_t person_id, const PageRequest& page) override;

 private:
  Connection& db_;
};

class SqliteAccessLog final : public AccessLog {
 public:
  explicit SqliteAccessLog(Connection& db) : db_(db) {}
  void record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) override;
  void record_own_read(std::int64_t person_account_id, std::int64_t person_id, const std::string& what) override;
  void record_list(std::int64_t staff_id, const std::string& what, const std::vector<std::int64_t>& person_ids) override;
  std::int64_t count_for_person(std::int64_t person_id) override;
  std::vector<RefusedAccess> refused_for_person(std::int64_t person_id, int limit) override;
  Page<AccessRecord> for_person(std::int64_t person_id, const PageRequest& page) override;

 private:
  std::int64_t append(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> person_id, const std::string& what,
                      bool allowed, const std::string& people, std::optional<std::int64_t> person_account_id = std::nullopt);
  Connection& db_;
};

// The hash chains of the journal ("event") and the access log ("access_log"): see ChainCheck.
ChainCheck check_chain(Connection& db, std::string_view table);
std::optional<std::string> chain_of(Connection& db, std::string_view table, std::int64_t id);

}  // namespace resettle::store::sqlite

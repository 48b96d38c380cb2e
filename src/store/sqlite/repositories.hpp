#pragma once
// SQLite implementations of the repository interface; each works on the connection of the
// transaction that owns it.
#include "store/sqlite/database.hpp"
#include "store/store.hpp"

namespace resettle::store::sqlite {

class SqlitePeople final : public PersonRepository {
 public:
  explicit SqlitePeople(Connection& db) : db_(db) {}
  std::int64_t insert(const Person& person) override;
  std::optional<Person> find(std::int64_t id) override;
  std::optional<Person> find_by_prison_number(const std::string& prison_number) override;
  std::optional<Person> find_by_crn(const std::string& crn) override;
  void update(const Person& person, std::int64_t expected_version) override;
  Page<Person> list(const PersonFilter& filter, const PageRequest& page) override;
  Page<PersonSummary> list_summaries(const PersonFilter& filter, const PageRequest& page) override;
  Page<PersonSummary> caseload(const CaseloadFilter& filter, const PageRequest& page) override;

 private:
  std::optional<Person> find_where(std::string_view column, const std::string& value);
  Connection& db_;
};

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
  std::optional<KeyDates> calculated(std::int64_t person_id) override;
  void save_calculated(std::int64_t person_id, const KeyDates& dates) override;
  std::int64_t add_change(const KeyDateChange& change) override;
  std::vector<KeyDateChangeEntry> unseen_changes(std::int64_t staff_id) override;
  std::optional<std::int64_t> mark_seen(std::int64_t change_id, std::int64_t staff_id) override;

 private:
  Connection& db_;
};

class SqliteStaff final : public StaffRepository {
 public:
  explicit SqliteStaff(Connection& db) : db_(db) {}
  std::int64_t insert(const StaffMember& staff, const std::string& password_hash) override;
  std::optional<StaffMember> find(std::int64_t id) override;
  std::optional<StaffMember> find_by_username(const std::string& username) override;
  std::optional<std::string> password_hash(std::int64_t staff_id) override;
  std::vector<StaffMember> list() override;
  std::vector<StaffMember> based_in(const std::string& prison_code, const std::string& pdu_code) override;
  std::vector<StaffMember> with_role(Role role) override;
  bool has_partner_account(const std::string& organisation_id) override;
  std::vector<StaffMember> find_many(const std::vector<std::int64_t>& ids) override;
  void update_working_pattern(std::int64_t staff_id, const WorkingPattern& pattern) override;
  void set_active(std::int64_t staff_id, bool active) override;
  void set_password_hash(std::int64_t staff_id, const std::string& password_hash) override;

 private:
  Connection& db_;
};

class SqliteAllocations final : public AllocationRepository {
 public:
  explicit SqliteAllocations(Connection& db) : db_(db) {}
  std::int64_t insert(const Allocation& allocation) override;
  void end(std::int64_t allocation_id, Date to) override;
  std::vector<Allocation> current_for_person(std::int64_t person_id) override;
  std::vector<Allocation> history_for_person(std::int64_t person_id) override;
  std::vector<Allocation> history_for_people(const std::vector<std::int64_t>& person_ids) override;
  std::vector<StaffCaseloadCount> caseloads(const std::vector<std::int64_t>& staff_ids) override;

 private:
  template <typename Key>
  std::vector<Allocation> select(std::string_view sql, const Key& key);
  Connection& db_;
};

class SqlitePlaces final : public PlaceRepository {
 public:
  explicit SqlitePlaces(Connection& db) : db_(db) {}
  void insert_region(const Region& region) override;
  void insert_prison(const Prison& prison) override;
  void insert_pdu(const ProbationDeliveryUnit& pdu) override;
  std::vector<Prison> prisons() override;
  std::vector<ProbationDeliveryUnit> pdus() override;
  std::optional<Prison> find_prison(const std::string& code) override;
  std::optional<ProbationDeliveryUnit> find_pdu(const std::string& code) override;
  void insert_team(const Team& team) override;
  std::vector<Team> teams() override;
  std::optional<Team> find_team(const std::string& code) override;

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
  void record_list(std::int64_t staff_id, const std::string& what, const std::vector<std::int64_t>& person_ids) override;
  std::int64_t count_for_person(std::int64_t person_id) override;
  std::vector<RefusedAccess> refused_for_person(std::int64_t person_id, int limit) override;
  Page<AccessRecord> for_person(std::int64_t person_id, const PageRequest& page) override;

 private:
  std::int64_t append(std::int64_t staff_id, std::optional<std::int64_t> person_id, const std::string& what,
                      bool allowed, const std::string& people);
  Connection& db_;
};

// The hash chains of the journal ("event") and the access log ("access_log"): see ChainCheck.
ChainCheck check_chain(Connection& db, std::string_view table);
std::optional<std::string> chain_of(Connection& db, std::string_view table, std::int64_t id);

class SqliteSessions final : public SessionRepository {
 public:
  explicit SqliteSessions(Connection& db) : db_(db) {}
  void insert(const SessionRecord& session) override;
  std::optional<ActiveSession> find_active(const std::string& token_hash, const std::string& now) override;
  void record_last_seen(const std::string& token_hash, const std::string& at) override;
  void complete_sign_in(const std::string& token_hash, const std::string& began_at,
                        const std::string& expires_at) override;
  int add_code_failure(const std::string& token_hash) override;
  void revoke(const std::string& token_hash, const std::string& at) override;
  int revoke_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Connection& db_;
};

class SqliteApiTokens final : public ApiTokenRepository {
 public:
  explicit SqliteApiTokens(Connection& db) : db_(db) {}
  std::int64_t insert(const std::string& token_hash, const ApiTokenRecord& token) override;
  std::optional<TokenHolder> find_current(const std::string& token_hash, const std::string& now) override;
  std::optional<ApiTokenRecord> find(std::int64_t id) override;
  std::vector<ApiTokenRecord> for_staff(std::int64_t staff_id) override;
  bool revoke(std::int64_t id, const std::string& at) override;
  int revoke_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Connection& db_;
};

class SqliteTwoFactor final : public TwoFactorRepository {
 public:
  explicit SqliteTwoFactor(Connection& db) : db_(db) {}
  std::optional<TwoFactorRecord> find(std::int64_t staff_id) override;
  void enrol(std::int64_t staff_id, const std::string& secret, std::int64_t step, const std::string& at) override;
  bool use_step(std::int64_t staff_id, std::int64_t step) override;
  bool remove(std::int64_t staff_id) override;

 private:
  Connection& db_;
};

class SqliteKnownDevices final : public KnownDeviceRepository {
 public:
  explicit SqliteKnownDevices(Connection& db) : db_(db) {}
  void insert(const std::string& token_hash, std::int64_t staff_id, bool skips_code, const std::string& at,
              const std::string& expires_at) override;
  std::optional<bool> find(const std::string& token_hash, std::int64_t staff_id, const std::string& now) override;
  int forget_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Connection& db_;
};

class SqliteLoginAttempts final : public LoginAttempts {
 public:
  explicit SqliteLoginAttempts(Connection& db) : db_(db) {}
  void record(const std::string& username, const std::string& address, bool succeeded, const std::string& at) override;
  AccountFailures account_failures_since(const std::string& username, const std::string& since) override;
  int address_failures_since(const std::string& address, const std::string& since) override;

 private:
  Connection& db_;
};

// Columns of person (as p) in the order read_person_row reads them from `first` on.
inline constexpr std::string_view person_columns =
    "p.id, p.version, p.prison_number, p.crn, p.pnc, p.given_name, p.family_name, p.date_of_birth, p.gender, "
    "p.ethnic_group, p.preferred_language, p.communication_needs, p.prison_code, p.pdu_code, p.stage";
Person read_person_row(const Statement& row, int first);
// A person as lists show them, from `first` on: id, given and family name, prison number, CRN, stage
// and whether they have a plan or checklist.
PersonSummary read_summary_row(const Statement& row, int first);

// The rule of may_see_limited_case as SQL: true when the member of staff in parameter `viewer` may
// see the person whose id is `person_id` (a column), or when `viewer` is NULL (a system task). A
// person with no current entries costs one probe of limited_access_current_by_person, so lists
// keep their pagination and speed. On a read model, `limited_flag` names its column saying whether
// the person has current entries (migration 13): the probe is then made for those people only.
inline std::string limited_access_allows_sql(std::string_view person_id, std::string_view viewer,
                                             std::string_view limited_flag = {}) {
  std::string person{person_id}, staff{viewer};
  std::string unflagged = limited_flag.empty() ? "" : std::string{limited_flag} + " = 0 OR ";
  return "(" + staff + " IS NULL OR " + unflagged +
         "NOT EXISTS (SELECT 1 FROM limited_access l WHERE l.person_id = " + person +
         " AND l.removed_at IS NULL AND CASE l.list WHEN 'exclusion' THEN l.staff_id = " + staff +
         " ELSE NOT EXISTS (SELECT 1 FROM limited_access r WHERE r.staff_id = " + staff + " AND r.person_id = " +
         person + " AND r.list = 'restriction' AND r.removed_at IS NULL) END))";
}

class SqliteLimitedAccess final : public LimitedAccessRepository {
 public:
  explicit SqliteLimitedAccess(Connection& db) : db_(db) {}
  std::int64_t add(std::int64_t person_id, const NewAccessEntry& entry, std::int64_t added_by) override;
  EndedEntry end(std::int64_t person_id, std::int64_t entry_id, std::int64_t removed_by) override;
  std::vector<LimitedAccessEntry> current_for_person(std::int64_t person_id) override;

 private:
  Connection& db_;
};

// Cursor text <-> the last id seen. A cursor that does not parse is bad input on the "cursor" field.
std::int64_t cursor_after(const PageRequest& page);
std::optional<std::string> next_cursor(std::size_t returned, int limit, std::int64_t last_id);
int page_limit(const PageRequest& page);  // 1..200, or a ValidationFailed on "limit"

// Lists in date order page on (date, id): the cursor is "YYYY-MM-DD.id" of the last row seen.
struct DatePosition {
  Date date;
  std::int64_t id = 0;
};
std::optional<DatePosition> date_cursor_after(const PageRequest& page);  // ValidationFailed on "cursor"
std::optional<std::string> next_date_cursor(std::size_t returned, int limit, const DatePosition& last);

}  // namespace resettle::store::sqlite

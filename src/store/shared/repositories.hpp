#pragma once
// Repositories written once for both stores (docs/decisions.md, "The store on PostgreSQL"): each is a
// class template on the connection, defined in the store/shared/ file named as store/sqlite/'s was,
// and instantiated there for sqlite::Connection and postgresql::Connection.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/code_list.hpp"
#include "store/shared/database.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

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

// Columns of person (as p) in the order read_person_row reads them from `first` on.
inline constexpr std::string_view person_columns =
    "p.id, p.version, p.prison_number, p.crn, p.pnc, p.given_name, p.family_name, p.date_of_birth, p.gender, "
    "p.ethnic_group, p.preferred_language, p.communication_needs, p.prison_code, p.pdu_code, p.stage";
template <typename Row>
Person read_person_row(const Row& row, int first) {
  Person person;
  person.id = row.integer(first);
  person.version = row.integer(first + 1);
  person.prison_number = row.text(first + 2);
  person.crn = row.text(first + 3);
  person.pnc = row.text(first + 4);
  person.given_name = row.text(first + 5);
  person.family_name = row.text(first + 6);
  person.date_of_birth = row.date(first + 7).value_or(Date{});
  person.gender = parse_code(genders(), row.text_view(first + 8)).value_or(Gender::not_stated);
  person.ethnic_group = row.text(first + 9);
  person.preferred_language = row.text(first + 10);
  person.communication_needs = row.text(first + 11);
  person.prison_code = row.text(first + 12);
  person.pdu_code = row.text(first + 13);
  person.stage = parse_code(case_stages(), row.text_view(first + 14)).value_or(CaseStage::in_custody);
  return person;
}

// A person as lists show them, from `first` on: id, given and family name, prison number, CRN, stage
// and whether they have a plan or checklist.
template <typename Row>
PersonSummary read_summary_row(const Row& row, int first) {
  return {row.integer(first), row.text(first + 1), row.text(first + 2), row.text(first + 3), row.text(first + 4),
          parse_code(case_stages(), row.text_view(first + 5)).value_or(CaseStage::in_custody),
          row.integer(first + 6) != 0};
}

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

template <Database Db>
class People final : public PersonRepository {
 public:
  explicit People(Db& db) : db_(db) {}
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
  Db& db_;
};

template <Database Db>
class Places final : public PlaceRepository {
 public:
  explicit Places(Db& db) : db_(db) {}
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
  Db& db_;
};


template <Database Db>
class Staff final : public StaffRepository {
 public:
  explicit Staff(Db& db) : db_(db) {}
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
  Db& db_;
};

template <Database Db>
class Sessions final : public SessionRepository {
 public:
  explicit Sessions(Db& db) : db_(db) {}
  void insert(const SessionRecord& session) override;
  std::optional<ActiveSession> find_active(const std::string& token_hash, const std::string& now) override;
  void record_last_seen(const std::string& token_hash, const std::string& at) override;
  void complete_sign_in(const std::string& token_hash, const std::string& began_at,
                        const std::string& expires_at) override;
  int add_code_failure(const std::string& token_hash) override;
  void revoke(const std::string& token_hash, const std::string& at) override;
  int revoke_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Db& db_;
};

template <Database Db>
class ApiTokens final : public ApiTokenRepository {
 public:
  explicit ApiTokens(Db& db) : db_(db) {}
  std::int64_t insert(const std::string& token_hash, const ApiTokenRecord& token) override;
  std::optional<TokenHolder> find_current(const std::string& token_hash, const std::string& now) override;
  std::optional<ApiTokenRecord> find(std::int64_t id) override;
  std::vector<ApiTokenRecord> for_staff(std::int64_t staff_id) override;
  bool revoke(std::int64_t id, const std::string& at) override;
  int revoke_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Db& db_;
};

template <Database Db>
class TwoFactor final : public TwoFactorRepository {
 public:
  explicit TwoFactor(Db& db) : db_(db) {}
  std::optional<TwoFactorRecord> find(std::int64_t staff_id) override;
  void enrol(std::int64_t staff_id, const std::string& secret, std::int64_t step, const std::string& at) override;
  bool use_step(std::int64_t staff_id, std::int64_t step) override;
  bool remove(std::int64_t staff_id) override;

 private:
  Db& db_;
};

template <Database Db>
class KnownDevices final : public KnownDeviceRepository {
 public:
  explicit KnownDevices(Db& db) : db_(db) {}
  void insert(const std::string& token_hash, std::int64_t staff_id, bool skips_code, const std::string& at,
              const std::string& expires_at) override;
  std::optional<bool> find(const std::string& token_hash, std::int64_t staff_id, const std::string& now) override;
  int forget_all_for(std::int64_t staff_id, const std::string& at) override;

 private:
  Db& db_;
};

template <Database Db>
class LoginAttemptLog final : public LoginAttempts {
 public:
  explicit LoginAttemptLog(Db& db) : db_(db) {}
  void record(const std::string& username, const std::string& address, bool succeeded, const std::string& at) override;
  AccountFailures account_failures_since(const std::string& username, const std::string& since) override;
  int address_failures_since(const std::string& address, const std::string& since) override;

 private:
  Db& db_;
};

template <Database Db>
class Allocations final : public AllocationRepository {
 public:
  explicit Allocations(Db& db) : db_(db) {}
  std::int64_t insert(const Allocation& allocation) override;
  void end(std::int64_t allocation_id, Date to) override;
  std::vector<Allocation> current_for_person(std::int64_t person_id) override;
  std::vector<Allocation> history_for_person(std::int64_t person_id) override;
  std::vector<Allocation> history_for_people(const std::vector<std::int64_t>& person_ids) override;
  std::vector<StaffCaseloadCount> caseloads(const std::vector<std::int64_t>& staff_ids) override;

 private:
  template <typename Key>
  std::vector<Allocation> select(std::string_view sql, const Key& key);
  Db& db_;
};

template <Database Db>
class LimitedAccess final : public LimitedAccessRepository {
 public:
  explicit LimitedAccess(Db& db) : db_(db) {}
  std::int64_t add(std::int64_t person_id, const NewAccessEntry& entry, std::int64_t added_by) override;
  EndedEntry end(std::int64_t person_id, std::int64_t entry_id, std::int64_t removed_by) override;
  std::vector<LimitedAccessEntry> current_for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared

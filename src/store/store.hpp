#pragma once
// The repository interface. SQL lives only behind it (store/sqlite/); a PostgreSQL backend
// implements the same classes. Every method runs inside the Transaction that handed out the
// repository, so a use case and its journal Event commit or roll back together.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/allocation.hpp"
#include "domain/case_assessment.hpp"
#include "domain/event.hpp"
#include "domain/limited_access.hpp"
#include "domain/person.hpp"
#include "domain/place.hpp"
#include "domain/sentence.hpp"
#include "domain/staff.hpp"
#include "domain/workload.hpp"
#include "store/bulk_load.hpp"
#include "store/plan_repositories.hpp"
#include "store/directory_repositories.hpp"
#include "store/handover_repositories.hpp"

namespace resettle::store {

// Keyset pagination: the cursor is opaque to callers (the last id seen, as text).
struct PageRequest {
  std::optional<std::string> cursor;
  int limit = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // empty on the last page
};

// The people a member of staff may see: those in their prison, in their probation delivery unit,
// or allocated to them. Empty fields match nothing; no scope at all means everyone (administrators).
struct UnitScope {
  std::string prison_code;
  std::string pdu_code;
  std::optional<std::int64_t> staff_id;
};

// Which people a list shows.
struct PersonFilter {
  std::optional<UnitScope> within;
  std::string search;  // part of a name, or a whole prison number or CRN
  // Unallocated cases: people at one of these stages with no current lead in this role.
  std::vector<CaseStage> stages{};  // empty: any stage
  std::optional<Role> without_lead{};
  // Leaves out the limited-access cases this member of staff may not see. Empty only for system
  // tasks acting for nobody (the nightly refresh); every list a member of staff sees sets it.
  std::optional<std::int64_t> seen_by{};
};

// Which of a member of staff's current cases their caseload shows ("my caseload").
struct CaseloadFilter {
  std::int64_t staff_id = 0;
  std::string search;                     // as PersonFilter::search
  std::optional<std::int64_t> seen_by{};  // as PersonFilter::seen_by
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  virtual std::int64_t insert(const Person& person) = 0;  // returns the id; version becomes 1
  virtual std::optional<Person> find(std::int64_t id) = 0;
  virtual std::optional<Person> find_by_prison_number(const std::string& prison_number) = 0;
  virtual std::optional<Person> find_by_crn(const std::string& crn) = 0;
  // Writes person if its stored version is still expected_version; throws StaleVersion otherwise.
  virtual void update(const Person& person, std::int64_t expected_version) = 0;
  virtual Page<Person> list(const PersonFilter& filter, const PageRequest& page) = 0;
  // The same people as list, with only what a list page shows of each: reading whole records cost a
  // long list about twice as much.
  virtual Page<PersonSummary> list_summaries(const PersonFilter& filter, const PageRequest& page) = 0;
  // The people a member of staff holds a current allocation for, in id order.
  virtual Page<PersonSummary> caseload(const CaseloadFilter& filter, const PageRequest& page) = 0;
};

class SentenceRepository {
 public:
  virtual ~SentenceRepository() = default;
  virtual std::int64_t insert(const Sentence& sentence) = 0;
  virtual std::optional<Sentence> find(std::int64_t id) = 0;
  virtual void update(const Sentence& sentence, std::int64_t expected_version) = 0;
  virtual std::vector<Sentence> for_person(std::int64_t person_id) = 0;  // newest first
};

class StaffRepository {
 public:
  virtual ~StaffRepository() = default;
  virtual std::int64_t insert(const StaffMember& staff, const std::string& password_hash) = 0;
  virtual std::optional<StaffMember> find(std::int64_t id) = 0;
  virtual std::optional<StaffMember> find_by_username(const std::string& username) = 0;
  virtual std::optional<std::string> password_hash(std::int64_t staff_id) = 0;
  virtual std::vector<StaffMember> list() = 0;
  // Active staff based in this prison or this probation delivery unit (an empty code matches
  // nothing), by name.
  virtual std::vector<StaffMember> based_in(const std::string& prison_code, const std::string& pdu_code) = 0;
  virtual std::vector<StaffMember> find_many(const std::vector<std::int64_t>& ids) = 0;
  // Whether the organisation (by name, as on a partner's account) has an active partner account,
  // so referrals to it are answered on Resettle rather than recorded on its behalf.
  virtual bool has_partner_account(const std::string& organisation) = 0;
  virtual void update_working_pattern(std::int64_t staff_id, const WorkingPattern& pattern) = 0;
};

// One practitioner's current lead cases of one kind (role held, stage, tier).
struct StaffCaseloadCount {
  std::int64_t staff_id = 0;
  CaseloadCount count;
};

class AllocationRepository {
 public:
  virtual ~AllocationRepository() = default;
  virtual std::int64_t insert(const Allocation& allocation) = 0;
  virtual void end(std::int64_t allocation_id, Date to) = 0;
  virtual std::vector<Allocation> current_for_person(std::int64_t person_id) = 0;
  virtual std::vector<Allocation> history_for_person(std::int64_t person_id) = 0;
  // The histories of many people in one query: by person id, each newest first.
  virtual std::vector<Allocation> history_for_people(const std::vector<std::int64_t>& person_ids) = 0;
  // Current lead caseloads of these staff, counted by role held, stage and tier.
  virtual std::vector<StaffCaseloadCount> caseloads(const std::vector<std::int64_t>& staff_ids) = 0;
};

class PlaceRepository {
 public:
  virtual ~PlaceRepository() = default;
  virtual void insert_region(const Region& region) = 0;
  virtual void insert_prison(const Prison& prison) = 0;
  virtual void insert_pdu(const ProbationDeliveryUnit& pdu) = 0;
  virtual std::vector<Prison> prisons() = 0;
  virtual std::vector<ProbationDeliveryUnit> pdus() = 0;
  virtual std::optional<Prison> find_prison(const std::string& code) = 0;
  virtual std::optional<ProbationDeliveryUnit> find_pdu(const std::string& code) = 0;
  virtual void insert_team(const Team& team) = 0;
  virtual std::vector<Team> teams() = 0;
  virtual std::optional<Team> find_team(const std::string& code) = 0;
};

class RiskProfileRepository {
 public:
  virtual ~RiskProfileRepository() = default;
  // A person with nothing recorded has a default profile at version 0.
  virtual RiskProfile find(std::int64_t person_id) = 0;
  // Writes the profile if its stored version is still expected_version (0: none stored yet).
  virtual void save(const RiskProfile& profile, std::int64_t expected_version) = 0;
};

// Which cases a worklist covers: what the member of staff may see, narrowed to one prison or PDU.
struct WorklistScope {
  std::optional<UnitScope> within;
  std::string prison_code;
  std::string pdu_code;
  PageRequest page{std::nullopt, 50};  // in date order: see next_cursor
  std::optional<std::int64_t> seen_by{};  // as PersonFilter::seen_by
};

struct WorklistEntry {
  PersonSummary person;
  std::string prison_code;  // where the person is now
  std::string pdu_code;
  CaseDates dates;
};

// The worklists in date order whose pages read rows (CaseDatesRepository::rows).
enum class DatedWorklist { handovers_due, releases_due, without_com };

// What a worklist's page shows of a case: the person as lists show them, where they are, the date
// that puts them on the list and who leads now. Pages read these in place of whole entries, whose
// other case dates were a third of reading a worklist page.
struct WorklistRow {
  PersonSummary person;
  std::string prison_code;
  std::string pdu_code;
  std::optional<Date> date;
  Responsibility responsibility = Responsibility::none;
};

class CaseDatesRepository {
 public:
  virtual ~CaseDatesRepository() = default;
  virtual void save(const CaseDates& dates) = 0;  // replaces what was worked out before
  virtual std::optional<CaseDates> find(std::int64_t person_id) = 0;
  // Handover dates from `from` to `to` inclusive, soonest first.
  virtual Page<WorklistEntry> handovers_due(Date from, Date to, const WorklistScope& scope) = 0;
  virtual Page<WorklistEntry> releases_due(Date from, Date to, const WorklistScope& scope) = 0;
  // Cases whose COM should have been allocated by `today` but have no current COM allocation.
  virtual Page<WorklistEntry> without_com(Date today, const WorklistScope& scope) = 0;
  // The cases of one of the three lists above, in the same order and pages, as their pages show them.
  // `from` is the earliest date listed, or none for every date up to `to`.
  virtual Page<WorklistRow> rows(DatedWorklist list, std::optional<Date> from, Date to, const WorklistScope& scope) = 0;
  // People in custody whose handover date is before `today` but who have no current COM
  // allocation or no handover meeting held (see handover_progress), longest overdue first.
  virtual Page<WorklistEntry> overdue_handovers(Date today, const WorklistScope& scope) = 0;
};

class EventJournal {
 public:
  virtual ~EventJournal() = default;
  virtual std::int64_t append(const NewEvent& event) = 0;
  virtual Page<Event> for_person(std::int64_t person_id, const PageRequest& page) = 0;  // newest first
  // The person's newest event of this kind (e.g. "risk_profile.updated"); nullopt when there is none.
  virtual std::optional<Event> latest(std::int64_t person_id, const std::string& kind) = 0;
};

struct RefusedAccess {
  std::string at;  // UTC, ISO 8601
  std::int64_t staff_id = 0;
  std::string staff_name;
  std::string what;
};

// Who looked at whose record: reads are audited without cluttering the person's timeline.
class AccessLog {
 public:
  virtual ~AccessLog() = default;
  virtual void record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) = 0;
  virtual std::int64_t count_for_person(std::int64_t person_id) = 0;
  // The latest refused attempts to see a person's record, newest first.
  virtual std::vector<RefusedAccess> refused_for_person(std::int64_t person_id, int limit) = 0;
};

enum class EndedEntry { ended, already_ended, no_such_entry };

// The exclusion and restriction lists of limited-access cases. Entries are ended, never deleted.
class LimitedAccessRepository {
 public:
  virtual ~LimitedAccessRepository() = default;
  virtual std::int64_t add(std::int64_t person_id, const NewAccessEntry& entry, std::int64_t added_by) = 0;
  // Ends one of this person's entries, recording who ended it and when.
  virtual EndedEntry end(std::int64_t person_id, std::int64_t entry_id, std::int64_t removed_by) = 0;
  virtual std::vector<LimitedAccessEntry> current_for_person(std::int64_t person_id) = 0;  // oldest first
};

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the cookie value: a stolen database cannot sign anyone in
  std::int64_t staff_id = 0;
  std::string csrf_token;
  std::string expires_at;  // UTC, ISO 8601
};

// A session that is neither expired nor revoked, and the active account it signs in.
struct ActiveSession {
  SessionRecord session;
  StaffMember staff;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void insert(const SessionRecord& session) = 0;
  // Read with its account in one look-up: every request of a signed-in user asks.
  virtual std::optional<ActiveSession> find_active(const std::string& token_hash, const std::string& now) = 0;
  virtual void revoke(const std::string& token_hash) = 0;
};

// Bearer tokens for other systems calling the JSON API.
class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  virtual void insert(const std::string& token_hash, std::int64_t staff_id, const std::string& label) = 0;
  virtual std::optional<std::int64_t> staff_for(const std::string& token_hash) = 0;
};

class LoginAttempts {
 public:
  virtual ~LoginAttempts() = default;
  // `at` comes from the caller's clock, the same clock that later asks failures_since.
  virtual void record(const std::string& username, const std::string& address, bool succeeded,
                      const std::string& at) = 0;
  // Failed attempts since the given UTC time, for this username or from this address (an empty
  // username or address matches nothing).
  virtual int failures_since(const std::string& username, const std::string& address, const std::string& since) = 0;
};

// One database transaction. Destroying it without commit() rolls everything back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual PersonRepository& people() = 0;
  virtual SentenceRepository& sentences() = 0;
  virtual StaffRepository& staff() = 0;
  virtual AllocationRepository& allocations() = 0;
  virtual RiskProfileRepository& risk_profiles() = 0;
  virtual CaseDatesRepository& case_dates() = 0;
  virtual PlaceRepository& places() = 0;
  virtual EventJournal& journal() = 0;
  virtual AccessLog& access_log() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual LoginAttempts& login_attempts() = 0;
  virtual NeedsAssessmentRepository& needs_assessments() = 0;
  virtual PlanRepository& plans() = 0;
  virtual ChecklistRepository& checklists() = 0;
  virtual OutcomeSnapshotRepository& outcome_snapshots() = 0;
  virtual DirectoryRepository& directory() = 0;
  virtual ReferralRepository& referrals() = 0;
  virtual LimitedAccessRepository& limited_access() = 0;
  virtual TransferRepository& transfers() = 0;
  virtual HandoverMeetingRepository& handover_meetings() = 0;
  virtual BulkLoadRepository& bulk_load() = 0;
  virtual void commit() = 0;
};

// Held for one request: the reads its thread begins meanwhile share one snapshot (one connection,
// one transaction), so the session check and the page see the same data and a page pays for one
// read transaction, not one per use case. A write on that thread ends the snapshot, so reads after
// it see the write.
class SharedReads {
 public:
  virtual ~SharedReads() = default;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::unique_ptr<Transaction> begin_read() = 0;
  virtual std::unique_ptr<Transaction> begin_write() = 0;
  virtual std::unique_ptr<SharedReads> share_reads() = 0;
  virtual int migrate() = 0;  // applies pending numbered migrations; returns the schema version
  virtual int schema_version() = 0;
};

struct SqliteOptions {
  std::string path;
  int connections = 8;  // one per concurrent transaction; WAL lets readers run beside the writer
};

std::unique_ptr<Store> open_sqlite_store(const SqliteOptions& options);

}  // namespace resettle::store

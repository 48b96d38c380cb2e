#pragma once
// The repository interface. SQL lives only behind it (store/sqlite/); a PostgreSQL backend
// implements the same classes. Every method runs inside the Transaction that handed out the
// repository, so a use case and its journal Event commit or roll back together.
//
// The contract of every repository method, unless its own comment says otherwise:
// - `find...` returns empty when no row matches; a list returns empty when none does.
// - `insert` / `add` returns the new row's id; a versioned record starts at version 1.
// - `update(record, expected_version)` / `save` writes only if the stored version is still
//   expected_version, and throws StaleVersion otherwise (also when the row is gone).
// - Every method throws DatabaseError (store/sqlite/database.hpp) when the database fails; nothing
//   is written then, as the transaction rolls back.
// - A Page lists at most page.limit items after page.cursor, in the order its method names, and
//   throws ValidationFailed ("cursor") for a cursor this store did not hand out.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/people/case_assessment.hpp"
#include "domain/event.hpp"
#include "domain/limited_access/limited_access.hpp"
#include "domain/people/person.hpp"
#include "domain/people/place.hpp"
#include "domain/release_dates/sentence.hpp"
#include "domain/sign_in/sign_in_policy.hpp"
#include "domain/staff/staff.hpp"
#include "domain/staff/workload.hpp"
#include "store/appointment_repositories.hpp"
#include "store/message_repositories.hpp"
#include "store/pagination.hpp"
#include "store/person_account_repositories.hpp"
#include "store/bulk_load.hpp"
#include "store/plan_repositories.hpp"
#include "store/recall_repositories.hpp"
#include "store/directory_repositories.hpp"
#include "store/handover_repositories.hpp"
#include "store/insight_repositories.hpp"
#include "store/quality_sample_repositories.hpp"
#include "store/licence_repositories.hpp"
#include "store/information_sharing_repositories.hpp"
#include "store/mappa_repositories.hpp"
#include "store/release_day_repositories.hpp"
#include "store/booking_repositories.hpp"
#include "store/release_repositories.hpp"

namespace resettle::store {

class IomRepository;  // store/iom_repositories.hpp: only the IOM use cases need its declarations

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
  // Returns the id; version becomes 1. ValidationFailed (prison_number, crn) when either belongs to
  // someone already stored.
  virtual std::int64_t insert(const Person& person) = 0;
  virtual std::optional<Person> find(std::int64_t id) = 0;
  virtual std::optional<Person> find_by_prison_number(const std::string& prison_number) = 0;
  virtual std::optional<Person> find_by_crn(const std::string& crn) = 0;
  // Writes person if its stored version is still expected_version; throws StaleVersion otherwise,
  // and ValidationFailed as insert does.
  virtual void update(const Person& person, std::int64_t expected_version) = 0;
  // In id order.
  virtual Page<Person> list(const PersonFilter& filter, const PageRequest& page) = 0;
  // The same people as list, with only what a list page shows of each: reading whole records cost a
  // long list about twice as much. In id order.
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
  // ValidationFailed (username) when the username is taken.
  virtual std::int64_t insert(const StaffMember& staff, const std::string& password_hash) = 0;
  virtual std::optional<StaffMember> find(std::int64_t id) = 0;
  virtual std::optional<StaffMember> find_by_username(const std::string& username) = 0;
  virtual std::optional<std::string> password_hash(std::int64_t staff_id) = 0;
  virtual std::vector<StaffMember> list() = 0;  // everyone, active or not, by name
  // Active staff based in this prison or this probation delivery unit (an empty code matches
  // nothing), by name.
  virtual std::vector<StaffMember> based_in(const std::string& prison_code, const std::string& pdu_code) = 0;
  // Active staff with this role, by name (the police officers a case's IOM co-worker is chosen from).
  virtual std::vector<StaffMember> with_role(Role role) = 0;
  // Those of `ids` who exist, by name; unknown ids are left out.
  virtual std::vector<StaffMember> find_many(const std::vector<std::int64_t>& ids) = 0;
  // Whether the organisation (by directory id, as on a partner's account) has an active partner account,
  // so referrals to it are answered on Resettle rather than recorded on its behalf.
  virtual bool has_partner_account(const std::string& organisation_id) = 0;
  virtual void update_working_pattern(std::int64_t staff_id, const WorkingPattern& pattern) = 0;
  virtual void set_active(std::int64_t staff_id, bool active) = 0;
  virtual void set_password_hash(std::int64_t staff_id, const std::string& password_hash) = 0;
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
  virtual void end(std::int64_t allocation_id, Date to) = 0;  // an unknown or ended one changes nothing
  virtual std::vector<Allocation> current_for_person(std::int64_t person_id) = 0;  // by role, then start
  virtual std::vector<Allocation> history_for_person(std::int64_t person_id) = 0;  // newest first
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
  virtual std::vector<Prison> prisons() = 0;  // by name, as are pdus() and teams()
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
// licences_due: releases in the window with no approved or active licence, by release date.
// licences_to_explain: people whose active licence has not been gone through in full with them.
enum class DatedWorklist { handovers_due, releases_due, without_com, licences_due, licences_to_explain };

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
  virtual Page<WorklistEntry> releases_due(Date from, Date to, const WorklistScope& scope) = 0;  // soonest first
  // Cases whose COM should have been allocated by `today` but have no current COM allocation,
  // soonest COM allocation date first.
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
  virtual std::int64_t append(const NewEvent& event) = 0;  // returns the event's id
  virtual Page<Event> for_person(std::int64_t person_id, const PageRequest& page) = 0;  // newest first
  // The person's newest event of this kind (e.g. "risk_profile.updated"); nullopt when there is none.
  virtual std::optional<Event> latest(std::int64_t person_id, const std::string& kind) = 0;
};

// Where the requests a thread serves come from, for the access log: the client's address and which
// session or API token they used (a short digest of it, never the token). The web layer sets it for
// each request; the command line and system tasks leave it empty.
struct RequestOrigin {
  std::string address;
  std::string token;
};

// Sets the current thread's origin for as long as it lives, then puts back the one before.
class OriginScope {
 public:
  explicit OriginScope(RequestOrigin origin);
  ~OriginScope();
  OriginScope(const OriginScope&) = delete;
  OriginScope& operator=(const OriginScope&) = delete;
  static const RequestOrigin& current();

 private:
  RequestOrigin previous_;
};

struct RefusedAccess {
  std::string at;  // UTC, ISO 8601
  std::int64_t staff_id = 0;
  std::string staff_name;
  std::string what;
};

// One read in the access log, as the audit page and its export show it: by a member of staff, or by
// the person themselves through their own account (their pages or their API token).
struct AccessRecord {
  std::int64_t id = 0;
  std::string at;  // UTC, ISO 8601
  std::int64_t staff_id = 0;  // 0 for the person's own read
  std::string staff_name;     // empty for the person's own read
  std::int64_t person_account_id = 0;  // the person's account, for their own read; else 0
  std::string what;
  bool allowed = true;
  bool in_list = false;  // the person was one of the people a list showed
  std::string address;   // RequestOrigin at the time
  std::string token;
};

// Who looked at whose record: reads are audited without cluttering the person's timeline. Every row
// carries the current RequestOrigin and is hash-chained to the row before it (see ChainCheck).
class AccessLog {
 public:
  virtual ~AccessLog() = default;
  virtual void record(std::int64_t staff_id, std::int64_t person_id, const std::string& what, bool allowed) = 0;
  // A person reading their own record through their account (pages or API token): always allowed, as
  // they only ever reach their own.
  virtual void record_own_read(std::int64_t person_account_id, std::int64_t person_id, const std::string& what) = 0;
  // One row for a list a member of staff was shown, naming every person on it (nothing for an empty
  // list): a page of 50 costs one row, not 50.
  virtual void record_list(std::int64_t staff_id, const std::string& what, const std::vector<std::int64_t>& person_ids) = 0;
  virtual std::int64_t count_for_person(std::int64_t person_id) = 0;  // every attempt, allowed or not
  // The latest refused attempts to see a person's record, newest first.
  virtual std::vector<RefusedAccess> refused_for_person(std::int64_t person_id, int limit) = 0;
  // Every read of the person's record and every list that showed them, newest first.
  virtual Page<AccessRecord> for_person(std::int64_t person_id, const PageRequest& page) = 0;
};

// What `resettle verify` finds in one hash-chained table (the journal or the access log): each row's
// `chain` is SHA-256 over the row before's chain and the row's own columns, so an edited, inserted
// or deleted row breaks the chain at that row or the next.
struct ChainCheck {
  std::string table;
  std::int64_t rows = 0;
  std::optional<std::int64_t> broken_at;  // the first row whose chain does not match
  std::int64_t head_id = 0;               // the last row and its chain: record them elsewhere to
  std::string head_chain;                 // notice the tail being cut off or the whole chain rewritten
};

enum class EndedEntry { ended, already_ended, no_such_entry };

// The exclusion and restriction lists of limited-access cases. Entries are ended, never deleted.
class LimitedAccessRepository {
 public:
  virtual ~LimitedAccessRepository() = default;
  virtual std::int64_t add(std::int64_t person_id, const NewAccessEntry& entry, std::int64_t added_by) = 0;
  // Ends one of this person's entries, recording who ended it and when; says whether it was ended
  // now, had been already, or is no entry of this person's (nothing changes then).
  virtual EndedEntry end(std::int64_t person_id, std::int64_t entry_id, std::int64_t removed_by) = 0;
  virtual std::vector<LimitedAccessEntry> current_for_person(std::int64_t person_id) = 0;  // oldest first
};

// Where a session is in signing in: staff whose account has two-factor sign-in give a code (or
// set it up) after their password; only a signed-in session opens pages. Stored codes: add only.
enum class SessionStage { signed_in, awaiting_code, awaiting_enrolment };

struct SessionRecord {
  std::string token_hash;  // SHA-256 of the cookie value: a stolen database cannot sign anyone in
  std::int64_t staff_id = 0;
  std::string csrf_token;
  std::string began_at;    // UTC, ISO 8601: when the sign-in finished (or the password step, before)
  std::string expires_at;  // UTC, ISO 8601: the absolute limit, whatever the session's use
  SessionStage stage = SessionStage::signed_in;
  std::string enrolling_secret{};  // awaiting_enrolment: the TOTP secret shown, until a code proves it
};

// A session that is neither past its absolute limit nor revoked, and the active account it signs
// in. Its stage and idle time are the caller's to judge.
struct ActiveSession {
  SessionRecord session;
  StaffMember staff;
  std::string last_seen_at;  // UTC, ISO 8601: its last request (to within last_seen_precision)
  int code_failures = 0;     // wrong two-factor codes given in this sign-in
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void insert(const SessionRecord& session) = 0;
  // Read with its account in one look-up: every request of a signed-in user asks. Empty when the
  // token is unknown, revoked or past expires_at, or the account is deactivated.
  virtual std::optional<ActiveSession> find_active(const std::string& token_hash, const std::string& now) = 0;
  virtual void record_last_seen(const std::string& token_hash, const std::string& at) = 0;
  // The second factor was given: the session is signed in from `began_at` until `expires_at`.
  virtual void complete_sign_in(const std::string& token_hash, const std::string& began_at,
                                const std::string& expires_at) = 0;
  virtual int add_code_failure(const std::string& token_hash) = 0;  // returns the failures so far
  virtual void revoke(const std::string& token_hash, const std::string& at) = 0;
  virtual int revoke_all_for(std::int64_t staff_id, const std::string& at) = 0;  // returns how many
};

// Bearer tokens for other systems calling the JSON API.
struct ApiTokenRecord {
  std::int64_t id = 0;  // what the access log and the admin pages name a token by
  std::int64_t staff_id = 0;
  std::string label;
  TokenScope scope = TokenScope::read;
  std::string created_at;  // UTC, ISO 8601
  std::string expires_at;
  std::string revoked_at;  // empty while not revoked
};

struct TokenHolder {
  ApiTokenRecord token;
  StaffMember staff;
};

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  virtual std::int64_t insert(const std::string& token_hash, const ApiTokenRecord& token) = 0;  // returns its id
  // The token and its account, when the token is neither revoked nor expired at `now` and the
  // account is active; empty otherwise.
  virtual std::optional<TokenHolder> find_current(const std::string& token_hash, const std::string& now) = 0;
  virtual std::optional<ApiTokenRecord> find(std::int64_t id) = 0;
  virtual std::vector<ApiTokenRecord> for_staff(std::int64_t staff_id) = 0;  // newest first, revoked too
  virtual bool revoke(std::int64_t id, const std::string& at) = 0;  // false when already revoked
  virtual int revoke_all_for(std::int64_t staff_id, const std::string& at) = 0;  // returns how many
};

// An account's TOTP secret (RFC 6238) and the last time step a code was accepted for, so that no
// code is accepted twice.
struct TwoFactorRecord {
  std::string secret;  // base32, as shown at enrolment
  std::int64_t last_step = 0;
};

class TwoFactorRepository {
 public:
  virtual ~TwoFactorRepository() = default;
  virtual std::optional<TwoFactorRecord> find(std::int64_t staff_id) = 0;
  // Replaces any earlier secret; `step` is the one the enrolment code was for.
  virtual void enrol(std::int64_t staff_id, const std::string& secret, std::int64_t step, const std::string& at) = 0;
  // Records `step` as used; false (and nothing changes) when it is not later than the last one used.
  virtual bool use_step(std::int64_t staff_id, std::int64_t step) = 0;
  virtual bool remove(std::int64_t staff_id) = 0;  // false when there was none
};

// Browsers that have signed in to an account (a cookie whose hash is stored). They are exempt from
// the account's sign-in delay, and skip the code when the person chose that.
class KnownDeviceRepository {
 public:
  virtual ~KnownDeviceRepository() = default;
  virtual void insert(const std::string& token_hash, std::int64_t staff_id, bool skips_code, const std::string& at,
                      const std::string& expires_at) = 0;
  // Empty when unknown, forgotten, expired at `now` or another account's; else whether it skips the code.
  virtual std::optional<bool> find(const std::string& token_hash, std::int64_t staff_id, const std::string& now) = 0;
  virtual int forget_all_for(std::int64_t staff_id, const std::string& at) = 0;
};

// Failed sign-ins at one account in a window, counted from its last successful sign-in.
struct AccountFailures {
  int count = 0;
  std::string latest;  // UTC, ISO 8601; empty when none
};

class LoginAttempts {
 public:
  virtual ~LoginAttempts() = default;
  // `at` comes from the caller's clock, the same clock that later asks about failures.
  virtual void record(const std::string& username, const std::string& address, bool succeeded,
                      const std::string& at) = 0;
  // Failures at this username since `since` and since its latest success.
  virtual AccountFailures account_failures_since(const std::string& username, const std::string& since) = 0;
  virtual int address_failures_since(const std::string& address, const std::string& since) = 0;
};

// One database transaction. Destroying it without commit() rolls everything back.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual PersonRepository& people() = 0;
  virtual SentenceRepository& sentences() = 0;
  virtual BookingRepository& bookings() = 0;
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
  virtual TwoFactorRepository& two_factor() = 0;
  virtual KnownDeviceRepository& known_devices() = 0;
  virtual NeedsAssessmentRepository& needs_assessments() = 0;
  virtual PlanRepository& plans() = 0;
  virtual ChecklistRepository& checklists() = 0;
  virtual OutcomeSnapshotRepository& outcome_snapshots() = 0;
  virtual DirectoryRepository& directory() = 0;
  virtual ReferralRepository& referrals() = 0;
  virtual LimitedAccessRepository& limited_access() = 0;
  virtual TransferRepository& transfers() = 0;
  virtual HandoverMeetingRepository& handover_meetings() = 0;
  virtual LicenceRepository& licences() = 0;
  virtual ReleaseDayDecisionRepository& release_day_decisions() = 0;
  virtual ReleaseDayRepository& release_days() = 0;
  virtual AppointmentRepository& appointments() = 0;
  virtual AppointmentOutcomeRepository& appointment_outcomes() = 0;
  virtual EnforcementRepository& enforcement() = 0;
  virtual ContactPlanRepository& contact_plans() = 0;
  virtual CalendarFeedRepository& calendar_feeds() = 0;
  virtual PersonContactRepository& person_contacts() = 0;
  virtual RecallRepository& recalls() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual PersonAccountRepository& person_accounts() = 0;
  virtual BulkLoadRepository& bulk_load() = 0;
  virtual MappaRepository& mappa() = 0;
  virtual InformationSharingRepository& information_sharing() = 0;
  virtual EqualityFactsRepository& equality_facts() = 0;
  virtual InsightRepository& insight() = 0;
  virtual QualityReviewRepository& quality_reviews() = 0;
  virtual IomRepository& iom() = 0;
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
  // A write of nothing but access-log rows (the audit of a read), committed without waiting for
  // the disk: the commit survives a crash or kill of the server, but a power cut or an operating
  // system crash may lose the last such commits, until the next begin_write commit or a checkpoint
  // makes them durable. Every page view is audited, and a disk flush per view made pages wait on
  // the disk. Anything that writes case data or the journal uses begin_write.
  virtual std::unique_ptr<Transaction> begin_audit_write() = 0;
  virtual std::unique_ptr<SharedReads> share_reads() = 0;
  virtual int migrate() = 0;  // applies pending numbered migrations; returns the schema version
  virtual int schema_version() = 0;
  // Writes and commits a row, as any change would: false when the database refuses (read-only,
  // locked past its busy timeout, disk full, I/O error).
  virtual bool takes_writes(const std::string& now) = 0;
  // Free bytes on the file system holding the database, for an unprivileged writer.
  virtual std::uintmax_t free_disk_bytes() = 0;
  // Recomputes the journal's and the access log's hash chains (in that order) without changing anything.
  virtual std::vector<ChainCheck> check_chains() = 0;
  // The chain of this table's row `id`, if there is such a row (to compare with a recorded head).
  virtual std::optional<std::string> chain_of(const std::string& table, std::int64_t id) = 0;
};

struct SqliteOptions {
  std::string path;
  int connections = 8;  // one per concurrent transaction; WAL lets readers run beside the writer
};

std::unique_ptr<Store> open_sqlite_store(const SqliteOptions& options);

// Copies the database at `from` into a new file at `to` with SQLite's online backup API, in one
// read transaction: a consistent snapshot of every commit before it began, while other connections
// and processes go on writing (WAL). The copy is written beside `to` and renamed into place only
// once it is complete and passes an integrity check, so `to` is never half a database. Returns the
// number of pages copied; throws std::runtime_error (and leaves no `to`) on failure.
std::int64_t backup_sqlite(const std::string& from, const std::string& to);

}  // namespace resettle::store

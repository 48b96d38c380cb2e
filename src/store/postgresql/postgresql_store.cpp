// The PostgreSQL backend: a pool of connections, one per transaction in flight. Writes take turns, as
// they do on SQLite, by a transaction-level advisory lock shared by every server on the database.
#include "store/postgresql/postgresql_store.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "store/postgresql/database.hpp"
#include "store/shared_snapshot.hpp"
#include "store/postgresql/migrations.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/booking_repositories.hpp"
#include "store/shared/bulk_load.hpp"
#include "store/shared/case_repositories.hpp"
#include "store/shared/handover_repositories.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/shared/supervision_repositories.hpp"
#include "store/shared/journal_repositories.hpp"
#include "store/shared/directory_repositories.hpp"
#include "store/shared/insight_repositories.hpp"
#include "store/shared/message_repositories.hpp"
#include "store/shared/quality_review_repositories.hpp"
#include "store/shared/risk_sharing_repositories.hpp"
#include "store/shared/list_change_counters.hpp"
#include "store/shared/plan_repositories.hpp"
#include "store/shared/repositories.hpp"

namespace resettle::store::postgresql {

namespace {

// Held by the write transaction in progress, on any server, until it commits or rolls back. A write
// at READ COMMITTED that holds it sees every write committed before it (each statement reads the
// latest commits, and the lock comes before the first), and no other write can commit beside it: the
// one-writer order SQLite gives and the use cases were written for, with no serialization failure to
// retry, since a Transaction returns to its caller between statements and cannot be run again.
constexpr std::string_view take_writer_lock = "SELECT pg_advisory_xact_lock(hashtext('resettle writer'))";

// A write's start in one round trip rather than one per statement (every list page is audited by a
// write): the simple query protocol runs them in order and stops at the first failure. An audit write commits without waiting for the disk (Store::begin_audit_write).
const std::string begin_write = "BEGIN ISOLATION LEVEL READ COMMITTED; " + std::string{take_writer_lock};
const std::string begin_audit_write = begin_write + "; SET LOCAL synchronous_commit TO OFF";

// A thread that opened a write transaction and asks for another would wait for its own turn forever;
// fail loudly instead, as the SQLite store does.
thread_local bool thread_is_writing = false;

// This process's turn to write, taken before a connection: its writers queue here without holding
// one, so a writer that reads on a second connection never finds the pool taken by writers waiting
// for it. The advisory lock then orders the writers of every server.
class WriterTurn {
 public:
  explicit WriterTurn(std::mutex* writer) {
    if (!writer) return;  // a read takes no turn
    if (thread_is_writing) throw std::logic_error("a write transaction is already open on this thread");
    lock_ = std::unique_lock{*writer};
    thread_is_writing = true;
  }
  ~WriterTurn() { end(); }
  WriterTurn(const WriterTurn&) = delete;
  WriterTurn& operator=(const WriterTurn&) = delete;

  bool held() const { return lock_.owns_lock(); }
  void end() {
    if (!lock_.owns_lock()) return;
    lock_.unlock();
    thread_is_writing = false;
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

// Every read, shared or not, sees one snapshot, as an SQLite read transaction does, and writes nothing.
constexpr std::string_view begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

// How a shared snapshot (store/shared_snapshot.hpp) holds a pooled PostgreSQL connection.
struct SnapshotOnPostgresql {
  using Pool = ConnectionPool;
  using Held = ConnectionPool::Lease;
  static Held begin(Pool& pool) {
    auto lease = pool.take();
    lease->execute(begin_read);  // if it fails, the lease gives the connection back
    return lease;
  }
  static Connection& connection(Held& lease) { return *lease; }
  // A failed statement aborts the whole transaction on PostgreSQL (not on SQLite): reads after it need a
  // new one.
  static bool aborted(Held& lease) noexcept { return PQtransactionStatus(lease->handle()) == PQTRANS_INERROR; }
  static void end(Pool&, Held& lease) noexcept {
    lease->reset_statements();
    lease->rollback();
  }
};
using SharedSnapshot = store::SharedSnapshot<SnapshotOnPostgresql>;
using PostgresqlSharedReads = store::SnapshotHold<SnapshotOnPostgresql>;

void note_write(ConnectionPool& pool) { PostgresqlSharedReads::note_write(pool); }

enum class Access { read, write, audit_write };

class PostgresqlTransaction final : public Transaction, public HasListChangeCounters {
 public:
  // A transaction of its own, on a connection of its own.
  PostgresqlTransaction(ConnectionPool& pool, std::mutex& writer, Access access)
      : PostgresqlTransaction(pool, access == Access::read ? nullptr : &writer, nullptr) {
    // Should BEGIN fail, the destructor runs (the delegated constructor has finished) and gives back the
    // connection and the turn.
    if (!turn_.held()) db_.execute(begin_read);
    else db_.execute(access == Access::audit_write ? begin_audit_write : begin_write);
  }

  // A read in the thread's shared snapshot, taken from `pool`.
  PostgresqlTransaction(ConnectionPool& pool, std::shared_ptr<SharedSnapshot> snapshot)
      : PostgresqlTransaction(pool, nullptr, std::move(snapshot)) {}

  ~PostgresqlTransaction() override {
    if (shared_) shared_->give_back();
    else finish();
  }

  PersonRepository& people() override { return people_; }
  SentenceRepository& sentences() override { return sentences_; }
  BookingRepository& bookings() override { return bookings_; }
  StaffRepository& staff() override { return staff_; }
  AllocationRepository& allocations() override { return allocations_; }
  RiskProfileRepository& risk_profiles() override { return risk_profiles_; }
  CaseDatesRepository& case_dates() override { return case_dates_; }
  PlaceRepository& places() override { return places_; }
  EventJournal& journal() override { return journal_; }
  AccessLog& access_log() override { return access_log_; }
  SessionRepository& sessions() override { return sessions_; }
  ApiTokenRepository& api_tokens() override { return api_tokens_; }
  LoginAttempts& login_attempts() override { return login_attempts_; }
  TwoFactorRepository& two_factor() override { return two_factor_; }
  KnownDeviceRepository& known_devices() override { return known_devices_; }
  NeedsAssessmentRepository& needs_assessments() override { return needs_assessments_; }
  PlanRepository& plans() override { return plans_; }
  ChecklistRepository& checklists() override { return checklists_; }
  OutcomeSnapshotRepository& outcome_snapshots() override { return outcome_snapshots_; }
  DirectoryRepository& directory() override { return directory_; }
  ReferralRepository& referrals() override { return referrals_; }
  LimitedAccessRepository& limited_access() override { return limited_access_; }
  TransferRepository& transfers() override { return transfers_; }
  HandoverMeetingRepository& handover_meetings() override { return handover_meetings_; }
  LicenceRepository& licences() override { return licences_; }
  ReleaseDayDecisionRepository& release_day_decisions() override { return release_day_decisions_; }
  ReleaseDayRepository& release_days() override { return release_days_; }
  AppointmentRepository& appointments() override { return appointments_; }
  AppointmentOutcomeRepository& appointment_outcomes() override { return appointment_outcomes_; }
  EnforcementRepository& enforcement() override { return enforcement_; }
  ContactPlanRepository& contact_plans() override { return contact_plans_; }
  CalendarFeedRepository& calendar_feeds() override { return calendar_feeds_; }
  PersonContactRepository& person_contacts() override { return person_contacts_; }
  RecallRepository& recalls() override { return recalls_; }
  OutboxRepository& outbox() override { return outbox_; }
  PersonAccountRepository& person_accounts() override { return person_accounts_; }
  BulkLoadRepository& bulk_load() override { return bulk_load_; }
  MappaRepository& mappa() override { return mappa_; }
  InformationSharingRepository& information_sharing() override { return information_sharing_; }
  EqualityFactsRepository& equality_facts() override { return equality_facts_; }
  InsightRepository& insight() override { return insight_; }
  QualityReviewRepository& quality_reviews() override { return quality_reviews_; }
  IomRepository& iom() override { return iom_; }
  ListChangeCounters& list_change_counters() override { return list_changes_; }

  void commit() override {
    if (shared_) return;  // the snapshot's reads end with it
    db_.reset_statements();
    db_.commit();
    finished_ = true;
    bool wrote = turn_.held();
    turn_.end();  // a committed write no longer holds up the others
    // Reads begun inside the write saw the database before it; later ones must see it after.
    if (wrote) note_write(pool_);
  }

 private:
  // Own transactions pass no snapshot and take a connection once their turn to write (if any) is theirs.
  PostgresqlTransaction(ConnectionPool& pool, std::mutex* writer, std::shared_ptr<SharedSnapshot> snapshot)
      : pool_(pool),
        turn_(writer),
        shared_(std::move(snapshot)),
        lease_(own_lease(pool, shared_)),
        db_(shared_ ? shared_->borrow() : **lease_),
        people_(db_),
        staff_(db_),
        allocations_(db_),
        places_(db_),
        sessions_(db_),
        api_tokens_(db_),
        login_attempts_(db_),
        two_factor_(db_),
        known_devices_(db_),
        limited_access_(db_),
        journal_(db_),
        access_log_(db_),
        sentences_(db_),
        bookings_(db_),
        risk_profiles_(db_),
        case_dates_(db_),
        transfers_(db_),
        handover_meetings_(db_),
        directory_(db_),
        referrals_(db_),
        needs_assessments_(db_),
        plans_(db_),
        checklists_(db_),
        outcome_snapshots_(db_),
        licences_(db_),
        release_day_decisions_(db_),
        release_days_(db_),
        recalls_(db_),
        appointments_(db_),
        appointment_outcomes_(db_),
        enforcement_(db_),
        contact_plans_(db_),
        calendar_feeds_(db_),
        person_contacts_(db_),
        outbox_(db_),
        person_accounts_(db_),
        bulk_load_(db_),
        mappa_(db_),
        information_sharing_(db_),
        equality_facts_(db_),
        insight_(db_),
        iom_(db_),
        quality_reviews_(db_),
        list_changes_(db_) {}

  static std::optional<ConnectionPool::Lease> own_lease(ConnectionPool& pool, const std::shared_ptr<SharedSnapshot>& shared) {
    if (shared) return std::nullopt;
    return pool.take();
  }

  // Rolls back what was not committed, so the connection goes back to the pool idle.
  void finish() noexcept {
    if (!finished_) {
      db_.reset_statements();
      db_.rollback();
      finished_ = true;
    }
    turn_.end();
  }

  ConnectionPool& pool_;
  WriterTurn turn_;  // a write's, until it commits or rolls back
  std::shared_ptr<SharedSnapshot> shared_;      // set when borrowing the thread's snapshot
  std::optional<ConnectionPool::Lease> lease_;  // set when in a transaction of its own
  Connection& db_;
  shared::People<Connection> people_;
  shared::Staff<Connection> staff_;
  shared::Allocations<Connection> allocations_;
  shared::Places<Connection> places_;
  shared::Sessions<Connection> sessions_;
  shared::ApiTokens<Connection> api_tokens_;
  shared::LoginAttemptLog<Connection> login_attempts_;
  shared::TwoFactor<Connection> two_factor_;
  shared::KnownDevices<Connection> known_devices_;
  shared::LimitedAccess<Connection> limited_access_;
  shared::Journal<Connection> journal_;
  shared::AccessRecords<Connection> access_log_;
  shared::Sentences<Connection> sentences_;
  shared::Bookings<Connection> bookings_;
  shared::RiskProfiles<Connection> risk_profiles_;
  shared::CaseDateRecords<Connection> case_dates_;
  shared::Transfers<Connection> transfers_;
  shared::HandoverMeetings<Connection> handover_meetings_;
  shared::ServiceDirectory<Connection> directory_;
  shared::Referrals<Connection> referrals_;
  shared::NeedsAssessments<Connection> needs_assessments_;
  shared::Plans<Connection> plans_;
  shared::Checklists<Connection> checklists_;
  shared::OutcomeSnapshots<Connection> outcome_snapshots_;
  shared::Licences<Connection> licences_;
  shared::ReleaseDayDecisions<Connection> release_day_decisions_;
  shared::ReleaseDays<Connection> release_days_;
  shared::Recalls<Connection> recalls_;
  shared::Appointments<Connection> appointments_;
  shared::AppointmentOutcomes<Connection> appointment_outcomes_;
  shared::Enforcement<Connection> enforcement_;
  shared::ContactPlans<Connection> contact_plans_;
  shared::CalendarFeeds<Connection> calendar_feeds_;
  shared::PersonContacts<Connection> person_contacts_;
  shared::Outbox<Connection> outbox_;
  shared::PersonAccounts<Connection> person_accounts_;
  shared::BulkLoad<Connection> bulk_load_;
  shared::Mappa<Connection> mappa_;
  shared::InformationSharing<Connection> information_sharing_;
  shared::EqualityFactRecords<Connection> equality_facts_;
  shared::Insight<Connection> insight_;
  shared::Iom<Connection> iom_;
  shared::QualityReviews<Connection> quality_reviews_;
  shared::ListChangeCounts<Connection> list_changes_;
  bool finished_ = false;
};

class PostgresqlStore final : public Store {
 public:
  explicit PostgresqlStore(const PostgresqlOptions& options) : pool_(options.uri, std::max(1, options.connections)) {}

  std::unique_ptr<Transaction> begin_read() override {
    auto snapshot = PostgresqlSharedReads::held_for(pool_);
    if (snapshot && snapshot->current()) return std::make_unique<PostgresqlTransaction>(pool_, std::move(snapshot));
    return std::make_unique<PostgresqlTransaction>(pool_, writer_, Access::read);
  }
  std::unique_ptr<Transaction> begin_write() override {
    note_write(pool_);  // before taking a connection, so a held snapshot's goes back to the pool first
    return std::make_unique<PostgresqlTransaction>(pool_, writer_, Access::write);
  }
  std::unique_ptr<Transaction> begin_audit_write() override {
    note_write(pool_);  // as begin_write
    return std::make_unique<PostgresqlTransaction>(pool_, writer_, Access::audit_write);
  }
  std::unique_ptr<SharedReads> share_reads() override { return std::make_unique<PostgresqlSharedReads>(pool_); }

  int migrate() override { return postgresql::migrate(*pool_.take()); }

  int schema_version() override {
    auto lease = pool_.take();
    int version = current_version(*lease);
    lease->reset_statements();
    return version;
  }

  bool takes_writes(const std::string& now) override {
    note_write(pool_);
    try {
      WriterTurn turn{&writer_};
      in_transaction(pool_, Isolation::read_committed, [&](Connection& db) {
        // A health check answers within a second or two rather than queue behind a long write.
        db.run("SET LOCAL lock_timeout TO '1s'");
        db.run(take_writer_lock);
        db.prepare("INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at")
            .bind(now)
            .run();
      });
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }

  // The database's disk belongs to its server, out of this process's sight: nothing to warn about here.
  std::uintmax_t free_disk_bytes() override { return std::numeric_limits<std::uintmax_t>::max(); }

  std::vector<ChainCheck> check_chains() override {
    // Both chains from one snapshot.
    return in_transaction(pool_, Isolation::repeatable_read, [](Connection& db) {
      return std::vector<ChainCheck>{shared::check_chain(db, "event"), shared::check_chain(db, "access_log")};
    });
  }
  std::optional<std::string> chain_of(const std::string& table, std::int64_t id) override {
    return in_transaction(pool_, Isolation::read_committed,
                          [&](Connection& db) { return shared::chain_of(db, table, id); });
  }

 private:
  ConnectionPool pool_;
  std::mutex writer_;
};

}  // namespace

}  // namespace resettle::store::postgresql

namespace resettle::store {

std::unique_ptr<Store> open_postgresql_store(const PostgresqlOptions& options) {
  return std::make_unique<postgresql::PostgresqlStore>(options);
}

}  // namespace resettle::store

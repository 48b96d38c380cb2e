// The SQLite backend: a pool of connections, one per transaction in flight. WAL lets reads run
// beside the single writer; this process also queues its own writers so they never spin on a lock.
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <utility>

#include "store/shared_snapshot.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/shared/booking_repositories.hpp"
#include "store/shared/case_repositories.hpp"
#include "store/shared/handover_repositories.hpp"
#include "store/shared/licence_repositories.hpp"
#include "store/shared/supervision_repositories.hpp"
#include "store/sqlite/repositories.hpp"
#include "store/shared/journal_repositories.hpp"
#include "store/shared/repositories.hpp"
#include "store/shared/plan_repositories.hpp"
#include "store/shared/directory_repositories.hpp"
#include "store/shared/insight_repositories.hpp"
#include "store/shared/message_repositories.hpp"
#include "store/shared/quality_review_repositories.hpp"
#include "store/shared/risk_sharing_repositories.hpp"
#include "store/shared/list_change_counters.hpp"
#include "store/shared/bulk_load.hpp"

namespace resettle::store::sqlite {

namespace {

class ConnectionPool {
 public:
  ConnectionPool(const std::string& path, int size) : path_(path) {
    for (int i = 0; i < size; ++i) idle_.push_back(std::make_unique<Connection>(path));
  }
  std::unique_ptr<Connection> take() {
    std::unique_lock lock{mutex_};
    available_.wait(lock, [&] { return !idle_.empty(); });
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  void give_back(std::unique_ptr<Connection> connection) {
    {
      std::lock_guard lock{mutex_};
      idle_.push_back(std::move(connection));
    }
    available_.notify_one();
  }
  // Closes a connection whose settings could not be put back and gives a new one to the pool in its place.
  void replace(std::unique_ptr<Connection> broken) {
    broken.reset();
    give_back(std::make_unique<Connection>(path_));
  }
  std::mutex& writer() { return writer_; }

 private:
  std::string path_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex writer_;
};

// A thread that opened a write transaction and asks for another would wait for itself forever;
// fail loudly instead, so the use case is fixed to use one transaction.
thread_local bool thread_is_writing = false;

// How a shared snapshot (store/shared_snapshot.hpp) holds an SQLite connection.
struct SnapshotOnSqlite {
  using Pool = ConnectionPool;
  using Held = std::unique_ptr<Connection>;
  static Held begin(Pool& pool) {
    auto connection = pool.take();
    try {
      connection->run("BEGIN");
    } catch (...) {
      pool.give_back(std::move(connection));
      throw;
    }
    return connection;
  }
  static Connection& connection(Held& held) { return *held; }
  static bool aborted(Held&) noexcept { return false; }  // a failed statement leaves an SQLite transaction usable
  static void end(Pool& pool, Held& held) noexcept {
    try {
      held->reset_statements();
      held->run("ROLLBACK");  // a read transaction: ending it either way is the same
    } catch (...) {
      // Nothing was written; SQLite ends the read transaction even when ROLLBACK reports an error.
    }
    pool.give_back(std::move(held));
  }
};
using SharedSnapshot = store::SharedSnapshot<SnapshotOnSqlite>;
using SqliteSharedReads = store::SnapshotHold<SnapshotOnSqlite>;

void note_write(ConnectionPool& pool) { SqliteSharedReads::note_write(pool); }

std::unique_lock<std::mutex> lock_writer(ConnectionPool& pool) {
  if (thread_is_writing) throw std::logic_error("a write transaction is already open on this thread");
  std::unique_lock lock{pool.writer()};
  thread_is_writing = true;
  return lock;
}

// What a transaction of its own is for. An audit write commits at synchronous=NORMAL (see
// Store::begin_audit_write): in WAL mode its commit reaches the log without a disk flush.
enum class Access { read, write, audit_write };

class SqliteTransaction final : public Transaction, public HasListChangeCounters {
 public:
  // Its own connection, in a transaction of its own.
  SqliteTransaction(ConnectionPool& pool, Access access)
      : SqliteTransaction(pool, access == Access::read ? std::unique_lock<std::mutex>{} : lock_writer(pool), nullptr) {
    // If BEGIN fails (a busy database) the destructor runs, giving back the connection (at
    // synchronous=FULL again) and the writer lock; until BEGIN succeeds there is nothing for it to roll back.
    finished_ = true;
    if (access == Access::audit_write) {
      relaxed_sync_ = true;
      // SQLite takes the setting between transactions, not inside one.
      connection_->run("PRAGMA synchronous=NORMAL");
    }
    connection_->run(access == Access::read ? "BEGIN" : "BEGIN IMMEDIATE");
    finished_ = false;
  }

  // A read in the thread's shared snapshot, taken from `pool`.
  SqliteTransaction(ConnectionPool& pool, std::shared_ptr<SharedSnapshot> snapshot)
      : SqliteTransaction(pool, std::unique_lock<std::mutex>{}, std::move(snapshot)) {}

  ~SqliteTransaction() override {
    if (shared_) {
      shared_->give_back();
      return;
    }
    if (!finished_) {
      try {
        connection_->reset_statements();
        connection_->run("ROLLBACK");
      } catch (...) {
        // The connection is unusable only if ROLLBACK itself fails; SQLite has already undone the work.
      }
    }
    try {
      restore_full_sync();
      pool_.give_back(std::move(connection_));
    } catch (...) {
      // SQLite refuses the setting while a transaction is still open (a failed ROLLBACK). Never
      // pool a connection that would commit the next case data write without a disk flush.
      pool_.replace(std::move(connection_));
    }
    release_writer();
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
    connection_->reset_statements();
    connection_->run("COMMIT");
    finished_ = true;
    restore_full_sync();
    // Reads begun inside the write saw the database before it; later ones must see it after.
    if (writes_) note_write(pool_);
    release_writer();  // a committed transaction no longer holds up other writers
  }

 private:
  // Own transactions pass no snapshot and take a connection once the writer lock (if any) is held.
  SqliteTransaction(ConnectionPool& pool, std::unique_lock<std::mutex> writer_lock,
                    std::shared_ptr<SharedSnapshot> snapshot)
      : pool_(pool),
        writer_lock_(std::move(writer_lock)),
        writes_(writer_lock_.owns_lock()),
        shared_(std::move(snapshot)),
        connection_(shared_ ? nullptr : pool.take()),
        db_(shared_ ? shared_->borrow() : *connection_),
        people_(db_),
        sentences_(db_),
        bookings_(db_),
        staff_(db_),
        allocations_(db_),
        risk_profiles_(db_),
        case_dates_(db_),
        places_(db_),
        journal_(db_),
        access_log_(db_),
        sessions_(db_),
        api_tokens_(db_),
        login_attempts_(db_),
        two_factor_(db_),
        known_devices_(db_),
        directory_(db_),
        referrals_(db_),
        limited_access_(db_),
        transfers_(db_),
        handover_meetings_(db_),
        licences_(db_),
        release_day_decisions_(db_),
        release_days_(db_),
        appointments_(db_),
        appointment_outcomes_(db_),
        enforcement_(db_),
        contact_plans_(db_),
        calendar_feeds_(db_),
        person_contacts_(db_),
        recalls_(db_),
        outbox_(db_),
        person_accounts_(db_),
        needs_assessments_(db_),
        plans_(db_),
        checklists_(db_),
        outcome_snapshots_(db_),
        bulk_load_(db_),
        mappa_(db_),
        information_sharing_(db_),
        equality_facts_(db_),
        insight_(db_),
        quality_reviews_(db_),
        iom_(db_),
        list_changes_(db_) {}

  // Every connection in the pool is at synchronous=FULL, as Connection opens it, so the next
  // transaction on this one commits case data durably.
  void restore_full_sync() {
    if (!relaxed_sync_) return;
    connection_->run("PRAGMA synchronous=FULL");
    relaxed_sync_ = false;
  }

  void release_writer() {
    if (!writer_lock_.owns_lock()) return;
    writer_lock_.unlock();
    thread_is_writing = false;
  }

  ConnectionPool& pool_;
  std::unique_lock<std::mutex> writer_lock_;
  bool writes_;
  std::shared_ptr<SharedSnapshot> shared_;  // set when borrowing the thread's snapshot
  std::unique_ptr<Connection> connection_;  // set when in a transaction of its own
  Connection& db_;
  shared::People<Connection> people_;
  shared::Sentences<Connection> sentences_;
  shared::Bookings<Connection> bookings_;
  shared::Staff<Connection> staff_;
  shared::Allocations<Connection> allocations_;
  shared::RiskProfiles<Connection> risk_profiles_;
  shared::CaseDateRecords<Connection> case_dates_;
  shared::Places<Connection> places_;
  shared::Journal<Connection> journal_;
  shared::AccessRecords<Connection> access_log_;
  shared::Sessions<Connection> sessions_;
  shared::ApiTokens<Connection> api_tokens_;
  shared::LoginAttemptLog<Connection> login_attempts_;
  shared::TwoFactor<Connection> two_factor_;
  shared::KnownDevices<Connection> known_devices_;
  shared::ServiceDirectory<Connection> directory_;
  shared::Referrals<Connection> referrals_;
  shared::LimitedAccess<Connection> limited_access_;
  shared::Transfers<Connection> transfers_;
  shared::HandoverMeetings<Connection> handover_meetings_;
  shared::Licences<Connection> licences_;
  shared::ReleaseDayDecisions<Connection> release_day_decisions_;
  shared::ReleaseDays<Connection> release_days_;
  shared::Appointments<Connection> appointments_;
  shared::AppointmentOutcomes<Connection> appointment_outcomes_;
  shared::Enforcement<Connection> enforcement_;
  shared::ContactPlans<Connection> contact_plans_;
  shared::CalendarFeeds<Connection> calendar_feeds_;
  shared::PersonContacts<Connection> person_contacts_;
  shared::Recalls<Connection> recalls_;
  shared::Outbox<Connection> outbox_;
  shared::PersonAccounts<Connection> person_accounts_;
  shared::NeedsAssessments<Connection> needs_assessments_;
  shared::Plans<Connection> plans_;
  shared::Checklists<Connection> checklists_;
  shared::OutcomeSnapshots<Connection> outcome_snapshots_;
  shared::BulkLoad<Connection> bulk_load_;
  shared::Mappa<Connection> mappa_;
  shared::InformationSharing<Connection> information_sharing_;
  shared::EqualityFactRecords<Connection> equality_facts_;
  shared::Insight<Connection> insight_;
  shared::QualityReviews<Connection> quality_reviews_;
  shared::Iom<Connection> iom_;
  shared::ListChangeCounts<Connection> list_changes_;
  bool finished_ = false;
  bool relaxed_sync_ = false;  // at synchronous=NORMAL for an audit write, until restore_full_sync
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const SqliteOptions& options)
      : path_(options.path), pool_(options.path, std::max(1, options.connections)) {}

  std::unique_ptr<Transaction> begin_read() override {
    auto snapshot = SqliteSharedReads::held_for(pool_);
    if (snapshot && snapshot->current()) return std::make_unique<SqliteTransaction>(pool_, std::move(snapshot));
    return std::make_unique<SqliteTransaction>(pool_, Access::read);
  }

  std::unique_ptr<Transaction> begin_write() override {
    note_write(pool_);  // before taking a connection, so a held snapshot's goes back to the pool first
    return std::make_unique<SqliteTransaction>(pool_, Access::write);
  }

  std::unique_ptr<Transaction> begin_audit_write() override {
    note_write(pool_);  // as begin_write
    return std::make_unique<SqliteTransaction>(pool_, Access::audit_write);
  }

  std::unique_ptr<SharedReads> share_reads() override { return std::make_unique<SqliteSharedReads>(pool_); }

  int schema_version() override { return with_connection(current_version); }

  int migrate() override {
    std::lock_guard writer{pool_.writer()};
    return with_connection(apply_pending);
  }

  bool takes_writes(const std::string& now) override {
    note_write(pool_);
    auto writer = lock_writer(pool_);
    auto connection = pool_.take();
    // A health check answers within a second or two rather than queue behind a long lock.
    sqlite3_busy_timeout(connection->handle(), 1000);
    bool written = true;
    try {
      connection->run("BEGIN IMMEDIATE");
      connection->prepare("INSERT OR REPLACE INTO health_probe (id, at) VALUES (1, ?)").bind(now).run();
      connection->reset_statements();
      connection->run("COMMIT");
    } catch (const std::exception&) {
      written = false;
      try {
        connection->reset_statements();
        connection->run("ROLLBACK");
      } catch (const std::exception&) {
        // Nothing began, or SQLite already rolled back: either way nothing was written.
      }
    }
    sqlite3_busy_timeout(connection->handle(), busy_timeout_ms);
    pool_.give_back(std::move(connection));
    thread_is_writing = false;
    return written;
  }

  std::uintmax_t free_disk_bytes() override {
    auto folder = std::filesystem::absolute(path_).parent_path();
    return std::filesystem::space(folder).available;
  }

  std::vector<ChainCheck> check_chains() override {
    return with_connection([](Connection& db) {
      db.execute("BEGIN");  // both chains from one snapshot
      try {
        std::vector<ChainCheck> checks{shared::check_chain(db, "event"), shared::check_chain(db, "access_log")};
        db.reset_statements();
        db.execute("COMMIT");
        return checks;
      } catch (...) {
        db.reset_statements();
        db.execute("ROLLBACK");
        throw;
      }
    });
  }

  std::optional<std::string> chain_of(const std::string& table, std::int64_t id) override {
    return with_connection([&](Connection& db) {
      auto chain = shared::chain_of(db, table, id);
      db.reset_statements();
      return chain;
    });
  }

 private:
  static int current_version(Connection& db) {
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) STRICT");
    auto& statement = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migration");
    statement.bind();
    statement.step();
    int version = static_cast<int>(statement.integer(0));
    db.reset_statements();
    return version;
  }

  // Runs work on a pooled connection outside any Transaction, returning the connection even on failure.
  template <typename Work>
  auto with_connection(Work work) -> decltype(work(std::declval<Connection&>())) {
    auto connection = pool_.take();
    try {
      auto result = work(*connection);
      pool_.give_back(std::move(connection));
      return result;
    } catch (...) {
      pool_.give_back(std::move(connection));
      throw;
    }
  }

  static void require_foreign_keys_hold(Connection& db) {
    auto& violations = db.prepare("PRAGMA foreign_key_check");
    violations.bind();
    bool violated = violations.step();
    db.reset_statements();
    if (violated) throw DatabaseError("a migration that rebuilt tables left a foreign key pointing at nothing");
  }

  // Each migration and its record commit together, so a failed one leaves the schema as it was.
  static int apply_pending(Connection& db) {
    int version = current_version(db);
    for (const auto& migration : migrations()) {
      if (migration.version <= version) continue;
      if (migration.rebuilds_tables) db.execute("PRAGMA foreign_keys=OFF");  // a no-op inside a transaction
      db.execute("BEGIN IMMEDIATE");
      try {
        db.execute(migration.sql);
        if (migration.rebuilds_tables) require_foreign_keys_hold(db);
        db.prepare("INSERT INTO schema_migration (version, description) VALUES (?, ?)")
            .bind(migration.version, migration.description)
            .run();
        db.reset_statements();
        db.execute("COMMIT");
      } catch (...) {
        db.reset_statements();
        db.execute("ROLLBACK");
        if (migration.rebuilds_tables) db.execute("PRAGMA foreign_keys=ON");
        throw;
      }
      if (migration.rebuilds_tables) db.execute("PRAGMA foreign_keys=ON");
      version = migration.version;
    }
    return version;
  }

  std::string path_;
  ConnectionPool pool_;
};

}  // namespace

}  // namespace resettle::store::sqlite

namespace resettle::store {

std::unique_ptr<Store> open_sqlite_store(const SqliteOptions& options) {
  return std::make_unique<sqlite::SqliteStore>(options);
}

}  // namespace resettle::store

// What is done with the database a --db argument names (operations.hpp), for each backend.
#include "store/operations.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "store/postgresql/database.hpp"
#include "store/postgresql/postgresql_store.hpp"
#include "store/postgresql/uri.hpp"
#include "store/sqlite/database.hpp"

namespace resettle::store {

namespace {

// It names a lock file beside an SQLite database, so nothing that could leave its folder.
void require_job_name(const std::string& job) {
  bool plain = !job.empty() && std::ranges::all_of(job, [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
  if (!plain) throw std::invalid_argument("a job's name is lower-case letters and '-' only: '" + job + "' is not");
}

// PostgreSQL: the lock's connection, outside any pool. The server ends a session's advisory locks
// when its connection closes, however the process holding it ends.
class AdvisoryLockTurn final : public JobTurn {
 public:
  explicit AdvisoryLockTurn(std::unique_ptr<postgresql::Connection> connection) : connection_(std::move(connection)) {}

 private:
  std::unique_ptr<postgresql::Connection> connection_;
};

std::unique_ptr<JobTurn> try_take_postgresql_job(const std::string& uri, const std::string& job) {
  auto connection = std::make_unique<postgresql::Connection>(uri);
  auto& taken = connection->prepare("SELECT pg_try_advisory_lock(hashtext('resettle job ' || CAST(? AS text)))");
  taken.bind(job);
  taken.step();
  bool held = taken.integer(0) != 0;
  connection->reset_statements();
  if (!held) return nullptr;
  return std::make_unique<AdvisoryLockTurn>(std::move(connection));
}

// SQLite: flock(2) on a file of the job's own, released when its descriptor closes, which the kernel
// does when the process dies. Not on the database file itself: closing any other descriptor of that
// file would drop the POSIX locks SQLite holds on it in this process.
class LockFileTurn final : public JobTurn {
 public:
  explicit LockFileTurn(int descriptor) : descriptor_(descriptor) {}
  ~LockFileTurn() override { ::close(descriptor_); }
  LockFileTurn(const LockFileTurn&) = delete;
  LockFileTurn& operator=(const LockFileTurn&) = delete;

 private:
  int descriptor_;
};

std::unique_ptr<JobTurn> try_take_sqlite_job(const std::string& path, const std::string& job) {
  auto lock_file = path + "-" + job + ".lock";
  int descriptor = ::open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (descriptor < 0) throw sqlite::DatabaseError("cannot open " + lock_file + ": " + std::strerror(errno));
  if (::flock(descriptor, LOCK_EX | LOCK_NB) == 0) return std::make_unique<LockFileTurn>(descriptor);
  int failure = errno;
  ::close(descriptor);
  if (failure == EWOULDBLOCK) return nullptr;
  throw sqlite::DatabaseError("cannot lock " + lock_file + ": " + std::strerror(failure));
}

}  // namespace

std::unique_ptr<Store> open_store(const std::string& db, int connections) {
  if (postgresql::is_uri(db)) return open_postgresql_store({db, connections});
  return open_sqlite_store({db, connections});
}

std::string_view backend_of(const std::string& db) { return postgresql::is_uri(db) ? "postgresql" : "sqlite"; }

std::unique_ptr<JobTurn> try_take_job(const std::string& db, const std::string& job) {
  require_job_name(job);
  return postgresql::is_uri(db) ? try_take_postgresql_job(db, job) : try_take_sqlite_job(db, job);
}

namespace {

// A replica reports its own replay's age; a primary its slowest replica's replay lag, which
// pg_stat_replication shows only to superusers and members of pg_read_all_stats (NULL otherwise).
std::optional<double> ask_replication_lag(postgresql::Connection& db) {
  auto& lag = db.prepare(
      "SELECT CAST(CASE WHEN pg_is_in_recovery() THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp()) "
      "ELSE (SELECT extract(epoch FROM max(replay_lag)) FROM pg_stat_replication) END AS double precision)");
  lag.bind();
  lag.step();
  std::optional<double> seconds;
  if (!lag.is_null(0)) seconds = lag.real(0);
  db.reset_statements();
  return seconds;
}

}  // namespace

ReplicationLag::ReplicationLag(std::string db) : db_(std::move(db)) {}
ReplicationLag::~ReplicationLag() = default;

std::optional<double> ReplicationLag::seconds() {
  if (!postgresql::is_uri(db_)) return std::nullopt;
  std::lock_guard lock{mutex_};
  if (connection_) {
    try {
      return ask_replication_lag(*connection_);
    } catch (const postgresql::DatabaseError&) {
      // The kept connection may have been closed since (a restart of the database, an idle timeout):
      // asked again once on a new one, whose failure is the answer.
    }
  }
  connection_.reset();
  connection_ = std::make_unique<postgresql::Connection>(db_);
  return ask_replication_lag(*connection_);
}

}  // namespace resettle::store

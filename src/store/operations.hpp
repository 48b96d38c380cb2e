#pragma once
// What the commands and the health check do with the database a --db argument names (an SQLite file,
// or a postgresql:// URI: postgresql/uri.hpp), beside the transactions a Store runs: opening its store,
// one runner's turn at a job across every process using it, its replication, and its backend's name.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace resettle::store {

namespace postgresql {
class Connection;
}

// The store `db` names, with at most `connections` transactions in flight at once. Throws as the
// backend's own opening does.
std::unique_ptr<Store> open_store(const std::string& db, int connections);

// "sqlite" or "postgresql".
std::string_view backend_of(const std::string& db);

// One runner's turn at a job that must never run twice at once on a database, whichever process or
// machine runs it (the nightly refresh): held until destroyed, or until the process holding it dies.
class JobTurn {
 public:
  virtual ~JobTurn() = default;
};

// The turn at `job` (lower-case letters and '-' only; std::invalid_argument otherwise) on the database
// `db` names, or nullptr at once when another process or thread holds it: nobody waits for a turn.
// PostgreSQL: a session-level advisory lock on a connection of its own. SQLite: flock(2) on the file
// `<db>-<job>.lock` beside the database. Throws the backend's DatabaseError when it cannot ask.
std::unique_ptr<JobTurn> try_take_job(const std::string& db, const std::string& job);

// The replication lag of the database `db` names, for /health: asked on one connection of its own,
// kept open between asks (a monitor asks every few seconds, and a connection costs PostgreSQL a
// process), opened at the first ask and again after it broke. Several threads may ask at once.
class ReplicationLag {
 public:
  explicit ReplicationLag(std::string db);
  ~ReplicationLag();
  ReplicationLag(const ReplicationLag&) = delete;
  ReplicationLag& operator=(const ReplicationLag&) = delete;

  const std::string& database() const { return db_; }
  // Seconds the replicas' replay is behind (the slowest one's), or the database's own when it is a
  // replica; empty when there are none or the database does not say (and on SQLite, which has none).
  // Throws the backend's DatabaseError when it cannot ask.
  std::optional<double> seconds();

 private:
  std::string db_;
  std::mutex mutex_;
  std::unique_ptr<postgresql::Connection> connection_;  // while open
};

// Writes a dump of the PostgreSQL database at `uri` to the file `to` with pg_dump (on PATH, of the
// server's major version or later) in its custom format, for pg_restore: one REPEATABLE READ snapshot
// while the servers go on writing. Written beside `to` and renamed into place only once pg_dump has
// succeeded. Returns the file's size in bytes; throws std::runtime_error (and leaves no `to`) on failure.
std::uintmax_t backup_postgresql(const std::string& uri, const std::string& to);

}  // namespace resettle::store

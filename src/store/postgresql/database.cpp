// The RAII wrappers over libpq (see database.hpp).
#include "store/postgresql/database.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace resettle::store::postgresql {

namespace {

// The length of the dollar-quote tag ($$ or $name$) starting at `at`, or 0 when there is none there
// (a `$` before digits is a numbered parameter, not a tag).
std::size_t dollar_tag_length(std::string_view sql, std::size_t at) {
  if (sql[at] != '$') return 0;
  auto i = at + 1;
  if (i < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
    while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
  return i < sql.size() && sql[i] == '$' ? i - at + 1 : 0;
}

bool opens_quoted(std::string_view sql, std::size_t at) {
  return sql[at] == '\'' || sql[at] == '"' || dollar_tag_length(sql, at) > 0 || sql.substr(at, 2) == "--" ||
         sql.substr(at, 2) == "/*";
}

// The index of the last character of the quoted text, comment or dollar-quoted body opening at `at`,
// or npos when it runs to the end.
std::size_t end_of_quoted(std::string_view sql, std::size_t at) {
  if (sql.substr(at, 2) == "--") return sql.find('\n', at);
  if (sql.substr(at, 2) == "/*") {
    auto close = sql.find("*/", at + 2);
    return close == std::string_view::npos ? close : close + 1;
  }
  if (auto length = dollar_tag_length(sql, at)) {
    auto close = sql.find(sql.substr(at, length), at + length);
    return close == std::string_view::npos ? close : close + length - 1;
  }
  // '...' and "..." end at the next lone quote: a doubled quote stands for itself.
  char quote = sql[at];
  for (auto i = at + 1; i < sql.size(); ++i) {
    if (sql[i] != quote) continue;
    if (i + 1 < sql.size() && sql[i + 1] == quote) ++i;
    else return i;
  }
  return std::string_view::npos;
}

std::string trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

// libpq prints the server's notices (such as "relation already exists, skipping") on standard error;
// the store has nothing to tell anyone about them.
void ignore_notice(void*, const char*) {}

}  // namespace

std::string numbered_placeholders(std::string_view sql) {
  std::string numbered;
  numbered.reserve(sql.size() + 16);
  int largest = 0;  // the largest parameter number given so far
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (opens_quoted(sql, i)) {
      auto end = end_of_quoted(sql, i);
      if (end == std::string_view::npos) end = sql.size() - 1;
      numbered.append(sql.substr(i, end - i + 1));
      i = end;
    } else if (sql[i] == '?') {
      auto digits = i + 1;
      while (digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[digits]))) ++digits;
      int number = largest + 1;
      if (digits > i + 1) std::from_chars(sql.data() + i + 1, sql.data() + digits, number);
      largest = std::max(largest, number);
      numbered += '$' + std::to_string(number);
      i = digits - 1;
    } else {
      numbered += sql[i];
    }
  }
  return numbered;
}

void Statement::bind_one(double value) {
  char digits[32];
  auto [end, failed] = std::to_chars(std::begin(digits), std::end(digits), value);  // shortest exact form
  parameters_.emplace_back(std::string{digits, end});
}

void Statement::clear() {
  PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

void Statement::execute() {
  std::vector<const char*> values;
  values.reserve(parameters_.size());
  for (const auto& parameter : parameters_) values.push_back(parameter ? parameter->c_str() : nullptr);
  result_ = PQexecPrepared(connection_.handle(), name_.c_str(), static_cast<int>(values.size()), values.data(),
                           nullptr, nullptr, 0);
  auto status = PQresultStatus(result_);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    auto failure = connection_.error(result_, sql_);
    clear();
    throw failure;
  }
}

bool Statement::step() {
  if (!result_) execute();
  if (row_ < PQntuples(result_)) ++row_;
  return row_ < PQntuples(result_);
}

void Statement::run() {
  while (step()) {
  }
}

std::int64_t Statement::changes() const {
  if (!result_) return 0;
  std::string_view count = PQcmdTuples(result_);
  std::int64_t changed = 0;
  std::from_chars(count.data(), count.data() + count.size(), changed);
  return changed;
}

const char* Statement::value(int column) const {
  if (!result_ || row_ < 0 || row_ >= PQntuples(result_) || column < 0 || column >= PQnfields(result_))
    throw DatabaseError("no column " + std::to_string(column) + " in the current row of: " + sql_);
  return PQgetvalue(result_, row_, column);
}

bool Statement::is_null(int column) const {
  value(column);  // checks there is such a column
  return PQgetisnull(result_, row_, column) == 1;
}

namespace {

// The whole of a column's text as a number; DatabaseError naming the column and statement otherwise.
template <typename Number>
Number number_in(std::string_view digits, int column, const std::string& sql) {
  Number number{};
  auto [end, failed] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (failed != std::errc{} || end != digits.data() + digits.size())
    throw DatabaseError("column " + std::to_string(column) + " holds '" + std::string{digits} + "', not a number, in: " + sql);
  return number;
}

}  // namespace

std::int64_t Statement::integer(int column) const {
  std::string_view digits = value(column);
  if (digits == "t") return 1;
  if (digits == "f") return 0;
  return number_in<std::int64_t>(digits, column, sql_);
}

double Statement::real(int column) const { return number_in<double>(value(column), column, sql_); }

std::string_view Statement::text_view(int column) const {
  const char* text = value(column);
  if (PQgetisnull(result_, row_, column)) return {};
  return {text, static_cast<std::size_t>(PQgetlength(result_, row_, column))};
}

std::optional<Date> Statement::date(int column) const {
  if (is_null(column)) return std::nullopt;
  return parse_iso_date(text_view(column));
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

Connection::Connection(const std::string& uri) : connection_(PQconnectdb(uri.c_str())) {
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) {
    std::string message = connection_ ? trimmed(PQerrorMessage(connection_)) : "out of memory";
    PQfinish(connection_);
    throw DatabaseError("cannot connect to PostgreSQL: " + message);
  }
  PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
  // Timestamps the database writes itself are UTC, as SQLite's are.
  execute("SET TIME ZONE 'UTC'");
}

Connection::~Connection() {
  cache_.clear();
  PQfinish(connection_);
}

DatabaseError Connection::error(const PGresult* result, std::string_view doing) const {
  const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message =
      result && *PQresultErrorMessage(result) ? PQresultErrorMessage(result) : PQerrorMessage(connection_);
  return DatabaseError("postgresql: " + trimmed(message) + " in: " + std::string{doing.substr(0, 200)},
                       sqlstate ? sqlstate : "");
}

void Connection::execute(std::string_view sql) {
  std::string text{sql};
  PGresult* result = PQexec(connection_, text.c_str());
  auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    auto failure = error(result, sql);
    PQclear(result);
    throw failure;
  }
  PQclear(result);
}

Statement& Connection::prepare(std::string_view sql) {
  std::string key{sql};
  auto found = cache_.find(key);
  if (found != cache_.end()) {
    found->second->clear();
    return *found->second;
  }
  auto name = "s" + std::to_string(cache_.size());
  PGresult* result = PQprepare(connection_, name.c_str(), numbered_placeholders(sql).c_str(), 0, nullptr);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    auto failure = error(result, sql);
    PQclear(result);
    throw failure;
  }
  PQclear(result);
  auto statement = std::make_unique<Statement>(*this, std::move(name), key);
  return *cache_.emplace(std::move(key), std::move(statement)).first->second;
}

void Connection::begin(Isolation isolation) {
  switch (isolation) {
    case Isolation::read_committed: execute("BEGIN ISOLATION LEVEL READ COMMITTED"); return;
    case Isolation::repeatable_read: execute("BEGIN ISOLATION LEVEL REPEATABLE READ"); return;
    case Isolation::serializable: execute("BEGIN ISOLATION LEVEL SERIALIZABLE"); return;
  }
}

void Connection::rollback() noexcept {
  if (PQtransactionStatus(connection_) == PQTRANS_IDLE) return;
  PQclear(PQexec(connection_, "ROLLBACK"));
}

void Connection::reset_statements() {
  for (auto& [sql, statement] : cache_) statement->clear();
}

ConnectionPool::ConnectionPool(std::string uri, int size) : uri_(std::move(uri)), size_(size) {
  if (size < 1) throw std::invalid_argument("a connection pool needs at least one connection");
}

ConnectionPool::Lease ConnectionPool::take() {
  std::unique_lock lock{mutex_};
  available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease{*this, std::move(connection)};
  }
  ++open_;
  lock.unlock();
  try {
    return Lease{*this, std::make_unique<Connection>(uri_)};
  } catch (...) {
    lock.lock();
    --open_;
    available_.notify_one();
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  bool reusable = connection->healthy() && PQtransactionStatus(connection->handle()) == PQTRANS_IDLE;
  if (!reusable) connection.reset();  // closed outside the lock
  {
    std::lock_guard lock{mutex_};
    if (reusable) idle_.push_back(std::move(connection));
    else --open_;
  }
  available_.notify_one();
}

}  // namespace resettle::store::postgresql

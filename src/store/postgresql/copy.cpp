// `resettle copy` (see copy.hpp). One copy routine over two sides with the same members: the SQLite
// side and the PostgreSQL side each read as a source and write as a target. Values travel as text
// (NULL as none), numbers in their shortest exact form, so nothing is lost either way.
#include "store/postgresql/copy.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "store/postgresql/database.hpp"
#include "store/postgresql/migrations.hpp"
#include "store/sqlite/database.hpp"
#include "store/store.hpp"

namespace resettle::store::postgresql {

std::vector<std::string> insertion_order(const std::map<std::string, std::set<std::string>>& references) {
  std::vector<std::string> order;
  std::set<std::string> placed;
  while (placed.size() < references.size()) {
    auto before = placed.size();
    for (const auto& [table, referred] : references) {
      if (placed.contains(table)) continue;
      bool ready = std::ranges::all_of(referred, [&](const std::string& other) {
        return other == table || placed.contains(other) || !references.contains(other);
      });
      if (!ready) continue;
      order.push_back(table);
      placed.insert(table);
    }
    if (placed.size() == before) {
      std::string cycle;
      for (const auto& [table, referred] : references)
        if (!placed.contains(table)) cycle += (cycle.empty() ? "" : ", ") + table;
      throw std::invalid_argument("the foreign keys of these tables form a cycle, or lead into one, so no order inserts them: " + cycle);
    }
  }
  return order;
}

void append_copy_text(std::string& out, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += '\t';
    if (!row[i]) {
      out += "\\N";
      continue;
    }
    for (char c : *row[i]) {
      switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
      }
    }
  }
  out += '\n';
}

Row parse_copy_text(std::string_view line) {
  if (line.ends_with('\n')) line.remove_suffix(1);
  Row row;
  std::string field;
  bool null = false;
  for (std::size_t i = 0;; ++i) {
    if (i == line.size() || line[i] == '\t') {
      row.push_back(null ? std::nullopt : std::optional{field});
      field.clear();
      null = false;
      if (i == line.size()) return row;
      continue;
    }
    if (line[i] != '\\' || i + 1 == line.size()) {
      field += line[i];
      continue;
    }
    // COPY TO writes these escapes; any other backslashed character stands for itself.
    switch (char escaped = line[++i]) {
      case 'N': null = true; break;
      case 'b': field += '\b'; break;
      case 'f': field += '\f'; break;
      case 'n': field += '\n'; break;
      case 'r': field += '\r'; break;
      case 't': field += '\t'; break;
      case 'v': field += '\v'; break;
      default: field += escaped;
    }
  }
}

namespace {

// A table as the target's schema has it: the columns to copy (a generated one computes itself) with
// their declared types, and the columns rows are read in order of (the primary key, or all of them).
struct Table {
  std::string name;
  std::vector<std::string> columns;
  std::vector<std::string> types;
  std::vector<std::string> key;
};

// The hash-chained, append-only tables: their last chain values must match after a copy.
constexpr std::pair<std::string_view, std::string_view> chained_tables[] = {{"event", "journal"},
                                                                           {"access_log", "access log"}};

std::string identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string{"\"\""} : std::string{c};
  return out + '"';
}

std::string identifiers(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + identifier(name);
  return out;
}

std::string select_in_key_order(const Table& table) {
  return "SELECT " + identifiers(table.columns) + " FROM " + identifier(table.name) + " ORDER BY " + identifiers(table.key);
}

// What both connections answer alike, since their statements have one shape.
template <typename Database>
std::int64_t single_integer(Database& db, const std::string& sql) {
  auto& statement = db.prepare(sql);
  statement.bind();
  std::int64_t value = statement.step() && !statement.is_null(0) ? statement.integer(0) : 0;
  statement.run();
  return value;
}

template <typename Database>
class Side {
 public:
  explicit Side(const std::string& where) : db_(where) {}
  int schema_version() { return static_cast<int>(single_integer(db_, "SELECT max(version) FROM schema_migration")); }
  std::int64_t rows_in(const std::string& table) { return single_integer(db_, "SELECT count(*) FROM " + identifier(table)); }
  std::optional<std::string> last_chain(std::string_view table) {
    auto& last = db_.prepare("SELECT chain FROM " + identifier(table) + " ORDER BY id DESC LIMIT 1");
    last.bind();
    std::optional<std::string> chain;
    if (last.step() && !last.is_null(0)) chain = last.text(0);
    last.run();
    return chain;
  }

 protected:
  std::vector<std::string> texts(const std::string& sql, std::string_view parameter) {
    std::vector<std::string> values;
    auto& statement = db_.prepare(sql);
    statement.bind(parameter);
    while (statement.step()) values.push_back(statement.text(0));
    return values;
  }
  std::map<std::string, std::set<std::string>> references(const std::vector<Table>& tables, const std::string& sql) {
    std::map<std::string, std::set<std::string>> references;
    for (const auto& table : tables) references[table.name];
    auto& statement = db_.prepare(sql);
    statement.bind();
    while (statement.step())
      if (references.contains(statement.text(0))) references[statement.text(0)].insert(statement.text(1));
    return references;
  }

  Database db_;
};

class SqliteSide : public Side<sqlite::Connection> {
 public:
  explicit SqliteSide(const std::string& path) : Side(path) {}

  std::vector<Table> tables() {
    std::vector<Table> tables;
    for (auto& name : texts("SELECT name FROM pragma_table_list WHERE schema = ? AND type IN ('table', 'virtual') "
                            "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migration' ORDER BY name",
                            "main")) {
      Table table{name, {}, {}, {}};
      auto& columns = db_.prepare("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid");
      columns.bind(name);
      std::vector<std::pair<std::int64_t, std::string>> key;
      while (columns.step()) {
        table.columns.push_back(columns.text(0));
        table.types.push_back(columns.text(1));
        if (columns.integer(2) > 0) key.emplace_back(columns.integer(2), columns.text(0));
      }
      std::ranges::sort(key);
      for (auto& [position, column] : key) table.key.push_back(column);
      if (table.key.empty()) table.key = table.columns;
      tables.push_back(std::move(table));
    }
    return tables;
  }
  std::map<std::string, std::set<std::string>> references(const std::vector<Table>& tables) {
    return Side::references(tables,
                            "SELECT m.name, f.\"table\" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f "
                            "WHERE m.type = 'table'");
  }

  void begin_reading() { db_.run("BEGIN"); }
  void end_reading() {
    db_.reset_statements();
    db_.run("COMMIT");
  }
  template <typename Each>
  void read(const Table& table, Each&& each) {
    auto statement = raw(select_in_key_order(table));
    Row row(table.columns.size());
    int code;
    while ((code = sqlite3_step(statement.get())) == SQLITE_ROW) {
      for (int i = 0; i < static_cast<int>(row.size()); ++i) row[i] = value(statement.get(), i, table);
      each(row);
    }
    if (code != SQLITE_DONE) throw sqlite::DatabaseError("sqlite: reading " + table.name + ": " + sqlite3_errmsg(db_.handle()));
  }

  // Triggers stay quiet on this connection while it copies, so the read models are copied as stored
  // rather than filled a second time; foreign keys are checked at COMMIT. (The tables need no lock of
  // their own: BEGIN IMMEDIATE holds the whole file.)
  void begin_writing(const std::vector<Table>&) {
    set_triggers(false);
    db_.run("BEGIN IMMEDIATE");
    db_.execute("PRAGMA defer_foreign_keys = ON");
  }
  template <typename Source>
  void write(const Table& table, Source& source) {
    std::string placeholders;
    for (std::size_t i = 0; i < table.columns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
    auto insert = raw("INSERT INTO " + identifier(table.name) + " (" + identifiers(table.columns) + ") VALUES (" + placeholders + ")");
    source.read(table, [&](const Row& row) {
      for (int i = 0; i < static_cast<int>(row.size()); ++i) bind(insert.get(), i, row[i], table);
      if (sqlite3_step(insert.get()) != SQLITE_DONE)
        throw sqlite::DatabaseError("sqlite: writing " + table.name + ": " + sqlite3_errmsg(db_.handle()));
      sqlite3_reset(insert.get());
    });
  }
  void end_rows() {}  // an INTEGER PRIMARY KEY continues from the highest id by itself
  void commit() {
    db_.reset_statements();
    db_.run("COMMIT");
    set_triggers(true);
  }
  void rollback() noexcept {
    db_.reset_statements();
    if (!sqlite3_get_autocommit(db_.handle())) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    set_triggers(true);
  }

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using RawStatement = std::unique_ptr<sqlite3_stmt, Finalizer>;

  // A statement of a shape known only at run time, with the column types the copy needs to see.
  RawStatement raw(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_.handle(), sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw sqlite::DatabaseError("sqlite: " + std::string{sqlite3_errmsg(db_.handle())} + " in: " + sql);
    return RawStatement{statement};
  }

  static std::optional<std::string> value(sqlite3_stmt* statement, int column, const Table& table) {
    switch (sqlite3_column_type(statement, column)) {
      case SQLITE_NULL: return std::nullopt;
      case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(statement, column));
      case SQLITE_FLOAT: {
        char digits[32];
        auto [end, failed] = std::to_chars(std::begin(digits), std::end(digits), sqlite3_column_double(statement, column));
        return std::string{digits, end};
      }
      case SQLITE_TEXT:
        return std::string{reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                           static_cast<std::size_t>(sqlite3_column_bytes(statement, column))};
      default:
        throw sqlite::DatabaseError("sqlite: " + table.name + "." + table.columns[column] +
                                    " holds bytes, which no column of the schema stores");
    }
  }

  // Binds by the column's declared type, as STRICT tables want it.
  void bind(sqlite3_stmt* statement, int column, const std::optional<std::string>& text, const Table& table) {
    int code = SQLITE_OK;
    if (!text) {
      code = sqlite3_bind_null(statement, column + 1);
    } else if (table.types[column] == "INTEGER" || table.types[column] == "REAL") {
      bool integer = table.types[column] == "INTEGER";
      std::int64_t whole = 0;
      double real = 0;
      auto [end, failed] = integer ? std::from_chars(text->data(), text->data() + text->size(), whole)
                                   : std::from_chars(text->data(), text->data() + text->size(), real);
      if (failed != std::errc{} || end != text->data() + text->size())
        throw sqlite::DatabaseError("sqlite: " + table.name + "." + table.columns[column] + " is " + table.types[column] +
                                    " but the source holds '" + *text + "'");
      code = integer ? sqlite3_bind_int64(statement, column + 1, whole) : sqlite3_bind_double(statement, column + 1, real);
    } else {
      code = sqlite3_bind_text(statement, column + 1, text->data(), static_cast<int>(text->size()), SQLITE_STATIC);
    }
    if (code != SQLITE_OK) throw sqlite::DatabaseError("sqlite: binding " + table.name + ": " + sqlite3_errmsg(db_.handle()));
  }

  void set_triggers(bool on) noexcept { sqlite3_db_config(db_.handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, on ? 1 : 0, nullptr); }
};

class PostgresqlSide : public Side<Connection> {
 public:
  explicit PostgresqlSide(const std::string& uri) : Side(uri) {}

  std::vector<Table> tables() {
    std::vector<Table> tables;
    for (auto& name : texts("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                            "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migration' ORDER BY table_name",
                            "public")) {
      Table table{name, {}, {}, {}};
      auto& columns = db_.prepare(
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
          "AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position");
      columns.bind(name);
      while (columns.step()) {
        table.columns.push_back(columns.text(0));
        table.types.push_back(columns.text(1));
      }
      table.key = texts(
          "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
          "WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
          identifier(name));
      if (table.key.empty()) table.key = table.columns;
      tables.push_back(std::move(table));
    }
    return tables;
  }
  std::map<std::string, std::set<std::string>> references(const std::vector<Table>& tables) {
    return Side::references(tables,
                            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                            "WHERE contype = 'f' AND connamespace = 'public'::regnamespace");
  }

  // One snapshot for every table, as the SQLite side's read transaction.
  void begin_reading() { db_.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void end_reading() {
    db_.reset_statements();
    db_.commit();
  }
  template <typename Each>
  void read(const Table& table, Each&& each) {
    auto sql = "COPY (" + select_in_key_order(table) + ") TO STDOUT";
    expect(PQexec(db_.handle(), sql.c_str()), PGRES_COPY_OUT, sql);
    char* line = nullptr;
    int length;
    while ((length = PQgetCopyData(db_.handle(), &line, 0)) > 0) {
      std::unique_ptr<char, decltype(&PQfreemem)> held{line, &PQfreemem};
      each(parse_copy_text({line, static_cast<std::size_t>(length)}));
    }
    if (length == -2) throw db_.error(nullptr, sql);
    finish(sql);
  }

  // The tables are locked by disabling their triggers (in the transaction, so a rollback brings the
  // triggers back too); foreign keys, which are system triggers, stay checked.
  void begin_writing(const std::vector<Table>& tables) {
    db_.begin(Isolation::read_committed);
    for (const auto& table : tables) db_.execute("ALTER TABLE " + identifier(table.name) + " DISABLE TRIGGER USER");
    tables_ = tables;
  }
  template <typename Source>
  void write(const Table& table, Source& source) {
    auto sql = "COPY " + identifier(table.name) + " (" + identifiers(table.columns) + ") FROM STDIN";
    expect(PQexec(db_.handle(), sql.c_str()), PGRES_COPY_IN, sql);
    std::string buffer;
    try {
      source.read(table, [&](const Row& row) {
        append_copy_text(buffer, row);
        if (buffer.size() >= (1 << 20)) send(buffer, sql);
      });
      send(buffer, sql);
    } catch (...) {
      PQputCopyEnd(db_.handle(), "the copy stopped");
      while (auto* result = PQgetResult(db_.handle())) PQclear(result);
      throw;
    }
    if (PQputCopyEnd(db_.handle(), nullptr) != 1) throw db_.error(nullptr, sql);
    finish(sql);
  }
  // Identity columns continue after the highest id copied; the triggers come back for the next writer.
  void end_rows() {
    auto& identities = db_.prepare(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'");
    identities.bind();
    std::vector<std::pair<std::string, std::string>> columns;
    while (identities.step()) columns.emplace_back(identities.text(0), identities.text(1));
    for (const auto& [table, column] : columns)
      db_.execute("SELECT setval(pg_get_serial_sequence('" + identifier(table) + "', '" + column + "'), coalesce(max(" +
                  identifier(column) + "), 0) + 1, false) FROM " + identifier(table));
    for (const auto& table : tables_) db_.execute("ALTER TABLE " + identifier(table.name) + " ENABLE TRIGGER USER");
  }
  void commit() {
    db_.reset_statements();
    db_.commit();
  }
  void rollback() noexcept {
    db_.reset_statements();
    db_.rollback();
  }

 private:
  void expect(PGresult* result, ExecStatusType status, const std::string& doing) {
    std::unique_ptr<PGresult, decltype(&PQclear)> held{result, &PQclear};
    if (PQresultStatus(result) != status) throw db_.error(result, doing);
  }
  void send(std::string& buffer, const std::string& doing) {
    if (!buffer.empty() && PQputCopyData(db_.handle(), buffer.data(), static_cast<int>(buffer.size())) != 1)
      throw db_.error(nullptr, doing);
    buffer.clear();
  }
  // The result of a COPY once its data has passed, and nothing after it.
  void finish(const std::string& doing) {
    std::optional<DatabaseError> failure;
    while (auto* result = PQgetResult(db_.handle())) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && !failure) failure = db_.error(result, doing);
      PQclear(result);
    }
    if (failure) throw *failure;
  }

  std::vector<Table> tables_;
};

template <typename Source, typename Target>
CopyReport copy(Source& source, Target& target) {
  CopyReport report;
  report.schema_version = target.schema_version();
  if (auto version = source.schema_version(); version != report.schema_version)
    throw std::invalid_argument("the source is at schema version " + std::to_string(version) + " and the target at " +
                                std::to_string(report.schema_version) +
                                (version < report.schema_version ? ": run 'resettle migrate' on the source first"
                                                                 : ": the source was written by a newer resettle"));
  auto tables = target.tables();
  std::map<std::string, const Table*> by_name;
  for (const auto& table : tables) by_name[table.name] = &table;
  auto order = insertion_order(target.references(tables));

  target.begin_writing(tables);
  try {
    for (const auto& table : tables)
      if (target.rows_in(table.name) > 0)
        throw std::invalid_argument("the target is not empty: the " + table.name +
                                    " table has rows; copy only into a new database");
    source.begin_reading();
    for (const auto& name : order) target.write(*by_name.at(name), source);
    target.end_rows();
    for (const auto& table : tables) {
      auto copied = target.rows_in(table.name);
      auto expected = source.rows_in(table.name);
      if (copied != expected)
        throw std::runtime_error("the copy of the " + table.name + " table has " + std::to_string(copied) +
                                 " rows where the source has " + std::to_string(expected) + ": nothing was copied");
      report.rows[table.name] = copied;
    }
    for (auto [table, called] : chained_tables) {
      auto head = target.last_chain(table);
      if (head != source.last_chain(table))
        throw std::runtime_error("the " + std::string{called} +
                                 "'s last chain value differs between the source and the copy: nothing was copied");
      if (table == "event") report.journal_head = head;
    }
    source.end_reading();
    target.commit();
  } catch (...) {
    target.rollback();
    throw;
  }
  return report;
}

void require_file(const std::string& file) {
  if (!std::filesystem::is_regular_file(file)) throw std::invalid_argument("no SQLite database at " + file);
}

}  // namespace

CopyReport copy_to_postgresql(const std::string& file, const std::string& uri) {
  require_file(file);
  migrate(uri);
  SqliteSide source{file};
  PostgresqlSide target{uri};
  return copy(source, target);
}

CopyReport copy_to_sqlite(const std::string& uri, const std::string& file) {
  open_sqlite_store({file, 1})->migrate();
  PostgresqlSide source{uri};
  SqliteSide target{file};
  return copy(source, target);
}

}  // namespace resettle::store::postgresql

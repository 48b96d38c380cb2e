#pragma once
// What the store and use-case tests share: a throwaway database file, the places most tests need,
// and the names of the fields a ValidationFailed complains about.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "store/store.hpp"

namespace resettle::test_support {

// A database file in a fresh temporary folder, removed with everything in it at the end of a test.
class TempDatabase {
 public:
  TempDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "resettle-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
    directory_ = pattern;
  }
  ~TempDatabase() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  std::string path() const { return (directory_ / "resettle.db").string(); }

 private:
  std::filesystem::path directory_;
};

// Yorkshire and the Humber: prisons LEI (Leeds) and HAI (Hatfield), PDUs LDS (Leeds) and BRD (Bradford).
inline void add_yorkshire(store::Transaction& tx) {
  tx.places().insert_region({"YH", "Yorkshire and the Humber"});
  tx.places().insert_prison({"LEI", "HMP Leeds", "YH"});
  tx.places().insert_prison({"HAI", "HMP Hatfield", "YH"});
  tx.places().insert_pdu({"LDS", "Leeds", "YH"});
  tx.places().insert_pdu({"BRD", "Bradford", "YH"});
}

// A member of staff with a made-up display name, based in a prison and/or a PDU.
inline StaffMember staff_member(std::string username, Role role, std::string prison, std::string pdu) {
  StaffMember staff;
  staff.display_name = "Staff " + username;
  staff.username = std::move(username);
  staff.role = role;
  staff.prison_code = std::move(prison);
  staff.pdu_code = std::move(pdu);
  return staff;
}

// The allowed flags (1 or 0) of the access log for one person, oldest first, read with a plain
// connection of its own, as an auditor would.
inline std::vector<int> access_log_allowed(const TempDatabase& database, std::int64_t person_id) {
  sqlite3* db = nullptr;
  sqlite3_open(database.path().c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, "SELECT allowed FROM access_log WHERE person_id = ? ORDER BY id", -1, &statement, nullptr);
  sqlite3_bind_int64(statement, 1, person_id);
  std::vector<int> allowed;
  while (sqlite3_step(statement) == SQLITE_ROW) allowed.push_back(sqlite3_column_int(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return allowed;
}

// The fields named by the ValidationFailed that `action` throws, in order; a test failure if none.
template <typename Action>
std::vector<std::string> failed_fields(Action&& action) {
  try {
    action();
  } catch (const ValidationFailed& failure) {
    std::vector<std::string> fields;
    for (const auto& error : failure.errors()) fields.push_back(error.field);
    return fields;
  }
  ADD_FAILURE() << "expected ValidationFailed";
  return {};
}

}  // namespace resettle::test_support

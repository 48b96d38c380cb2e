#pragma once
// What the store and use-case tests share: a throwaway database file, the places most tests need,
// and the names of the fields a ValidationFailed complains about.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
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

// The writes and reads the store tests make over and over, each in a transaction of its own.
inline std::int64_t add_person(store::Store& store, const Person& person) {
  auto tx = store.begin_write();
  auto id = tx->people().insert(person);
  tx->commit();
  return id;
}

// A member of staff based nowhere, named "Staff <username>".
inline std::int64_t add_staff(store::Store& store, std::string username, Role role, bool active = true) {
  auto staff = staff_member(std::move(username), role, "", "");
  staff.active = active;
  auto tx = store.begin_write();
  auto id = tx->staff().insert(staff, "not-a-real-hash");
  tx->commit();
  return id;
}

// The person's lead POM from 1 January 2024, until `ended` if given.
inline std::int64_t allocate(store::Store& store, std::int64_t person_id, std::int64_t staff_id,
                             std::optional<Date> ended = std::nullopt) {
  auto tx = store.begin_write();
  auto id = tx->allocations().insert(
      {0, person_id, staff_id, "", Role::pom, *parse_iso_date("2024-01-01"), std::nullopt, "caseload"});
  if (ended) tx->allocations().end(id, *ended);
  tx->commit();
  return id;
}

// The ids on the staff member's caseload (up to 200), in its order.
inline std::vector<std::int64_t> caseload_ids(store::Store& store, std::int64_t staff_id, std::string search = "") {
  std::vector<std::int64_t> ids;
  auto page = store.begin_read()->people().caseload({staff_id, std::move(search), std::nullopt}, {std::nullopt, 200});
  for (const auto& person : page.items) ids.push_back(person.id);
  return ids;
}

// The ids of the people a list with this filter shows (up to 200).
inline std::set<std::int64_t> ids_listed(store::Store& store, const store::PersonFilter& filter) {
  std::set<std::int64_t> ids;
  for (const auto& person : store.begin_read()->people().list(filter, {std::nullopt, 200}).items) ids.insert(person.id);
  return ids;
}

// A person born 17 May 1990, male, with these names and identifiers, in this prison and/or PDU.
inline Person person_named(std::string given, std::string family, std::string prison_number, std::string crn,
                           std::string prison_code = "", std::string pdu_code = "") {
  Person person;
  person.given_name = std::move(given);
  person.family_name = std::move(family);
  person.prison_number = std::move(prison_number);
  person.crn = std::move(crn);
  person.prison_code = std::move(prison_code);
  person.pdu_code = std::move(pdu_code);
  person.date_of_birth = *parse_iso_date("1990-05-17");
  person.gender = Gender::male;
  return person;
}

// "A1000AB" style prison numbers with the digits taken from n (0..9999).
inline std::string prison_number_for(int n) {
  std::string digits = std::to_string(10000 + n).substr(1);
  return "A" + digits + "AB";
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

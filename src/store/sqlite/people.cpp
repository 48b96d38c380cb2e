#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

PersonSummary read_summary_row(const Statement& row, int first) {
  return {row.integer(first), row.text(first + 1), row.text(first + 2), row.text(first + 3), row.text(first + 4),
          parse_code(case_stages(), row.text(first + 5)).value_or(CaseStage::in_custody), row.integer(first + 6) != 0};
}

Person read_person_row(const Statement& row, int first) {
  Person person;
  person.id = row.integer(first);
  person.version = row.integer(first + 1);
  person.prison_number = row.text(first + 2);
  person.crn = row.text(first + 3);
  person.pnc = row.text(first + 4);
  person.given_name = row.text(first + 5);
  person.family_name = row.text(first + 6);
  person.date_of_birth = row.date(first + 7).value_or(Date{});
  person.gender = parse_code(genders(), row.text(first + 8)).value_or(Gender::not_stated);
  person.ethnic_group = row.text(first + 9);
  person.preferred_language = row.text(first + 10);
  person.communication_needs = row.text(first + 11);
  person.prison_code = row.text(first + 12);
  person.pdu_code = row.text(first + 13);
  person.stage = parse_code(case_stages(), row.text(first + 14)).value_or(CaseStage::in_custody);
  return person;
}

namespace {
std::optional<std::string> stages_json(const std::vector<CaseStage>& stages) {
  if (stages.empty()) return std::nullopt;
  auto codes = nlohmann::json::array();
  for (auto stage : stages) codes.push_back(entry_for(case_stages(), stage).code);
  return codes.dump();
}

Person read_row(const Statement& row) { return read_person_row(row, 0); }

std::string select_sql(std::string_view where, std::string_view columns = person_columns) {
  return "SELECT " + std::string{columns} + " FROM person p " + std::string{where};
}

// Unique prison numbers and CRNs are a field problem the caller can fix, not a server fault.
[[noreturn]] void rethrow_duplicate(const DatabaseError& error) {
  std::string message = error.what();
  if (message.find("person.prison_number") != std::string::npos)
    throw ValidationFailed("prison_number", "belongs to someone already on Resettle");
  if (message.find("person.crn") != std::string::npos)
    throw ValidationFailed("crn", "belongs to someone already on Resettle");
  throw error;
}

template <typename... Tail>
void bind_person(Statement& statement, const Person& person, const Tail&... tail) {
  statement.bind(null_if_empty(person.prison_number), null_if_empty(person.crn), null_if_empty(person.pnc),
                 person.given_name, person.family_name, person.date_of_birth,
                 entry_for(genders(), person.gender).code, person.ethnic_group, person.preferred_language,
                 person.communication_needs, null_if_empty(person.prison_code), null_if_empty(person.pdu_code),
                 entry_for(case_stages(), person.stage).code, tail...);
}
}  // namespace

std::int64_t SqlitePeople::insert(const Person& person) {
  auto& statement = db_.prepare(
      "INSERT INTO person (prison_number, crn, pnc, given_name, family_name, date_of_birth, gender, ethnic_group, "
      "preferred_language, communication_needs, prison_code, pdu_code, stage) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_person(statement, person);
  try {
    statement.run();
  } catch (const DatabaseError& error) {
    rethrow_duplicate(error);
  }
  return db_.last_insert_id();
}

std::optional<Person> SqlitePeople::find_where(std::string_view column, const std::string& value) {
  auto& statement = db_.prepare(select_sql("WHERE " + std::string{column} + " = ?"));
  statement.bind(value);
  if (!statement.step()) return std::nullopt;
  return read_row(statement);
}

std::optional<Person> SqlitePeople::find(std::int64_t id) {
  auto& statement = db_.prepare(select_sql("WHERE id = ?"));
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_row(statement);
}

std::optional<Person> SqlitePeople::find_by_prison_number(const std::string& prison_number) {
  return find_where("prison_number", prison_number);
}

std::optional<Person> SqlitePeople::find_by_crn(const std::string& crn) { return find_where("crn", crn); }

void SqlitePeople::update(const Person& person, std::int64_t expected_version) {
  auto& statement = db_.prepare(
      "UPDATE person SET prison_number = ?, crn = ?, pnc = ?, given_name = ?, family_name = ?, date_of_birth = ?, "
      "gender = ?, ethnic_group = ?, preferred_language = ?, communication_needs = ?, prison_code = ?, pdu_code = ?, "
      "stage = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE id = ? AND version = ?");
  bind_person(statement, person, person.id, expected_version);
  try {
    statement.run();
  } catch (const DatabaseError& error) {
    rethrow_duplicate(error);
  }
  require_changed(statement, "person", person.id);
}

namespace {
// The search of a list as SQL: true when the text in parameter `search` is part of the name, or the
// whole prison number or CRN, of the person whose columns have the prefix `alias`, or is NULL.
std::string search_matches_sql(std::string_view alias, std::string_view search) {
  std::string a{alias}, q{search};
  return "(" + q + " IS NULL OR " + a + ".prison_number = upper(" + q + ") OR " + a + ".crn = upper(" + q + ") " +
         "OR instr(lower(" + a + ".given_name || ' ' || " + a + ".family_name), lower(" + q + ")) > 0)";
}

// A unit's people in id order, one page of ids: the scope's three sources (its prison, its PDU, the
// member of staff's current allocations) are each read in id order and merged, so a page stops once
// it has its rows. ?3 prison, ?4 PDU, ?5 the member of staff (see UnitScope). One OR over the three
// read every person of the unit (about 4,000 for a busy prison and PDU) and sorted them, every page.
// The member of staff's cases come from their caseload, whose key keeps them in id order; through
// allocation, the order was lost in the join and the arm was sorted each time. (The merge reads each
// part only as far as the page needs, so passing over the member's cases in the unit, as worklists
// do, would cost more here than it saves.)
std::string unit_page_ids(const std::string& conditions) {
  return "SELECT p.id FROM person p WHERE p.prison_code = ?3 AND p.id > ?1 AND " + conditions +
         " UNION SELECT p.id FROM person p WHERE p.pdu_code = ?4 AND p.id > ?1 AND " + conditions +
         " UNION SELECT c.person_id FROM caseload_entry c CROSS JOIN person p ON p.id = c.person_id "
         "WHERE c.staff_id = ?5 AND c.person_id > ?1 AND " + conditions + " ORDER BY 1 LIMIT ?7";
}

// What a list page shows of a person (p), in the order read_summary_row reads it.
constexpr std::string_view summary_columns =
    "p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage, "
    "EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist "
    "WHERE person_id = p.id)";

PersonSummary read_summary(const Statement& row) { return read_summary_row(row, 0); }
}  // namespace

template <typename Listed>
Page<Listed> SqlitePeople::list_as(std::string_view columns, Listed (*read)(const Statement&),
                                   const PersonFilter& filter, const PageRequest& page) {
  int limit = page_limit(page);
  // A NULL parameter switches its condition off.
  std::string conditions =
      search_matches_sql("p", "?6") +
      " AND (?8 IS NULL OR p.stage IN (SELECT value FROM json_each(?8))) "
      "AND (?9 IS NULL OR NOT EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = p.id AND a.role = ?9 "
      "     AND a.kind = 'lead' AND a.to_date IS NULL)) "
      "AND " + limited_access_allows_sql("p.id", "?10");
  // The scope is written so that SQLite starts from the unit's people, not from everyone.
  const auto& scope = filter.within;
  auto& statement = db_.prepare(select_sql(
      scope ? "WHERE ?2 = 1 AND p.id IN (" + unit_page_ids(conditions) + ") ORDER BY p.id"
            : "WHERE ?2 = 0 AND p.id > ?1 AND " + conditions + " ORDER BY p.id LIMIT ?7",
      columns));
  statement.bind(cursor_after(page), scope.has_value(), scope ? null_if_empty(scope->prison_code) : std::nullopt,
                 scope ? null_if_empty(scope->pdu_code) : std::nullopt, scope ? scope->staff_id : std::nullopt,
                 null_if_empty(filter.search), limit, stages_json(filter.stages),
                 filter.without_lead ? std::optional{role_code(*filter.without_lead)} : std::nullopt, filter.seen_by);
  Page<Listed> result;
  result.items.reserve(static_cast<std::size_t>(limit));
  while (statement.step()) result.items.push_back(read(statement));
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

Page<Person> SqlitePeople::list(const PersonFilter& filter, const PageRequest& page) {
  return list_as(person_columns, read_row, filter, page);
}

Page<PersonSummary> SqlitePeople::list_summaries(const PersonFilter& filter, const PageRequest& page) {
  return list_as(summary_columns, read_summary, filter, page);
}

Page<PersonSummary> SqlitePeople::caseload(const CaseloadFilter& filter, const PageRequest& page) {
  int limit = page_limit(page);
  auto& statement = db_.prepare(
      "SELECT c.person_id, c.given_name, c.family_name, c.prison_number, c.crn, c.stage, c.has_plan_or_checklist "
      "FROM caseload_entry c "
      "WHERE c.staff_id = ?1 AND c.person_id > ?2 AND " + search_matches_sql("c", "?3") + " AND " +
      limited_access_allows_sql("c.person_id", "?4") + " ORDER BY c.person_id LIMIT ?5");
  statement.bind(filter.staff_id, cursor_after(page), null_if_empty(filter.search), filter.seen_by, limit);
  Page<PersonSummary> result;
  result.items.reserve(static_cast<std::size_t>(limit));
  while (statement.step()) result.items.push_back(read_summary(statement));
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}

}  // namespace resettle::store::sqlite

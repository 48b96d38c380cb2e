// The person repository of both stores and the caseload lists (see repositories.hpp).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
std::optional<std::string> stages_json(const std::vector<CaseStage>& stages) {
  if (stages.empty()) return std::nullopt;
  auto codes = nlohmann::json::array();
  for (auto stage : stages) codes.push_back(entry_for(case_stages(), stage).code);
  return codes.dump();
}

template <typename Row>
Person read_row(const Row& row) {
  return read_person_row(row, 0);
}

std::string select_sql(std::string_view where, std::string_view columns = person_columns) {
  return "SELECT " + std::string{columns} + " FROM person p " + std::string{where};
}

// Unique prison numbers and CRNs are a field problem the caller can fix, not a server fault.
template <typename Db>
[[noreturn]] void rethrow_duplicate(const typename Sql<Db>::Error& error) {
  std::string message = error.what();
  if (message.find(Sql<Db>::unique_violation("person", "prison_number")) != std::string::npos)
    throw ValidationFailed("prison_number", "belongs to someone already on Resettle");
  if (message.find(Sql<Db>::unique_violation("person", "crn")) != std::string::npos)
    throw ValidationFailed("crn", "belongs to someone already on Resettle");
  throw error;
}

template <typename Statement, typename... Tail>
void bind_person(Statement& statement, const Person& person, const Tail&... tail) {
  statement.bind(null_if_empty(person.prison_number), null_if_empty(person.crn), null_if_empty(person.pnc),
                 person.given_name, person.family_name, person.date_of_birth,
                 entry_for(genders(), person.gender).code, person.ethnic_group, person.preferred_language,
                 person.communication_needs, null_if_empty(person.prison_code), null_if_empty(person.pdu_code),
                 entry_for(case_stages(), person.stage).code, tail...);
}
}  // namespace

template <Database Db>
std::int64_t People<Db>::insert(const Person& person) {
  auto& statement = db_.prepare(
      "INSERT INTO person (prison_number, crn, pnc, given_name, family_name, date_of_birth, gender, ethnic_group, "
      "preferred_language, communication_needs, prison_code, pdu_code, stage) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
  bind_person(statement, person);
  try {
    return inserted_id(statement);
  } catch (const typename Sql<Db>::Error& error) {
    rethrow_duplicate<Db>(error);
  }
}

template <Database Db>
std::optional<Person> People<Db>::find_where(std::string_view column, const std::string& value) {
  auto& statement = db_.prepare(select_sql("WHERE " + std::string{column} + " = ?"));
  statement.bind(value);
  if (!statement.step()) return std::nullopt;
  return read_row(statement);
}

template <Database Db>
std::optional<Person> People<Db>::find(std::int64_t id) {
  auto& statement = db_.prepare(select_sql("WHERE id = ?"));
  statement.bind(id);
  if (!statement.step()) return std::nullopt;
  return read_row(statement);
}

template <Database Db>
std::optional<Person> People<Db>::find_by_prison_number(const std::string& prison_number) {
  return find_where("prison_number", prison_number);
}

template <Database Db>
std::optional<Person> People<Db>::find_by_crn(const std::string& crn) {
  return find_where("crn", crn);
}

template <Database Db>
void People<Db>::update(const Person& person, std::int64_t expected_version) {
  static const std::string sql =
      "UPDATE person SET prison_number = ?, crn = ?, pnc = ?, given_name = ?, family_name = ?, date_of_birth = ?, "
      "gender = ?, ethnic_group = ?, preferred_language = ?, communication_needs = ?, prison_code = ?, pdu_code = ?, "
      "stage = ?, version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(sql);
  bind_person(statement, person, person.id, expected_version);
  try {
    statement.run();
  } catch (const typename Sql<Db>::Error& error) {
    rethrow_duplicate<Db>(error);
  }
  require_changed(statement, "person", person.id);
}

namespace {
// The search of a list as SQL: true when the text in parameter `search` is part of the name, or the
// whole prison number or CRN, of the person whose columns have the prefix `alias`, or is NULL.
template <typename Db>
std::string search_matches_sql(std::string_view alias, std::string_view search) {
  std::string a{alias}, q{search};
  return "(" + q + " IS NULL OR " + a + ".prison_number = upper(" + q + ") OR " + a + ".crn = upper(" + q + ") " +
         "OR " + Sql<Db>::contains("lower(" + a + ".given_name || ' ' || " + a + ".family_name)", "lower(" + q + ")") +
         ")";
}

// The conditions of a list, on the person whose summary columns have the prefix `alias` and whose id
// is `person_id` (and, on a read model, whose limited-access flag is `limited_flag`). ?3 search,
// ?4 stages (JSON), ?5 the role without a lead, ?6 the member of staff looking; a NULL parameter
// switches its condition off. Each is cast where it appears: PostgreSQL types a parameter where it is
// first named, and `? IS NULL` says nothing of its type.
template <typename Db>
std::string list_conditions_sql(std::string_view alias, std::string_view person_id,
                                std::string_view limited_flag = {}) {
  std::string a{alias}, id{person_id};
  return search_matches_sql<Db>(alias, "CAST(?3 AS TEXT)") + " AND (CAST(?4 AS TEXT) IS NULL OR " + a +
         ".stage IN (SELECT value FROM " + Sql<Db>::json_text_table("CAST(?4 AS TEXT)", "stages") +
         ")) AND (CAST(?5 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = " + id +
         " AND a.role = CAST(?5 AS TEXT) AND a.kind = 'lead' AND a.to_date IS NULL)) AND " +
         limited_access_allows_sql(id, "CAST(?6 AS BIGINT)", limited_flag);
}

// What a list page shows of a person (p), in the order read_summary_row reads it.
constexpr std::string_view summary_columns =
    "p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage, "
    "EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist "
    "WHERE person_id = p.id)";

template <typename Row>
PersonSummary read_summary(const Row& row) {
  return read_summary_row(row, 0);
}

// Everyone, for a list without a scope (an administrator's): ?1 the page's length, ?2 the cursor.
template <typename Db>
std::string everyone_sql(std::string_view columns) {
  static const std::string conditions = list_conditions_sql<Db>("p", "p.id");
  return select_sql("WHERE p.id > ?2 AND " + conditions + " ORDER BY p.id LIMIT ?1", columns);
}

// One source of a unit's list, read in id order from a read model holding summary columns (alias e):
// `from` names the table and keys it on ?1; ?2 is the cursor.
template <typename Db>
std::string source_sql(std::string_view from) {
  static const std::string conditions = list_conditions_sql<Db>("e", "e.person_id", "e.limited");
  return "SELECT e.person_id, e.given_name, e.family_name, e.prison_number, e.crn, e.stage, "
         "e.has_plan_or_checklist FROM " + std::string{from} + " AND e.person_id > ?2 AND " + conditions +
         " ORDER BY e.person_id";
}

template <typename Db>
const std::string& caseload_source_sql() {
  static const std::string sql = source_sql<Db>("caseload_entry e WHERE e.staff_id = ?1");
  return sql;
}

template <typename Db, typename Key>
StatementOf<Db>& open_list(Db& db, const std::string& sql, const Key& key, const PersonFilter& filter,
                           const PageRequest& page) {
  return db.prepare(sql).bind(key, cursor_after(page), null_if_empty(filter.search), stages_json(filter.stages),
                              filter.without_lead ? std::optional{role_code(*filter.without_lead)} : std::nullopt,
                              filter.seen_by);
}

// A page merged from sources each in id order: the lowest id next, once however many sources hold it.
// Each source is read only as far as the page needs.
template <typename Statement>
Page<PersonSummary> merge_in_id_order(std::vector<Statement*> sources, int limit) {
  Page<PersonSummary> result;
  result.items.reserve(static_cast<std::size_t>(limit));
  std::erase_if(sources, [](Statement* source) { return !source->step(); });
  while (!sources.empty()) {
    auto* lowest = *std::ranges::min_element(sources, {}, [](Statement* source) { return source->integer(0); });
    result.items.push_back(read_summary(*lowest));
    if (result.items.size() == static_cast<std::size_t>(limit)) break;
    std::int64_t id = result.items.back().id;
    std::erase_if(sources, [id](Statement* source) { return source->integer(0) == id && !source->step(); });
  }
  result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
  return result;
}
}  // namespace

// A unit's people come from three sources (its prison, its PDU and the member of staff's caseload),
// merged in id order. One query over the person table, as a union of the three, read each person's
// row twice and asked the plan tables about each: about half of a whole-prison page's work.
template <Database Db>
Page<PersonSummary> People<Db>::list_summaries(const PersonFilter& filter, const PageRequest& page) {
  int limit = page_limit(page);
  if (!filter.within) {
    static const std::string sql = everyone_sql<Db>(summary_columns);
    std::vector<StatementOf<Db>*> everyone{&open_list(db_, sql, limit, filter, page)};
    return merge_in_id_order(std::move(everyone), limit);
  }
  static const std::string in_prison =
      source_sql<Db>("unit_entry e WHERE e.unit_kind = 'prison' AND e.unit_code = ?1");
  static const std::string in_pdu = source_sql<Db>("unit_entry e WHERE e.unit_kind = 'pdu' AND e.unit_code = ?1");
  const auto& scope = *filter.within;
  std::vector<StatementOf<Db>*> sources;
  if (!scope.prison_code.empty()) sources.push_back(&open_list(db_, in_prison, scope.prison_code, filter, page));
  if (!scope.pdu_code.empty()) sources.push_back(&open_list(db_, in_pdu, scope.pdu_code, filter, page));
  if (scope.staff_id) sources.push_back(&open_list(db_, caseload_source_sql<Db>(), *scope.staff_id, filter, page));
  return merge_in_id_order(std::move(sources), limit);
}

// Whole records of the same people as list_summaries: a unit's by id once the page is known.
template <Database Db>
Page<Person> People<Db>::list(const PersonFilter& filter, const PageRequest& page) {
  if (!filter.within) {
    static const std::string sql = everyone_sql<Db>(person_columns);
    int limit = page_limit(page);
    auto& statement = open_list(db_, sql, limit, filter, page);
    Page<Person> result;
    result.items.reserve(static_cast<std::size_t>(limit));
    while (statement.step()) result.items.push_back(read_row(statement));
    result.next_cursor = next_cursor(result.items.size(), limit, result.items.empty() ? 0 : result.items.back().id);
    return result;
  }
  auto listed = list_summaries(filter, page);
  auto ids = nlohmann::json::array();
  for (const auto& summary : listed.items) ids.push_back(summary.id);
  static const std::string by_ids =
      select_sql("WHERE p.id IN (SELECT value FROM " + Sql<Db>::json_integer_table("?", "ids") + ") ORDER BY p.id");
  auto& statement = db_.prepare(by_ids);
  statement.bind(ids.dump());
  Page<Person> result{{}, listed.next_cursor};
  result.items.reserve(listed.items.size());
  while (statement.step()) result.items.push_back(read_row(statement));
  return result;
}

template <Database Db>
Page<PersonSummary> People<Db>::caseload(const CaseloadFilter& filter, const PageRequest& page) {
  PersonFilter conditions{std::nullopt, filter.search, {}, std::nullopt, filter.seen_by};
  auto& on_caseload = open_list(db_, caseload_source_sql<Db>(), filter.staff_id, conditions, page);
  return merge_in_id_order<StatementOf<Db>>({&on_caseload}, page_limit(page));
}

template class People<sqlite::Connection>;
template class People<postgresql::Connection>;

}  // namespace resettle::store::shared

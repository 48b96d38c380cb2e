// The allocation repository of both stores (see repositories.hpp).
#include <nlohmann/json.hpp>

#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {
constexpr std::string_view allocation_columns =
    "SELECT a.id, a.person_id, a.staff_id, s.display_name, a.role, a.from_date, a.to_date, a.reason, a.kind ";
const std::string allocation_select =
    std::string{allocation_columns} + "FROM allocation a JOIN staff s ON s.id = a.staff_id WHERE a.person_id = ? ";
}  // namespace

template <Database Db>
std::int64_t Allocations<Db>::insert(const Allocation& allocation) {
  auto& statement = db_.prepare(
      "INSERT INTO allocation (person_id, staff_id, role, from_date, to_date, reason, kind) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  statement.bind(allocation.person_id, allocation.staff_id, role_code(allocation.role), allocation.from,
                 allocation.to, allocation.reason, allocation.kind == AllocationKind::lead ? "lead" : "deputy");
  return inserted_id(statement);
}

template <Database Db>
void Allocations<Db>::end(std::int64_t allocation_id, Date to) {
  db_.prepare("UPDATE allocation SET to_date = ? WHERE id = ? AND to_date IS NULL").bind(to, allocation_id).run();
}

template <Database Db>
template <typename Key>
std::vector<Allocation> Allocations<Db>::select(std::string_view sql, const Key& key) {
  auto& statement = db_.prepare(sql);
  statement.bind(key);
  std::vector<Allocation> allocations;
  while (statement.step()) {
    Allocation allocation;
    allocation.id = statement.integer(0);
    allocation.person_id = statement.integer(1);
    allocation.staff_id = statement.integer(2);
    allocation.staff_name = statement.text(3);
    allocation.role = parse_role(statement.text(4)).value_or(Role::pom);
    allocation.from = statement.date(5).value_or(Date{});
    allocation.to = statement.date(6);
    allocation.reason = statement.text(7);
    allocation.kind = statement.text(8) == "deputy" ? AllocationKind::deputy : AllocationKind::lead;
    allocations.push_back(std::move(allocation));
  }
  return allocations;
}

template <Database Db>
std::vector<Allocation> Allocations<Db>::current_for_person(std::int64_t person_id) {
  static const std::string sql =
      allocation_select + "AND a.to_date IS NULL ORDER BY a.role" + std::string{Sql<Db>::byte_order} + ", a.from_date";
  return select(sql, person_id);
}

template <Database Db>
std::vector<Allocation> Allocations<Db>::history_for_person(std::int64_t person_id) {
  return select(allocation_select + "ORDER BY a.from_date DESC, a.id DESC", person_id);
}

template <Database Db>
std::vector<Allocation> Allocations<Db>::history_for_people(const std::vector<std::int64_t>& person_ids) {
  static const std::string sql = std::string{allocation_columns} + "FROM " +
                                 Sql<Db>::json_integer_table("?", "asked") +
                                 " CROSS JOIN allocation a JOIN staff s ON s.id = a.staff_id "
                                 "WHERE a.person_id = asked.value ORDER BY a.person_id, a.from_date DESC, a.id DESC";
  return select(sql, nlohmann::json(person_ids).dump());
}

template <Database Db>
std::vector<StaffCaseloadCount> Allocations<Db>::caseloads(const std::vector<std::int64_t>& staff_ids) {
  static const std::string sql =
      "SELECT a.staff_id, a.role, p.stage, r.tier, count(*) FROM allocation a "
      "JOIN person p ON p.id = a.person_id LEFT JOIN risk_profile r ON r.person_id = a.person_id "
      "WHERE a.staff_id IN (SELECT value FROM " + Sql<Db>::json_integer_table("?", "asked") +
      ") AND a.to_date IS NULL AND a.kind = 'lead' GROUP BY a.staff_id, a.role, p.stage, r.tier";
  auto& statement = db_.prepare(sql);
  statement.bind(nlohmann::json(staff_ids).dump());
  std::vector<StaffCaseloadCount> counts;
  while (statement.step()) {
    CaseloadCount count;
    count.role = parse_role(statement.text(1)).value_or(Role::pom);
    count.stage = parse_code(case_stages(), statement.text_view(2)).value_or(CaseStage::in_custody);
    count.tier = parse_code(tiers(), statement.text_view(3));
    count.cases = static_cast<int>(statement.integer(4));
    counts.push_back({statement.integer(0), count});
  }
  return counts;
}

template class Allocations<sqlite::Connection>;
template class Allocations<postgresql::Connection>;

}  // namespace resettle::store::shared

// The place repository of both stores: regions, prisons, PDUs and teams (see repositories.hpp).
#include "store/postgresql/sql.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

// Regions, prisons and PDUs share their columns.
template <typename Place, typename Db>
std::vector<Place> all_by_name(Db& db, std::string_view table) {
  auto& statement = db.prepare("SELECT code, name, region_code FROM " + std::string{table} + " ORDER BY name" +
                               std::string{Sql<Db>::byte_order});
  return read_all(statement.bind(), [](const auto& row) { return Place{row.text(0), row.text(1), row.text(2)}; });
}

template <typename Place, typename Db>
std::optional<Place> by_code(Db& db, std::string_view table, const std::string& code) {
  auto& statement = db.prepare("SELECT code, name, region_code FROM " + std::string{table} + " WHERE code = ?");
  statement.bind(code);
  if (!statement.step()) return std::nullopt;
  return Place{statement.text(0), statement.text(1), statement.text(2)};
}

constexpr std::string_view team_select = "SELECT code, name, prison_code, pdu_code FROM team ";

template <typename Row>
Team read_team(const Row& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3)};
}

}  // namespace

template <Database Db>
void Places<Db>::insert_region(const Region& region) {
  db_.prepare("INSERT INTO region (code, name) VALUES (?, ?)").bind(region.code, region.name).run();
}

template <Database Db>
void Places<Db>::insert_prison(const Prison& prison) {
  db_.prepare("INSERT INTO prison (code, name, region_code) VALUES (?, ?, ?)")
      .bind(prison.code, prison.name, prison.region_code)
      .run();
}

template <Database Db>
void Places<Db>::insert_pdu(const ProbationDeliveryUnit& pdu) {
  db_.prepare("INSERT INTO pdu (code, name, region_code) VALUES (?, ?, ?)")
      .bind(pdu.code, pdu.name, pdu.region_code)
      .run();
}

template <Database Db>
std::vector<Prison> Places<Db>::prisons() {
  return all_by_name<Prison>(db_, "prison");
}

template <Database Db>
std::vector<ProbationDeliveryUnit> Places<Db>::pdus() {
  return all_by_name<ProbationDeliveryUnit>(db_, "pdu");
}

template <Database Db>
std::optional<Prison> Places<Db>::find_prison(const std::string& code) {
  return by_code<Prison>(db_, "prison", code);
}

template <Database Db>
std::optional<ProbationDeliveryUnit> Places<Db>::find_pdu(const std::string& code) {
  return by_code<ProbationDeliveryUnit>(db_, "pdu", code);
}

template <Database Db>
void Places<Db>::insert_team(const Team& team) {
  db_.prepare("INSERT INTO team (code, name, prison_code, pdu_code) VALUES (?, ?, ?, ?)")
      .bind(team.code, team.name, null_if_empty(team.prison_code), null_if_empty(team.pdu_code))
      .run();
}

template <Database Db>
std::vector<Team> Places<Db>::teams() {
  return read_all(db_.prepare(std::string{team_select} + "ORDER BY name" + std::string{Sql<Db>::byte_order}).bind(),
                  [](const auto& row) { return read_team(row); });
}

template <Database Db>
std::optional<Team> Places<Db>::find_team(const std::string& code) {
  auto& statement = db_.prepare(std::string{team_select} + "WHERE code = ?");
  statement.bind(code);
  if (!statement.step()) return std::nullopt;
  return read_team(statement);
}

template class Places<sqlite::Connection>;
template class Places<postgresql::Connection>;

}  // namespace resettle::store::shared

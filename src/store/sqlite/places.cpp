// The SQLite place repository: regions, prisons, PDUs and teams (see repositories.hpp).
#include "store/sqlite/repositories.hpp"

namespace resettle::store::sqlite {

void SqlitePlaces::insert_region(const Region& region) {
  db_.prepare("INSERT INTO region (code, name) VALUES (?, ?)").bind(region.code, region.name).run();
}

void SqlitePlaces::insert_prison(const Prison& prison) {
  db_.prepare("INSERT INTO prison (code, name, region_code) VALUES (?, ?, ?)")
      .bind(prison.code, prison.name, prison.region_code)
      .run();
}

void SqlitePlaces::insert_pdu(const ProbationDeliveryUnit& pdu) {
  db_.prepare("INSERT INTO pdu (code, name, region_code) VALUES (?, ?, ?)")
      .bind(pdu.code, pdu.name, pdu.region_code)
      .run();
}

std::vector<Prison> SqlitePlaces::prisons() {
  auto& statement = db_.prepare("SELECT code, name, region_code FROM prison ORDER BY name");
  statement.bind();
  std::vector<Prison> prisons;
  while (statement.step()) prisons.push_back({statement.text(0), statement.text(1), statement.text(2)});
  return prisons;
}

std::vector<ProbationDeliveryUnit> SqlitePlaces::pdus() {
  auto& statement = db_.prepare("SELECT code, name, region_code FROM pdu ORDER BY name");
  statement.bind();
  std::vector<ProbationDeliveryUnit> pdus;
  while (statement.step()) pdus.push_back({statement.text(0), statement.text(1), statement.text(2)});
  return pdus;
}

std::optional<Prison> SqlitePlaces::find_prison(const std::string& code) {
  auto& statement = db_.prepare("SELECT code, name, region_code FROM prison WHERE code = ?");
  statement.bind(code);
  if (!statement.step()) return std::nullopt;
  return Prison{statement.text(0), statement.text(1), statement.text(2)};
}

std::optional<ProbationDeliveryUnit> SqlitePlaces::find_pdu(const std::string& code) {
  auto& statement = db_.prepare("SELECT code, name, region_code FROM pdu WHERE code = ?");
  statement.bind(code);
  if (!statement.step()) return std::nullopt;
  return ProbationDeliveryUnit{statement.text(0), statement.text(1), statement.text(2)};
}

void SqlitePlaces::insert_team(const Team& team) {
  db_.prepare("INSERT INTO team (code, name, prison_code, pdu_code) VALUES (?, ?, ?, ?)")
      .bind(team.code, team.name, null_if_empty(team.prison_code), null_if_empty(team.pdu_code))
      .run();
}

namespace {
constexpr std::string_view team_select = "SELECT code, name, prison_code, pdu_code FROM team ";
Team read_team(const Statement& row) { return {row.text(0), row.text(1), row.text(2), row.text(3)}; }
}  // namespace

std::vector<Team> SqlitePlaces::teams() {
  auto& statement = db_.prepare(std::string{team_select} + "ORDER BY name");
  statement.bind();
  std::vector<Team> teams;
  while (statement.step()) teams.push_back(read_team(statement));
  return teams;
}

std::optional<Team> SqlitePlaces::find_team(const std::string& code) {
  auto& statement = db_.prepare(std::string{team_select} + "WHERE code = ?");
  statement.bind(code);
  if (!statement.step()) return std::nullopt;
  return read_team(statement);
}

}  // namespace resettle::store::sqlite

// The referral repository of both stores (see directory_repositories.hpp).
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "domain/errors.hpp"
#include "store/postgresql/sql.hpp"
#include "store/shared/directory_repositories.hpp"
#include "store/shared/repositories.hpp"
#include "store/sqlite/sql.hpp"

namespace resettle::store::shared {

namespace {

constexpr std::string_view referral_columns =
    "r.id, r.version, r.person_id, r.plan_action_id, r.service_id, r.kind, r.status, r.consent_given, "
    "r.consent_recorded_on, r.consent_recorded_by, r.consent_scope, r.reason_for_referral, r.details, "
    "r.local_authority, r.duty_referral_date, r.homelessness_reason, r.planned_release_date, "
    "r.nights_requested, r.cas3_start_date, r.property_area, r.end_of_service_report_on, r.organisation_id";

std::string details_json(const std::vector<SharedDetail>& details) {
  auto json = nlohmann::json::array();
  for (const auto& detail : details) json.push_back({{"field", detail.field}, {"label", detail.label}, {"value", detail.value}});
  return json.dump();
}

std::vector<SharedDetail> details_from(const std::string& text) {
  std::vector<SharedDetail> details;
  for (const auto& item : nlohmann::json::parse(text))
    details.push_back({item.at("field").get<std::string>(), item.at("label").get<std::string>(),
                       item.at("value").get<std::string>()});
  return details;
}

template <typename Db>
Referral referral_from(const StatementOf<Db>& row) {
  Referral referral;
  referral.id = row.integer(0);
  referral.version = row.integer(1);
  referral.person_id = row.integer(2);
  referral.plan_action_id = row.optional_integer(3);
  referral.service_id = row.text(4);
  referral.kind = stored_code<Db>(row, 5, referral_kinds(), "referral");
  referral.status = stored_code<Db>(row, 6, referral_statuses(), "referral");
  referral.consent.given = row.integer(7) != 0;
  referral.consent.recorded_on = row.date(8).value_or(Date{});
  referral.consent.recorded_by = row.text(9);
  referral.consent.scope = row.text(10);
  referral.reason_for_referral = row.text(11);
  referral.details = details_from(row.text(12));
  if (referral.kind == ReferralKind::duty_to_refer)
    referral.duty_to_refer = DutyToRefer{row.text(13), row.date(14).value_or(Date{}), row.text(15), row.date(16)};
  if (referral.kind == ReferralKind::cas3)
    referral.cas3 = Cas3Request{static_cast<int>(row.optional_integer(17).value_or(0)), row.date(18).value_or(Date{}),
                                row.text(19)};
  referral.end_of_service_report_on = row.date(20);
  referral.organisation_id = row.text(21);
  return referral;
}

// The columns every write sets, in the order of the UPDATE and INSERT statements below.
template <typename Statement, typename Run>
void bind_fields(Statement& statement, const Referral& r, Run&& extra) {
  const auto* duty = r.duty_to_refer ? &*r.duty_to_refer : nullptr;
  const auto* cas3 = r.cas3 ? &*r.cas3 : nullptr;
  std::optional<Date> consent_on;
  if (r.consent.given) consent_on = r.consent.recorded_on;
  extra(statement, r.plan_action_id, r.service_id, entry_for(referral_kinds(), r.kind).code,
        entry_for(referral_statuses(), r.status).code, r.consent.given, consent_on, null_if_empty(r.consent.recorded_by),
        null_if_empty(r.consent.scope), r.reason_for_referral, details_json(r.details),
        duty ? null_if_empty(duty->local_authority) : std::nullopt,
        duty ? std::optional<Date>{duty->referral_date} : std::nullopt,
        duty ? null_if_empty(duty->homelessness_reason) : std::nullopt,
        duty ? duty->planned_release_date : std::nullopt,
        cas3 ? std::optional<std::int64_t>{cas3->nights_requested} : std::nullopt,
        cas3 ? std::optional<Date>{cas3->start_date} : std::nullopt,
        cas3 ? null_if_empty(cas3->property_area) : std::nullopt, r.end_of_service_report_on,
        null_if_empty(r.organisation_id));
}

}  // namespace

template <Database Db>
std::int64_t Referrals<Db>::insert(const Referral& referral) {
  auto& statement = db_.prepare(
      "INSERT INTO referral (person_id, plan_action_id, service_id, kind, status, consent_given, consent_recorded_on, "
      "consent_recorded_by, consent_scope, reason_for_referral, details, local_authority, duty_referral_date, "
      "homelessness_reason, planned_release_date, nights_requested, cas3_start_date, property_area, "
      "end_of_service_report_on, organisation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id");
  bind_fields(statement, referral, [&](auto& s, const auto&... values) { s.bind(referral.person_id, values...); });
  auto id = inserted_id(statement);
  Referral stored = referral;
  stored.id = id;
  insert_steps(stored, 0);
  return id;
}

template <Database Db>
void Referrals<Db>::insert_steps(const Referral& referral, std::size_t from) {
  for (auto position = from; position < referral.history.size(); ++position) {
    const auto& step = referral.history[position];
    db_.prepare(
           "INSERT INTO referral_step (referral_id, position, status, on_date, recorded_by, reason) "
           "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(referral.id, static_cast<std::int64_t>(position), entry_for(referral_statuses(), step.status).code, step.on,
              step.by, null_if_empty(step.reason))
        .run();
  }
}

template <Database Db>
void Referrals<Db>::update(const Referral& referral, std::int64_t expected_version) {
  static const std::string update_sql =
      "UPDATE referral SET plan_action_id = ?, service_id = ?, kind = ?, status = ?, consent_given = ?, "
      "consent_recorded_on = ?, consent_recorded_by = ?, consent_scope = ?, reason_for_referral = ?, details = ?, "
      "local_authority = ?, duty_referral_date = ?, homelessness_reason = ?, planned_release_date = ?, "
      "nights_requested = ?, cas3_start_date = ?, property_area = ?, end_of_service_report_on = ?, organisation_id = ?, "
      "version = version + 1, updated_at = " + std::string{Sql<Db>::now} + " WHERE id = ? AND version = ?";
  auto& statement = db_.prepare(update_sql);
  bind_fields(statement, referral, [&](auto& s, const auto&... values) { s.bind(values..., referral.id, expected_version); });
  statement.run();
  require_changed(statement, "referral", referral.id);
  auto& count = db_.prepare("SELECT count(*) FROM referral_step WHERE referral_id = ?");
  count.bind(referral.id);
  count.step();
  auto stored = static_cast<std::size_t>(count.integer(0));
  count.bind(std::int64_t{0});  // ends the read before the inserts
  insert_steps(referral, stored);
}

template <Database Db>
template <typename... Keys>
std::vector<Referral> Referrals<Db>::select(std::string_view sql, const Keys&... keys) {
  auto referrals = read_all(db_.prepare(sql).bind(keys...), referral_from<Db>);
  // Every referral's steps in one read, however many referrals there are.
  std::vector<std::int64_t> ids;
  std::unordered_map<std::int64_t, std::size_t> by_id;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    ids.push_back(referrals[i].id);
    by_id[referrals[i].id] = i;
  }
  static const std::string steps_sql =
      "SELECT referral_id, status, on_date, recorded_by, reason FROM referral_step "
      "WHERE referral_id IN (SELECT value FROM " + Sql<Db>::json_integer_table("?", "ids") +
      ") ORDER BY referral_id, position";
  auto& steps = db_.prepare(steps_sql);
  steps.bind(nlohmann::json(ids).dump());
  while (steps.step())
    referrals[by_id.at(steps.integer(0))].history.push_back(
        {stored_code<Db>(steps, 1, referral_statuses(), "referral"), steps.date(2).value_or(Date{}), steps.text(3), steps.text(4)});
  return referrals;
}

template <Database Db>
std::optional<Referral> Referrals<Db>::find(std::int64_t id) {
  auto found = select("SELECT " + std::string{referral_columns} + " FROM referral r WHERE r.id = ?", id);
  if (found.empty()) return std::nullopt;
  return found.front();
}

template <Database Db>
std::vector<Referral> Referrals<Db>::for_person(std::int64_t person_id) {
  return select("SELECT " + std::string{referral_columns} + " FROM referral r WHERE r.person_id = ? ORDER BY r.id DESC",
                person_id);
}

template <Database Db>
std::vector<Referral> Referrals<Db>::for_people(const std::vector<std::int64_t>& person_ids) {
  return select("SELECT " + std::string{referral_columns} + " FROM referral r WHERE r.person_id IN (SELECT value FROM " +
                    Sql<Db>::json_integer_table("?", "people") + ") ORDER BY r.person_id, r.id DESC",
                nlohmann::json(person_ids).dump());
}

template <Database Db>
std::vector<Referral> Referrals<Db>::sent_to_organisation(const std::string& organisation_id, std::int64_t seen_by) {
  return select("SELECT " + std::string{referral_columns} +
                    " FROM referral r WHERE r.organisation_id = ?1 AND r.status <> 'draft' AND " +
                    limited_access_allows_sql("r.person_id", "CAST(?2 AS BIGINT)") + " ORDER BY r.id DESC",
                organisation_id, seen_by);
}

template class Referrals<sqlite::Connection>;
template class Referrals<postgresql::Connection>;

}  // namespace resettle::store::shared

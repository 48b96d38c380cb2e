// Equality facts and the insight measures (see insight.hpp).
#include "services/insight/insight.hpp"

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"

namespace resettle::services {

namespace {

constexpr std::string_view audited_as = "equality facts";

// The person, when this member of staff may see their equality facts, checked inside the caller's
// transaction; NotFound or Forbidden otherwise, the refusal logged and committed at once.
Person require_equality_access(store::Transaction& tx, const StaffMember& actor, std::int64_t person_id) {
  auto person = require_visible_person(tx, actor, person_id, std::string{audited_as});
  if (may_see_equality_facts(actor, true, allocated_to(tx, person_id, actor.id))) return person;
  tx.access_log().record(actor.id, person_id, std::string{audited_as}, false);
  tx.commit();
  throw Forbidden("only the person's offender managers and managers see their equality information");
}

// The names of the characteristics whose answers differ, for the journal.
nlohmann::json changed_characteristics(const std::optional<EqualityFacts>& before, const EqualityFacts& after) {
  auto changed = nlohmann::json::array();
  for (const auto& [characteristic, code] : after.answers) {
    auto was = before ? before->answers.find(characteristic) : after.answers.end();
    if (!before || was == before->answers.end() || was->second != code)
      changed.push_back(entry_for(characteristics(), characteristic).code);
  }
  return changed;
}

}  // namespace

InsightScope read_scope(FieldReader& reader, const FieldInput& query, const StaffMember& actor) {
  if (!reader.has("scope")) return default_scope(actor);
  auto kind = reader.code("scope", Need::required, scope_kinds());
  auto code = query.contains("code") ? query.at("code") : "";
  if (kind && *kind != ScopeKind::national && code.empty()) reader.fail("code", "Choose which unit to look at");
  auto chosen = kind.value_or(ScopeKind::national);
  return {chosen, chosen == ScopeKind::national ? "" : code};
}

std::string scope_name(store::Transaction& tx, const InsightScope& scope) {
  switch (scope.kind) {
    case ScopeKind::team:
      if (auto team = tx.places().find_team(scope.code)) return team->name;
      break;
    case ScopeKind::pdu:
      if (auto pdu = tx.places().find_pdu(scope.code)) return pdu->name;
      break;
    case ScopeKind::prison:
      if (auto prison = tx.places().find_prison(scope.code)) return prison->name;
      break;
    case ScopeKind::region: return "Region " + scope.code;
    case ScopeKind::national: return "England and Wales";
  }
  return scope.code;
}

namespace {

// Every case in the scope with its allocation history beside it.
std::vector<InsightCase> cases_in(store::Transaction& tx, const InsightScope& scope) {
  auto cases = tx.insight().cases(scope);
  std::vector<std::int64_t> ids;
  for (const auto& c : cases) ids.push_back(c.person_id);
  auto history = tx.allocations().history_for_people(ids);
  auto next = cases.begin();
  for (auto& allocation : history) {  // both in person id order
    while (next != cases.end() && next->person_id < allocation.person_id) ++next;
    if (next != cases.end() && next->person_id == allocation.person_id) next->allocations.push_back(std::move(allocation));
  }
  return cases;
}

// What each case's records hold beside the InsightCase, in the same order. One read per record kind per
// case through the existing repositories.
std::vector<CaseProgress> progress_of(store::Transaction& tx, std::span<const InsightCase> cases) {
  std::vector<CaseProgress> progress;
  progress.reserve(cases.size());
  for (const auto& c : cases)
    progress.push_back({tx.release_days().latest_for_person(c.person_id), tx.needs_assessments().for_person(c.person_id),
                        tx.outcome_snapshots().for_person(c.person_id), tx.referrals().for_person(c.person_id)});
  return progress;
}

// The measure named by "compare" (continuity_across_gate when left out); a bad code goes to `reader`.
ComparedMeasure read_compared(FieldReader& reader, const FieldInput& query) {
  auto code = query.contains("compare") && !query.at("compare").empty() ? query.at("compare") : "continuity_across_gate";
  if (auto measure = parse_code(measures(), code))
    return {code, std::string{entry_for(measures(), *measure).label}, definition_of(*measure)};
  if (auto measure = parse_code(progress_measures(), code))
    return {code, std::string{entry_for(progress_measures(), *measure).label}, definition_of(*measure)};
  reader.fail("compare", "Choose a measure to compare the units on");
  return {};
}

// Each unit's count for the compared measure, read afresh for the unit (a person may be in more than one).
UnitComparison compare_within(store::Transaction& tx, const StaffMember& actor, const InsightScope& scope,
                              const ComparedMeasure& compared, const Period& period, Date today,
                              const DisclosureRules& rules) {
  auto prisons = tx.places().prisons();
  auto pdus = tx.places().pdus();
  auto teams = tx.places().teams();
  auto measure = parse_code(measures(), compared.code);
  auto progress_measure = parse_code(progress_measures(), compared.code);
  std::vector<UnitShare> units;
  for (auto& [unit, name] : units_within(scope, prisons, pdus, teams)) {
    UnitShare share{unit, name};
    share.may_open = may_view_insight(actor, unit);
    auto cases = cases_in(tx, unit);
    auto progress = progress_measure ? progress_of(tx, cases) : std::vector<CaseProgress>(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      auto outcome = measure ? outcome_of(*measure, cases[i], period, today)
                             : outcome_of(*progress_measure, cases[i], progress[i], period, today);
      if (!outcome) continue;
      ++share.people;
      share.met += *outcome ? 1 : 0;
    }
    units.push_back(std::move(share));
  }
  return compare_units(std::move(units), rules);
}

}  // namespace

PersonEqualityFacts equality_facts_of(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto tx = store.begin_audit_write();  // the audit record is the only write
  auto person = require_equality_access(*tx, actor, person_id);
  tx->access_log().record(actor.id, person_id, std::string{audited_as}, true);
  PersonEqualityFacts result{person, tx->equality_facts().find(person_id), ""};
  if (result.facts)
    if (auto staff = tx->staff().find(result.facts->recorded_by)) result.recorded_by_name = staff->display_name;
  tx->commit();
  return result;
}

EqualityFacts record_equality_facts(store::Store& store, const Clock& clock, const StaffMember& actor,
                                    std::int64_t person_id, const FieldInput& input, std::int64_t expected_version) {
  auto tx = store.begin_write();
  require_equality_access(*tx, actor, person_id);
  auto facts = read_equality_facts(input, clock.today());
  facts.person_id = person_id;
  facts.recorded_by = actor.id;
  auto before = tx->equality_facts().find(person_id);
  tx->equality_facts().save(facts, expected_version);
  facts.version = expected_version + 1;
  tx->journal().append({actor.id, person_id, "equality_facts.recorded", "equality_facts", person_id,
                        "Equality information recorded, with the person's consent", "",
                        {{"consent_given_on", to_iso(facts.consent_given_on)},
                         {"changed", changed_characteristics(before, facts)}}});
  tx->commit();
  return facts;
}

InsightReport insight_report(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             const DisclosureRules& rules) {
  auto today = clock.today();
  FieldReader reader(query);
  auto scope = read_scope(reader, query, actor);
  auto characteristic = reader.code("characteristic", Need::optional, characteristics()).value_or(Characteristic::sex);
  auto compared = read_compared(reader, query);
  std::optional<Period> period;
  try {
    period = read_period(query, today);
  } catch (const ValidationFailed& failed) {
    for (const auto& error : failed.errors()) reader.fail(error.field, error.message);
  }
  reader.throw_if_failed();
  if (!may_view_insight(actor, scope))
    throw Forbidden("managers see insight for their own team, PDU or prison; administrators for any scope");
  auto tx = store.begin_read();
  if (!tx->insight().scope_exists(scope)) throw ValidationFailed("code", "No such " + std::string{entry_for(scope_kinds(), scope.kind).label});
  auto cases = cases_in(*tx, scope);
  InsightReport report{scope, scope_name(*tx, scope), *period, characteristic, rules, static_cast<int>(cases.size()),
                       {}, {}, {}, {}, {}, compared, {}};
  for (const auto& measure : measures())
    report.measures.push_back(segment(measure.value, cases, characteristic, *period, today, rules));
  report.lateness = lateness_distribution(cases, *period, today, rules);
  auto progress = progress_of(*tx, cases);
  for (const auto& measure : progress_measures())
    report.progress.push_back(segment(measure.value, cases, progress, characteristic, *period, today, rules));
  report.first_contact = first_contact_distribution(progress, *period, today, rules);
  report.officer_changes = officer_change_rates(cases, characteristic, *period, today, rules);
  report.units = compare_within(*tx, actor, scope, compared, *period, today, rules);
  return report;
}

}  // namespace resettle::services

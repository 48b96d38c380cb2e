// Equality facts and the insight measures (see insight.hpp).
#include "services/insight/insight.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "services/audit.hpp"
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

std::vector<std::int64_t> ids_of(std::span<const InsightCase> cases) {
  std::vector<std::int64_t> ids;
  ids.reserve(cases.size());
  for (const auto& c : cases) ids.push_back(c.person_id);
  return ids;
}

// The cases with their allocation histories beside them: one read for them all.
std::vector<InsightCase> with_allocations(store::Transaction& tx, std::vector<InsightCase> cases) {
  auto history = tx.allocations().history_for_people(ids_of(cases));
  auto next = cases.begin();
  for (auto& allocation : history) {  // both in person id order
    while (next != cases.end() && next->person_id < allocation.person_id) ++next;
    if (next != cases.end() && next->person_id == allocation.person_id) next->allocations.push_back(std::move(allocation));
  }
  return cases;
}

// Every case in the scope with its allocation history beside it.
std::vector<InsightCase> cases_in(store::Transaction& tx, const InsightScope& scope) {
  return with_allocations(tx, tx.insight().cases(scope));
}

// What each case's records hold beside the InsightCase, in the same order: one read per record kind for
// all the cases together, never one per case.
std::vector<CaseProgress> progress_of(store::Transaction& tx, std::span<const InsightCase> cases) {
  return tx.insight().progress_of(ids_of(cases));
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

// The compared measure's outcome for each case (one per case, in order; `progress` beside them).
std::vector<std::optional<bool>> compared_outcomes(const ComparedMeasure& compared, std::span<const InsightCase> cases,
                                                   std::span<const CaseProgress> progress, const Period& period,
                                                   Date today) {
  auto measure = parse_code(measures(), compared.code);
  auto progress_measure = parse_code(progress_measures(), compared.code);
  std::vector<std::optional<bool>> outcomes;
  outcomes.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i)
    outcomes.push_back(measure ? outcome_of(*measure, cases[i], period, today)
                               : outcome_of(*progress_measure, cases[i], progress[i], period, today));
  return outcomes;
}

// Each unit's count for the compared measure (a person may be in more than one unit). The units lie within
// the scope, so their people's outcomes are those already worked out for the scope's `cases`; only the
// people of a unit who are not in the scope (a team member's case supervised elsewhere) are read again.
UnitComparison compare_within(store::Transaction& tx, const StaffMember& actor, const InsightScope& scope,
                              std::span<const InsightCase> cases, std::span<const CaseProgress> progress,
                              const ComparedMeasure& compared, const Period& period, Date today,
                              const DisclosureRules& rules) {
  auto prisons = tx.places().prisons();
  auto pdus = tx.places().pdus();
  auto teams = tx.places().teams();
  auto units = units_within(scope, prisons, pdus, teams);
  if (units.empty()) return compare_units({}, rules);
  auto outcomes = compared_outcomes(compared, cases, progress, period, today);
  std::vector<UnitShare> shares;
  for (auto& [unit, name] : units) {
    UnitShare share{unit, name};
    share.may_open = may_view_insight(actor, unit);
    auto count = [&share](const std::optional<bool>& outcome) {
      if (!outcome) return;
      ++share.people;
      share.met += *outcome ? 1 : 0;
    };
    std::vector<std::int64_t> outside;
    for (auto id : tx.insight().people(unit)) {
      auto found = std::ranges::lower_bound(cases, id, {}, &InsightCase::person_id);
      if (found != cases.end() && found->person_id == id)
        count(outcomes[static_cast<std::size_t>(found - cases.begin())]);
      else
        outside.push_back(id);
    }
    if (!outside.empty()) {
      auto extra = with_allocations(tx, tx.insight().cases_of(outside));
      for (const auto& outcome : compared_outcomes(compared, extra, progress_of(tx, extra), period, today)) count(outcome);
    }
    shares.push_back(std::move(share));
  }
  return compare_units(std::move(shares), rules);
}

// What a viewer asked to see, checked.
struct Choices {
  InsightScope scope;
  Characteristic characteristic = Characteristic::sex;
  ComparedMeasure compared;
  Period period;
};

// Throws, in this order: ValidationFailed naming every bad field; Forbidden unless may_view_insight.
Choices read_choices(const FieldInput& query, const StaffMember& actor, Date today) {
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
  return {scope, characteristic, compared, *period};
}

void require_scope(store::Transaction& tx, const InsightScope& scope) {
  if (!tx.insight().scope_exists(scope))
    throw ValidationFailed("code", "No such " + std::string{entry_for(scope_kinds(), scope.kind).label});
}

// Every figure of the view, worked out from the records as they stand in `tx`.
InsightReport work_out(store::Transaction& tx, const StaffMember& actor, const Choices& chosen, const Clock& clock,
                       const DisclosureRules& rules) {
  auto today = clock.today();
  const auto& period = chosen.period;
  auto cases = cases_in(tx, chosen.scope);
  InsightReport report{chosen.scope, scope_name(tx, chosen.scope), period, chosen.characteristic, rules,
                       static_cast<int>(cases.size()), {}, {}, {}, {}, {}, chosen.compared, {},
                       {clock.now_seconds(), today, 0}, false};
  for (const auto& measure : measures())
    report.measures.push_back(segment(measure.value, cases, chosen.characteristic, period, today, rules));
  report.lateness = lateness_distribution(cases, period, today, rules);
  auto progress = progress_of(tx, cases);
  for (const auto& measure : progress_measures())
    report.progress.push_back(segment(measure.value, cases, progress, chosen.characteristic, period, today, rules));
  report.first_contact = first_contact_distribution(progress, period, today, rules);
  report.officer_changes = officer_change_rates(cases, chosen.characteristic, period, today, rules);
  report.units = compare_within(tx, actor, chosen.scope, cases, progress, chosen.compared, period, today, rules);
  return report;
}

// The group named by "group" ("total" when left out) in the characteristic's groups; ValidationFailed otherwise.
Group read_group(const FieldInput& query, Characteristic characteristic) {
  auto code = query.contains("group") && !query.at("group").empty() ? query.at("group") : "total";
  if (code == "total") return {"total", "All"};
  for (auto& group : groups_of(characteristic))
    if (group.code == code) return group;
  throw ValidationFailed("group", "Choose a group of the characteristic, or all");
}

// The memo's key for a view: everything its figures depend on but today and the records.
std::string memo_key(const Choices& chosen, const DisclosureRules& rules) {
  return std::string{entry_for(scope_kinds(), chosen.scope.kind).code} + "|" + chosen.scope.code + "|" +
         to_iso(chosen.period.from) + "|" + to_iso(chosen.period.to) + "|" +
         std::string{entry_for(characteristics(), chosen.characteristic).code} + "|" + chosen.compared.code + "|" +
         std::to_string(rules.threshold) + "|" + std::to_string(rules.margin);
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
  auto chosen = read_choices(query, actor, today);
  auto tx = store.begin_read();
  require_scope(*tx, chosen.scope);
  return work_out(*tx, actor, chosen, clock, rules);
}

InsightCaseList insight_cases(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                              const DisclosureRules& rules) {
  auto today = clock.today();
  auto measure_query = query;
  measure_query["compare"] = query.contains("measure") ? query.at("measure") : "";
  if (measure_query["compare"].empty()) throw ValidationFailed("measure", "Choose the measure whose cases to list");
  Choices chosen;
  try {
    chosen = read_choices(measure_query, actor, today);
  } catch (const ValidationFailed& failed) {  // the measure was read as "compare": name it as asked for
    std::vector<FieldError> errors;
    for (auto error : failed.errors()) errors.push_back({error.field == "compare" ? "measure" : error.field, error.message});
    throw ValidationFailed(errors);
  }
  InsightCaseList list{chosen.scope, "", chosen.period, chosen.characteristic, chosen.compared,
                       read_group(query, chosen.characteristic), query.contains("met") && query.at("met") == "yes",
                       false, 0, {}, 0, 0};
  std::vector<std::int64_t> behind;
  {
    auto tx = store.begin_read();
    require_scope(*tx, chosen.scope);
    list.scope_name = scope_name(*tx, chosen.scope);
    auto cases = cases_in(*tx, chosen.scope);
    auto progress = parse_code(progress_measures(), chosen.compared.code) ? progress_of(*tx, cases)
                                                                           : std::vector<CaseProgress>(cases.size());
    auto outcomes = compared_outcomes(chosen.compared, cases, progress, chosen.period, today);
    auto indexes = cases_behind({list.group.code, list.only_met}, outcomes, cases, chosen.characteristic, chosen.period, rules);
    if (!indexes) {
      list.hidden = true;
      return list;
    }
    for (auto i : *indexes) behind.push_back(cases[i].person_id);
    list.counted = static_cast<int>(behind.size());
    list.people = tx->insight().named(behind, actor.id);
    list.not_named = list.counted - static_cast<int>(list.people.size());
    if (list.people.size() > listed_at_most) {
      list.not_listed = static_cast<int>(list.people.size() - listed_at_most);
      list.people.resize(listed_at_most);
    }
  }
  std::vector<std::int64_t> shown;
  for (const auto& person : list.people) shown.push_back(person.id);
  audit_list(store, actor, "insight: cases behind a number", shown);
  return list;
}

InsightReport insight_report(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             const DisclosureRules& rules, InsightMemo& memo) {
  auto today = clock.today();
  auto chosen = read_choices(query, actor, today);
  auto tx = store.begin_read();
  require_scope(*tx, chosen.scope);
  auto latest_change = tx->insight().latest_change();
  auto key = memo_key(chosen, rules);
  {
    std::lock_guard lock(memo.mutex_);
    if (auto kept = memo.reports_.find(key); kept != memo.reports_.end()) {
      auto reuse = reuse_of(kept->second.worked_out, clock.now_seconds(), today, latest_change, memo.allowed_age_);
      if (reuse != Reuse::work_out) {
        auto report = kept->second;
        report.changed_since = reuse == Reuse::with_its_age;
        for (auto& unit : report.units.units) unit.may_open = may_view_insight(actor, unit.unit);
        return report;
      }
    }
  }
  // Worked out outside the lock: other views are not held up while this one takes its seconds.
  auto report = work_out(*tx, actor, chosen, clock, rules);
  report.worked_out.latest_change = latest_change;
  std::lock_guard lock(memo.mutex_);
  if (memo.reports_.size() >= InsightMemo::kept && !memo.reports_.contains(key))
    memo.reports_.erase(std::ranges::min_element(memo.reports_, {}, [](const auto& kept) { return kept.second.worked_out.at; }));
  memo.reports_.insert_or_assign(key, report);
  return report;
}

}  // namespace resettle::services

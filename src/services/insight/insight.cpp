// Equality facts and the insight measures (see insight.hpp).
#include "services/insight/insight.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <unordered_map>

#include "domain/catalogue.hpp"
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
  if (kind && *kind != ScopeKind::national && code.empty()) reader.fail("code", staff_text("Choose which unit to look at"));
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

// What each case's records hold beside the InsightCase, in the same order: one read per record kind for
// all the cases together, never one per case.
std::vector<CaseProgress> progress_of(store::Transaction& tx, std::span<const InsightCase> cases) {
  return tx.insight().progress_of(ids_of(cases));
}

// The change rates' drill-down: the people behind a row are those with a lead officer in the period (as the
// rates count them), and "met" those of them whose lead officer changed in it.
constexpr std::string_view officer_changes_code = "officer_changes";
ComparedMeasure officer_changes_measure() {
  return {std::string{officer_changes_code}, "Changes of lead officer per person per six months",
          "Of the people with a lead officer in the period, the changes of lead officer dated in it, per six months "
          "of the time they had one. The people behind a count are those with a lead officer in the period."};
}
// The measure named by "compare" (continuity_across_gate when left out), or the officer change rate; a bad
// code goes to `reader`.
ComparedMeasure read_compared(FieldReader& reader, const FieldInput& query) {
  auto code = query.contains("compare") && !query.at("compare").empty() ? query.at("compare") : "continuity_across_gate";
  if (auto measure = parse_code(measures(), code))
    return {code, std::string{entry_for(measures(), *measure).label}, definition_of(*measure)};
  if (auto measure = parse_code(progress_measures(), code))
    return {code, std::string{entry_for(progress_measures(), *measure).label}, definition_of(*measure)};
  if (code == officer_changes_code) return officer_changes_measure();
  reader.fail("compare", staff_text("Choose a measure to compare the units on"));
  return {};
}

}  // namespace

bool InsightMemo::bring_up_to_date(store::Transaction& tx, PeriodFigures& figures, const Period& period,
                                   std::int64_t latest_change, std::stop_token stop) {
  if (figures.made && latest_change <= figures.seen_change) return true;  // nothing new, or seen by a later reader
  auto& log = tx.insight();
  if (figures.made && figures.seen_change < log.trimmed_up_to()) figures.made = false;  // entries gone
  auto afresh = !figures.made;
  if (afresh) figures.cases.clear();
  auto ids = afresh ? log.people({ScopeKind::national, ""}) : log.changed_since(figures.seen_change);
  if (stop.stop_requested()) return false;
  auto cases = with_allocations(tx, log.cases_of(ids));
  if (stop.stop_requested()) return false;
  auto progress = progress_of(tx, cases);
  if (stop.stop_requested()) return false;
  auto units = log.units_of(ids);
  // How many cases are worked out between two checks of `stop`: a few milliseconds' work.
  constexpr std::size_t checked_every = 4096;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (i % checked_every == 0 && stop.stop_requested()) return false;
    auto worked_out = figures_of(cases[i], progress[i], std::move(units[i]), period, figures.day);
    auto at = std::ranges::lower_bound(figures.cases, worked_out.person_id, {}, &CaseFigures::person_id);
    if (at != figures.cases.end() && at->person_id == worked_out.person_id)
      *at = std::move(worked_out);
    else
      figures.cases.insert(at, std::move(worked_out));
  }
  if (afresh) ++made_afresh_;
  figures.made = true;
  figures.seen_change = latest_change;
  return true;
}

namespace {

// Each unit's count for the compared measure, from the figures of every case (a person may be in more than
// one unit, and in a unit outside the scope's own people, as a team member's case supervised elsewhere).
UnitComparison compare_within(store::Transaction& tx, const StaffMember& actor, const InsightScope& scope,
                              std::span<const CaseFigures> cases, const ScopeLookup& lookup,
                              const ComparedMeasure& compared, const DisclosureRules& rules) {
  auto units = units_within(scope, tx.places().prisons(), tx.places().pdus(), tx.places().teams());
  std::vector<UnitShare> shares;
  std::array<std::unordered_map<std::string, std::size_t>, 5> index;  // by ScopeKind, then code
  for (auto& [unit, name] : units) {
    index[static_cast<std::size_t>(unit.kind)][unit.code] = shares.size();
    shares.push_back({unit, name});
    shares.back().may_open = may_view_insight(actor, unit);
  }
  if (shares.empty()) return {};  // a team has no units within
  auto add = [&](const CaseFigures& c, auto&& counted) {
    lookup.each_scope(c.units, [&](ScopeKind kind, const std::string& code) {
      const auto& codes = index[static_cast<std::size_t>(kind)];
      if (auto found = codes.find(code); found != codes.end()) counted(shares[found->second]);
    });
  };
  if (compared.code == officer_changes_code) {
    for (const auto& c : cases)
      if (const auto& changes = c.officer_changes)
        add(c, [&](UnitShare& unit) {
          ++unit.people;
          unit.changes += changes->changes;
          unit.days += changes->days;
        });
    return compare_unit_rates(std::move(shares), rules);
  }
  auto named = outcome_named(compared.code);
  for (const auto& c : cases)
    if (auto outcome = named->of(c))
      add(c, [&](UnitShare& unit) {
        ++unit.people;
        unit.met += *outcome ? 1 : 0;
      });
  return compare_units(std::move(shares), rules);
}

// What a viewer asked to see, checked.
struct Choices {
  InsightScope scope;
  Characteristic characteristic = Characteristic::sex;
  ComparedMeasure compared;
  Period period;
  Group referrals_group{"total", "All"};
};

// The group of the characteristic named by `field` ("total", everyone, when left out or empty); empty for a
// code that is neither.
std::optional<Group> group_named(const FieldInput& query, std::string_view field, Characteristic characteristic) {
  auto given = query.find(std::string{field});
  auto code = given != query.end() && !given->second.empty() ? given->second : "total";
  if (code == "total") return Group{"total", "All"};
  for (auto& group : groups_of(characteristic))
    if (group.code == code) return group;
  return std::nullopt;
}

// Throws, in this order: ValidationFailed naming every bad field; Forbidden unless may_view_insight.
Choices read_choices(const FieldInput& query, const StaffMember& actor, Date today) {
  FieldReader reader(query);
  auto scope = read_scope(reader, query, actor);
  auto characteristic = reader.code("characteristic", Need::optional, characteristics()).value_or(Characteristic::sex);
  auto compared = read_compared(reader, query);
  auto referrals_group = group_named(query, "referrals_group", characteristic);
  if (!referrals_group) reader.fail("referrals_group", staff_text("Choose a group of the characteristic, or all"));
  std::optional<Period> period;
  try {
    period = read_period(query, today);
  } catch (const ValidationFailed& failed) {
    for (const auto& error : failed.errors()) reader.fail(error.field, error.message);
  }
  reader.throw_if_failed();
  if (!may_view_insight(actor, scope))
    throw Forbidden("managers see insight for their own team, PDU or prison; administrators for any scope");
  return {scope, characteristic, compared, *period, *referrals_group};
}

void require_scope(store::Transaction& tx, const InsightScope& scope) {
  if (!tx.insight().scope_exists(scope))
    throw ValidationFailed("code", staff_text("No such ((unit))", {{"unit", entry_for(scope_kinds(), scope.kind).label}}));
}

// The figures of the cases in the scope, in person id order.
std::vector<const CaseFigures*> cases_within(const ScopeLookup& lookup, const InsightScope& scope,
                                             std::span<const CaseFigures> cases) {
  std::vector<const CaseFigures*> within;
  for (const auto& c : cases)
    if (lookup.includes(scope, c.units)) within.push_back(&c);
  return within;
}

std::vector<const CaseFigures*> cases_within(store::Transaction& tx, const InsightScope& scope,
                                             std::span<const CaseFigures> cases) {
  return cases_within(ScopeLookup(tx.places().prisons(), tx.places().pdus()), scope, cases);
}

// The referrals of the cases in the group ("total": every case), with the directory's entries for the
// services they were referred to, for referral_tables and reaching.
struct GroupReferrals {
  std::vector<const CaseFigures*> cases;               // those referred in the period, in order
  std::vector<std::span<const ServiceReach>> reaches;  // theirs, one per case
  std::vector<Service> services;
};
GroupReferrals referrals_of(store::Transaction& tx, std::span<const CaseFigures* const> cases,
                            Characteristic characteristic, const Group& group) {
  auto groups = groups_of(characteristic);
  auto in_group = std::ranges::find(groups, group.code, &Group::code);  // end: the total, everyone
  auto by = static_cast<std::size_t>(characteristic);
  GroupReferrals result;
  std::set<std::string> service_ids;
  for (const auto* c : cases) {
    if (c->referrals.empty()) continue;
    if (in_group != groups.end() && c->groups[by] != static_cast<std::size_t>(in_group - groups.begin())) continue;
    result.cases.push_back(c);
    result.reaches.emplace_back(c->referrals);
    for (const auto& reach : c->referrals) service_ids.insert(reach.service_id);
  }
  for (const auto& id : service_ids)  // a service no longer in the directory is counted under its id
    if (auto service = tx.directory().find_service(id)) result.services.push_back(std::move(*service));
  return result;
}

// Every table of the view summed from the figures of the cases in its scope.
InsightReport sum_up(store::Transaction& tx, const StaffMember& actor, const Choices& chosen,
                     std::span<const CaseFigures> cases, const Clock& clock, const DisclosureRules& rules) {
  ScopeLookup lookup(tx.places().prisons(), tx.places().pdus());
  auto in_scope = cases_within(lookup, chosen.scope, cases);
  auto tables = tables_of(in_scope, chosen.characteristic, rules);
  auto referred = referrals_of(tx, in_scope, chosen.characteristic, chosen.referrals_group);
  return {chosen.scope,
          scope_name(tx, chosen.scope),
          chosen.period,
          chosen.characteristic,
          rules,
          static_cast<int>(in_scope.size()),
          std::move(tables.measures),
          std::move(tables.lateness),
          std::move(tables.progress),
          std::move(tables.first_contact),
          std::move(tables.officer_changes),
          offered_periods(clock.today()),
          chosen.referrals_group,
          referral_tables(referred.reaches, referred.services, rules),
          chosen.compared,
          compare_within(tx, actor, chosen.scope, cases, lookup, chosen.compared, rules),
          {clock.now_seconds(), clock.today(), 0},
          false};
}

// The group named by "group" ("total" when left out) in the characteristic's groups; ValidationFailed otherwise.
Group read_group(const FieldInput& query, Characteristic characteristic) {
  if (auto group = group_named(query, "group", characteristic)) return *group;
  throw ValidationFailed("group", staff_text("Choose a group of the characteristic, or all"));
}

// A distribution whose bands a drill-down lists, named as its table is (in links and CSV names).
struct NamedDistribution {
  ComparedMeasure measure;
  DayBands bands;
  std::optional<Lateness> (*days)(const CaseFigures&);
};
std::optional<NamedDistribution> distribution_named(std::string_view code) {
  if (code == "com_lateness")
    return NamedDistribution{{std::string{code}, "How late community offender managers were allocated",
                              definition_of(Measure::com_allocated_on_time)},
                             com_lateness_day_bands(),
                             [](const CaseFigures& c) { return c.com_lateness; }};
  if (code == "referral_first_contact")
    return NamedDistribution{{std::string{code}, "Days from referral to first contact",
                              "Of the people with a referral sent in the period, the days from their first referral to "
                              "its first appointment or start; no contact yet when neither has come."},
                             first_contact_day_bands(),
                             [](const CaseFigures& c) { return c.first_contact; }};
  return std::nullopt;
}

std::optional<bool> lead_changed(const CaseFigures& c) {
  if (!c.officer_changes) return std::nullopt;
  return c.officer_changes->changes > 0;
}

// The referral tables a drill-down lists a row of: by service or by pathway.
constexpr std::string_view by_service_code = "referrals_by_service", by_pathway_code = "referrals_by_pathway";
std::optional<ComparedMeasure> referral_table_named(std::string_view code) {
  if (code == by_service_code)
    return ComparedMeasure{std::string{code}, "Referrals by service",
                           "Of the people referred to the service in the period, those whose referral to it reached "
                           "each stage by today, counted once per person and service."};
  if (code == by_pathway_code)
    return ComparedMeasure{std::string{code}, "Referrals by pathway",
                           "Of the people referred in the period to a service on the pathway (the directory's "
                           "pathways of the service), those whose referral reached each stage by today, counted once "
                           "per person and pathway."};
  return std::nullopt;
}

// The people of the group behind one count of a referral table: "row" (the service's id or the pathway's code;
// required) at "stage" (sent when left out). Indexes into `cases`; none when the count is hidden.
std::optional<std::vector<std::size_t>> referred_behind(store::Transaction& tx, const FieldInput& query,
                                                        std::span<const CaseFigures* const> cases,
                                                        const InsightCaseList& list, const DisclosureRules& rules) {
  auto by_pathway = list.measure.code == by_pathway_code;
  auto referred = referrals_of(tx, cases, list.characteristic, list.group);
  auto stage = parse_code(referral_stages(), query.contains("stage") ? query.at("stage") : "sent");
  auto reached = reaching(referred.reaches, referred.services, by_pathway, query.at("row"), *stage, rules);
  if (!reached) return std::nullopt;
  std::vector<std::size_t> behind;  // referrals_of keeps the cases' order: match them up in one pass
  auto next = cases.begin();
  for (auto i : *reached) {
    next = std::find(next, cases.end(), referred.cases[i]);
    behind.push_back(static_cast<std::size_t>(next - cases.begin()));
  }
  return behind;
}

// The title of a referral table's drill-down: the table's `title`, then the row and stage it lists
// ("Referrals by pathway: Accommodation, started").
std::string referral_row_title(store::Transaction& tx, const FieldInput& query, bool by_pathway, const std::string& title) {
  const auto& row = query.at("row");
  auto stage = parse_code(referral_stages(), query.contains("stage") ? query.at("stage") : "sent");
  auto named = row;
  if (by_pathway)
    named = entry_for(pathways(), *parse_code(pathways(), row)).label;
  else if (auto service = tx.directory().find_service(row))
    named = service->name;
  return staff_text("((table)): ((row)), ((stage))",
                    {{"table", title}, {"row", named}, {"stage", entry_for(referral_stages(), *stage).label}});
}

// "row" and "stage" of a referral table's drill-down, checked: ValidationFailed naming each that is wrong.
void check_referral_row(const FieldInput& query, bool by_pathway) {
  FieldReader reader(query);
  auto row = query.contains("row") ? query.at("row") : "";
  if (row.empty())
    reader.fail("row", staff_text("Choose the service or pathway whose referrals to list"));
  else if (by_pathway && !parse_code(pathways(), row))
    reader.fail("row", staff_text("Choose one of the pathways"));
  reader.code("stage", Need::optional, referral_stages());
  reader.throw_if_failed();
}

// The band named by "band" among the distribution's buckets, as a Group; ValidationFailed otherwise.
Group read_band(const FieldInput& query, const DayBands& bands) {
  auto code = query.contains("band") ? query.at("band") : "";
  for (const auto& band : bands.bands)
    if (band.code == code) return {code, std::string{band.label}};
  if (bands.none.code == code) return {code, std::string{bands.none.label}};
  throw ValidationFailed("band", staff_text("Choose a band of the distribution"));
}

// The memo's key for a view: everything its figures depend on but today and the records.
std::string memo_key(const Choices& chosen, const DisclosureRules& rules) {
  return std::string{entry_for(scope_kinds(), chosen.scope.kind).code} + "|" + chosen.scope.code + "|" +
         to_iso(chosen.period.from) + "|" + to_iso(chosen.period.to) + "|" +
         std::string{entry_for(characteristics(), chosen.characteristic).code} + "|" + chosen.referrals_group.code + "|" +
         chosen.compared.code + "|" +
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

InsightCaseList insight_cases(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                              const DisclosureRules& rules, InsightMemo& memo) {
  auto today = clock.today();
  auto measure = query.contains("measure") ? query.at("measure") : "";
  if (measure.empty()) throw ValidationFailed("measure", staff_text("Choose the measure whose cases to list"));
  auto distribution = distribution_named(measure);
  auto rates = measure == officer_changes_code;
  auto referral_table = referral_table_named(measure);
  if (referral_table) check_referral_row(query, measure == by_pathway_code);
  auto measure_query = query;
  measure_query["compare"] = distribution || referral_table ? "" : measure;  // neither compares units
  Choices chosen;
  try {
    chosen = read_choices(measure_query, actor, today);
  } catch (const ValidationFailed& failed) {  // the measure was read as "compare": name it as asked for
    std::vector<FieldError> errors;
    for (auto error : failed.errors()) errors.push_back({error.field == "compare" ? "measure" : error.field, error.message});
    throw ValidationFailed(errors);
  }
  if (distribution) chosen.compared = distribution->measure;
  if (referral_table) chosen.compared = *referral_table;
  InsightCaseList list{chosen.scope, "", chosen.period, chosen.characteristic, chosen.compared,
                       distribution ? read_band(query, distribution->bands) : read_group(query, chosen.characteristic),
                       query.contains("met") && query.at("met") == "yes", false, 0, {}, 0, 0, distribution.has_value()};
  std::vector<std::int64_t> behind;
  {
    auto tx = store.begin_read();
    require_scope(*tx, chosen.scope);
    list.scope_name = scope_name(*tx, chosen.scope);
    auto latest_change = tx->insight().latest_entry();
    auto figures = memo.figures_for(chosen.period, today, today);
    std::lock_guard working(figures->working);
    memo.bring_up_to_date(*tx, *figures, chosen.period, latest_change);
    auto cases = cases_within(*tx, chosen.scope, figures->cases);
    std::optional<std::vector<std::size_t>> indexes;
    if (referral_table) {
      list.measure.title = referral_row_title(*tx, query, measure == by_pathway_code, list.measure.title);
      indexes = referred_behind(*tx, query, cases, list, rules);
    } else if (distribution) {
      std::vector<std::optional<Lateness>> days;
      for (const auto* c : cases) days.push_back(distribution->days(*c));
      indexes = cases_in_bucket(list.group.code, days, distribution->bands, rules);
    } else {
      std::vector<std::optional<bool>> outcomes;
      std::vector<std::size_t> groups;
      auto named = outcome_named(chosen.compared.code);  // read_choices accepted the code, or it is the rates'
      for (const auto* c : cases) {
        outcomes.push_back(rates ? lead_changed(*c) : named->of(*c));
        groups.push_back(c->groups[static_cast<std::size_t>(chosen.characteristic)]);
      }
      indexes = cases_behind({list.group.code, list.only_met}, outcomes, groups, chosen.characteristic, rules);
    }
    if (!indexes) {
      list.hidden = true;
      return list;
    }
    for (auto i : *indexes) behind.push_back(cases[i]->person_id);
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

std::shared_ptr<InsightMemo::PeriodFigures> InsightMemo::figures_for(const Period& period, Date day, Date today) {
  auto key = to_iso(period.from) + "|" + to_iso(period.to) + "|" + to_iso(day);
  std::lock_guard lock(mutex_);
  ++asks_;
  if (auto kept = figures_.find(key); kept != figures_.end()) {
    kept->second->used = asks_;
    return kept->second;
  }
  std::erase_if(figures_, [&](const auto& entry) { return entry.second->day < today; });  // never used again
  while (figures_.size() >= periods_kept) {
    auto oldest = figures_.end();
    for (auto entry = figures_.begin(); entry != figures_.end(); ++entry)
      if (entry->second->day == today && (oldest == figures_.end() || entry->second->used < oldest->second->used))
        oldest = entry;
    if (oldest == figures_.end()) break;  // all made ahead for later days
    figures_.erase(oldest);
  }
  auto made = std::make_shared<PeriodFigures>(day);
  made->used = asks_;
  return figures_[key] = made;
}

std::optional<std::int64_t> InsightMemo::needed_after(Date today) {
  std::vector<std::shared_ptr<PeriodFigures>> kept;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, figures] : figures_)
      if (figures->day >= today) kept.push_back(figures);
  }
  std::optional<std::int64_t> earliest;
  for (const auto& figures : kept) {  // each under its own lock, never inside the memo's (requests take them the other way)
    std::lock_guard working(figures->working);
    if (figures->made) earliest = std::min(earliest.value_or(figures->seen_change), figures->seen_change);
  }
  return earliest;
}

std::optional<InsightReport> InsightMemo::kept_report(const std::string& key, const Clock& clock,
                                                      std::int64_t latest_change, const StaffMember& actor) {
  std::lock_guard lock(mutex_);
  auto kept = reports_.find(key);
  if (kept == reports_.end()) return std::nullopt;
  auto reuse = reuse_of(kept->second.worked_out, clock.now_seconds(), clock.today(), latest_change, allowed_age_);
  if (reuse == Reuse::work_out) return std::nullopt;
  auto report = kept->second;
  report.changed_since = reuse == Reuse::with_its_age;
  for (auto& unit : report.units.units) unit.may_open = may_view_insight(actor, unit.unit);
  return report;
}

void InsightMemo::keep(const std::string& key, const InsightReport& report) {
  std::lock_guard lock(mutex_);
  if (reports_.size() >= kept && !reports_.contains(key))
    reports_.erase(std::ranges::min_element(reports_, {}, [](const auto& entry) { return entry.second.worked_out.at; }));
  reports_.insert_or_assign(key, report);
}

InsightReport insight_report(store::Store& store, const Clock& clock, const StaffMember& actor, const FieldInput& query,
                             const DisclosureRules& rules, InsightMemo& memo) {
  auto today = clock.today();
  auto chosen = read_choices(query, actor, today);
  auto tx = store.begin_read();
  require_scope(*tx, chosen.scope);
  auto latest_change = tx->insight().latest_entry();
  auto key = memo_key(chosen, rules);
  if (auto kept = memo.kept_report(key, clock, latest_change, actor)) return *kept;
  auto figures = memo.figures_for(chosen.period, today, today);
  std::lock_guard working(figures->working);
  // A request for the same view that held the figures before this one has just kept its report.
  if (auto kept = memo.kept_report(key, clock, latest_change, actor)) return *kept;
  memo.bring_up_to_date(*tx, *figures, chosen.period, latest_change);
  auto report = sum_up(*tx, actor, chosen, figures->cases, clock, rules);
  report.worked_out.latest_change = figures->seen_change;
  memo.keep(key, report);
  return report;
}

std::int64_t keep_figures_ready(store::Store& store, const Clock& clock, InsightMemo& memo, std::chrono::seconds lead,
                                std::stop_token stop) {
  auto today = clock.today();
  std::vector<Date> days{today};
  auto next_day = add_days(today, 1);
  if (std::chrono::sys_days{next_day} - clock.now_seconds() <= lead) days.push_back(next_day);
  for (auto day : days)
    for (const auto& offered : offered_periods(day)) {
      auto tx = store.begin_read();
      auto latest_change = tx->insight().latest_entry();
      auto figures = memo.figures_for(offered.period, day, today);
      std::lock_guard working(figures->working);
      if (!memo.bring_up_to_date(*tx, *figures, offered.period, latest_change, stop)) return 0;
    }
  auto needed = memo.needed_after(today);
  if (!needed) return 0;
  {
    auto tx = store.begin_read();
    if (*needed <= tx->insight().trimmed_up_to()) return 0;  // nothing (more) to trim
  }
  auto tx = store.begin_write();
  auto trimmed = tx->insight().trim_changes(*needed);
  tx->commit();
  return trimmed;
}

}  // namespace resettle::services

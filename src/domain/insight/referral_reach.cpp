// Referrals by service and by pathway (see referral_reach.hpp).
#include "domain/insight/referral_reach.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace resettle {

namespace {

// Sent in JSON and links: codes may only be added to; labels may change.
constexpr std::array<Coded<ReferralStage>, referral_stage_count> stage_list{{
    {ReferralStage::sent, "sent", "Referred"},
    {ReferralStage::accepted, "accepted", "Accepted"},
    {ReferralStage::started, "started", "Started"},
    {ReferralStage::completed, "completed", "Completed"},
}};

constexpr std::array<ReferralStatus, referral_stage_count> step_of{ReferralStatus::sent, ReferralStatus::accepted,
                                                                   ReferralStatus::started, ReferralStatus::completed};

using Reached = std::array<bool, referral_stage_count>;

void merge(Reached& into, const Reached& from) {
  for (std::size_t stage = 0; stage < referral_stage_count; ++stage) into[stage] = into[stage] || from[stage];
}

// The services referred to, by id, with the rows of the table by service in the order shown.
struct ServiceRows {
  std::unordered_map<std::string, const Service*> directory;
  std::map<std::string, std::size_t> row_of;  // by service id
  std::vector<ReachRow> rows;
};

ServiceRows service_rows(std::span<const std::span<const ServiceReach>> people, std::span<const Service> services) {
  ServiceRows result;
  for (const auto& service : services) result.directory[service.id] = &service;
  std::map<std::string, std::string> label_of;  // by id
  for (const auto& reaches : people)
    for (const auto& reach : reaches)
      if (!label_of.contains(reach.service_id)) {
        auto found = result.directory.find(reach.service_id);
        label_of[reach.service_id] = found == result.directory.end() ? reach.service_id : found->second->name;
      }
  std::vector<std::pair<std::string, std::string>> ordered;  // label, id
  for (const auto& [id, label] : label_of) ordered.emplace_back(label, id);
  std::ranges::sort(ordered);
  for (const auto& [label, id] : ordered) {
    result.row_of[id] = result.rows.size();
    result.rows.push_back({id, label});
  }
  return result;
}

// The pathway's place in pathways(), where the tables show it.
std::size_t index_of(Pathway pathway) {
  return static_cast<std::size_t>(std::ranges::find(pathways(), pathway, &Coded<Pathway>::value) - pathways().begin());
}

// A person's stages reached on each pathway (pathways() order), over their services covering it; empty where
// none does.
std::vector<std::optional<Reached>> on_pathways(std::span<const ServiceReach> reaches,
                                                const std::unordered_map<std::string, const Service*>& directory) {
  std::vector<std::optional<Reached>> result(pathways().size());
  for (const auto& reach : reaches) {
    auto found = directory.find(reach.service_id);
    if (found == directory.end()) continue;
    for (auto pathway : found->second->pathways) {
      auto& on = result[index_of(pathway)];
      if (!on) on = Reached{};
      merge(*on, reach.reached);
    }
  }
  return result;
}

void count(ReachRow& row, const Reached& reached) {
  for (std::size_t stage = 0; stage < referral_stage_count; ++stage) row.people[stage] += reached[stage] ? 1 : 0;
}

void hide_small(ReachTable& table, const DisclosureRules& rules) {
  std::vector<int> referred;
  for (const auto& row : table.rows) referred.push_back(row.people[0]);
  auto suppression = suppress(referred, rules.threshold);
  for (std::size_t i = 0; i < table.rows.size(); ++i) table.rows[i].hidden = suppression.hidden[i];
}

}  // namespace

std::span<const Coded<ReferralStage>> referral_stages() { return stage_list; }

std::vector<ServiceReach> reach_by_service(std::span<const Referral> referrals, const Period& period, Date today) {
  std::map<std::string, Reached> reached;  // by service id, so in id order
  for (const auto& referral : referrals) {
    auto sent = referral.date_of(ReferralStatus::sent);
    if (!sent || !period.contains(*sent) || *sent > today) continue;
    Reached steps{};
    for (std::size_t stage = 0; stage < referral_stage_count; ++stage) {
      auto on = referral.date_of(step_of[stage]);
      steps[stage] = on && *on <= today;
    }
    merge(reached[referral.service_id], steps);
  }
  std::vector<ServiceReach> result;
  for (const auto& [service_id, steps] : reached) result.push_back({service_id, steps});
  return result;
}

bool ReachTable::all_hidden() const {
  return std::ranges::all_of(rows, [](const ReachRow& row) { return row.hidden || row.people[0] == 0; });
}

ReferralTables referral_tables(std::span<const std::span<const ServiceReach>> people, std::span<const Service> services,
                               const DisclosureRules& rules) {
  auto by_service = service_rows(people, services);
  ReferralTables tables{{std::move(by_service.rows)}, {}};
  for (const auto& pathway : pathways())
    tables.by_pathway.rows.push_back({std::string{pathway.code}, std::string{pathway.label}});
  for (const auto& reaches : people) {
    for (const auto& reach : reaches) count(tables.by_service.rows[by_service.row_of.at(reach.service_id)], reach.reached);
    auto pathways_reached = on_pathways(reaches, by_service.directory);
    for (std::size_t i = 0; i < pathways_reached.size(); ++i)
      if (pathways_reached[i]) count(tables.by_pathway.rows[i], *pathways_reached[i]);
  }
  hide_small(tables.by_service, rules);
  hide_small(tables.by_pathway, rules);
  return tables;
}

std::optional<std::vector<std::size_t>> reaching(std::span<const std::span<const ServiceReach>> people,
                                                 std::span<const Service> services, bool by_pathway,
                                                 const std::string& code, ReferralStage stage,
                                                 const DisclosureRules& rules) {
  auto tables = referral_tables(people, services, rules);
  const auto& rows = by_pathway ? tables.by_pathway.rows : tables.by_service.rows;
  auto row = std::ranges::find(rows, code, &ReachRow::code);
  if (row == rows.end()) return std::vector<std::size_t>{};  // nobody referred there
  if (row->hidden) return std::nullopt;
  auto at = static_cast<std::size_t>(stage);
  std::unordered_map<std::string, const Service*> directory;
  for (const auto& service : services) directory[service.id] = &service;
  auto pathway = parse_code(pathways(), code);  // a row by pathway was found, so the code is one
  std::vector<std::size_t> behind;
  for (std::size_t person = 0; person < people.size(); ++person) {
    std::optional<Reached> reached;
    if (!by_pathway) {
      auto reach = std::ranges::find(people[person], code, &ServiceReach::service_id);
      if (reach != people[person].end()) reached = reach->reached;
    } else {
      reached = on_pathways(people[person], directory)[index_of(*pathway)];
    }
    if (reached && (*reached)[at]) behind.push_back(person);
  }
  return behind;
}

}  // namespace resettle

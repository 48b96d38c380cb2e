// Ranking the practitioners who could take a case, with their reasons (see allocation_recommendation.hpp).
#include "domain/allocation/allocation_recommendation.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {

bool same_words(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string lower_first(std::string_view text) {
  std::string lowered{text};
  if (!lowered.empty()) lowered[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lowered[0])));
  return lowered;
}

// The most recent time this practitioner worked with the person, in words.
std::string continuity_reason(const Person& person, const std::vector<Allocation>& with_person) {
  const auto& latest = *std::max_element(with_person.begin(), with_person.end(), [](const auto& a, const auto& b) {
    return std::tuple{!a.to.has_value(), a.from} < std::tuple{!b.to.has_value(), b.from};
  });
  auto part = part_in_words(latest.role, latest.kind);
  if (!latest.to) return staff_text("Knows ((name)): their ((part)) now", {{"name", person.given_name}, {"part", part}});
  return staff_text("Knows ((name)): was their ((part)) from ((from)) to ((to))",
                    {{"name", person.given_name}, {"part", part}, {"from", to_iso(latest.from)}, {"to", to_iso(*latest.to)}});
}

std::string workload_reason(const Workload& workload, WorkloadBand band) {
  if (band == WorkloadBand::no_capacity)
    return staff_text_plural("((count)) case; no capacity recorded for this work",
                             "((count)) cases; no capacity recorded for this work", workload.cases);
  static constexpr std::array<std::string_view, 3> band_words{staff_label("has room"), staff_label("nearly full"),
                                                              staff_label("over capacity")};
  auto points = std::to_string(workload.points);
  auto capacity = std::to_string(workload.capacity);
  auto percent = std::to_string(*workload.percent());
  auto band_text = staff_text_of(band_words[static_cast<std::size_t>(band)]);
  return staff_text_plural("((count)) case, ((points)) of ((capacity)) points (((percent))% of capacity): ((band))",
                           "((count)) cases, ((points)) of ((capacity)) points (((percent))% of capacity): ((band))",
                           workload.cases,
                           {{"points", points}, {"capacity", capacity}, {"percent", percent}, {"band", band_text}});
}

std::string absence_reason(const StaffMember& staff) {
  auto from = to_iso(*staff.away_from);
  if (!staff.away_until) return staff_text("Away from ((from)), return date not known", {{"from", from}});
  return staff_text("Away from ((from)) until ((until))", {{"from", from}, {"until", to_iso(*staff.away_until)}});
}

bool works_elsewhere(const Person& person, const StaffMember& staff, Role role) {
  if (role == Role::com) return !person.pdu_code.empty() && staff.pdu_code != person.pdu_code;
  return !person.prison_code.empty() && staff.prison_code != person.prison_code;
}

AllocationRecommendation recommend(const Person& person, std::span<const Specialism> needed,
                                   const AllocationCandidate& candidate, Role role, Date today) {
  AllocationRecommendation recommendation{candidate.staff, candidate.workload, workload_band(candidate.workload),
                                          !candidate.with_this_person.empty(), !is_away(candidate.staff, today),
                                          {}, {}};
  for (auto specialism : needed)
    if (std::ranges::find(candidate.staff.specialisms, specialism) != candidate.staff.specialisms.end())
      recommendation.matching_specialisms.push_back(specialism);
  auto& reasons = recommendation.reasons;
  if (!recommendation.available) reasons.push_back(absence_reason(candidate.staff));
  // Key work is the one part another role may hold (may_hold_role): POMs.
  if (candidate.staff.role != role)
    reasons.push_back(staff_text("A ((role)) who may also act as key worker: key workers come first",
                                 {{"role", lower_first(role_label(candidate.staff.role))}}));
  if (recommendation.knows_person) {
    reasons.push_back(continuity_reason(person, candidate.with_this_person));
    if (works_elsewhere(person, candidate.staff, role))
      reasons.push_back(staff_text("Based elsewhere: keeps someone ((name)) knows across the move", {{"name", person.given_name}}));
  }
  reasons.push_back(workload_reason(candidate.workload, recommendation.band));
  for (auto specialism : recommendation.matching_specialisms)
    reasons.push_back(staff_text("Specialism: ((specialism))", {{"specialism", entry_for(specialisms(), specialism).label}}));
  return recommendation;
}

// Those whose own role it is come before those who may also do it (key workers before POMs for key
// work), so a POM is offered key work only when no key worker is free.
auto rank_key(const AllocationRecommendation& r, Role role) {
  return std::tuple{!r.available, r.staff.role != role, !r.knows_person, r.band,
                    -static_cast<int>(r.matching_specialisms.size()), r.workload.percent().value_or(0),
                    r.staff.display_name, r.staff.id};
}

}  // namespace

std::string part_in_words(Role role, AllocationKind kind) {
  auto words = lower_first(role_label(role));
  return kind == AllocationKind::deputy ? staff_text("deputy ((role))", {{"role", words}}) : words;
}

WorkloadBand workload_band(const Workload& workload) {
  auto percent = workload.percent();
  if (!percent) return WorkloadBand::no_capacity;
  if (*percent > over_capacity_above_percent) return WorkloadBand::over_capacity;
  if (*percent > nearly_full_from_percent) return WorkloadBand::nearly_full;
  return WorkloadBand::has_room;
}

bool may_hold_role(Role staff_role, Role case_role) {
  if (case_role == Role::key_worker) return staff_role == Role::key_worker || staff_role == Role::pom;
  return staff_role == case_role && holds_caseload(case_role);
}

std::vector<Specialism> specialisms_needed(const Person& person, const RiskProfile& risk) {
  std::vector<Specialism> needed;
  if (person.gender == Gender::female) needed.push_back(Specialism::women);
  if (same_words(person.preferred_language, "Welsh") || same_words(person.preferred_language, "Cymraeg"))
    needed.push_back(Specialism::welsh_language);
  if (risk.iom) needed.push_back(Specialism::iom);
  return needed;
}

std::vector<AllocationRecommendation> rank_candidates(const Person& person, std::span<const Specialism> needed,
                                                      std::span<const AllocationCandidate> candidates, Role role,
                                                      Date today) {
  std::vector<AllocationRecommendation> ranked;
  for (const auto& candidate : candidates)
    if (candidate.staff.active && may_hold_role(candidate.staff.role, role))
      ranked.push_back(recommend(person, needed, candidate, role, today));
  std::ranges::sort(ranked, [role](const auto& a, const auto& b) { return rank_key(a, role) < rank_key(b, role); });
  return ranked;
}

std::string allocation_reason(const AllocationRecommendation& recommendation, const std::string& note) {
  std::string reason;
  for (const auto& line : recommendation.reasons) reason += (reason.empty() ? "" : "; ") + line;
  return note.empty() ? reason : staff_text("((reasons)). Note: ((note))", {{"reasons", reason}, {"note", note}});
}

std::optional<Allocation> contact_for(Role role, std::span<const Allocation> current,
                                      std::span<const StaffMember> staff, Date today) {
  auto held = [&](AllocationKind kind) -> std::optional<Allocation> {
    for (const auto& allocation : current)
      if (allocation.role == role && allocation.kind == kind) return allocation;
    return std::nullopt;
  };
  auto lead = held(AllocationKind::lead);
  auto deputy = held(AllocationKind::deputy);
  if (!lead) return deputy;
  auto member = std::ranges::find(staff, lead->staff_id, &StaffMember::id);
  bool lead_away = member != staff.end() && is_away(*member, today);
  return lead_away && deputy ? deputy : lead;
}

}  // namespace resettle

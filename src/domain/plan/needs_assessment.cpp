// Needs assessments and the changes between two of them (see needs_assessment.hpp).
#include "domain/plan/needs_assessment.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<NeedLevel>, 4> need_level_table{{
    {NeedLevel::no_need, "no_need", "No need"},
    {NeedLevel::low, "low", "Low need"},
    {NeedLevel::medium, "medium", "Medium need"},
    {NeedLevel::high, "high", "High need"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AssessmentSource>, 4> source_table{{
    {AssessmentSource::self_report, "self_report", "The person's own account"},
    {AssessmentSource::practitioner, "practitioner", "Practitioner's assessment"},
    {AssessmentSource::oasys, "oasys", "OASys assessment"},
    {AssessmentSource::agency, "agency", "Information from another agency"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AssessmentKind>, 2> kind_table{{
    {AssessmentKind::reception_screening, "reception_screening", "Reception screening"},
    {AssessmentKind::resettlement_assessment, "resettlement_assessment", "Resettlement assessment"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<Offer>, 2> offer_table{{
    {Offer::core, "core", "Core: short screen and a progression plan the person owns"},
    {Offer::specialised, "specialised", "Specialised: full resettlement plan"},
}};

constexpr std::size_t max_strengths_length = 2000;
constexpr std::size_t max_own_words_length = 4000;

// One strength per line; blank lines and repeats dropped, first-seen order kept.
std::vector<std::string> split_strengths(std::string_view text) {
  std::vector<std::string> strengths;
  while (!text.empty()) {
    auto end = text.find('\n');
    std::string line{trimmed(text.substr(0, end))};
    if (!line.empty() && std::find(strengths.begin(), strengths.end(), line) == strengths.end())
      strengths.push_back(std::move(line));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return strengths;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : std::string{separator}) + part;
  return joined;
}

// Entries of `from` that are not in `other`, in order.
std::vector<std::string> missing_from(const std::vector<std::string>& from, const std::vector<std::string>& other) {
  std::vector<std::string> missing;
  for (const auto& entry : from)
    if (std::find(other.begin(), other.end(), entry) == other.end()) missing.push_back(entry);
  return missing;
}

std::string lower_case_label(Pathway pathway) {
  std::string label{pathway_label(pathway)};
  if (!label.empty()) label.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(label.front())));
  return label;
}

// A pathway's entry; nullopt when `may_be_unasked` and it was left without a level or source (not
// yet asked about). Missing levels and sources are named in a sentence with the pathway.
std::optional<PathwayAssessment> read_entry(FieldReader& reader, Pathway pathway, bool may_be_unasked) {
  auto field = [&](std::string_view name) { return pathway_field(pathway, name); };
  if (may_be_unasked && !reader.has(field("need_level")) && !reader.has(field("source"))) return std::nullopt;
  PathwayAssessment entry;
  if (!reader.has(field("need_level"))) reader.fail(field("need_level"), "Select a need level for " + lower_case_label(pathway));
  if (!reader.has(field("source")))
    reader.fail(field("source"), "Select where the information about " + lower_case_label(pathway) + " came from");
  entry.need_level = reader.code(field("need_level"), Need::optional, need_levels()).value_or(NeedLevel::no_need);
  entry.source = reader.code(field("source"), Need::optional, assessment_sources()).value_or(AssessmentSource::practitioner);
  entry.strengths = split_strengths(reader.text(field("strengths"), Need::optional, max_strengths_length));
  entry.own_words = reader.text(field("own_words"), Need::optional, max_own_words_length);
  return entry;
}

PathwayChange compare(Pathway pathway, const PathwayAssessment& before, const PathwayAssessment& after) {
  PathwayChange change;
  change.pathway = pathway;
  if (before.need_level != after.need_level) {
    change.need_before = before.need_level;
    change.need_after = after.need_level;
  }
  change.strengths_added = missing_from(after.strengths, before.strengths);
  change.strengths_removed = missing_from(before.strengths, after.strengths);
  change.own_words_changed = before.own_words != after.own_words;
  change.source_changed = before.source != after.source;
  return change;
}
}  // namespace

std::span<const Coded<NeedLevel>> need_levels() { return need_level_table; }
std::span<const Coded<AssessmentSource>> assessment_sources() { return source_table; }
std::span<const Coded<AssessmentKind>> assessment_kinds() { return kind_table; }
std::span<const Coded<Offer>> offers() { return offer_table; }

std::chrono::sys_seconds reception_screening_due(std::chrono::sys_seconds arrived_at) {
  return arrived_at + reception_screening_window;
}

Date reception_screening_due(Date arrival_date) {
  return add_days(arrival_date, static_cast<int>(reception_screening_window / std::chrono::days{1}));
}

bool reception_screening_overdue(Date arrival_date, Date today) {
  return today > reception_screening_due(arrival_date);
}

NeedsAssessment prefill_from(const NeedsAssessment& last, AssessmentKind kind, Date assessed_on,
                             std::string assessed_by) {
  NeedsAssessment next;
  next.person_id = last.person_id;
  next.kind = kind;
  next.assessed_on = assessed_on;
  next.assessed_by = std::move(assessed_by);
  next.pathways = last.pathways;
  return next;
}

NeedMove PathwayChange::need_move() const {
  if (!need_before || !need_after) return NeedMove::unchanged;
  return *need_after > *need_before ? NeedMove::raised : NeedMove::lowered;
}

std::vector<std::string> PathwayChange::changed_fields() const {
  std::vector<std::string> fields;
  auto add = [&](bool changed, std::string_view name) {
    if (changed) fields.push_back(pathway_field(pathway, name));
  };
  add(newly_assessed || no_longer_assessed || need_before.has_value(), "need_level");
  add(newly_assessed || no_longer_assessed || !strengths_added.empty() || !strengths_removed.empty(), "strengths");
  add(newly_assessed || no_longer_assessed || own_words_changed, "own_words");
  add(newly_assessed || no_longer_assessed || source_changed, "source");
  return fields;
}

std::vector<PathwayChange> what_changed(const NeedsAssessment& previous, const NeedsAssessment& current) {
  std::vector<PathwayChange> changes;
  for (const auto& [pathway, code, label] : pathways()) {
    auto before = previous.pathways.find(pathway);
    auto after = current.pathways.find(pathway);
    bool had = before != previous.pathways.end(), has = after != current.pathways.end();
    if (!had && !has) continue;
    PathwayChange change;
    change.pathway = pathway;
    if (had && has) {
      change = compare(pathway, before->second, after->second);
      if (change.changed_fields().empty()) continue;  // same content, e.g. strengths reordered
    } else if (has) {
      change.newly_assessed = true;
      change.strengths_added = after->second.strengths;
    } else {
      change.no_longer_assessed = true;
      change.strengths_removed = before->second.strengths;
    }
    changes.push_back(std::move(change));
  }
  return changes;
}

PathwayAssessment read_pathway_assessment(const FieldInput& input, Pathway pathway) {
  FieldReader reader{input};
  auto entry = read_entry(reader, pathway, false);
  reader.throw_if_failed();
  return *entry;
}

NeedsAssessment read_needs_assessment(const FieldInput& input, Date today) {
  FieldReader reader{input};
  NeedsAssessment assessment;
  assessment.kind = reader.code("kind", Need::required, assessment_kinds()).value_or(AssessmentKind::resettlement_assessment);
  if (auto on = reader.past_date("assessed_on", Need::required, today)) assessment.assessed_on = *on;
  assessment.assessed_by = reader.text("assessed_by", Need::required, 100);
  // A reception screening may leave pathways not yet asked about; a full assessment covers them all.
  bool screening = assessment.kind == AssessmentKind::reception_screening;
  for (const auto& entry : pathways())
    if (auto read = read_entry(reader, entry.value, screening)) assessment.pathways[entry.value] = *read;
  reader.throw_if_failed();
  return assessment;
}

FieldInput needs_assessment_fields(const NeedsAssessment& assessment) {
  FieldInput fields{
      {"kind", std::string{entry_for(assessment_kinds(), assessment.kind).code}},
      {"assessed_on", to_iso(assessment.assessed_on)},
      {"assessed_by", assessment.assessed_by},
  };
  for (const auto& [pathway, entry] : assessment.pathways) {
    fields[pathway_field(pathway, "need_level")] = entry_for(need_levels(), entry.need_level).code;
    fields[pathway_field(pathway, "source")] = entry_for(assessment_sources(), entry.source).code;
    fields[pathway_field(pathway, "strengths")] = join(entry.strengths, "\n");
    fields[pathway_field(pathway, "own_words")] = entry.own_words;
  }
  return fields;
}

OfferChoice choose_offer(const RiskFacts& risk) {
  std::vector<std::string> triggers;
  if (risk.rosh >= specialised_from_rosh)
    triggers.push_back("Risk of serious harm: " + std::string{entry_for(rosh_levels(), risk.rosh).label});
  if (risk.mappa >= specialised_from_mappa) triggers.emplace_back(entry_for(mappa_levels(), risk.mappa).label);
  if (risk.tier <= specialised_from_tier) triggers.emplace_back(entry_for(tiers(), risk.tier).label);
  if (triggers.empty())
    return {Offer::core, "Risk of serious harm below high, not MAPPA level 2 or 3, and tier C or D"};
  return {Offer::specialised, join(triggers, "; ")};
}

}  // namespace resettle

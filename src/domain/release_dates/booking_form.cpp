// The booking's forms (see booking_form.hpp).
#include "domain/release_dates/booking_form.hpp"

#include <array>

namespace resettle {

namespace {
constexpr std::array<std::string_view, 4> term_parts{"years", "months", "weeks", "days"};
constexpr int max_term_part = 200 * 366;
constexpr std::size_t max_reason_length = 200;

Term read_term(FieldReader& reader, const std::string& name) {
  std::array<int, 4> parts{};
  for (std::size_t i = 0; i < term_parts.size(); ++i)
    parts[i] = int(reader.integer(name + "_" + std::string{term_parts[i]}, Need::optional, 0, max_term_part).value_or(0));
  return {parts[0], parts[1], parts[2], parts[3]};
}

void add_term(FieldInput& fields, const std::string& name, const Term& term) {
  const std::array<int, 4> parts{term.years, term.months, term.weeks, term.days};
  for (std::size_t i = 0; i < term_parts.size(); ++i)
    fields[name + "_" + std::string{term_parts[i]}] = parts[i] ? std::to_string(parts[i]) : "";
}

std::string exclusion_field(const Coded<OffenceExclusion>& exclusion) { return "exclusion_" + std::string{exclusion.code}; }
std::string exclusion_field(const Coded<ProgressionExclusion>& exclusion) {
  return "progression_exclusion_" + std::string{exclusion.code};
}
std::string flag(bool on) { return on ? "true" : ""; }

constexpr long long max_fine_pence = 1'000'000'000'00LL;  // a thousand million pounds, as the API

// A sum as people type it: pounds with an optional pound sign, commas between thousands and up to two
// decimal places ("250", "£1,250.5", "1250.00"); in pence, or empty when the text is not such a sum.
std::optional<long long> pence_of(std::string_view typed) {
  if (typed.starts_with("£")) typed.remove_prefix(std::string_view{"£"}.size());
  auto point = typed.find('.');
  auto pounds = typed.substr(0, point), pence = point == std::string_view::npos ? "" : typed.substr(point + 1);
  if (pounds.empty() || pounds.front() == ',' || pence.size() > 2 || (point != std::string_view::npos && pence.empty()))
    return std::nullopt;
  long long amount = 0;
  for (char c : pounds) {
    if (c == ',') continue;
    if (c < '0' || c > '9' || amount > max_fine_pence) return std::nullopt;
    amount = amount * 10 + (c - '0');
  }
  amount *= 100;
  for (std::size_t i = 0; i < pence.size(); ++i) {
    if (pence[i] < '0' || pence[i] > '9') return std::nullopt;
    amount += (pence[i] - '0') * (i == 0 ? 10 : 1);
  }
  return amount;
}

std::string pounds_of(long long pence) {
  auto cents = std::to_string(pence % 100);
  return std::to_string(pence / 100) + "." + (cents.size() == 1 ? "0" : "") + cents;
}
}  // namespace

BookedSentence read_sentence_form(const FieldInput& form) {
  FieldReader reader{form};
  BookedSentence sentence;
  sentence.kind = reader.code("kind", Need::required, sentence_kinds()).value_or(SentenceKind::standard);
  sentence.sentenced_on = reader.date("sentenced_on", Need::required);
  sentence.offence.committed_on = reader.date("offence_committed_on", Need::optional);
  sentence.offence.sds_plus = reader.boolean("sds_plus");
  sentence.offence.section_250 = reader.boolean("section_250");
  sentence.offence.would_be_sds_plus_if_sentenced_today = reader.boolean("would_be_sds_plus");
  for (const auto& exclusion : offence_exclusions())
    if (reader.boolean(exclusion_field(exclusion))) sentence.offence.exclusions.set(static_cast<std::size_t>(exclusion.value));
  for (const auto& exclusion : progression_exclusions())
    if (reader.boolean(exclusion_field(exclusion)))
      sentence.offence.progression_exclusions.set(static_cast<std::size_t>(exclusion.value));
  sentence.term = read_term(reader, "term");
  sentence.custodial_term = read_term(reader, "custodial_term");
  sentence.extension_term = read_term(reader, "extension_term");
  // As the booking's JSON: every kind but indeterminate needs a term, given whole or, for extended
  // sentences and SOPCs, as its custodial part.
  bool in_parts = sentence.kind == SentenceKind::extended_automatic || sentence.kind == SentenceKind::extended_discretionary ||
                  sentence.kind == SentenceKind::special_custodial || sentence.kind == SentenceKind::special_custodial_under_18;
  if (sentence.kind != SentenceKind::indeterminate && sentence.term.empty() && sentence.custodial_term.empty())
    reader.fail(in_parts ? "custodial_term_years" : "term_years", "is required");
  auto consecutive_to = reader.text("consecutive_to", Need::optional, 40);
  if (!consecutive_to.empty()) sentence.consecutive_to = consecutive_to;
  if (auto type = reader.code("recall_type", Need::optional, recall_types()))
    sentence.recall = Recall{*type, reader.date("recall_revoked_on", Need::optional),
                             reader.date("recall_returned_on", Need::optional)};
  sentence.release_scheme = reader.code("release_scheme", Need::optional, release_schemes());
  auto fine = reader.text("fine_amount", Need::optional, 30);
  if (auto typed = trimmed(fine); !typed.empty()) {
    sentence.fine_amount_pence = pence_of(typed);
    if (!sentence.fine_amount_pence || *sentence.fine_amount_pence > max_fine_pence)
      reader.fail("fine_amount", "must be an amount in pounds and pence, like 250.00, up to 1,000,000,000.00");
  }
  reader.throw_if_failed();
  return sentence;
}

FieldInput sentence_form_fields(const BookedSentence& sentence) {
  FieldInput fields{
      {"kind", std::string{entry_for(sentence_kinds(), sentence.kind).code}},
      {"sentenced_on", to_iso(sentence.sentenced_on)},
      {"offence_committed_on", to_iso(sentence.offence.committed_on)},
      {"sds_plus", flag(sentence.offence.sds_plus)},
      {"section_250", flag(sentence.offence.section_250)},
      {"would_be_sds_plus", flag(sentence.offence.would_be_sds_plus_if_sentenced_today)},
      {"consecutive_to", sentence.consecutive_to.value_or("")},
      {"recall_type", sentence.recall ? std::string{entry_for(recall_types(), sentence.recall->type).code} : ""},
      {"recall_revoked_on", sentence.recall ? to_iso(sentence.recall->revoked_on) : ""},
      {"recall_returned_on", sentence.recall ? to_iso(sentence.recall->returned_on) : ""},
      {"release_scheme", sentence.release_scheme ? std::string{entry_for(release_schemes(), *sentence.release_scheme).code} : ""},
      {"fine_amount", sentence.fine_amount_pence ? pounds_of(*sentence.fine_amount_pence) : ""},
  };
  for (const auto& exclusion : offence_exclusions()) fields[exclusion_field(exclusion)] = flag(sentence.offence.has(exclusion.value));
  for (const auto& exclusion : progression_exclusions())
    fields[exclusion_field(exclusion)] = flag(sentence.offence.progression_exclusions.test(static_cast<std::size_t>(exclusion.value)));
  add_term(fields, "term", sentence.term);
  add_term(fields, "custodial_term", sentence.custodial_term);
  add_term(fields, "extension_term", sentence.extension_term);
  return fields;
}

Adjustment read_adjustment_form(const FieldInput& form) {
  FieldReader reader{form};
  Adjustment adjustment;
  adjustment.type = reader.code("type", Need::required, adjustment_types()).value_or(AdjustmentType::remand);
  adjustment.days = int(reader.integer("days", Need::required, 0, max_term_part).value_or(0));
  adjustment.from = reader.date("from", Need::optional);
  adjustment.to = reader.date("to", Need::optional);
  adjustment.applies_from = reader.date("applies_from", Need::optional);
  adjustment.effective_on = reader.date("effective_on", Need::optional);
  constexpr std::string_view applies_to = "applies_to_";
  for (const auto& field : form) {
    const auto& name = field.first;
    if (name.starts_with(applies_to) && reader.boolean(name)) adjustment.sentence_ids.push_back(name.substr(applies_to.size()));
  }
  reader.throw_if_failed();
  return adjustment;
}

FieldInput adjustment_form_fields(const Adjustment& adjustment) {
  FieldInput fields{
      {"type", std::string{entry_for(adjustment_types(), adjustment.type).code}},
      {"days", std::to_string(adjustment.days)},
      {"from", to_iso(adjustment.from)},
      {"to", to_iso(adjustment.to)},
      {"applies_from", to_iso(adjustment.applies_from)},
      {"effective_on", to_iso(adjustment.effective_on)},
  };
  for (const auto& id : adjustment.sentence_ids) fields["applies_to_" + id] = "true";
  return fields;
}

Movement read_movement_form(const FieldInput& form) {
  FieldReader reader{form};
  Movement movement;
  movement.on = reader.date("movement_date", Need::required).value_or(Date{});
  movement.direction = reader.code("direction", Need::required, movement_directions()).value_or(MovementDirection::in);
  movement.reason = reader.text("reason", Need::optional, max_reason_length);
  reader.throw_if_failed();
  return movement;
}

FieldInput movement_form_fields(const Movement& movement) {
  return {{"movement_date", to_iso(movement.on)},
          {"direction", std::string{entry_for(movement_directions(), movement.direction).code}},
          {"reason", movement.reason}};
}

std::string_view person_fact_field(PersonFact fact) {
  return fact == PersonFact::sex_offender_register ? "sex_offender_register" : "liable_to_removal";
}

bool person_fact(const Booking& booking, PersonFact fact) {
  return fact == PersonFact::sex_offender_register ? booking.person.sex_offender_register : booking.calculate_ersed;
}

void set_person_fact(Booking& booking, PersonFact fact, bool value) {
  (fact == PersonFact::sex_offender_register ? booking.person.sex_offender_register : booking.calculate_ersed) = value;
}

bool read_person_fact_form(const FieldInput& form, PersonFact fact) {
  auto field = person_fact_field(fact);
  FieldReader reader{form};
  auto answer = reader.text(field, Need::required, 3);
  if (!reader.failed(field) && answer != "yes" && answer != "no") reader.fail(field, "must be yes or no");
  reader.throw_if_failed();
  return answer == "yes";
}

std::vector<FieldError> errors_on_form(const std::vector<FieldError>& errors, std::string_view path) {
  auto prefix = std::string{path} + ".";
  std::vector<FieldError> renamed;
  for (const auto& error : errors) {
    if (!error.field.starts_with(prefix)) {
      renamed.push_back(error);
      continue;
    }
    auto field = error.field.substr(prefix.size());
    field = field.substr(0, field.find('['));  // a list is one field on the form
    for (auto& character : field)
      if (character == '.') character = '_';
    if (field == "term" || field == "custodial_term" || field == "extension_term") field += "_years";
    if (field == "sentence_ids") field = "applies_to";
    if (field == "on") field = "movement_date";
    renamed.push_back({field, error.message});
  }
  return renamed;
}

}  // namespace resettle

// Reading and checking a sentence's facts (see sentence.hpp).
#include "domain/release_dates/sentence.hpp"

#include <array>

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<LegalStatus>, 4> legal_status_table{{
    {LegalStatus::sentenced, "sentenced", "Sentenced"},
    {LegalStatus::immigration_detainee, "immigration_detainee", "Immigration detainee"},
    {LegalStatus::remand, "remand", "On remand"},
    {LegalStatus::civil, "civil", "Civil prisoner"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<SentenceType>, 2> sentence_type_table{{
    {SentenceType::determinate, "determinate", "Determinate"},
    {SentenceType::indeterminate, "indeterminate", "Indeterminate (life or IPP)"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ReleaseScheme>, 5> release_scheme_table{{
    {ReleaseScheme::standard, "standard", "Standard: released at the halfway point"},
    {ReleaseScheme::forty_percent, "forty_percent", "Standard, eligible for release at 40%"},
    {ReleaseScheme::two_thirds, "two_thirds", "Serious offence: released at two-thirds"},
    {ReleaseScheme::extended, "extended", "Extended sentence"},
    {ReleaseScheme::one_third, "one_third", "Progression model: released at a third"},
}};

// Supplied key dates by their field names, so reading and writing share one list.
struct SuppliedField {
  std::string_view name;
  std::optional<Date> SuppliedKeyDates::*member;
};
constexpr std::array<SuppliedField, 9> supplied_fields{{
    {"conditional_release_date", &SuppliedKeyDates::conditional_release_date},
    {"automatic_release_date", &SuppliedKeyDates::automatic_release_date},
    {"parole_eligibility_date", &SuppliedKeyDates::parole_eligibility_date},
    {"home_detention_curfew_eligibility_date", &SuppliedKeyDates::home_detention_curfew_eligibility_date},
    {"licence_expiry_date", &SuppliedKeyDates::licence_expiry_date},
    {"sentence_expiry_date", &SuppliedKeyDates::sentence_expiry_date},
    {"sentence_and_licence_expiry_date", &SuppliedKeyDates::sentence_and_licence_expiry_date},
    {"top_up_supervision_expiry_date", &SuppliedKeyDates::top_up_supervision_expiry_date},
    {"tariff_date", &SuppliedKeyDates::tariff_date},
}};

std::string optional_text(const std::optional<int>& number) { return number ? std::to_string(*number) : std::string{}; }
}  // namespace

std::span<const Coded<LegalStatus>> legal_statuses() { return legal_status_table; }
std::span<const Coded<SentenceType>> sentence_types() { return sentence_type_table; }
std::span<const Coded<ReleaseScheme>> release_schemes() { return release_scheme_table; }

Sentence read_sentence(const FieldInput& input) {
  constexpr long long max_days = 200 * 366;
  FieldReader reader{input};
  Sentence sentence;
  sentence.legal_status = reader.code("legal_status", Need::optional, legal_statuses()).value_or(LegalStatus::sentenced);
  sentence.type = reader.code("sentence_type", Need::required, sentence_types()).value_or(SentenceType::determinate);
  sentence.release_scheme =
      reader.code("release_scheme", Need::optional, release_schemes()).value_or(ReleaseScheme::standard);
  sentence.start_date = reader.date("sentence_start_date", Need::required);
  auto length_need = sentence.type == SentenceType::determinate ? Need::required : Need::optional;
  if (auto length = reader.integer("sentence_length_days", length_need, 1, max_days)) sentence.length_days = int(*length);
  if (auto extension = reader.integer("extension_days", Need::optional, 1, max_days)) sentence.extension_days = int(*extension);
  if (sentence.release_scheme == ReleaseScheme::extended && !sentence.extension_days && !reader.failed("extension_days"))
    reader.fail("extension_days", "is required for an extended sentence");
  sentence.remand_days = int(reader.integer("remand_days", Need::optional, 0, max_days).value_or(0));
  sentence.tagged_bail_days = int(reader.integer("tagged_bail_days", Need::optional, 0, max_days).value_or(0));
  sentence.recall = reader.boolean("recall");
  sentence.target_hearing_date = reader.date("target_hearing_date", Need::optional);
  sentence.last_parole_outcome_release = reader.boolean("last_parole_outcome_release");
  sentence.offence = reader.text("offence", Need::optional, 200);
  for (const auto& field : supplied_fields) sentence.supplied.*field.member = reader.date(field.name, Need::optional);
  if (sentence.type == SentenceType::indeterminate && !sentence.supplied.tariff_date && !reader.failed("tariff_date"))
    reader.fail("tariff_date", "is required for an indeterminate sentence");
  reader.throw_if_failed();
  return sentence;
}

FieldInput sentence_fields(const Sentence& sentence) {
  FieldInput fields{
      {"legal_status", std::string{entry_for(legal_statuses(), sentence.legal_status).code}},
      {"sentence_type", std::string{entry_for(sentence_types(), sentence.type).code}},
      {"release_scheme", std::string{entry_for(release_schemes(), sentence.release_scheme).code}},
      {"sentence_start_date", to_iso(sentence.start_date)},
      {"sentence_length_days", optional_text(sentence.length_days)},
      {"extension_days", optional_text(sentence.extension_days)},
      {"remand_days", std::to_string(sentence.remand_days)},
      {"tagged_bail_days", std::to_string(sentence.tagged_bail_days)},
      {"recall", sentence.recall ? "true" : "false"},
      {"target_hearing_date", to_iso(sentence.target_hearing_date)},
      {"last_parole_outcome_release", sentence.last_parole_outcome_release ? "true" : "false"},
      {"offence", sentence.offence},
  };
  for (const auto& field : supplied_fields) fields[std::string{field.name}] = to_iso(sentence.supplied.*field.member);
  return fields;
}

}  // namespace resettle

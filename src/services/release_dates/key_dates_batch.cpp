// The `resettle dates` use case, one JSON line at a time (see key_dates_batch.hpp).
#include "services/release_dates/key_dates_batch.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "domain/catalogue.hpp"
#include "domain/release_dates/booking_json.hpp"
#include "domain/field_input.hpp"
#include "domain/responsibility/handover.hpp"
#include "domain/release_dates/key_dates.hpp"
#include "domain/release/release_day.hpp"

namespace resettle::services {

namespace {
using nlohmann::json;

constexpr long long max_days = 200 * 366;

// Fields read besides the key dates (whose names come from key_date_kinds()).
constexpr std::array<std::string_view, 18> case_fields{
    "today", "date_of_birth", "legal_status", "sentence_type", "release_scheme", "sentence_start_date",
    "sentence_length_days", "extension_days", "remand_days", "tagged_bail_days", "target_hearing_date",
    "last_parole_outcome_release", "recall", "early_allocation", "mappa_level", "tier",
    "open_prison_arrival_date", "manual_responsibility"};

bool is_known_field(std::string_view name) {
  for (auto field : case_fields)
    if (field == name) return true;
  return parse_code(key_date_kinds(), name).has_value();
}

// JSON values as the text a form would send; null means "not known". Lists, objects and unknown
// names cannot be read, so they are reported once the reader exists.
struct LineInput {
  FieldInput fields;
  std::vector<FieldError> unreadable;
};
LineInput fields_of(const json& object) {
  LineInput input;
  for (const auto& [name, value] : object.items()) {
    if (!is_known_field(name))
      input.unreadable.push_back({name, "is not a field this command reads"});
    else if (value.is_string())
      input.fields[name] = value.get<std::string>();
    else if (value.is_boolean() || value.is_number())
      input.fields[name] = value.dump();
    else if (!value.is_null())
      input.unreadable.push_back({name, "must be a single value, not a list or an object"});
  }
  return input;
}

struct CaseInput {
  Sentence sentence;
  ResponsibilityFacts facts;  // the case's own facts; the sentence's are added once its key dates are known
};

CaseInput read_case(const LineInput& input) {
  FieldReader reader{input.fields};
  for (const auto& error : input.unreadable) reader.fail(error.field, error.message);
  CaseInput read;
  Sentence& sentence = read.sentence;
  ResponsibilityFacts& facts = read.facts;
  facts.today = reader.date("today", Need::required).value_or(Date{});
  facts.date_of_birth = reader.date("date_of_birth", Need::optional);
  sentence.legal_status =
      reader.code("legal_status", Need::optional, legal_statuses()).value_or(LegalStatus::sentenced);
  sentence.type = reader.code("sentence_type", Need::optional, sentence_types()).value_or(SentenceType::determinate);
  sentence.release_scheme =
      reader.code("release_scheme", Need::optional, release_schemes()).value_or(ReleaseScheme::standard);
  sentence.start_date = reader.date("sentence_start_date", Need::optional);
  if (auto length = reader.integer("sentence_length_days", Need::optional, 1, max_days)) sentence.length_days = int(*length);
  auto extension_need = sentence.release_scheme == ReleaseScheme::extended ? Need::required : Need::optional;
  if (auto extension = reader.integer("extension_days", extension_need, 1, max_days)) sentence.extension_days = int(*extension);
  sentence.remand_days = int(reader.integer("remand_days", Need::optional, 0, max_days).value_or(0));
  sentence.tagged_bail_days = int(reader.integer("tagged_bail_days", Need::optional, 0, max_days).value_or(0));
  sentence.target_hearing_date = reader.date("target_hearing_date", Need::optional);
  sentence.last_parole_outcome_release = reader.boolean("last_parole_outcome_release");
  sentence.recall = reader.boolean("recall");
  for (const auto& kind : key_date_kinds())
    supplied_date(sentence.supplied, kind.value) = reader.date(kind.code, Need::optional);
  facts.early_allocation = reader.boolean("early_allocation");
  facts.mappa_level = int(reader.integer("mappa_level", Need::optional, 0, 3).value_or(0));
  facts.tier = reader.code("tier", Need::optional, tiers());
  facts.open_prison_arrival_date = reader.date("open_prison_arrival_date", Need::optional);
  facts.manual_responsibility = reader.code("manual_responsibility", Need::optional, manual_responsibilities());
  reader.throw_if_failed();
  return read;
}

json date_or_null(const std::optional<Date>& date) { return date ? json(to_iso(*date)) : json(nullptr); }

json release_day_json(const std::optional<Date>& release, const BankHolidays& holidays) {
  if (!release) return nullptr;
  auto adjustment = adjust_release_day(*release, holidays);
  const auto& flag = entry_for(release_day_flags(), adjustment.flag);
  return {{"release_date", to_iso(adjustment.release_date)},
          {"due_date", to_iso(adjustment.due_date)},
          {"flag", flag.code},
          {"reason", flag.label},
          {"proposed_date", date_or_null(adjustment.proposed_date)},
          {"presumed_date", date_or_null(adjustment.presumed_date)},
          {"bank_holidays_known", adjustment.bank_holidays_known}};
}

// One case's answer: who leads and why, the key dates with their rules, and the day of release.
json answer_json(const ResponsibilityDecision& decision, const BookingKeyDates& result, const BankHolidays& holidays) {
  const auto& reason = entry_for(handover_reasons(), decision.reason);
  return {{"responsibility", entry_for(responsibilities(), decision.responsibility).code},
          {"com_allocated_date", date_or_null(decision.com_allocated_date)},
          {"handover_date", date_or_null(decision.handover_date)},
          {"reason", reason.label},
          {"reason_code", reason.code},
          {"pom_type", entry_for(pom_types(), decision.pom_type).code},
          {"release_date_used", date_or_null(decision.release_date_used)},
          {"key_dates", key_dates_json(result)},
          {"release_day_adjustment", release_day_json(automatic_release(result.dates), holidays)}};
}

json answer_for(const CaseInput& input, const BankHolidays& holidays) {
  BookingKeyDates result;
  result.dates = compute_key_dates(input.sentence);
  auto facts = input.facts;
  add_sentence_facts(facts, input.sentence, result.dates);
  return answer_json(decide_responsibility(facts), result, holidays);
}

// A whole booking: the person's fields that decide responsibility are read as a single-sentence
// line's are; the key dates come from the booking calculation.
json booking_answer(const json& object, const BankHolidays& holidays) {
  auto request = read_calculation_request(object);
  LineInput person;
  person.fields["today"] = object.at("today").get<std::string>();
  if (const auto found = object.find("person"); found != object.end() && found->is_object()) {
    auto fields = *found;
    fields.erase("sex_offender_register");
    auto read = fields_of(fields);
    for (auto& [name, value] : read.fields) person.fields[name] = value;
    for (auto& error : read.unreadable) person.unreadable.push_back({"person." + error.field, error.message});
  }
  auto facts = read_case(person).facts;
  auto result = calculate_release_dates(request);
  const auto& dates = result.dates;
  const auto& sentences = request.booking.sentences;
  facts.sentence_type = std::any_of(sentences.begin(), sentences.end(),
                                    [](const BookedSentence& s) { return s.kind == SentenceKind::indeterminate; })
                            ? SentenceType::indeterminate
                            : SentenceType::determinate;
  for (const auto& sentence : sentences)
    if (!facts.sentence_start_date || sentence.sentenced_on < facts.sentence_start_date) facts.sentence_start_date = sentence.sentenced_on;
  facts.conditional_release_date = dates.date(KeyDateKind::conditional_release);
  facts.automatic_release_date = dates.date(KeyDateKind::automatic_release);
  facts.parole_eligibility_date = dates.date(KeyDateKind::parole_eligibility);
  facts.tariff_date = dates.date(KeyDateKind::tariff);
  facts.recall = std::any_of(sentences.begin(), sentences.end(), [](const BookedSentence& s) { return s.recall.has_value(); });
  auto answer = answer_json(decide_responsibility(facts), result, holidays);
  answer["effective_sentence_length"] = effective_sentence_length_json(result);
  return answer;
}

json errors_json(long line_number, const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& error : errors) list.push_back({{"field", error.field}, {"message", error.message}});
  return {{"line", line_number}, {"errors", list}};
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }
}  // namespace

json calculation(const json& object, const BankHolidays& holidays) {
  if (!object.is_object()) throw ValidationFailed("body", staff_text("must be a JSON object of case facts or a booking"));
  if (is_booking_json(object)) return booking_answer(object, holidays);
  return answer_for(read_case(fields_of(object)), holidays);
}

json dates_for_line(std::string_view line, long line_number, const BankHolidays& holidays) {
  json object = json::parse(line, nullptr, false);
  if (object.is_discarded()) return errors_json(line_number, {{"line", "is not valid JSON"}});
  if (!object.is_object()) return errors_json(line_number, {{"line", "must be a JSON object of case facts"}});
  try {
    auto answer = calculation(object, holidays);
    answer["line"] = line_number;
    return answer;
  } catch (const CannotCalculate& failure) {
    auto answer = errors_json(line_number, failure.errors());
    answer["code"] = failure.code();
    return answer;
  } catch (const ValidationFailed& failure) {
    return errors_json(line_number, failure.errors());
  }
}

DatesBatchSummary run_dates_batch(std::istream& in, std::ostream& out, const BankHolidays& holidays) {
  DatesBatchSummary summary;
  std::string line;
  for (long line_number = 1; std::getline(in, line); ++line_number) {
    if (is_blank(line)) continue;
    auto answer = dates_for_line(line, line_number, holidays);
    ++summary.lines;
    if (answer.contains("errors")) ++summary.failed;
    out << answer.dump() << '\n';
  }
  return summary;
}

BankHolidays load_bank_holidays(const std::string& path) {
  std::ifstream file{path};
  if (!file) throw std::runtime_error("cannot read the bank-holiday file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return BankHolidays::from_json(text.str());
}

}  // namespace resettle::services

// Reading a booking from JSON with field paths in every error, and writing its key dates back.
#include "domain/release_dates/booking_json.hpp"

#include <initializer_list>

namespace resettle {

namespace {
using nlohmann::json;

constexpr int max_term_part = 200 * 366;
constexpr long long max_fine_pence = 1'000'000'000'00LL;  // a thousand million pounds

// Reads one JSON object, collecting one error per bad field under a path prefix.
class JsonReader {
 public:
  JsonReader(const json& object, std::string path, std::vector<FieldError>& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  std::string at(std::string_view field) const { return path_.empty() ? std::string{field} : path_ + "." + std::string{field}; }
  void fail(std::string_view field, std::string message) { errors_.push_back({at(field), std::move(message)}); }

  // Only these fields may appear.
  void only(std::initializer_list<std::string_view> known) {
    for (const auto& [name, value] : object_.items()) {
      bool found = false;
      for (auto field : known) found = found || field == name;
      if (!found) fail(name, "is not a field of a booking");
    }
  }

  const json* find(std::string_view field) const {
    auto found = object_.find(std::string{field});
    return found == object_.end() || found->is_null() ? nullptr : &*found;
  }

  std::optional<Date> date(std::string_view field, Need need = Need::optional) {
    const auto* value = find(field);
    if (!value) return missing<Date>(field, need);
    if (value->is_string())
      if (auto parsed = parse_iso_date(value->get<std::string>())) return parsed;
    fail(field, "must be a real date written YYYY-MM-DD");
    return std::nullopt;
  }

  bool boolean(std::string_view field) {
    const auto* value = find(field);
    if (!value) return false;
    if (value->is_boolean()) return value->get<bool>();
    fail(field, "must be true or false");
    return false;
  }

  std::optional<long long> integer(std::string_view field, long long min, long long max, Need need = Need::optional) {
    const auto* value = find(field);
    if (!value) return missing<long long>(field, need);
    if (value->is_number_integer() && value->get<long long>() >= min && value->get<long long>() <= max)
      return value->get<long long>();
    fail(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }

  std::optional<std::string> text(std::string_view field, Need need = Need::optional) {
    const auto* value = find(field);
    if (!value) return missing<std::string>(field, need);
    if (value->is_string() && !value->get<std::string>().empty()) return value->get<std::string>();
    if (value->is_number_integer()) return value->dump();  // ids may be numbers
    fail(field, "must be text");
    return std::nullopt;
  }

  template <typename E>
  std::optional<E> code(std::string_view field, std::span<const Coded<E>> list, Need need = Need::optional) {
    auto value = text(field, need);
    if (!value) return std::nullopt;
    if (auto parsed = parse_code(list, *value)) return parsed;
    std::string codes;
    for (const auto& entry : list) codes += (codes.empty() ? "" : ", ") + std::string{entry.code};
    fail(field, "must be one of: " + codes);
    return std::nullopt;
  }

  // A list of objects; each is read by `read(reader)` with its own path.
  template <typename Read>
  void objects(std::string_view field, Read read) {
    const auto* value = find(field);
    if (!value) return;
    if (!value->is_array()) return fail(field, "must be a list");
    for (std::size_t i = 0; i < value->size(); ++i) {
      auto path = at(field) + "[" + std::to_string(i) + "]";
      if (!(*value)[i].is_object()) {
        errors_.push_back({path, "must be an object"});
        continue;
      }
      JsonReader item{(*value)[i], path, errors_};
      read(item);
    }
  }

  // An object read by `read(reader)`; false when absent.
  template <typename Read>
  bool object(std::string_view field, Read read) {
    const auto* value = find(field);
    if (!value) return false;
    if (!value->is_object()) {
      fail(field, "must be an object");
      return false;
    }
    JsonReader item{*value, at(field), errors_};
    read(item);
    return true;
  }

  // A list of codes into a bitset indexed by the enum.
  template <typename E, std::size_t N>
  std::bitset<N> code_set(std::string_view field, std::span<const Coded<E>> list) {
    std::bitset<N> set;
    const auto* value = find(field);
    if (!value) return set;
    if (!value->is_array()) {
      fail(field, "must be a list");
      return set;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      const auto& item = (*value)[i];
      auto parsed = item.is_string() ? parse_code(list, item.get<std::string>()) : std::nullopt;
      if (parsed) set.set(static_cast<std::size_t>(*parsed));
      else errors_.push_back({at(field) + "[" + std::to_string(i) + "]", "is not a known code"});
    }
    return set;
  }

  const json& raw() const { return object_; }

 private:
  template <typename T>
  std::optional<T> missing(std::string_view field, Need need) {
    if (need == Need::required) fail(field, "is required");
    return std::nullopt;
  }

  const json& object_;
  std::string path_;
  std::vector<FieldError>& errors_;
};

Term read_term(JsonReader& reader) {
  reader.only({"years", "months", "weeks", "days"});
  Term term;
  term.years = int(reader.integer("years", 0, 200).value_or(0));
  term.months = int(reader.integer("months", 0, 2400).value_or(0));
  term.weeks = int(reader.integer("weeks", 0, 10000).value_or(0));
  term.days = int(reader.integer("days", 0, max_term_part).value_or(0));
  return term;
}

Offence read_offence(JsonReader& reader) {
  reader.only({"committed_on", "sds_plus", "would_be_sds_plus_if_sentenced_today", "section_250", "exclusions",
               "progression_exclusions"});
  Offence offence;
  offence.committed_on = reader.date("committed_on");
  offence.sds_plus = reader.boolean("sds_plus");
  offence.would_be_sds_plus_if_sentenced_today = reader.boolean("would_be_sds_plus_if_sentenced_today");
  offence.section_250 = reader.boolean("section_250");
  offence.exclusions = reader.code_set<OffenceExclusion, 8>("exclusions", offence_exclusions());
  offence.progression_exclusions = reader.code_set<ProgressionExclusion, 6>("progression_exclusions", progression_exclusions());
  return offence;
}

LawSwitches read_law(JsonReader& reader) {
  LawSwitches law;
  for (const auto& [name, value] : reader.raw().items()) {
    auto measure = parse_code(law_measures(), name);
    if (!measure) reader.fail(name, "is not a measure of release law");
    else if (!value.is_boolean()) reader.fail(name, "must be true or false");
    else if (!value.get<bool>()) law.switch_off(*measure);
  }
  return law;
}

BookedSentence read_sentence(JsonReader& reader) {
  reader.only({"id", "kind", "sentenced_on", "offence", "term", "custodial_term", "extension_term", "automatic_release",
               "consecutive_to", "recall", "release_scheme", "law", "fine_amount", "fine_paid"});
  BookedSentence sentence;
  sentence.id = reader.text("id", Need::required).value_or("");
  sentence.kind = reader.code("kind", sentence_kinds()).value_or(SentenceKind::standard);
  // "automatic_release" picks between the two extended kinds for callers that say "extended".
  if (sentence.kind == SentenceKind::extended_discretionary && reader.boolean("automatic_release"))
    sentence.kind = SentenceKind::extended_automatic;
  sentence.sentenced_on = reader.date("sentenced_on", Need::required);
  reader.object("offence", [&](JsonReader& offence) { sentence.offence = read_offence(offence); });
  reader.object("term", [&](JsonReader& term) { sentence.term = read_term(term); });
  reader.object("custodial_term", [&](JsonReader& term) { sentence.custodial_term = read_term(term); });
  reader.object("extension_term", [&](JsonReader& term) { sentence.extension_term = read_term(term); });
  sentence.consecutive_to = reader.text("consecutive_to");
  reader.object("recall", [&](JsonReader& recall) {
    recall.only({"type", "revoked_on", "returned_on"});
    Recall read;
    read.type = recall.code("type", recall_types()).value_or(RecallType::standard);
    read.revoked_on = recall.date("revoked_on");
    read.returned_on = recall.date("returned_on");
    sentence.recall = read;
  });
  sentence.release_scheme = reader.code("release_scheme", release_schemes());
  reader.object("law", [&](JsonReader& law) { sentence.law = read_law(law); });
  sentence.fine_amount_pence = reader.integer("fine_amount", 0, max_fine_pence);
  sentence.fine_paid_pence = reader.integer("fine_paid", 0, max_fine_pence);
  bool needs_term = sentence.kind != SentenceKind::indeterminate;
  bool has_parts = sentence.kind == SentenceKind::extended_automatic || sentence.kind == SentenceKind::extended_discretionary ||
                   sentence.kind == SentenceKind::special_custodial || sentence.kind == SentenceKind::special_custodial_under_18;
  if (needs_term && sentence.term.empty() && (!has_parts || sentence.custodial_term.empty()) && !reader.find("term") &&
      !reader.find("custodial_term"))
    reader.fail(has_parts ? "custodial_term" : "term", "is required");
  return sentence;
}

Adjustment read_adjustment(JsonReader& reader) {
  reader.only({"type", "days", "from", "to", "sentence_id", "sentence_ids", "applies_from", "effective_on"});
  Adjustment adjustment;
  adjustment.type = reader.code("type", adjustment_types(), Need::required).value_or(AdjustmentType::remand);
  adjustment.from = reader.date("from");
  adjustment.to = reader.date("to");
  auto days = reader.integer("days", 0, max_term_part);
  if (days) adjustment.days = int(*days);
  else if (adjustment.from && adjustment.to && !reader.find("days")) adjustment.days = days_between(*adjustment.from, *adjustment.to) + 1;
  else if (!reader.find("days")) reader.fail("days", "is required unless from and to are given");
  if (auto id = reader.text("sentence_id")) adjustment.sentence_ids.push_back(*id);
  if (const auto* ids = reader.find("sentence_ids")) {
    if (!ids->is_array()) reader.fail("sentence_ids", "must be a list of sentence ids");
    else
      for (const auto& id : *ids) adjustment.sentence_ids.push_back(id.is_string() ? id.get<std::string>() : id.dump());
  }
  adjustment.applies_from = reader.date("applies_from");
  adjustment.effective_on = reader.date("effective_on");
  return adjustment;
}

void read_sentences_and_adjustments(JsonReader& reader, Booking& booking) {
  if (!reader.find("sentences")) reader.fail("sentences", "is required");
  reader.objects("sentences", [&](JsonReader& sentence) { booking.sentences.push_back(read_sentence(sentence)); });
  reader.objects("adjustments", [&](JsonReader& adjustment) { booking.adjustments.push_back(read_adjustment(adjustment)); });
}

void read_movements(JsonReader& reader, Booking& booking) {
  reader.objects("movements", [&](JsonReader& movement) {
    movement.only({"on", "direction", "reason"});
    Movement read;
    read.on = movement.date("on", Need::required).value_or(Date{});
    read.direction = movement.code("direction", movement_directions(), Need::required).value_or(MovementDirection::in);
    read.reason = movement.text("reason").value_or("");
    booking.movements.push_back(std::move(read));
  });
}

// The booking's own rules (check_booking), once every field reads.
void check_read_booking(const Booking& booking, Date today, std::vector<FieldError>& errors) {
  try {
    check_booking(booking, today);
  } catch (const ValidationFailed& failure) {
    errors = failure.errors();
  }
}

}  // namespace

bool is_booking_json(const json& object) { return object.is_object() && object.contains("sentences"); }

CalculationRequest read_calculation_request(const json& object) {
  std::vector<FieldError> errors;
  JsonReader reader{object, "", errors};
  reader.only({"today", "as_at", "person", "sentences", "adjustments", "movements", "calculate_ersed", "supplied"});
  CalculationRequest request;
  auto today = reader.date("today", Need::required);
  request.as_at = reader.date("as_at").value_or(today.value_or(Date{}));
  auto& booking = request.booking;
  reader.object("person", [&](JsonReader& person) {
    booking.person.date_of_birth = person.date("date_of_birth");
    booking.person.sex_offender_register = person.boolean("sex_offender_register");
  });
  read_sentences_and_adjustments(reader, booking);
  read_movements(reader, booking);
  booking.calculate_ersed = reader.boolean("calculate_ersed");
  reader.object("supplied", [&](JsonReader& supplied) {
    for (const auto& [name, value] : supplied.raw().items())
      if (!parse_code(key_date_kinds(), name)) supplied.fail(name, "is not a key date");
    for (const auto& kind : key_date_kinds()) supplied_date(request.supplied, kind.value) = supplied.date(kind.code);
  });
  if (errors.empty() && today) check_read_booking(booking, *today, errors);
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return request;
}

Booking read_booking_json(const json& object, Date today) {
  std::vector<FieldError> errors;
  if (!object.is_object()) throw ValidationFailed("body", "must be a JSON object");
  JsonReader reader{object, "", errors};
  // What a GET answers with beyond the booking may be sent back; the server owns it.
  reader.only({"sentences", "adjustments", "movements", "person", "version", "person_id", "key_dates",
               "effective_sentence_length", "links"});
  Booking booking;
  read_sentences_and_adjustments(reader, booking);
  read_movements(reader, booking);
  reader.object("person", [&](JsonReader& person) {
    person.only({"sex_offender_register", "liable_to_removal"});
    booking.person.sex_offender_register = person.boolean("sex_offender_register");
    booking.calculate_ersed = person.boolean("liable_to_removal");
  });
  // A stored booking records facts, not counterfactual runs; payments of a fine are not recorded on it
  // (docs/decisions.md).
  for (std::size_t i = 0; i < booking.sentences.size(); ++i) {
    if (booking.sentences[i].law.off.any())
      errors.push_back({"sentences[" + std::to_string(i) + "].law", "is for calculations only: a recorded booking follows the law"});
    if (booking.sentences[i].fine_paid_pence)
      errors.push_back({"sentences[" + std::to_string(i) + "].fine_paid", "is for calculations only: a booking does not record payments"});
  }
  if (errors.empty()) check_read_booking(booking, today, errors);
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return booking;
}

namespace {
json date_json(const std::optional<Date>& date) { return date ? json(to_iso(*date)) : json(nullptr); }

json term_json(const Term& term) {
  return {{"years", term.years}, {"months", term.months}, {"weeks", term.weeks}, {"days", term.days}};
}

template <typename E, std::size_t N>
json codes_json(const std::bitset<N>& set, std::span<const Coded<E>> list) {
  json codes = json::array();
  for (const auto& entry : list)
    if (set.test(static_cast<std::size_t>(entry.value))) codes.push_back(entry.code);
  return codes;
}

json sentence_json(const BookedSentence& sentence) {
  const auto& offence = sentence.offence;
  json out{{"id", sentence.id},
           {"kind", entry_for(sentence_kinds(), sentence.kind).code},
           {"sentenced_on", date_json(sentence.sentenced_on)},
           {"offence",
            {{"committed_on", date_json(offence.committed_on)},
             {"sds_plus", offence.sds_plus},
             {"would_be_sds_plus_if_sentenced_today", offence.would_be_sds_plus_if_sentenced_today},
             {"section_250", offence.section_250},
             {"exclusions", codes_json(offence.exclusions, offence_exclusions())},
             {"progression_exclusions", codes_json(offence.progression_exclusions, progression_exclusions())}}},
           {"term", term_json(sentence.term)},
           {"custodial_term", term_json(sentence.custodial_term)},
           {"extension_term", term_json(sentence.extension_term)},
           {"consecutive_to", sentence.consecutive_to ? json(*sentence.consecutive_to) : json(nullptr)},
           {"recall", nullptr},
           {"release_scheme", nullptr},
           {"fine_amount", sentence.fine_amount_pence ? json(*sentence.fine_amount_pence) : json(nullptr)}};
  if (const auto& recall = sentence.recall)
    out["recall"] = {{"type", entry_for(recall_types(), recall->type).code},
                     {"revoked_on", date_json(recall->revoked_on)},
                     {"returned_on", date_json(recall->returned_on)}};
  if (sentence.release_scheme) out["release_scheme"] = entry_for(release_schemes(), *sentence.release_scheme).code;
  return out;
}

json adjustment_json(const Adjustment& adjustment) {
  return {{"type", entry_for(adjustment_types(), adjustment.type).code},
          {"days", adjustment.days},
          {"from", date_json(adjustment.from)},
          {"to", date_json(adjustment.to)},
          {"sentence_ids", adjustment.sentence_ids},
          {"applies_from", date_json(adjustment.applies_from)},
          {"effective_on", date_json(adjustment.effective_on)}};
}
}  // namespace

json booking_json(const Booking& booking) {
  json sentences = json::array(), adjustments = json::array(), movements = json::array();
  for (const auto& sentence : booking.sentences) sentences.push_back(sentence_json(sentence));
  for (const auto& adjustment : booking.adjustments) adjustments.push_back(adjustment_json(adjustment));
  for (const auto& movement : booking.movements)
    movements.push_back({{"on", to_iso(movement.on)},
                         {"direction", entry_for(movement_directions(), movement.direction).code},
                         {"reason", movement.reason.empty() ? json(nullptr) : json(movement.reason)}});
  return {{"person",
           {{"sex_offender_register", booking.person.sex_offender_register},
            {"liable_to_removal", booking.calculate_ersed}}},
          {"sentences", std::move(sentences)},
          {"adjustments", std::move(adjustments)},
          {"movements", std::move(movements)}};
}

json key_dates_json(const BookingKeyDates& result) {
  json out = json::object();
  for (const auto& kind : key_date_kinds()) {
    const auto& date = result.dates[kind.value];
    if (!date) {
      out[std::string{kind.code}] = nullptr;
      continue;
    }
    const auto& rule = entry_for(key_date_rules(), date->rule);
    out[std::string{kind.code}] = {{"date", to_iso(date->date)},
                                   {"source", date->supplied() ? "supplied" : "computed"},
                                   {"rule", rule.label},
                                   {"rule_code", rule.code},
                                   {"explanation", explain_key_date(result, kind.value)}};
  }
  return out;
}

json effective_sentence_length_json(const BookingKeyDates& result) {
  const auto& length = result.effective_sentence_length;
  return {{"days", result.effective_sentence_length_days},
          {"years", length.years},
          {"months", length.months},
          {"and_days", length.days},
          {"regime", entry_for(release_schemes(), result.working.regime.regime).code},
          {"regime_reason", entry_for(regime_reasons(), result.working.regime.reason).code}};
}

}  // namespace resettle

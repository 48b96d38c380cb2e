// A person's booking on pages: its sentences, adjustments, custody history and facts about the person with every
// key date and how it was worked out, forms to add and correct each of them, and the release date
// changes worklist.
#include <array>
#include <stdexcept>

#include "domain/catalogue.hpp"
#include "domain/release_dates/booking_form.hpp"
#include "domain/staff/access.hpp"
#include "domain/staff_catalogue.hpp"
#include "services/release_dates/bookings.hpp"
#include "web/failures.hpp"
#include "web/release_dates/views.hpp"
#include "web/routes.hpp"

namespace resettle::web {

namespace {
std::string booking_href(std::int64_t person_id) { return person_href(person_id) + "/booking"; }

// "2 years, 6 months"; "none" for an empty term. Each part is a plural of its own, the list of them
// comma-separated.
std::string term_text(const Term& term) {
  std::string text;
  auto add = [&](std::string part) { text += (text.empty() ? "" : ", ") + part; };
  if (term.years) add(staff_text_plural("((count)) year", "((count)) years", term.years));
  if (term.months) add(staff_text_plural("((count)) month", "((count)) months", term.months));
  if (term.weeks) add(staff_text_plural("((count)) week", "((count)) weeks", term.weeks));
  if (term.days) add(staff_text_plural("((count)) day", "((count)) days", term.days));
  return text.empty() ? staff_text("none") : text;
}

std::string sentence_name(const Booking& booking, const std::string& id) {
  for (std::size_t i = 0; i < booking.sentences.size(); ++i)
    if (booking.sentences[i].id == id) return staff_text("Sentence ((number))", {{"number", std::to_string(i + 1)}});
  return staff_text("Sentence ((number))", {{"number", id}});
}

std::string sentence_term(const BookedSentence& sentence) {
  if (!sentence.custodial_term.empty())
    return staff_text("((custodial)) custodial, ((extension)) extension",
                      {{"custodial", term_text(sentence.custodial_term)}, {"extension", term_text(sentence.extension_term)}});
  return term_text(sentence.term);
}

// A sentence by its name and date, as the lists to choose one from give it.
std::string sentence_choice(const Booking& booking, const BookedSentence& sentence) {
  return staff_text("((sentence)), sentenced on ((date))",
                    {{"sentence", sentence_name(booking, sentence.id)}, {"date", to_long_date(sentence.sentenced_on)}});
}

View sentences_table(const services::BookingView& view, bool may_record) {
  const auto& booking = view.recorded;
  auto rows = View::list();
  for (std::size_t i = 0; i < booking.sentences.size(); ++i) {
    const auto& sentence = booking.sentences[i];
    auto texts = View::list({std::string{entry_for(sentence_kinds(), sentence.kind).label}, to_long_date(sentence.sentenced_on),
                             sentence_term(sentence),
                             sentence.consecutive_to ? staff_text("Consecutive to ((sentence))", {{"sentence", sentence_name(booking, *sentence.consecutive_to)}})
                                                     : std::string{staff_text("Concurrent")},
                             sentence.recall ? std::string{entry_for(recall_types(), sentence.recall->type).label} : staff_text("None")});
    View row{{"row_header", {{"text", staff_text("Sentence ((number))", {{"number", std::to_string(i + 1)}})}}}, {"texts", std::move(texts)}};
    auto sentence_href = booking_href(view.person.id) + "/sentences/" + sentence.id;
    if (may_record)
      row["cells"] = View::list({View{{"text", staff_text("Change")}, {"href", sentence_href + "/edit"}},
                                 View{{"text", staff_text("Take out")}, {"href", sentence_href + "/take-out"}}});
    rows.push_back(std::move(row));
  }
  auto head = View::list({View{{"text", staff_text("Sentence")}}, View{{"text", staff_text("Kind")}}, View{{"text", staff_text("Sentenced on")}},
                          View{{"text", staff_text("Term")}}, View{{"text", staff_text("Served")}}, View{{"text", staff_text("Recall")}}});
  if (may_record) {
    head.push_back(View{{"text", staff_text("Change")}});
    head.push_back(View{{"text", staff_text("Take out")}});
  }
  return {{"caption", staff_text("Sentences")}, {"head", std::move(head)}, {"rows", std::move(rows)}};
}

View adjustments_table(const services::BookingView& view, bool may_record) {
  const auto& booking = view.recorded;
  auto rows = View::list();
  for (std::size_t i = 0; i < booking.adjustments.size(); ++i) {
    const auto& adjustment = booking.adjustments[i];
    std::string applies;
    for (const auto& id : adjustment.sentence_ids) applies += (applies.empty() ? "" : ", ") + sentence_name(booking, id);
    if (adjustment.applies_from) applies = staff_text("Sentences from ((date))", {{"date", to_long_date(*adjustment.applies_from)}});
    std::string dates = adjustment.from ? staff_text("((from)) to ((to))", {{"from", to_long_date(adjustment.from)}, {"to", to_long_date(adjustment.to)}})
                                        : std::string{};
    auto texts = View::list({std::to_string(adjustment.days), dates, applies.empty() ? staff_text("Every sentence") : applies});
    View row{{"row_header", {{"text", std::string{entry_for(adjustment_types(), adjustment.type).label}}}},
             {"texts", std::move(texts)}};
    if (may_record)
      row["cells"] = View::list(
          {View{{"text", staff_text("Change")}, {"href", booking_href(view.person.id) + "/adjustments/" + std::to_string(i + 1) + "/edit"}}});
    rows.push_back(std::move(row));
  }
  auto head = View::list({View{{"text", staff_text("Adjustment")}}, View{{"text", staff_text("Days")}}, View{{"text", staff_text("Dates")}},
                          View{{"text", staff_text("Applies to")}}});
  if (may_record) head.push_back(View{{"text", staff_text("Action")}});
  return {{"caption", staff_text("Adjustments")}, {"head", std::move(head)}, {"rows", std::move(rows)}};
}

View movements_table(const services::BookingView& view, bool may_record) {
  const auto& movements = view.recorded.movements;
  auto rows = View::list();
  for (std::size_t i = 0; i < movements.size(); ++i) {
    const auto& movement = movements[i];
    auto texts = View::list({std::string{entry_for(movement_directions(), movement.direction).label},
                             movement.reason.empty() ? std::string{staff_text("Not given")} : movement.reason});
    View row{{"row_header", {{"text", to_long_date(movement.on)}}}, {"texts", std::move(texts)}};
    auto movement_href = booking_href(view.person.id) + "/movements/" + std::to_string(i + 1);
    if (may_record)
      row["cells"] = View::list({View{{"text", staff_text("Change")}, {"href", movement_href + "/edit"}},
                                 View{{"text", staff_text("Withdraw")}, {"href", movement_href + "/withdraw"}}});
    rows.push_back(std::move(row));
  }
  auto head = View::list({View{{"text", staff_text("Date")}}, View{{"text", staff_text("Movement")}}, View{{"text", staff_text("Reason")}}});
  if (may_record) {
    head.push_back(View{{"text", staff_text("Change")}});
    head.push_back(View{{"text", staff_text("Withdraw")}});
  }
  return {{"caption", staff_text("Movements into and out of custody, in date order")}, {"head", std::move(head)}, {"rows", std::move(rows)}};
}

// Each fact about the person the booking records, asked on its own yes/no page at `page` under the
// booking (also its template section).
struct PersonFactPage {
  PersonFact fact;
  std::string_view page;
};
constexpr std::array<PersonFactPage, 2> person_fact_pages{{
    {PersonFact::sex_offender_register, "register"},
    {PersonFact::liable_to_removal, "removal"},
}};

// What the pages say of a fact: its row on the booking page (the form's legend too), its answer as
// errors name it, the link's hidden words, and the form's question about the person named.
struct PersonFactWords {
  std::string key;
  std::string label;
  std::string hidden_text;
  std::string question;
  std::string legend;  // the key asked
};
PersonFactWords person_fact_words(PersonFact fact, std::string_view name) {
  switch (fact) {
    case PersonFact::sex_offender_register:
      return {staff_text("On the sex offenders register"), staff_text("On the register"),
              staff_text("whether they are on the sex offenders register"),
              staff_text("Is ((name)) on the sex offenders register?", {{"name", name}}), staff_text("On the sex offenders register?")};
    case PersonFact::liable_to_removal:
      return {staff_text("A foreign national liable to removal"), staff_text("Liable to removal"),
              staff_text("whether they are a foreign national liable to removal"),
              staff_text("Is ((name)) a foreign national liable to removal?", {{"name", name}}),
              staff_text("A foreign national liable to removal?")};
  }
  throw std::logic_error("a person fact without its words");
}

View person_facts_summary(const services::BookingView& view, bool may_record) {
  auto rows = View::list();
  for (const auto& shown : person_fact_pages) {
    auto words = person_fact_words(shown.fact, view.person.full_name());
    View row{{"key", words.key}, {"value", person_fact(view.recorded, shown.fact) ? staff_text("Yes") : staff_text("No")}};
    if (may_record)
      row["action"] = {{"href", booking_href(view.person.id) + "/" + std::string{shown.page}}, {"text", staff_text("Change")},
                       {"hidden_text", words.hidden_text}};
    rows.push_back(std::move(row));
  }
  return {{"rows", std::move(rows)}};
}

Response booking_page(WebContext& context, const Caller& caller, std::int64_t person_id) {
  auto view = services::view_booking(context.store, caller.staff, person_id, context.clock.today());
  bool may_record = role_may(caller.staff.role, CaseAction::record_sentence);
  auto shown = page_view(caller, staff_text("Sentences and release dates"), "");
  shown["person"] = {{"name", view.person.full_name()}, {"href", person_href(person_id)}};
  if (!view.recorded.sentences.empty()) shown["sentences"] = sentences_table(view, may_record);
  if (!view.recorded.adjustments.empty()) shown["adjustments"] = adjustments_table(view, may_record);
  if (!view.recorded.movements.empty()) shown["movements"] = movements_table(view, may_record);
  shown["person_facts"] = person_facts_summary(view, may_record);
  shown["key_dates"] = key_date_rows(view.calculation);
  shown["has_key_dates"] = !shown["key_dates"].empty();
  if (view.calculation.effective_sentence_length_days > 0)
    shown["effective_length"] = staff_text_plural("Effective sentence length: ((term)) (((count)) day).",
                                                  "Effective sentence length: ((term)) (((count)) days).",
                                                  view.calculation.effective_sentence_length_days,
                                                  {{"term", term_text(view.calculation.effective_sentence_length)}});
  if (may_record) {
    shown["add_sentence_href"] = booking_href(person_id) + "/sentences/new";
    shown["add_adjustment_href"] = booking_href(person_id) + "/adjustments/new";
    shown["add_movement_href"] = booking_href(person_id) + "/movements/new";
  }
  return render_page(context, 200, "release_dates/booking", shown);
}

View check_items(const FormState& form, std::vector<std::pair<std::string, std::string>> items) {
  auto list = View::list();
  for (auto& [name, text] : items) {
    bool checked = value_of(form, name) == "true";
    list.push_back({{"name", name}, {"text", text}, {"checked", checked}});
  }
  return list;
}

View term_fields(const FormState& form, const std::string& name, std::string legend) {
  struct Part {
    std::string_view field;  // after the term's name: term_years
    std::string_view label;
  };
  static constexpr Part term_parts[] = {
      {"years", staff_label("Years")}, {"months", staff_label("Months")}, {"weeks", staff_label("Weeks")}, {"days", staff_label("Days")}};
  auto parts = View::list();
  for (const auto& part : term_parts)
    parts.push_back(form_field(form, name + "_" + std::string{part.field}, staff_text_of(part.label),
                               {{"width", "govuk-input--width-4"}, {"type", "text"}}));
  return {{"legend", std::move(legend)}, {"parts", std::move(parts)}};
}

// What every form page of the booking starts with: its title as heading, the person it is for, the errors,
// where it posts, and the booking's version it was read at.
View booking_form_view(const Caller& caller, const services::BookingView& view, const std::string& heading,
                       const FormState& form, std::string action, std::int64_t version) {
  auto shown = page_view(caller, heading, "");
  add_errors(shown, form);
  shown["person"] = {{"name", view.person.full_name()}, {"href", person_href(view.person.id)}};
  shown["heading"] = heading;
  shown["action"] = std::move(action);
  shown["version"] = version;
  return shown;
}

Response sentence_form(WebContext& context, const Caller& caller, const services::BookingView& view,
                       const std::optional<std::string>& sentence_id, const FormState& form, std::int64_t version) {
  auto shown = booking_form_view(caller, view, sentence_id ? staff_text("Change a sentence") : staff_text("Add a sentence"), form,
                                 booking_href(view.person.id) + "/sentences" + (sentence_id ? "/" + *sentence_id : ""), version);
  auto others = View::list();
  for (const auto& sentence : view.recorded.sentences)
    if (sentence.id != sentence_id.value_or(""))
      others.push_back({{"value", sentence.id},
                        {"text", sentence_choice(view.recorded, sentence)},
                        {"selected", value_of(form, "consecutive_to") == sentence.id}});
  shown["fields"] = {
      {"kind", form_field(form, "kind", staff_text("Kind of sentence"),
                          {{"options", coded_options(sentence_kinds(), value_of(form, "kind"), "selected")}})},
      {"sentenced_on", date_form_field(form, "sentenced_on", staff_text("Sentence date"))},
      {"offence_committed_on", date_form_field(form, "offence_committed_on", staff_text("Date of the offence (optional)"))},
      {"consecutive_to",
       form_field(form, "consecutive_to", staff_text("Served after another sentence"),
                  {{"hint", staff_text("Leave as concurrent unless the court ordered it to run after another sentence")},
                   {"options", with_blank_option(std::move(others), staff_text("Concurrent"))}})},
      {"fine_amount", form_field(form, "fine_amount", staff_text("Fine unpaid, in pounds (optional)"),
                                 {{"hint", staff_text("Only for a default term: the amount of the fine it is the term for, for example 250.00")},
                                  {"width", "govuk-input--width-10"}})},
      {"recall_type", form_field(form, "recall_type", staff_text("Recall type"),
                                 {{"options", with_blank_option(coded_options(recall_types(), value_of(form, "recall_type"), "selected"),
                                                                staff_text("Not recalled"))}})},
      {"recall_revoked_on", date_form_field(form, "recall_revoked_on", staff_text("Licence revoked on (optional)"))},
      {"recall_returned_on", date_form_field(form, "recall_returned_on", staff_text("Returned to custody on"))},
      {"release_scheme",
       form_field(form, "release_scheme", staff_text("Release scheme (optional)"),
                  {{"hint", staff_text("Only to reproduce another system's calculation: otherwise the law in force chooses it from the dates and offence facts")},
                   {"options", with_blank_option(coded_options(release_schemes(), value_of(form, "release_scheme"), "selected"),
                                                 staff_text("Chosen by the law"))}})},
  };
  shown["flags"] = check_items(form, {{"sds_plus", staff_text("A serious offence with the term the law names for SDS+")},
                                     {"would_be_sds_plus", staff_text("An offence that would be SDS+ if it were sentenced today")},
                                     {"section_250", staff_text("Detention of a young person under section 250 of the Sentencing Code")}});
  std::vector<std::pair<std::string, std::string>> exclusions;
  for (const auto& exclusion : offence_exclusions())
    exclusions.emplace_back("exclusion_" + std::string{exclusion.code}, std::string{exclusion.label});
  shown["exclusions"] = check_items(form, std::move(exclusions));
  std::vector<std::pair<std::string, std::string>> progression;
  for (const auto& exclusion : progression_exclusions())
    progression.emplace_back("progression_exclusion_" + std::string{exclusion.code}, std::string{exclusion.label});
  shown["progression_exclusions"] = check_items(form, std::move(progression));
  shown["terms"] = View::list({term_fields(form, "term", staff_text("Term")), term_fields(form, "custodial_term", staff_text("Custodial term")),
                              term_fields(form, "extension_term", staff_text("Extension or licence period"))});
  return render_page(context, form.errors.empty() ? 200 : 422, "release_dates/sentence_form", shown);
}

Response adjustment_form(WebContext& context, const Caller& caller, const services::BookingView& view,
                         const std::optional<std::size_t>& index, const FormState& form, std::int64_t version) {
  auto shown = booking_form_view(caller, view, index ? staff_text("Change an adjustment") : staff_text("Add an adjustment"), form,
                                 booking_href(view.person.id) + "/adjustments" + (index ? "/" + std::to_string(*index + 1) : ""), version);
  shown["fields"] = {
      {"type", form_field(form, "type", staff_text("Type of adjustment"),
                          {{"options", coded_options(adjustment_types(), value_of(form, "type"), "selected")}})},
      {"days", form_field(form, "days", staff_text("Days"), {{"width", "govuk-input--width-5"}, {"type", "text"}})},
      {"from", date_form_field(form, "from", staff_text("From (optional)"))},
      {"to", date_form_field(form, "to", staff_text("To (optional)"))},
      {"applies_from", date_form_field(form, "applies_from", staff_text("To every sentence passed on or after (optional)"))},
      {"effective_on", date_form_field(form, "effective_on", staff_text("Took effect on, where that differs from when it began (optional)"))},
  };
  std::vector<std::pair<std::string, std::string>> sentences;
  for (const auto& sentence : view.recorded.sentences)
    sentences.emplace_back("applies_to_" + sentence.id, sentence_choice(view.recorded, sentence));
  shown["sentences"] = check_items(form, std::move(sentences));
  for (const auto& error : form.errors)
    if (error.field == "applies_to") shown["applies_to_error"] = error.message;
  return render_page(context, form.errors.empty() ? 200 : 422, "release_dates/adjustment_form", shown);
}

Response movement_form(WebContext& context, const Caller& caller, const services::BookingView& view,
                       const std::optional<std::size_t>& index, const FormState& form, std::int64_t version) {
  auto shown = booking_form_view(caller, view, index ? staff_text("Change a movement") : staff_text("Add a movement"), form,
                                 booking_href(view.person.id) + "/movements" + (index ? "/" + std::to_string(*index + 1) : ""), version);
  shown["fields"] = {
      {"movement_date", date_form_field(form, "movement_date", staff_text("Movement date"))},
      {"direction", form_field(form, "direction", staff_text("Movement"),
                               {{"legend", staff_text("Into or out of custody?")}, {"inline", true},
                                {"items", coded_options(movement_directions(), value_of(form, "direction"), "checked")}})},
      {"reason", form_field(form, "reason", staff_text("Reason (optional)"),
                            {{"hint", staff_text("For example: sentenced, released on licence, recalled")}, {"type", "text"}})},
  };
  return render_page(context, form.errors.empty() ? 200 : 422, "release_dates/movement_form", shown);
}

Response person_fact_form(WebContext& context, const Caller& caller, const PersonFactPage& asked,
                           const services::BookingView& view, const FormState& form, std::int64_t version) {
  auto words = person_fact_words(asked.fact, view.person.full_name());
  auto shown = booking_form_view(caller, view, words.question, form, booking_href(view.person.id) + "/" + std::string{asked.page},
                                 version);
  shown[std::string{asked.page}] = true;
  auto field = std::string{person_fact_field(asked.fact)};
  auto answer = value_of(form, field);
  shown["field"] = form_field(form, field, words.label,
                              {{"legend", words.legend}, {"inline", true},
                               {"items", View::list({View{{"value", "yes"}, {"text", staff_text("Yes")}, {"checked", answer == "yes"}},
                                                     View{{"value", "no"}, {"text", staff_text("No")}, {"checked", answer == "no"}}})}});
  return render_page(context, form.errors.empty() ? 200 : 422, "release_dates/person_fact_form", shown);
}

// What the pages asking before something leaves the booking share (release_dates/take_out): a refusal
// comes back in the error summary, linked to the button `button_id`.
View removal_page_view(const Caller& caller, const services::BookingView& view, const std::string& heading,
                       const std::string& button_id, FormState form, std::string action, std::int64_t version) {
  for (auto& error : form.errors) error.field = button_id;
  auto shown = booking_form_view(caller, view, heading, form, std::move(action), version);
  shown["button_id"] = button_id;
  shown["cancel_href"] = booking_href(view.person.id);
  return shown;
}

// Asks before a sentence leaves the booking; a refusal (another sentence or an adjustment still points
// at it) comes back in the error summary, linked to the button.
Response take_out_page(WebContext& context, const Caller& caller, const services::BookingView& view,
                       const std::string& sentence_id, FormState form, std::int64_t version) {
  const auto& booking = view.recorded;
  auto status = form.errors.empty() ? 200 : 422;
  auto shown = removal_page_view(caller, view, staff_text("Take ((item)) out of the booking", {{"item", sentence_name(booking, sentence_id)}}),
                                 "take_out", std::move(form), booking_href(view.person.id) + "/sentences/" + sentence_id + "/take-out",
                                 version);
  shown["sentence_item"] = true;
  for (const auto& sentence : booking.sentences)
    if (sentence.id == sentence_id)
      shown["description"] = staff_text("((kind)), sentenced on ((date)), ((term))",
                                        {{"kind", entry_for(sentence_kinds(), sentence.kind).label},
                                         {"date", to_long_date(sentence.sentenced_on)},
                                         {"term", sentence_term(sentence)}});
  return render_page(context, status, "release_dates/take_out", shown);
}

// The shape every booking form's POST shares: the change is saved and the booking shown again, or the
// form comes back with its errors at the version it was sent with.
template <typename Save, typename Show>
Response submit_booking_form(WebContext& context, Request& request, const Caller& caller, Save save, Show show) {
  auto person_id = id_param(request, "id");
  auto form = submitted_form(request);
  auto version = take_submitted_version(form.values);
  form.errors = errors_from([&] { save(person_id, form.values, version); });
  if (form.errors.empty()) return Response::redirect(booking_href(person_id));
  auto view = services::view_booking(context.store, caller.staff, person_id, context.clock.today());
  return show(view, std::move(form), version);
}

// The shape every booking form's GET shares: the form over the booking as it stands, at its version.
template <typename Show>
Response show_booking_form(WebContext& context, Request& request, const Caller& caller, Show show) {
  auto view = services::view_booking(context.store, caller.staff, id_param(request, "id"), context.clock.today());
  return show(view, view.booking.version);
}

std::optional<std::string> sentence_param(Request& request) {
  return std::to_string(id_param(request, "sentence"));
}

// The place of an adjustment or a movement in the booking's list, from its number on the page (1, 2, ...).
std::size_t item_index(Request& request) { return static_cast<std::size_t>(id_param(request, "number") - 1); }
std::optional<std::size_t> item_place(Request& request) { return item_index(request); }

const Movement& booked_movement(const services::BookingView& view, std::size_t index) {
  if (index >= view.recorded.movements.size()) throw NotFound("movement " + std::to_string(index + 1) + " is not in the booking");
  return view.recorded.movements[index];
}

// Asks before a movement is withdrawn from the custody history.
Response withdraw_movement_page(WebContext& context, const Caller& caller, const services::BookingView& view,
                                std::size_t index, FormState form, std::int64_t version) {
  const auto& movement = booked_movement(view, index);
  auto number = std::to_string(index + 1);
  auto status = form.errors.empty() ? 200 : 422;
  auto shown = removal_page_view(caller, view, staff_text("Withdraw movement ((number))", {{"number", number}}), "withdraw",
                                 std::move(form), booking_href(view.person.id) + "/movements/" + number + "/withdraw", version);
  shown["movement_item"] = true;
  auto date = to_long_date(movement.on);
  auto direction = entry_for(movement_directions(), movement.direction).label;
  shown["description"] = movement.reason.empty()
                             ? staff_text("((date)), ((direction))", {{"date", date}, {"direction", direction}})
                             : staff_text("((date)), ((direction)), ((reason))", {{"date", date}, {"direction", direction}, {"reason", movement.reason}});
  return render_page(context, status, "release_dates/take_out", shown);
}

const BookedSentence& booked(const services::BookingView& view, const std::string& id) {
  for (const auto& sentence : view.recorded.sentences)
    if (sentence.id == id) return sentence;
  throw NotFound("sentence " + id + " is not in the booking");
}

const Adjustment& booked_adjustment(const services::BookingView& view, std::size_t index) {
  if (index >= view.recorded.adjustments.size()) throw NotFound("adjustment " + std::to_string(index + 1) + " is not in the booking");
  return view.recorded.adjustments[index];
}

View change_rows(const std::vector<store::KeyDateChangeEntry>& entries) {
  auto rows = View::list();
  for (const auto& entry : entries) {
    const auto& change = entry.change;
    auto date = [](const std::optional<KeyDate>& key_date) {
      return key_date ? staff_text("((date)) (((rule)))", {{"date", to_long_date(key_date->date)},
                                                           {"rule", entry_for(key_date_rules(), key_date->rule).label}})
                      : staff_text("None");
    };
    rows.push_back({{"person", entry.person_name},
                    {"href", booking_href(change.person_id)},
                    {"key_date", std::string{entry_for(key_date_kinds(), change.kind).label}},
                    {"from", date(change.before)},
                    {"to", date(change.after)},
                    {"found_on", to_long_date(change.found_on)},
                    {"seen_action", "/release-date-changes/" + std::to_string(change.id) + "/seen"}});
  }
  return rows;
}
// The two POSTs of a kind of booked item (a sentence, an adjustment, a movement): `items` records a new
// one, `item` corrects the one its path names (`key_of`). `record` is the item's service and `form_of`
// shows its form again with the errors.
template <typename Key, typename Record, typename FormOf>
void route_booked_item(Router& router, WebContext& context, std::string_view items, std::string_view item,
                       Key (*key_of)(Request&), Record record, FormOf form_of) {
  using Optional = std::optional<typename Key::value_type>;
  auto submit = [&context, record, form_of](Request& request, const Caller& caller, const Optional& key) {
    return submit_booking_form(
        context, request, caller,
        [&](std::int64_t person_id, const FieldInput& values, std::int64_t version) {
          record(context.store, context.clock, caller.staff, person_id, key, values, version);
        },
        [&](const services::BookingView& view, FormState form, std::int64_t version) {
          return form_of(context, caller, view, key, form, version);
        });
  };
  router.post(items, page(context, [submit](Request& request, const Caller& caller) { return submit(request, caller, {}); }));
  router.post(item, page(context, [submit, key_of](Request& request, const Caller& caller) {
                return submit(request, caller, key_of(request));
              }));
}

}  // namespace

void add_release_dates_pages(Router& router, WebContext& context) {
  router.get("/people/{id}/booking", page(context, [&](Request& request, const Caller& caller) {
               return booking_page(context, caller, id_param(request, "id"));
             }));
  router.get("/people/{id}/booking/sentences/new", page(context, [&](Request& request, const Caller& caller) {
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return sentence_form(context, caller, view, std::nullopt, {{{"kind", "standard"}}, {}}, version);
               });
             }));
  router.get("/people/{id}/booking/sentences/{sentence}/edit", page(context, [&](Request& request, const Caller& caller) {
               auto id = sentence_param(request);
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return sentence_form(context, caller, view, id, {sentence_form_fields(booked(view, *id)), {}}, version);
               });
             }));
  route_booked_item(router, context, "/people/{id}/booking/sentences", "/people/{id}/booking/sentences/{sentence}",
                    sentence_param, services::record_booked_sentence, sentence_form);
  router.get("/people/{id}/booking/sentences/{sentence}/take-out", page(context, [&](Request& request, const Caller& caller) {
               auto id = *sentence_param(request);
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 booked(view, id);  // NotFound for a sentence not in the booking
                 return take_out_page(context, caller, view, id, {}, version);
               });
             }));
  router.post("/people/{id}/booking/sentences/{sentence}/take-out", page(context, [&](Request& request, const Caller& caller) {
                auto id = *sentence_param(request);
                return submit_booking_form(
                    context, request, caller,
                    [&](std::int64_t person_id, const FieldInput&, std::int64_t version) {
                      services::take_out_sentence(context.store, context.clock, caller.staff, person_id, id, version);
                    },
                    [&](const services::BookingView& view, FormState form, std::int64_t version) {
                      return take_out_page(context, caller, view, id, std::move(form), version);
                    });
              }));
  router.get("/people/{id}/booking/adjustments/new", page(context, [&](Request& request, const Caller& caller) {
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return adjustment_form(context, caller, view, std::nullopt, {{{"type", "remand"}}, {}}, version);
               });
             }));
  router.get("/people/{id}/booking/adjustments/{number}/edit", page(context, [&](Request& request, const Caller& caller) {
               auto index = item_index(request);
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return adjustment_form(context, caller, view, index,
                                        {adjustment_form_fields(booked_adjustment(view, index)), {}}, version);
               });
             }));
  route_booked_item(router, context, "/people/{id}/booking/adjustments", "/people/{id}/booking/adjustments/{number}",
                    item_place, services::record_booked_adjustment, adjustment_form);
  router.get("/people/{id}/booking/movements/new", page(context, [&](Request& request, const Caller& caller) {
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return movement_form(context, caller, view, std::nullopt, {}, version);
               });
             }));
  router.get("/people/{id}/booking/movements/{number}/edit", page(context, [&](Request& request, const Caller& caller) {
               auto index = item_index(request);
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return movement_form(context, caller, view, index, {movement_form_fields(booked_movement(view, index)), {}}, version);
               });
             }));
  route_booked_item(router, context, "/people/{id}/booking/movements", "/people/{id}/booking/movements/{number}",
                    item_place, services::record_booked_movement, movement_form);
  router.get("/people/{id}/booking/movements/{number}/withdraw", page(context, [&](Request& request, const Caller& caller) {
               auto index = item_index(request);
               return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                 return withdraw_movement_page(context, caller, view, index, {}, version);
               });
             }));
  router.post("/people/{id}/booking/movements/{number}/withdraw", page(context, [&](Request& request, const Caller& caller) {
                auto index = item_index(request);
                return submit_booking_form(
                    context, request, caller,
                    [&](std::int64_t person_id, const FieldInput&, std::int64_t version) {
                      services::withdraw_booked_movement(context.store, context.clock, caller.staff, person_id, index, version);
                    },
                    [&](const services::BookingView& view, FormState form, std::int64_t version) {
                      return withdraw_movement_page(context, caller, view, index, std::move(form), version);
                    });
              }));
  for (const auto& asked : person_fact_pages) {
    auto path = "/people/{id}/booking/" + std::string{asked.page};
    router.get(path, page(context, [&, asked](Request& request, const Caller& caller) {
                 return show_booking_form(context, request, caller, [&](const services::BookingView& view, std::int64_t version) {
                   FieldInput answer{{std::string{person_fact_field(asked.fact)}, person_fact(view.recorded, asked.fact) ? "yes" : "no"}};
                   return person_fact_form(context, caller, asked, view, {answer, {}}, version);
                 });
               }));
    router.post(path, page(context, [&, asked](Request& request, const Caller& caller) {
                  return submit_booking_form(
                      context, request, caller,
                      [&](std::int64_t person_id, const FieldInput& values, std::int64_t version) {
                        services::record_person_fact(context.store, context.clock, caller.staff, person_id, asked.fact, values,
                                                     version);
                      },
                      [&](const services::BookingView& view, FormState form, std::int64_t version) {
                        return person_fact_form(context, caller, asked, view, std::move(form), version);
                      });
                }));
  }
  router.get("/release-date-changes", page(context, [&](Request&, const Caller& caller) {
               auto shown = page_view(caller, staff_text("Release dates changed"), "");
               shown["changes"] = change_rows(services::release_date_changes(context.store, caller.staff));
               shown["has_changes"] = !shown["changes"].empty();
               return render_page(context, 200, "release_dates/changes", shown);
             }));
  router.post("/release-date-changes/{id}/seen", page(context, [&](Request& request, const Caller& caller) {
                services::mark_release_date_changes_seen(context.store, caller.staff, {id_param(request, "id")});
                return Response::redirect("/release-date-changes");
              }));
}

}  // namespace resettle::web

#pragma once
// One sentence, adjustment or movement of a booking, or a fact about its person, as the pages' forms send it (flat field names, GOV.UK
// date inputs, a checkbox per code), read into the booking's values with each bad field named by its
// form field; and the booking's own errors (`sentences[2].term.years`) named by the form's fields.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/field_input.hpp"
#include "domain/release_dates/booking.hpp"

namespace resettle {

// Fields: kind, sentenced_on, offence_committed_on, sds_plus, section_250, would_be_sds_plus,
// exclusion_<code> for each offence exclusion, progression_exclusion_<code> for each schedule excluded
// from the progression model, term_{years,months,weeks,days}, custodial_term_*, extension_term_*,
// consecutive_to (a sentence id, empty for concurrent), recall_type (empty for none), recall_revoked_on,
// recall_returned_on, release_scheme (empty: the law chooses; else it overrides, to reproduce another
// system's calculation), fine_amount (a default term's unpaid fine in pounds and pence, "1,250.50"; empty
// for none). The id is not on the form. Throws ValidationFailed.
BookedSentence read_sentence_form(const FieldInput& form);
FieldInput sentence_form_fields(const BookedSentence& sentence);

// Fields: type, days, from, to, applies_to_<sentence id> for each sentence it applies to (none: every
// sentence), applies_from, effective_on. Throws ValidationFailed.
Adjustment read_adjustment_form(const FieldInput& form);
FieldInput adjustment_form_fields(const Adjustment& adjustment);

// Fields: movement_date, direction (a movement_directions code: in or out), reason (optional). Throws
// ValidationFailed.
Movement read_movement_form(const FieldInput& form);
FieldInput movement_form_fields(const Movement& movement);

// The facts about the person a booking records, each asked as a yes/no question on its own page.
enum class PersonFact : std::uint8_t {
  sex_offender_register,  // no home detention curfew
  liable_to_removal,      // a foreign national liable to removal: an early removal scheme date
};
std::string_view person_fact_field(PersonFact fact);  // its form field and API name in `person`
bool person_fact(const Booking& booking, PersonFact fact);
void set_person_fact(Booking& booking, PersonFact fact, bool value);

// Field: person_fact_field(fact), "yes" or "no" (one must be chosen). Throws ValidationFailed.
bool read_person_fact_form(const FieldInput& form, PersonFact fact);

// The errors of the booking item at `path` ("sentences[2]") renamed to its form's fields
// ("term.years" is term_years, a whole term its years box, a list its name); others keep their path.
std::vector<FieldError> errors_on_form(const std::vector<FieldError>& errors, std::string_view path);

}  // namespace resettle

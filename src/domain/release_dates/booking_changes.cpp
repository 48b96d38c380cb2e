// Taking a sentence out of a booking (see booking_changes.hpp).
#include "domain/release_dates/booking_changes.hpp"

#include <algorithm>
#include <vector>

#include "domain/catalogue.hpp"
#include "domain/errors.hpp"

namespace resettle {

Booking without_sentence(const Booking& booking, const std::string& sentence_id) {
  const auto& sentences = booking.sentences;
  auto taken = std::find_if(sentences.begin(), sentences.end(), [&](const auto& s) { return s.id == sentence_id; });
  if (taken == sentences.end()) throw NotFound("sentence " + sentence_id + " is not in the booking");
  // Sentences and adjustments by their number on the booking page, in the refusals a staff page shows.
  auto taken_number = std::to_string(taken - sentences.begin() + 1);
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < sentences.size(); ++i)
    if (sentences[i].consecutive_to == sentence_id)
      errors.push_back({"sentences[" + std::to_string(i) + "].consecutive_to",
                        staff_text("Cannot take out sentence ((taken)): sentence ((other)) is served after it (consecutive to it). "
                                   "Change or take out sentence ((other)) first.",
                                   {{"taken", taken_number}, {"other", std::to_string(i + 1)}})});
  for (std::size_t i = 0; i < booking.adjustments.size(); ++i) {
    const auto& ids = booking.adjustments[i].sentence_ids;
    for (std::size_t j = 0; j < ids.size(); ++j)
      if (ids[j] == sentence_id)
        errors.push_back({"adjustments[" + std::to_string(i) + "].sentence_ids[" + std::to_string(j) + "]",
                          staff_text("Cannot take out sentence ((taken)): adjustment ((adjustment)) applies to it. Change "
                                     "adjustment ((adjustment)) first.",
                                     {{"taken", taken_number}, {"adjustment", std::to_string(i + 1)}})});
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  Booking rest = booking;
  rest.sentences.erase(rest.sentences.begin() + (taken - sentences.begin()));
  return rest;
}

}  // namespace resettle

// Taking a sentence out of a booking (see booking_changes.hpp).
#include "domain/release_dates/booking_changes.hpp"

#include <algorithm>
#include <vector>

#include "domain/errors.hpp"

namespace resettle {

Booking without_sentence(const Booking& booking, const std::string& sentence_id) {
  const auto& sentences = booking.sentences;
  auto taken = std::find_if(sentences.begin(), sentences.end(), [&](const auto& s) { return s.id == sentence_id; });
  if (taken == sentences.end()) throw NotFound("sentence " + sentence_id + " is not in the booking");
  auto name = [](std::size_t index) { return "sentence " + std::to_string(index + 1); };
  auto taken_name = name(std::size_t(taken - sentences.begin()));
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < sentences.size(); ++i)
    if (sentences[i].consecutive_to == sentence_id)
      errors.push_back({"sentences[" + std::to_string(i) + "].consecutive_to",
                        "Cannot take out " + taken_name + ": " + name(i) +
                            " is served after it (consecutive to it). Change or take out " + name(i) + " first."});
  for (std::size_t i = 0; i < booking.adjustments.size(); ++i) {
    const auto& ids = booking.adjustments[i].sentence_ids;
    for (std::size_t j = 0; j < ids.size(); ++j)
      if (ids[j] == sentence_id)
        errors.push_back({"adjustments[" + std::to_string(i) + "].sentence_ids[" + std::to_string(j) + "]",
                          "Cannot take out " + taken_name + ": adjustment " + std::to_string(i + 1) +
                              " applies to it. Change adjustment " + std::to_string(i + 1) + " first."});
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  Booking rest = booking;
  rest.sentences.erase(rest.sentences.begin() + (taken - sentences.begin()));
  return rest;
}

}  // namespace resettle

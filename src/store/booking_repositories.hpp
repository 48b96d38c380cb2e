#pragma once
// The repository of a person's booking (migration 38): which of their sentences are in it, its typed
// adjustments, its version, the key dates last worked out from it and the changes the nightly
// refresh found in them. The sentences themselves are the SentenceRepository's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/release_dates/stored_booking.hpp"

namespace resettle::store {

// A key date the nightly refresh found changed, with the person's name for the worklist.
struct KeyDateChangeEntry {
  KeyDateChange change;
  std::string person_name;
  std::optional<std::string> prison_number;
};

class BookingRepository {
 public:
  virtual ~BookingRepository() = default;
  // The person's booking: the sentences in it newest first, the adjustments not withdrawn in id order
  // and its version (0 when it was never recorded whole). Empty lists when none is recorded.
  virtual StoredBooking find(std::int64_t person_id) = 0;
  // The booking's version alone (0 when it was never recorded whole).
  virtual std::int64_t version(std::int64_t person_id) = 0;
  // Moves the booking's version on from expected_version (0: never recorded whole); throws StaleVersion
  // when it has moved on.
  virtual void advance(std::int64_t person_id, std::int64_t expected_version) = 0;
  // Takes every sentence of the person out of the booking (kept, with its version moved on).
  virtual void clear_sentences(std::int64_t person_id) = 0;
  // Adds an adjustment with the sentences it applies to (their ids as text); returns its id.
  virtual std::int64_t add_adjustment(const StoredAdjustment& adjustment) = 0;
  // Withdraws an adjustment: it stays on record but no longer counts. An unknown id changes nothing.
  virtual void withdraw_adjustment(std::int64_t adjustment_id) = 0;
  // Replaces the custody history: the movements recorded are withdrawn (kept), these added in order.
  virtual void replace_movements(std::int64_t person_id, const std::vector<Movement>& movements) = 0;
  // Records whether the person is on the sex offenders register (the booking is recorded: advance first).
  virtual void set_sex_offender_register(std::int64_t person_id, bool registered) = 0;
  // Records whether the person is a foreign national liable to removal (as above).
  virtual void set_liable_to_removal(std::int64_t person_id, bool liable) = 0;

  // The key dates last worked out for the person, each with its rule; empty when never worked out.
  virtual std::optional<KeyDates> calculated(std::int64_t person_id) = 0;
  virtual void save_calculated(std::int64_t person_id, const KeyDates& dates) = 0;  // replaces them

  // Records a changed key date the refresh found; returns its id.
  virtual std::int64_t add_change(const KeyDateChange& change) = 0;
  // The changes to the key dates of people this member of staff is allocated to now (lead or deputy,
  // any role), that they have not marked seen, newest first.
  virtual std::vector<KeyDateChangeEntry> unseen_changes(std::int64_t staff_id) = 0;
  // Marks a change seen by this member of staff; marking it twice changes nothing. Returns the
  // change's person, or empty for no such change.
  virtual std::optional<std::int64_t> mark_seen(std::int64_t change_id, std::int64_t staff_id) = 0;
};

}  // namespace resettle::store

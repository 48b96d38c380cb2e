#pragma once
// Sentences and the booking of both stores (docs/decisions.md, "The store on PostgreSQL"): written
// once, in store/shared/bookings.cpp, over either connection.
#include <cstdint>
#include <optional>
#include <vector>

#include "store/shared/database.hpp"
#include "store/store.hpp"

namespace resettle::store::shared {

template <Database Db>
class Sentences final : public SentenceRepository {
 public:
  explicit Sentences(Db& db) : db_(db) {}
  std::int64_t insert(const Sentence& sentence) override;
  std::optional<Sentence> find(std::int64_t id) override;
  void update(const Sentence& sentence, std::int64_t expected_version) override;
  std::vector<Sentence> for_person(std::int64_t person_id) override;

 private:
  Db& db_;
};

template <Database Db>
class Bookings final : public BookingRepository {
 public:
  explicit Bookings(Db& db) : db_(db) {}
  StoredBooking find(std::int64_t person_id) override;
  void advance(std::int64_t person_id, std::int64_t expected_version) override;
  void clear_sentences(std::int64_t person_id) override;
  std::int64_t add_adjustment(const StoredAdjustment& adjustment) override;
  void withdraw_adjustment(std::int64_t adjustment_id) override;
  std::int64_t version(std::int64_t person_id) override;
  void replace_movements(std::int64_t person_id, const std::vector<Movement>& movements) override;
  void set_sex_offender_register(std::int64_t person_id, bool registered) override;
  void set_liable_to_removal(std::int64_t person_id, bool liable) override;
  std::optional<KeyDates> calculated(std::int64_t person_id) override;
  void save_calculated(std::int64_t person_id, const KeyDates& dates) override;
  std::int64_t add_change(const KeyDateChange& change) override;
  std::vector<KeyDateChangeEntry> unseen_changes(std::int64_t staff_id) override;
  std::optional<std::int64_t> mark_seen(std::int64_t change_id, std::int64_t staff_id) override;

 private:
  Db& db_;
};

}  // namespace resettle::store::shared

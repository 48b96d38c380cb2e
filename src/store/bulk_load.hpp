#pragma once
// Loading a whole data set at once (the synthetic national data set): many records in the
// caller's one transaction, through prepared statements, without a journal event per record
// (the use case records one event for the whole load; see docs/decisions.md).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/allocation/allocation.hpp"
#include "domain/people/case_assessment.hpp"
#include "domain/people/person.hpp"
#include "domain/people/risk_profile.hpp"
#include "domain/release_dates/sentence.hpp"
#include "domain/staff/staff.hpp"

namespace resettle::store {

// One person with everything known about them on arrival.
struct LoadedCase {
  Person person;                       // id filled in by insert_cases
  std::optional<Sentence> sentence;    // none while on remand
  std::optional<RiskProfile> risk_profile;
  CaseDates dates;                     // already worked out by the rules
  std::vector<Allocation> allocations; // staff_id set; person_id filled in by insert_cases
};

class BulkLoadRepository {
 public:
  virtual ~BulkLoadRepository() = default;
  // Fills in each member's id. Everyone gets the same password hash (one that verifies no
  // password keeps them from signing in).
  virtual void insert_staff(std::span<StaffMember> staff, const std::string& password_hash) = 0;
  // Fills in each person's id and the person id of their sentence, profile, dates and allocations.
  virtual void insert_cases(std::span<LoadedCase> cases) = 0;
  virtual std::int64_t rows_inserted() const = 0;  // by this repository, in this transaction
};

// The physical limit a load is compared with: `rows` prepared inserts of a row about as wide as
// the load's, in one transaction, with the same connection settings, into a throwaway database
// at `scratch_path` that is deleted afterwards.
struct RawInsertRate {
  std::int64_t rows = 0;
  double seconds = 0;
  double rows_per_second() const { return seconds > 0 ? static_cast<double>(rows) / seconds : 0; }
};
RawInsertRate measure_sqlite_raw_inserts(const std::string& scratch_path, std::int64_t rows);

}  // namespace resettle::store

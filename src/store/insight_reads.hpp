#pragma once
// The set-based reads insight needs at national scale (issue 25): a scope's people, the cases and the
// progress records of many people at once (one query per kind of record, never one per case), the
// journal's latest event (to know whether figures worked out earlier still stand) and the names behind a
// number. Offered by each store's InsightRepository beside that interface, and reached through
// insight_reads(): kept apart from store.hpp, which nearly every file includes, so adding them rebuilt
// only the insight files; folding them into InsightRepository is a mechanical change.
#include <cstdint>
#include <vector>

#include "domain/insight/progress.hpp"
#include "domain/people/person.hpp"
#include "store/store.hpp"

namespace resettle::store {

class InsightReads {
 public:
  virtual ~InsightReads() = default;
  // The ids of the people in the scope (as InsightRepository::cases counts them), in id order.
  virtual std::vector<std::int64_t> people(const InsightScope& scope) = 0;
  // The cases of these people (ids in increasing order), as InsightRepository::cases gives them.
  virtual std::vector<InsightCase> cases_of(const std::vector<std::int64_t>& person_ids) = 0;
  // What the records of these cases (in person id order) hold beside them, one entry per case in order:
  // the latest release day record, the needs assessments, outcome snapshots and referrals.
  virtual std::vector<CaseProgress> progress_of(const std::vector<std::int64_t>& person_ids) = 0;
  // The id of the latest event in the journal (0 with none): every change to case data is journalled,
  // so figures worked out while it stood still are still the figures.
  virtual std::int64_t latest_change() = 0;
  // The people with these ids (in increasing order) as lists show them, in id order, leaving out the
  // limited-access cases the member of staff `seen_by` may not see.
  virtual std::vector<PersonSummary> named(const std::vector<std::int64_t>& person_ids, std::int64_t seen_by) = 0;
};

// The transaction's insight reads (its InsightRepository offers them).
inline InsightReads& insight_reads(Transaction& tx) { return dynamic_cast<InsightReads&>(tx.insight()); }

}  // namespace resettle::store

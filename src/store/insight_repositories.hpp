#pragma once
// The repositories of insight (migration 35): a person's equality facts, and the facts of every case in
// a scope that the insight measures read, gathered from the allocations, case dates, release day
// records and recall decisions each time they are asked for (nothing cached, so nothing goes stale).
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/insight/equality.hpp"
#include "domain/insight/figures.hpp"
#include "domain/insight/insight.hpp"
#include "domain/insight/progress.hpp"
#include "domain/people/person.hpp"

namespace resettle::store {

class EqualityFactsRepository {
 public:
  virtual ~EqualityFactsRepository() = default;
  // The person's facts, or empty when none are recorded.
  virtual std::optional<EqualityFacts> find(std::int64_t person_id) = 0;
  // Writes the facts (a new record when expected_version is 0) if the stored version is still
  // expected_version; StaleVersion otherwise. Never deleted: a change is a new version, journalled.
  virtual void save(const EqualityFacts& facts, std::int64_t expected_version) = 0;
};

class InsightRepository {
 public:
  virtual ~InsightRepository() = default;
  // Whether the team, PDU, prison or region with this code exists (national: always).
  virtual bool scope_exists(const InsightScope& scope) = 0;
  // Every person in the scope, in id order, with their date of birth, equality facts, COM start date,
  // releases (from the release day records) and recall decisions; allocations are left empty for the
  // caller (AllocationRepository::history_for_people). A person is in a prison's scope while held there
  // or when released from it; in a PDU's when it supervises them; in a region's when their prison or PDU
  // is in it; in a team's when a member of the team has ever held an allocation for them. Limited-access
  // cases are included: they are only counted, never named.
  virtual std::vector<InsightCase> cases(const InsightScope& scope) = 0;
  // The set-based reads for national scale (issue 25): one query per kind of record, never one per case.
  // The ids of the people in the scope (as InsightRepository::cases counts them), in id order.
  virtual std::vector<std::int64_t> people(const InsightScope& scope) = 0;
  // The cases of these people (ids in increasing order), as InsightRepository::cases gives them.
  virtual std::vector<InsightCase> cases_of(const std::vector<std::int64_t>& person_ids) = 0;
  // What the records of these cases (in person id order) hold beside them, one entry per case in order:
  // the latest release day record, the needs assessments, outcome snapshots and referrals.
  virtual std::vector<CaseProgress> progress_of(const std::vector<std::int64_t>& person_ids) = 0;
  // Insight's change log (migration 44): every write to a record the measures or their scopes read logs
  // the person it touched, by trigger, in the writing transaction, so a server can keep every case's
  // figures in step with the records. The latest entry of the log (0 with none):
  virtual std::int64_t latest_entry() = 0;
  // The people logged after the entry `entry`, each once, in id order.
  virtual std::vector<std::int64_t> changed_since(std::int64_t entry) = 0;
  // The log is derived data: it only says whose figures to work out again, so the entries no kept
  // figures need are removed (migration 45). The highest entry trimmed so far (0 when none): figures
  // that follow the log only up to an entry below it have lost entries and must be made afresh.
  virtual std::int64_t trimmed_up_to() = 0;
  // Removes the entries up to `entry`, never the latest (ids must keep rising), and records how far the
  // log is trimmed; returns how many were removed. In a write transaction.
  virtual std::int64_t trim_changes(std::int64_t entry) = 0;
  // The units each of these people (ids in increasing order) is counted in, one entry per id, in order;
  // as `cases` puts people in scopes.
  virtual std::vector<CaseUnits> units_of(const std::vector<std::int64_t>& person_ids) = 0;
  // The people with these ids (in increasing order) as lists show them, in id order, leaving out the
  // limited-access cases the member of staff `seen_by` may not see.
  virtual std::vector<PersonSummary> named(const std::vector<std::int64_t>& person_ids, std::int64_t seen_by) = 0;
};

}  // namespace resettle::store

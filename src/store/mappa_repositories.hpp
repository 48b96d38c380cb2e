#pragma once
// The repository of MAPPA (migration 34): category and level decisions and panel referrals (added,
// never changed: the newest decision is the current one), meetings with their attendees, and the
// risk management plan's actions. Nothing is deleted.
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/mappa/mappa.hpp"
#include "domain/people/person.hpp"
#include "store/pagination.hpp"

namespace resettle::store {

struct WorklistScope;

// A case the MAPPA worklist may show, with the facts of its next meeting and what is overdue today.
struct MappaWorklistRow {
  PersonSummary person;
  std::string prison_code;
  std::string pdu_code;
  NextMeetingFacts facts;
  int actions_overdue = 0;
  int requests_overdue = 0;  // information sharing requests waiting past their due date
};

class MappaRepository {
 public:
  virtual ~MappaRepository() = default;
  virtual std::int64_t insert_decision(const MappaDecision& decision) = 0;  // returns its id
  // The person's decisions, newest decided_on first (then newest recorded); empty when none.
  virtual std::vector<MappaDecision> decisions_for(std::int64_t person_id) = 0;
  virtual std::int64_t insert_referral(const MappaReferral& referral) = 0;  // returns its id
  virtual std::vector<MappaReferral> referrals_for(std::int64_t person_id) = 0;  // newest first; empty when none
  // Returns its id; its version becomes 1.
  virtual std::int64_t insert_meeting(const MappaMeeting& meeting) = 0;
  virtual std::optional<MappaMeeting> find_meeting(std::int64_t id) = 0;
  // Writes status, attendees and notes if the stored version is still expected_version; StaleVersion
  // otherwise. The person, kind and date never change.
  virtual void update_meeting(const MappaMeeting& meeting, std::int64_t expected_version) = 0;
  // The person's meetings, latest meeting date first; empty when none.
  virtual std::vector<MappaMeeting> meetings_for(std::int64_t person_id) = 0;
  // The people with a meeting naming this member of staff as an attendee by account, planned or held,
  // in person id order; empty when none.
  virtual std::vector<std::int64_t> attended_cases(std::int64_t staff_id) = 0;
  // Returns its id; its version becomes 1.
  virtual std::int64_t insert_action(const MappaAction& action) = 0;
  virtual std::optional<MappaAction> find_action(std::int64_t id) = 0;
  // Writes the status if the stored version is still expected_version; StaleVersion otherwise.
  virtual void update_action(const MappaAction& action, std::int64_t expected_version) = 0;
  // The person's actions, soonest due first (then oldest); empty when none.
  virtual std::vector<MappaAction> actions_for(std::int64_t person_id) = 0;
  // The people of the scope (and its seen_by) managed at MAPPA level 2 or 3 now, or with an open
  // action or an unanswered information sharing request past its due date on `today`: the candidates
  // of the MAPPA worklist, whose meeting due date the caller works out. In person id order, a page
  // at a time.
  virtual Page<MappaWorklistRow> worklist(Date today, const WorklistScope& scope) = 0;
};

}  // namespace resettle::store

// The schema migrations, in order; new ones go at the end (see migrations.hpp).
#include "store/sqlite/migrations.hpp"

#include <array>

namespace resettle::store::sqlite {

namespace {

// Case data is never hard-deleted and the journal is never edited: the database refuses both,
// so a bug elsewhere cannot lose history.
constexpr std::string_view foundation = R"sql(
CREATE TABLE region (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL
) STRICT;

CREATE TABLE prison (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES region(code)
) STRICT;

CREATE TABLE pdu (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES region(code)
) STRICT;

CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  prison_code TEXT REFERENCES prison(code),
  pdu_code TEXT REFERENCES pdu(code),
  organisation TEXT,
  email TEXT,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  prison_number TEXT UNIQUE,
  crn TEXT UNIQUE,
  pnc TEXT,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL,
  gender TEXT NOT NULL,
  ethnic_group TEXT,
  preferred_language TEXT,
  communication_needs TEXT,
  prison_code TEXT REFERENCES prison(code),
  pdu_code TEXT REFERENCES pdu(code),
  stage TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX person_by_prison ON person(prison_code, id);
CREATE INDEX person_by_pdu ON person(pdu_code, id);
CREATE INDEX person_by_family_name ON person(family_name COLLATE NOCASE);

CREATE TABLE sentence (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  legal_status TEXT NOT NULL,
  sentence_type TEXT NOT NULL,
  release_scheme TEXT NOT NULL,
  start_date TEXT,
  length_days INTEGER,
  extension_days INTEGER,
  remand_days INTEGER NOT NULL DEFAULT 0,
  tagged_bail_days INTEGER NOT NULL DEFAULT 0,
  recall INTEGER NOT NULL DEFAULT 0,
  target_hearing_date TEXT,
  last_parole_outcome_release INTEGER NOT NULL DEFAULT 0,
  offence TEXT NOT NULL DEFAULT '',
  conditional_release_date TEXT,
  automatic_release_date TEXT,
  parole_eligibility_date TEXT,
  home_detention_curfew_eligibility_date TEXT,
  licence_expiry_date TEXT,
  sentence_expiry_date TEXT,
  sentence_and_licence_expiry_date TEXT,
  top_up_supervision_expiry_date TEXT,
  tariff_date TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX sentence_by_person ON sentence(person_id, id);

CREATE TABLE allocation (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  role TEXT NOT NULL,
  from_date TEXT NOT NULL,
  to_date TEXT,
  reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX allocation_by_person ON allocation(person_id, to_date);
CREATE INDEX allocation_by_staff ON allocation(staff_id, to_date);

CREATE TABLE event (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor_staff_id INTEGER REFERENCES staff(id),
  person_id INTEGER REFERENCES person(id),
  kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  summary TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
) STRICT;
CREATE INDEX event_by_person ON event(person_id, id);

CREATE TABLE access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  what TEXT NOT NULL,
  allowed INTEGER NOT NULL
) STRICT;
CREATE INDEX access_log_by_person ON access_log(person_id, id);

CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE api_token (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at TEXT
) STRICT;

CREATE TABLE login_attempt (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  succeeded INTEGER NOT NULL
) STRICT;
CREATE INDEX login_attempt_by_username ON login_attempt(username, at);
CREATE INDEX login_attempt_by_address ON login_attempt(address, at);

CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER person_is_never_deleted BEFORE DELETE ON person
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a correction instead'); END;
CREATE TRIGGER sentence_is_never_deleted BEFORE DELETE ON sentence
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a correction instead'); END;
CREATE TRIGGER allocation_is_never_deleted BEFORE DELETE ON allocation
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: end the allocation instead'); END;
)sql";

// What decides who leads a case (OMiC), and the dates worked out from it, kept so worklists are
// indexed queries. case_dates is derived data: rewritten whenever its inputs change.
constexpr std::string_view responsibility = R"sql(
CREATE TABLE risk_profile (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  rosh TEXT,
  tier TEXT,
  mappa_level TEXT NOT NULL DEFAULT '0',
  iom INTEGER NOT NULL DEFAULT 0,
  early_allocation INTEGER NOT NULL DEFAULT 0,
  open_prison_arrival_date TEXT,
  manual_responsibility TEXT,
  manual_responsibility_reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE TRIGGER risk_profile_is_never_deleted BEFORE DELETE ON risk_profile
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a correction instead'); END;

CREATE TABLE case_dates (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  responsibility TEXT NOT NULL,
  reason TEXT NOT NULL,
  pom_type TEXT NOT NULL,
  com_allocated_date TEXT,
  handover_date TEXT,
  release_date TEXT,
  worked_out_on TEXT NOT NULL
) STRICT;
CREATE INDEX case_dates_by_handover ON case_dates(handover_date);
CREATE INDEX case_dates_by_release ON case_dates(release_date);
CREATE INDEX case_dates_by_com_start ON case_dates(com_allocated_date);
)sql";

// Needs, the one plan per person, the pre-release checklist and outcome snapshots. A plan and a
// checklist carry a version for optimistic concurrency; nothing is ever deleted.
constexpr std::string_view resettlement_plan = R"sql(
CREATE TABLE needs_assessment (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  assessed_on TEXT NOT NULL,
  assessed_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX needs_assessment_by_person ON needs_assessment(person_id, id);

CREATE TABLE needs_pathway (
  assessment_id INTEGER NOT NULL REFERENCES needs_assessment(id),
  pathway TEXT NOT NULL,
  need_level TEXT NOT NULL,
  strengths TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(strengths)),
  own_words TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  PRIMARY KEY (assessment_id, pathway)
) STRICT;

CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  offer TEXT NOT NULL,
  started_on TEXT NOT NULL,
  last_material_change_on TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE plan_objective (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id),
  pathway TEXT NOT NULL,
  goal TEXT NOT NULL,
  status TEXT NOT NULL
) STRICT;
CREATE INDEX plan_objective_by_plan ON plan_objective(plan_id, id);

CREATE TABLE plan_action (
  id INTEGER PRIMARY KEY,
  objective_id INTEGER NOT NULL REFERENCES plan_objective(id),
  description TEXT NOT NULL,
  owner_kind TEXT NOT NULL,
  owner_name TEXT NOT NULL DEFAULT '',
  due TEXT NOT NULL,
  status TEXT NOT NULL,
  status_reason TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_action_by_objective ON plan_action(objective_id, id);

CREATE TABLE plan_review (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id),
  kind TEXT NOT NULL,
  held_on TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_review_by_plan ON plan_review(plan_id, id);

CREATE TABLE plan_agreement (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id),
  agreed_on TEXT NOT NULL,
  in_their_words TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX plan_agreement_by_plan ON plan_agreement(plan_id, id);

CREATE TABLE pre_release_checklist (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  release_date TEXT NOT NULL,
  generated_on TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE checklist_item (
  checklist_id INTEGER NOT NULL REFERENCES pre_release_checklist(id),
  kind TEXT NOT NULL,
  due TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  completed_on TEXT,
  PRIMARY KEY (checklist_id, kind)
) STRICT;

CREATE TABLE outcome_snapshot (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  milestone TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX outcome_snapshot_by_person ON outcome_snapshot(person_id, id);

CREATE TABLE outcome_pathway (
  snapshot_id INTEGER NOT NULL REFERENCES outcome_snapshot(id),
  pathway TEXT NOT NULL,
  level TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (snapshot_id, pathway)
) STRICT;

CREATE TRIGGER needs_assessment_is_never_deleted BEFORE DELETE ON needs_assessment
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new assessment instead'); END;
CREATE TRIGGER needs_pathway_is_never_deleted BEFORE DELETE ON needs_pathway
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new assessment instead'); END;
CREATE TRIGGER plan_is_never_deleted BEFORE DELETE ON plan
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: the plan stays with the person'); END;
CREATE TRIGGER plan_objective_is_never_deleted BEFORE DELETE ON plan_objective
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: mark the objective no longer needed'); END;
CREATE TRIGGER plan_action_is_never_deleted BEFORE DELETE ON plan_action
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: cancel the action instead'); END;
CREATE TRIGGER plan_review_is_never_deleted BEFORE DELETE ON plan_review
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a correction instead'); END;
CREATE TRIGGER plan_agreement_is_never_deleted BEFORE DELETE ON plan_agreement
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new agreement instead'); END;
CREATE TRIGGER pre_release_checklist_is_never_deleted BEFORE DELETE ON pre_release_checklist
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: mark items not needed instead'); END;
CREATE TRIGGER checklist_item_is_never_deleted BEFORE DELETE ON checklist_item
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: mark the item not needed instead'); END;
CREATE TRIGGER outcome_snapshot_is_never_deleted BEFORE DELETE ON outcome_snapshot
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new snapshot instead'); END;
CREATE TRIGGER outcome_pathway_is_never_deleted BEFORE DELETE ON outcome_pathway
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new snapshot instead'); END;
)sql";

// The service directory (Open Referral HSDS 3.0 shapes; columns carry HSDS field names) and
// referrals to its services. Referrals and their steps are never deleted, and a step once
// recorded never changes: the history of who was referred where must survive any bug.
constexpr std::string_view directory_and_referrals = R"sql(
CREATE TABLE organisation (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  email TEXT,
  website TEXT
) STRICT;

CREATE TABLE service (
  id TEXT PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organisation(id),
  name TEXT NOT NULL,
  description TEXT,
  url TEXT,
  email TEXT,
  status TEXT NOT NULL,
  application_process TEXT,
  eligibility_description TEXT,
  minimum_age INTEGER,
  maximum_age INTEGER,
  wait_time TEXT
) STRICT;
CREATE INDEX service_by_organisation ON service(organization_id);

CREATE TABLE location (
  id TEXT PRIMARY KEY,
  location_type TEXT NOT NULL,
  name TEXT,
  description TEXT,
  latitude REAL,
  longitude REAL,
  address_1 TEXT,
  address_2 TEXT,
  city TEXT,
  state_province TEXT,
  postal_code TEXT,
  country TEXT
) STRICT;

CREATE TABLE service_at_location (
  id TEXT PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  location_id TEXT NOT NULL REFERENCES location(id),
  description TEXT
) STRICT;
CREATE INDEX service_at_location_by_service ON service_at_location(service_id);

CREATE TABLE schedule (
  row INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  id TEXT,
  freq TEXT NOT NULL,
  byday TEXT,
  opens_at TEXT,
  closes_at TEXT,
  description TEXT,
  valid_from TEXT,
  valid_to TEXT
) STRICT;
CREATE INDEX schedule_by_service ON schedule(service_id);

CREATE TABLE contact (
  row INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  id TEXT,
  name TEXT,
  title TEXT,
  department TEXT,
  email TEXT,
  phone TEXT
) STRICT;
CREATE INDEX contact_by_service ON contact(service_id);

-- Eligibility by area: ONS geography codes. A service with no rows here takes people from anywhere.
CREATE TABLE service_area (
  row INTEGER PRIMARY KEY,
  service_id TEXT NOT NULL REFERENCES service(id),
  id TEXT,
  code TEXT NOT NULL,
  name TEXT
) STRICT;
CREATE INDEX service_area_by_service ON service_area(service_id);
CREATE INDEX service_area_by_code ON service_area(code);

-- Eligibility by gender; ages and the plain-words conditions are columns of service.
CREATE TABLE eligibility_gender (
  service_id TEXT NOT NULL REFERENCES service(id),
  gender TEXT NOT NULL,
  PRIMARY KEY (service_id, gender)
) STRICT;

CREATE TABLE service_capacity (
  service_id TEXT PRIMARY KEY REFERENCES service(id),
  available INTEGER NOT NULL,
  maximum INTEGER,
  unit TEXT,
  description TEXT,
  updated TEXT NOT NULL
) STRICT;

-- The taxonomy services are found by: the resettlement pathways.
CREATE TABLE taxonomy_term (
  code TEXT PRIMARY KEY,
  taxonomy TEXT NOT NULL,
  label TEXT NOT NULL
) STRICT;

CREATE TABLE service_pathway (
  service_id TEXT NOT NULL REFERENCES service(id),
  pathway_code TEXT NOT NULL REFERENCES taxonomy_term(code),
  PRIMARY KEY (service_id, pathway_code)
) STRICT;
CREATE INDEX service_pathway_by_pathway ON service_pathway(pathway_code, service_id);

-- Free-text search; the repository rewrites a service's row in the transaction that saves it.
CREATE VIRTUAL TABLE service_search USING fts5(
  service_id UNINDEXED, name, description, eligibility, organisation, pathways,
  tokenize = 'porter unicode61'
);

CREATE TABLE referral (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  person_id INTEGER NOT NULL REFERENCES person(id),
  plan_action_id INTEGER,
  service_id TEXT NOT NULL REFERENCES service(id),
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  consent_given INTEGER NOT NULL DEFAULT 0,
  consent_recorded_on TEXT,
  consent_recorded_by TEXT,
  consent_scope TEXT,
  reason_for_referral TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '[]',
  local_authority TEXT,
  duty_referral_date TEXT,
  homelessness_reason TEXT,
  planned_release_date TEXT,
  nights_requested INTEGER,
  cas3_start_date TEXT,
  property_area TEXT,
  end_of_service_report_on TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX referral_by_person ON referral(person_id, id);
CREATE INDEX referral_by_service ON referral(service_id, id);

CREATE TABLE referral_step (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referral(id),
  position INTEGER NOT NULL,
  status TEXT NOT NULL,
  on_date TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  reason TEXT,
  UNIQUE (referral_id, position)
) STRICT;

CREATE TRIGGER referral_is_never_deleted BEFORE DELETE ON referral
BEGIN SELECT RAISE(ABORT, 'referrals are never deleted: withdraw the referral instead'); END;
CREATE TRIGGER referral_step_is_never_deleted BEFORE DELETE ON referral_step
BEGIN SELECT RAISE(ABORT, 'referral steps are never deleted'); END;
CREATE TRIGGER referral_step_is_never_changed BEFORE UPDATE ON referral_step
BEGIN SELECT RAISE(ABORT, 'referral steps are never changed: record a new step instead'); END;
)sql";

// Allocation and continuity (issue 4): teams, staff capacity and specialisms, absences, a deputy
// beside each lead, the three-way handover meeting, transfers the receiver acknowledges, and the
// limited-access lists. Entries on the lists are ended, never deleted, so the audit can show who
// could see a case on any day.
constexpr std::string_view allocation_and_continuity = R"sql(
CREATE TABLE team (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prison_code TEXT REFERENCES prison(code),
  pdu_code TEXT REFERENCES pdu(code),
  CHECK ((prison_code IS NULL) <> (pdu_code IS NULL))
) STRICT;

ALTER TABLE staff ADD COLUMN team_code TEXT REFERENCES team(code);
ALTER TABLE staff ADD COLUMN capacity_percent INTEGER NOT NULL DEFAULT 100
  CHECK (capacity_percent BETWEEN 0 AND 100);
ALTER TABLE staff ADD COLUMN specialisms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(specialisms));
ALTER TABLE staff ADD COLUMN away_from TEXT;
ALTER TABLE staff ADD COLUMN away_until TEXT;
CREATE INDEX staff_by_prison ON staff(prison_code, role);
CREATE INDEX staff_by_pdu ON staff(pdu_code, role);
CREATE INDEX staff_by_team ON staff(team_code);

ALTER TABLE allocation ADD COLUMN kind TEXT NOT NULL DEFAULT 'lead' CHECK (kind IN ('lead', 'deputy'));

CREATE TABLE handover_meeting (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
  scheduled_on TEXT NOT NULL,
  held_on TEXT,
  pom_staff_id INTEGER REFERENCES staff(id),
  com_staff_id INTEGER REFERENCES staff(id),
  person_attended INTEGER,
  notes TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX handover_meeting_by_person ON handover_meeting(person_id, id);

CREATE TABLE case_transfer (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  kind TEXT NOT NULL CHECK (kind IN ('prison', 'pdu', 'practitioner')),
  role TEXT,
  from_code TEXT,
  to_code TEXT,
  from_staff_id INTEGER REFERENCES staff(id),
  to_staff_id INTEGER REFERENCES staff(id),
  summary TEXT NOT NULL,
  current_risks TEXT NOT NULL,
  outstanding_actions TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES staff(id),
  requested_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('awaiting_acknowledgement', 'acknowledged', 'withdrawn')),
  acknowledged_by INTEGER REFERENCES staff(id),
  acknowledged_on TEXT,
  acknowledgement_note TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX case_transfer_by_person ON case_transfer(person_id, id);
CREATE INDEX case_transfer_by_destination ON case_transfer(status, to_code);
CREATE INDEX case_transfer_by_receiver ON case_transfer(status, to_staff_id);

CREATE TABLE limited_access (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  list TEXT NOT NULL CHECK (list IN ('exclusion', 'restriction')),
  reason TEXT NOT NULL,
  added_by INTEGER NOT NULL REFERENCES staff(id),
  added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  removed_by INTEGER REFERENCES staff(id),
  removed_at TEXT
) STRICT;
CREATE INDEX limited_access_current_by_person ON limited_access(person_id) WHERE removed_at IS NULL;
CREATE INDEX limited_access_current_by_staff ON limited_access(staff_id, person_id) WHERE removed_at IS NULL;

CREATE TRIGGER handover_meeting_is_never_deleted BEFORE DELETE ON handover_meeting
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: cancel the meeting instead'); END;
CREATE TRIGGER case_transfer_is_never_deleted BEFORE DELETE ON case_transfer
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: withdraw the transfer instead'); END;
CREATE TRIGGER limited_access_is_never_deleted BEFORE DELETE ON limited_access
BEGIN SELECT RAISE(ABORT, 'limited-access entries are never deleted: end the entry instead'); END;
)sql";

// Worklists read one unit's cases in date order: case dates carry the person's prison and PDU (kept in
// step by a trigger when a person moves) and whether a COM is allocated now (kept in step by triggers on
// allocation), so each list is a range on a (unit, date) index instead of a walk over the unit's people.
constexpr std::string_view worklists_by_unit = R"sql(
ALTER TABLE case_dates ADD COLUMN prison_code TEXT;
ALTER TABLE case_dates ADD COLUMN pdu_code TEXT;
ALTER TABLE case_dates ADD COLUMN com_allocated INTEGER NOT NULL DEFAULT 0 CHECK (com_allocated IN (0, 1));
UPDATE case_dates SET
  prison_code = (SELECT p.prison_code FROM person p WHERE p.id = case_dates.person_id),
  pdu_code = (SELECT p.pdu_code FROM person p WHERE p.id = case_dates.person_id),
  com_allocated = EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = case_dates.person_id AND a.role = 'com'
                          AND a.to_date IS NULL);
CREATE INDEX case_dates_by_prison_handover ON case_dates(prison_code, handover_date) WHERE prison_code IS NOT NULL;
CREATE INDEX case_dates_by_pdu_handover ON case_dates(pdu_code, handover_date) WHERE pdu_code IS NOT NULL;
CREATE INDEX case_dates_by_prison_release ON case_dates(prison_code, release_date) WHERE prison_code IS NOT NULL;
CREATE INDEX case_dates_by_pdu_release ON case_dates(pdu_code, release_date) WHERE pdu_code IS NOT NULL;
CREATE INDEX case_dates_without_com ON case_dates(com_allocated_date) WHERE com_allocated = 0;
CREATE INDEX case_dates_by_prison_without_com ON case_dates(prison_code, com_allocated_date)
  WHERE com_allocated = 0 AND prison_code IS NOT NULL;
CREATE INDEX case_dates_by_pdu_without_com ON case_dates(pdu_code, com_allocated_date)
  WHERE com_allocated = 0 AND pdu_code IS NOT NULL;

-- A member of staff's current cases straight from the index, without a read of each allocation row.
CREATE INDEX allocation_by_staff_covering ON allocation(staff_id, to_date, person_id);
DROP INDEX allocation_by_staff;

CREATE TRIGGER case_dates_follow_person_moves AFTER UPDATE OF prison_code, pdu_code ON person
BEGIN
  UPDATE case_dates SET prison_code = NEW.prison_code, pdu_code = NEW.pdu_code WHERE person_id = NEW.id;
END;
CREATE TRIGGER case_dates_see_com_allocated AFTER INSERT ON allocation WHEN NEW.role = 'com'
BEGIN
  UPDATE case_dates SET com_allocated = EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = NEW.person_id
    AND a.role = 'com' AND a.to_date IS NULL) WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER case_dates_see_com_ended AFTER UPDATE OF role, to_date ON allocation
WHEN NEW.role = 'com' OR OLD.role = 'com'
BEGIN
  UPDATE case_dates SET com_allocated = EXISTS (SELECT 1 FROM allocation a WHERE a.person_id = NEW.person_id
    AND a.role = 'com' AND a.to_date IS NULL) WHERE person_id = NEW.person_id;
END;
)sql";

// The overdue-handover list is of people still in custody, but a unit's past handovers are mostly of
// people released since: case dates carry whether the person is in custody (kept in step by a trigger
// on the person's stage), with (unit, handover date) indexes of custody cases only.
constexpr std::string_view custody_on_case_dates = R"sql(
ALTER TABLE case_dates ADD COLUMN in_custody INTEGER NOT NULL DEFAULT 0 CHECK (in_custody IN (0, 1));
UPDATE case_dates SET in_custody = coalesce((SELECT p.stage IN ('in_custody', 'remand') FROM person p
                                             WHERE p.id = case_dates.person_id), 0);
CREATE INDEX case_dates_custody_by_prison_handover ON case_dates(prison_code, handover_date)
  WHERE in_custody = 1 AND prison_code IS NOT NULL;
CREATE INDEX case_dates_custody_by_pdu_handover ON case_dates(pdu_code, handover_date)
  WHERE in_custody = 1 AND pdu_code IS NOT NULL;
CREATE TRIGGER case_dates_follow_person_stage AFTER UPDATE OF stage ON person
BEGIN
  UPDATE case_dates SET in_custody = NEW.stage IN ('in_custody', 'remand') WHERE person_id = NEW.id;
END;
)sql";

// A member of staff's caseload as its page shows it: one row for each person they hold a current
// allocation for (any role, lead or deputy), clustered by member of staff so that a page is one range
// read, not a read of each allocation and each person. It is derived from allocation and person and
// kept in step by the triggers below; a row goes when the last current allocation behind it ends.
constexpr std::string_view caseloads = R"sql(
CREATE TABLE caseload_entry (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  prison_number TEXT,
  crn TEXT,
  stage TEXT NOT NULL,
  PRIMARY KEY (staff_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX caseload_entry_by_person ON caseload_entry(person_id);
INSERT OR IGNORE INTO caseload_entry
  SELECT a.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage
  FROM allocation a CROSS JOIN person p ON p.id = a.person_id WHERE a.to_date IS NULL;

CREATE TRIGGER caseload_gains_allocation AFTER INSERT ON allocation WHEN NEW.to_date IS NULL
BEGIN
  INSERT OR IGNORE INTO caseload_entry
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage
    FROM person p WHERE p.id = NEW.person_id;
END;
CREATE TRIGGER caseload_follows_allocation AFTER UPDATE OF staff_id, person_id, to_date ON allocation
BEGIN
  DELETE FROM caseload_entry WHERE staff_id = OLD.staff_id AND person_id = OLD.person_id
    AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.staff_id = OLD.staff_id AND a.to_date IS NULL
                    AND a.person_id = OLD.person_id);
  INSERT OR IGNORE INTO caseload_entry
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage
    FROM person p WHERE p.id = NEW.person_id AND NEW.to_date IS NULL;
END;
CREATE TRIGGER caseload_follows_person AFTER UPDATE OF given_name, family_name, prison_number, crn, stage ON person
BEGIN
  UPDATE caseload_entry SET given_name = NEW.given_name, family_name = NEW.family_name,
    prison_number = NEW.prison_number, crn = NEW.crn, stage = NEW.stage WHERE person_id = NEW.id;
END;
)sql";

// Whether a person has a resettlement plan or a pre-release checklist yet, on the rows lists read:
// only then can anything of theirs be overdue, and most people on a long list have neither. Asking
// the plan and checklist tables for each page's people cost a caseload page about a tenth of its time.
// Plans and checklists are never deleted, so the flag only ever becomes 1.
constexpr std::string_view plans_on_lists = R"sql(
ALTER TABLE caseload_entry ADD COLUMN has_plan_or_checklist INTEGER NOT NULL DEFAULT 0
  CHECK (has_plan_or_checklist IN (0, 1));
ALTER TABLE case_dates ADD COLUMN has_plan_or_checklist INTEGER NOT NULL DEFAULT 0
  CHECK (has_plan_or_checklist IN (0, 1));
UPDATE caseload_entry SET has_plan_or_checklist = 1
  WHERE person_id IN (SELECT person_id FROM plan UNION SELECT person_id FROM pre_release_checklist);
UPDATE case_dates SET has_plan_or_checklist = 1
  WHERE person_id IN (SELECT person_id FROM plan UNION SELECT person_id FROM pre_release_checklist);

CREATE TRIGGER lists_see_plan AFTER INSERT ON plan
BEGIN
  UPDATE caseload_entry SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
  UPDATE case_dates SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER lists_see_checklist AFTER INSERT ON pre_release_checklist
BEGIN
  UPDATE caseload_entry SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
  UPDATE case_dates SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
END;

-- A caseload row made after the plan or checklist takes the flag from them.
DROP TRIGGER caseload_gains_allocation;
DROP TRIGGER caseload_follows_allocation;
CREATE TRIGGER caseload_gains_allocation AFTER INSERT ON allocation WHEN NEW.to_date IS NULL
BEGIN
  INSERT OR IGNORE INTO caseload_entry
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = p.id)
    FROM person p WHERE p.id = NEW.person_id;
END;
CREATE TRIGGER caseload_follows_allocation AFTER UPDATE OF staff_id, person_id, to_date ON allocation
BEGIN
  DELETE FROM caseload_entry WHERE staff_id = OLD.staff_id AND person_id = OLD.person_id
    AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.staff_id = OLD.staff_id AND a.to_date IS NULL
                    AND a.person_id = OLD.person_id);
  INSERT OR IGNORE INTO caseload_entry
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = p.id)
    FROM person p WHERE p.id = NEW.person_id AND NEW.to_date IS NULL;
END;
)sql";

// Where each person on a caseload is, so that a unit's worklists, which add a member of staff's own
// cases to the unit's, can pass over the cases the unit's part already holds without reading their
// case dates: for most practitioners that is nearly all of them.
constexpr std::string_view units_on_caseloads = R"sql(
ALTER TABLE caseload_entry ADD COLUMN prison_code TEXT;
ALTER TABLE caseload_entry ADD COLUMN pdu_code TEXT;
UPDATE caseload_entry SET
  prison_code = (SELECT p.prison_code FROM person p WHERE p.id = caseload_entry.person_id),
  pdu_code = (SELECT p.pdu_code FROM person p WHERE p.id = caseload_entry.person_id);

DROP TRIGGER caseload_follows_person;
CREATE TRIGGER caseload_follows_person
AFTER UPDATE OF given_name, family_name, prison_number, crn, stage, prison_code, pdu_code ON person
BEGIN
  UPDATE caseload_entry SET given_name = NEW.given_name, family_name = NEW.family_name,
    prison_number = NEW.prison_number, crn = NEW.crn, stage = NEW.stage, prison_code = NEW.prison_code,
    pdu_code = NEW.pdu_code WHERE person_id = NEW.id;
END;
DROP TRIGGER caseload_gains_allocation;
DROP TRIGGER caseload_follows_allocation;
CREATE TRIGGER caseload_gains_allocation AFTER INSERT ON allocation WHEN NEW.to_date IS NULL
BEGIN
  INSERT OR IGNORE INTO caseload_entry (staff_id, person_id, given_name, family_name, prison_number, crn, stage,
                                        has_plan_or_checklist, prison_code, pdu_code)
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = p.id),
      p.prison_code, p.pdu_code
    FROM person p WHERE p.id = NEW.person_id;
END;
CREATE TRIGGER caseload_follows_allocation AFTER UPDATE OF staff_id, person_id, to_date ON allocation
BEGIN
  DELETE FROM caseload_entry WHERE staff_id = OLD.staff_id AND person_id = OLD.person_id
    AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.staff_id = OLD.staff_id AND a.to_date IS NULL
                    AND a.person_id = OLD.person_id);
  INSERT OR IGNORE INTO caseload_entry (staff_id, person_id, given_name, family_name, prison_number, crn, stage,
                                        has_plan_or_checklist, prison_code, pdu_code)
    SELECT NEW.staff_id, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = p.id),
      p.prison_code, p.pdu_code
    FROM person p WHERE p.id = NEW.person_id AND NEW.to_date IS NULL;
END;
)sql";

// Each prison's and each PDU's people as the whole-unit list shows them: one row for each person and
// unit, clustered by unit, so that a page is one range read for each of the list's sources. Read from
// the person table, a page read each person's row twice and asked the plan tables about each: about
// half of the page's work. Derived from person, plan and checklist and kept in step by the triggers
// below; a person who moves leaves their old units' rows.
constexpr std::string_view units_people = R"sql(
CREATE TABLE unit_entry (
  unit_kind TEXT NOT NULL CHECK (unit_kind IN ('prison', 'pdu')),
  unit_code TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  prison_number TEXT,
  crn TEXT,
  stage TEXT NOT NULL,
  has_plan_or_checklist INTEGER NOT NULL CHECK (has_plan_or_checklist IN (0, 1)),
  PRIMARY KEY (unit_kind, unit_code, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX unit_entry_by_person ON unit_entry(person_id);
INSERT INTO unit_entry
  SELECT u.kind, u.code, p.id, p.given_name, p.family_name, p.prison_number, p.crn, p.stage,
    EXISTS (SELECT 1 FROM plan WHERE person_id = p.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = p.id)
  FROM (SELECT 'prison' AS kind, prison_code AS code, id FROM person UNION ALL SELECT 'pdu', pdu_code, id FROM person) u
    CROSS JOIN person p ON p.id = u.id
  WHERE u.code IS NOT NULL;

CREATE TRIGGER units_gain_person AFTER INSERT ON person
BEGIN
  INSERT INTO unit_entry
    SELECT u.kind, u.code, NEW.id, NEW.given_name, NEW.family_name, NEW.prison_number, NEW.crn, NEW.stage, 0
    FROM (SELECT 'prison' AS kind, NEW.prison_code AS code UNION ALL SELECT 'pdu', NEW.pdu_code) u
    WHERE u.code IS NOT NULL;
END;
CREATE TRIGGER units_follow_person
AFTER UPDATE OF given_name, family_name, prison_number, crn, stage, prison_code, pdu_code ON person
BEGIN
  DELETE FROM unit_entry WHERE person_id = OLD.id;
  INSERT INTO unit_entry
    SELECT u.kind, u.code, NEW.id, NEW.given_name, NEW.family_name, NEW.prison_number, NEW.crn, NEW.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = NEW.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = NEW.id)
    FROM (SELECT 'prison' AS kind, NEW.prison_code AS code UNION ALL SELECT 'pdu', NEW.pdu_code) u
    WHERE u.code IS NOT NULL;
END;
CREATE TRIGGER units_see_plan AFTER INSERT ON plan
BEGIN
  UPDATE unit_entry SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER units_see_checklist AFTER INSERT ON pre_release_checklist
BEGIN
  UPDATE unit_entry SET has_plan_or_checklist = 1 WHERE person_id = NEW.person_id;
END;
)sql";

// What a worklist row shows of the person, on their case dates: a unit's worklist then reads only
// case dates (and, for a member of staff's own cases, their caseload), not each person's row as well.
// One trigger on person now keeps every person column of case_dates, in place of one for moves and
// one for the stage: a person's update sets all their columns, so all of them fired every time.
constexpr std::string_view people_on_case_dates = R"sql(
ALTER TABLE case_dates ADD COLUMN given_name TEXT;
ALTER TABLE case_dates ADD COLUMN family_name TEXT;
ALTER TABLE case_dates ADD COLUMN prison_number TEXT;
ALTER TABLE case_dates ADD COLUMN crn TEXT;
ALTER TABLE case_dates ADD COLUMN stage TEXT;
UPDATE case_dates SET (given_name, family_name, prison_number, crn, stage) =
  (SELECT p.given_name, p.family_name, p.prison_number, p.crn, p.stage FROM person p WHERE p.id = case_dates.person_id);

DROP TRIGGER case_dates_follow_person_moves;
DROP TRIGGER case_dates_follow_person_stage;
CREATE TRIGGER case_dates_follow_person
AFTER UPDATE OF given_name, family_name, prison_number, crn, stage, prison_code, pdu_code ON person
BEGIN
  UPDATE case_dates SET given_name = NEW.given_name, family_name = NEW.family_name,
    prison_number = NEW.prison_number, crn = NEW.crn, stage = NEW.stage, prison_code = NEW.prison_code,
    pdu_code = NEW.pdu_code, in_custody = NEW.stage IN ('in_custody', 'remand') WHERE person_id = NEW.id;
END;
)sql";

// Whether the person has a current exclusion or restriction list entry, on every read model lists
// read (caseload and unit entries, case dates): a list asks limited_access about the flagged people
// only. Asking about every row cost a list about 1.2k instructions a row, some 6% of a caseload
// page. Each table's own insert trigger sets the flag on a new row, so the triggers that make rows
// stay as they are; the triggers on limited_access keep it as entries start and end. The flag only
// spares the question: a flagged person is still checked against the member of staff.
constexpr std::string_view limited_access_on_lists = R"sql(
ALTER TABLE caseload_entry ADD COLUMN limited INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1));
ALTER TABLE unit_entry ADD COLUMN limited INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1));
ALTER TABLE case_dates ADD COLUMN limited INTEGER NOT NULL DEFAULT 0 CHECK (limited IN (0, 1));
UPDATE caseload_entry SET limited = 1
  WHERE person_id IN (SELECT person_id FROM limited_access WHERE removed_at IS NULL);
UPDATE unit_entry SET limited = 1
  WHERE person_id IN (SELECT person_id FROM limited_access WHERE removed_at IS NULL);
UPDATE case_dates SET limited = 1
  WHERE person_id IN (SELECT person_id FROM limited_access WHERE removed_at IS NULL);

CREATE TRIGGER caseload_entry_starts_limited AFTER INSERT ON caseload_entry
WHEN EXISTS (SELECT 1 FROM limited_access WHERE person_id = NEW.person_id AND removed_at IS NULL)
BEGIN
  UPDATE caseload_entry SET limited = 1 WHERE staff_id = NEW.staff_id AND person_id = NEW.person_id;
END;
CREATE TRIGGER unit_entry_starts_limited AFTER INSERT ON unit_entry
WHEN EXISTS (SELECT 1 FROM limited_access WHERE person_id = NEW.person_id AND removed_at IS NULL)
BEGIN
  UPDATE unit_entry SET limited = 1
    WHERE unit_kind = NEW.unit_kind AND unit_code = NEW.unit_code AND person_id = NEW.person_id;
END;
CREATE TRIGGER case_dates_start_limited AFTER INSERT ON case_dates
WHEN EXISTS (SELECT 1 FROM limited_access WHERE person_id = NEW.person_id AND removed_at IS NULL)
BEGIN
  UPDATE case_dates SET limited = 1 WHERE person_id = NEW.person_id;
END;

-- Migration 11's triggers wrote every column of unit_entry without naming them: with one more
-- column they must name them.
DROP TRIGGER units_gain_person;
DROP TRIGGER units_follow_person;
CREATE TRIGGER units_gain_person AFTER INSERT ON person
BEGIN
  INSERT INTO unit_entry (unit_kind, unit_code, person_id, given_name, family_name, prison_number, crn, stage,
                          has_plan_or_checklist)
    SELECT u.kind, u.code, NEW.id, NEW.given_name, NEW.family_name, NEW.prison_number, NEW.crn, NEW.stage, 0
    FROM (SELECT 'prison' AS kind, NEW.prison_code AS code UNION ALL SELECT 'pdu', NEW.pdu_code) u
    WHERE u.code IS NOT NULL;
END;
CREATE TRIGGER units_follow_person
AFTER UPDATE OF given_name, family_name, prison_number, crn, stage, prison_code, pdu_code ON person
BEGIN
  DELETE FROM unit_entry WHERE person_id = OLD.id;
  INSERT INTO unit_entry (unit_kind, unit_code, person_id, given_name, family_name, prison_number, crn, stage,
                          has_plan_or_checklist)
    SELECT u.kind, u.code, NEW.id, NEW.given_name, NEW.family_name, NEW.prison_number, NEW.crn, NEW.stage,
      EXISTS (SELECT 1 FROM plan WHERE person_id = NEW.id) OR EXISTS (SELECT 1 FROM pre_release_checklist WHERE person_id = NEW.id)
    FROM (SELECT 'prison' AS kind, NEW.prison_code AS code UNION ALL SELECT 'pdu', NEW.pdu_code) u
    WHERE u.code IS NOT NULL;
END;

-- Entries are never deleted; one may be added, or ended by setting removed_at.
CREATE TRIGGER lists_see_limited_access AFTER INSERT ON limited_access
BEGIN
  UPDATE caseload_entry SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = caseload_entry.person_id AND l.removed_at IS NULL) WHERE person_id = NEW.person_id;
  UPDATE unit_entry SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = unit_entry.person_id AND l.removed_at IS NULL) WHERE person_id = NEW.person_id;
  UPDATE case_dates SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = case_dates.person_id AND l.removed_at IS NULL) WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER lists_follow_limited_access AFTER UPDATE OF person_id, removed_at ON limited_access
BEGIN
  UPDATE caseload_entry SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = caseload_entry.person_id AND l.removed_at IS NULL)
    WHERE person_id IN (OLD.person_id, NEW.person_id);
  UPDATE unit_entry SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = unit_entry.person_id AND l.removed_at IS NULL)
    WHERE person_id IN (OLD.person_id, NEW.person_id);
  UPDATE case_dates SET limited = EXISTS (SELECT 1 FROM limited_access l
    WHERE l.person_id = case_dates.person_id AND l.removed_at IS NULL)
    WHERE person_id IN (OLD.person_id, NEW.person_id);
END;
)sql";

// A unit's worklist lists the member of staff's own cases outside the unit as well. Ordered by
// (staff, unit code), the entries in the unit are one range that the worklist steps over, rather than
// reading each of the member of staff's cases to find the few elsewhere.
constexpr std::string_view caseloads_by_unit = R"sql(
CREATE INDEX caseload_entry_by_staff_prison ON caseload_entry(staff_id, prison_code);
CREATE INDEX caseload_entry_by_staff_pdu ON caseload_entry(staff_id, pdu_code);
)sql";

// Licences: one row per version of a person's licence (the licence at release, then one per
// variation), with its conditions and variation record as JSON, read and written whole. Never
// deleted. The worklist of licences due reads a person's approved or active licence by person.
constexpr std::string_view licences = R"sql(
CREATE TABLE licence (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  number INTEGER NOT NULL CHECK (number >= 1),
  policy_version TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'active', 'inactive')),
  conditions TEXT NOT NULL CHECK (json_valid(conditions)),
  drafted_by INTEGER NOT NULL REFERENCES staff(id),
  decided_by INTEGER REFERENCES staff(id),
  return_reason TEXT NOT NULL DEFAULT '',
  approved_on TEXT,
  active_from TEXT,
  inactive_from TEXT,
  varies INTEGER REFERENCES licence(id),
  variation TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(variation)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE UNIQUE INDEX licence_by_person ON licence(person_id, number);
CREATE INDEX licence_in_force ON licence(person_id) WHERE status IN ('approved', 'active');
)sql";

// Accounts like a real service (issue 19): a session's last request (idle timeout) and its stage
// (awaiting a two-factor code or enrolment), API tokens with an id, a scope and an expiry, TOTP
// secrets, the browsers that have signed in to an account, and the row /health writes to prove the
// database takes writes. api_token is rebuilt to gain its id: tokens issued before keep working,
// as write tokens, until 90 days after they were issued.
constexpr std::string_view accounts = R"sql(
ALTER TABLE session ADD COLUMN last_seen_at TEXT;
ALTER TABLE session ADD COLUMN stage TEXT NOT NULL DEFAULT 'signed_in'
  CHECK (stage IN ('signed_in', 'awaiting_code', 'awaiting_enrolment'));
ALTER TABLE session ADD COLUMN enrolling_secret TEXT;
ALTER TABLE session ADD COLUMN code_failures INTEGER NOT NULL DEFAULT 0;
CREATE INDEX session_by_staff ON session(staff_id) WHERE revoked_at IS NULL;

CREATE TABLE api_token_with_id (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  label TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
INSERT INTO api_token_with_id (token_hash, staff_id, label, scope, created_at, expires_at, revoked_at)
  SELECT token_hash, staff_id, label, 'write', created_at,
         strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+90 days'), revoked_at
  FROM api_token ORDER BY created_at;
DROP TABLE api_token;
ALTER TABLE api_token_with_id RENAME TO api_token;
CREATE INDEX api_token_by_staff ON api_token(staff_id);

CREATE TABLE two_factor (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  secret TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  last_step INTEGER NOT NULL
) STRICT;

CREATE TABLE known_device (
  token_hash TEXT PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  skips_code INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  forgotten_at TEXT
) STRICT;
CREATE INDEX known_device_by_staff ON known_device(staff_id) WHERE forgotten_at IS NULL;

CREATE INDEX login_attempt_success_by_username ON login_attempt(username, at) WHERE succeeded = 1;

CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
) STRICT;
)sql";

// Partner access by relationship, not by name (issue 19). A referral belongs to the organisation
// (by its directory id) it was sent to; importing or editing the directory never moves it. Existing
// referrals that were sent take their service's organisation now. Partner accounts link to an organisation id: an
// account whose organisation name matches exactly one organisation is linked to it; one matching
// none or several stays unlinked (it sees nothing until an administrator links it) and keeps its
// name, so nothing is lost. The id is not a foreign key: an account may be made for an organisation
// before the directory that lists it is imported.
constexpr std::string_view partners_by_organisation_id = R"sql(
ALTER TABLE referral ADD COLUMN organisation_id TEXT;
UPDATE referral SET organisation_id = (SELECT s.organization_id FROM service s WHERE s.id = referral.service_id)
  WHERE EXISTS (SELECT 1 FROM referral_step st WHERE st.referral_id = referral.id AND st.status = 'sent');
CREATE INDEX referral_by_organisation ON referral(organisation_id, id);

ALTER TABLE staff ADD COLUMN organisation_id TEXT;
UPDATE staff SET organisation_id = (SELECT o.id FROM organisation o WHERE o.name = staff.organisation)
  WHERE (SELECT count(*) FROM organisation o WHERE o.name = staff.organisation) = 1;
)sql";

// Who saw what (issue 19). The access log says from which address and with which session or token,
// and a list read is one row naming everyone it showed (access_log_person indexes them by person).
// The journal and the access log are hash-chained: each row's chain is SHA-256 over the row before's
// chain and the row's columns as a JSON array, so `resettle verify` finds any edit or deletion. The
// rows already there are chained here, in id order; the append-only triggers come back afterwards.
constexpr std::string_view chained_audit = R"sql(
CREATE TABLE access_log_chained (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  person_id INTEGER REFERENCES person(id),  -- NULL for a list: its people are in `people`
  what TEXT NOT NULL,
  allowed INTEGER NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  token TEXT NOT NULL DEFAULT '',
  people TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people)),
  chain TEXT NOT NULL
) STRICT;
INSERT INTO access_log_chained (id, at, staff_id, person_id, what, allowed, chain)
WITH RECURSIVE chained(id, chain) AS (
  SELECT 0, ''
  UNION ALL
  SELECT x.id, sha256(json_array(c.chain, x.id, x.at, x.staff_id, x.person_id, x.what, x.allowed, '', '', '[]'))
  FROM chained c JOIN access_log x ON x.id = (SELECT min(id) FROM access_log WHERE id > c.id)
)
SELECT x.id, x.at, x.staff_id, x.person_id, x.what, x.allowed, c.chain FROM chained c JOIN access_log x ON x.id = c.id;
DROP TABLE access_log;
ALTER TABLE access_log_chained RENAME TO access_log;
CREATE INDEX access_log_by_person ON access_log(person_id, id);
CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;

CREATE TABLE access_log_person (
  person_id INTEGER NOT NULL,
  access_id INTEGER NOT NULL REFERENCES access_log(id),
  PRIMARY KEY (person_id, access_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER access_log_person_is_append_only_update BEFORE UPDATE ON access_log_person
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_person_is_append_only_delete BEFORE DELETE ON access_log_person
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;

ALTER TABLE event ADD COLUMN chain TEXT;
CREATE TEMP TABLE event_chain AS
WITH RECURSIVE chained(id, chain) AS (
  SELECT 0, ''
  UNION ALL
  SELECT e.id, sha256(json_array(c.chain, e.id, e.at, e.actor_staff_id, e.person_id, e.kind, e.entity, e.entity_id,
                                 e.summary, e.reason, e.data))
  FROM chained c JOIN event e ON e.id = (SELECT min(id) FROM event WHERE id > c.id)
)
SELECT id, chain FROM chained WHERE id > 0;
DROP TRIGGER event_is_append_only_update;
UPDATE event SET chain = (SELECT c.chain FROM temp.event_chain c WHERE c.id = event.id);
CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the event journal is append-only'); END;
DROP TABLE temp.event_chain;
)sql";

// OMiC facts the corrected handover rules turn on (domain.md, December 2026): a completed parole
// review, a further indeterminate sentence to serve, and the day a woman's category T began.
constexpr std::string_view omic_review_facts = R"sql(
ALTER TABLE risk_profile ADD COLUMN parole_review_completed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk_profile ADD COLUMN further_indeterminate_sentence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE risk_profile ADD COLUMN category_t_date TEXT;
)sql";

// A handover meeting held late still counts; it records why it was late.
constexpr std::string_view late_handover_meetings = R"sql(
ALTER TABLE handover_meeting ADD COLUMN late_reason TEXT NOT NULL DEFAULT '';
)sql";

// Day-of-release decisions: who accepted an earlier day for which release, and for a second day the
// COM who asked. Append-only: a later decision supersedes an earlier one and the history stays.
constexpr std::string_view release_day_decisions = R"sql(
CREATE TABLE release_day_decision (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  release_date TEXT NOT NULL,
  decided_date TEXT NOT NULL CHECK (decided_date < release_date),
  choice TEXT NOT NULL,
  decided_by INTEGER NOT NULL REFERENCES staff(id),
  requested_by INTEGER REFERENCES staff(id),
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX release_day_decision_by_person ON release_day_decision(person_id, id);
CREATE TRIGGER release_day_decision_is_never_changed BEFORE UPDATE ON release_day_decision
BEGIN SELECT RAISE(ABORT, 'a day-of-release decision is never changed: record a new one'); END;
CREATE TRIGGER release_day_decision_is_never_deleted BEFORE DELETE ON release_day_decision
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a new decision instead'); END;
)sql";

// Release is an event (issue 21): one release day record per release, with where the person stays
// tonight and what was in place; the pre-release checklist remembers when the release closed it.
constexpr std::string_view release_day_records = R"sql(
CREATE TABLE release_day_record (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  released_on TEXT NOT NULL,
  released_at TEXT NOT NULL,
  prison_code TEXT NOT NULL REFERENCES prison(code),
  tonight TEXT CHECK (tonight IN ('settled', 'temporary', 'cas3', 'approved_premises', 'no_fixed_abode')),
  address TEXT NOT NULL DEFAULT '',
  provisions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(provisions)),
  medication_days INTEGER,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX release_day_record_by_person ON release_day_record(person_id, id);
CREATE TRIGGER release_day_record_is_never_deleted BEFORE DELETE ON release_day_record
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a release stays on the record'); END;

ALTER TABLE pre_release_checklist ADD COLUMN closed_on TEXT;
)sql";

// Induction: appointments (the induction first; supervision's kinds are coded now so the table is
// theirs too), at a probation office, never deleted. A licence keeps the day the person acknowledged
// it, and whether it has been gone through in full, so the COM's worklist of licences still to go
// through reads a small partial index.
constexpr std::string_view inductions = R"sql(
CREATE TABLE appointment (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  type TEXT NOT NULL CHECK (type IN ('induction', 'supervision', 'home_visit', 'programme_session',
                                     'partner_appointment', 'drug_test')),
  on_date TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
  office_code TEXT NOT NULL REFERENCES pdu(code),
  with_staff_id INTEGER NOT NULL REFERENCES staff(id),
  booked_by INTEGER NOT NULL REFERENCES staff(id),
  notes TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX appointment_by_person ON appointment(person_id, type, id);
CREATE TRIGGER appointment_is_never_deleted BEFORE DELETE ON appointment
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an appointment stays on the record'); END;

ALTER TABLE licence ADD COLUMN acknowledged_on TEXT;
ALTER TABLE licence ADD COLUMN explained INTEGER NOT NULL DEFAULT 0 CHECK (explained IN (0, 1));
CREATE INDEX licence_to_explain ON licence(person_id) WHERE status = 'active' AND explained = 0;
)sql";

// Supervision after release: repeating series of appointments, the outcome recorded for each
// (append-only: the latest stands), the enforcement steps taken, the person's contact details and
// working hours, and the outbox of messages to them. Outbox times are Unix seconds (UTC), so the
// dispatcher's "due by now" is an integer range on a partial index of what is still to send.
constexpr std::string_view supervision = R"sql(
CREATE TABLE appointment_series (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  repeat TEXT NOT NULL CHECK (repeat IN ('weekly', 'fortnightly', 'monthly')),
  first_on TEXT NOT NULL,
  until TEXT NOT NULL CHECK (until > first_on),
  exceptions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exceptions)),
  booked_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE TRIGGER appointment_series_is_never_deleted BEFORE DELETE ON appointment_series
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a series stays on the record'); END;

ALTER TABLE appointment ADD COLUMN series_id INTEGER REFERENCES appointment_series(id);
CREATE INDEX appointment_by_person_day ON appointment(person_id, on_date, starts_at);
CREATE INDEX appointment_by_officer_day ON appointment(with_staff_id, on_date, starts_at);

CREATE TABLE appointment_outcome (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointment(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  appointment_on TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('attended', 'rescheduled', 'acceptable_absence',
                                           'absence_awaiting_evidence', 'failed_to_comply')),
  reason TEXT NOT NULL DEFAULT '',
  decided_by INTEGER NOT NULL REFERENCES staff(id),
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX appointment_outcome_by_person ON appointment_outcome(person_id, appointment_on, id);
CREATE TRIGGER appointment_outcome_is_never_changed BEFORE UPDATE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'an outcome is never changed: record a later one'); END;
CREATE TRIGGER appointment_outcome_is_never_deleted BEFORE DELETE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an outcome stays on the record'); END;

CREATE TABLE person_contact (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'letter', 'none')),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  mobile TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  opted_out INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
  stop_received INTEGER NOT NULL DEFAULT 0 CHECK (stop_received IN (0, 1)),
  work TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(work)),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE outbox_message (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('booking_reminder', 'day_before_reminder', 'morning_reminder', 'warning',
                                     'licence_change')),
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'letter', 'none')),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  recipient TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  not_after INTEGER,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'withheld')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  withheld_reason TEXT CHECK (withheld_reason IN ('no_channel', 'opted_out', 'stop_reply', 'too_late')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX outbox_to_send ON outbox_message(next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_by_person ON outbox_message(person_id, id);
CREATE TRIGGER outbox_message_is_never_deleted BEFORE DELETE ON outbox_message
BEGIN SELECT RAISE(ABORT, 'a message stays on the record'); END;

CREATE TABLE enforcement_action (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  appointment_id INTEGER NOT NULL REFERENCES appointment(id),
  step TEXT NOT NULL CHECK (step IN ('warning', 'manager_review')),
  failures INTEGER NOT NULL CHECK (failures >= 1),
  decided_by INTEGER NOT NULL REFERENCES staff(id),
  decided_at TEXT NOT NULL,
  message_id INTEGER REFERENCES outbox_message(id)
) STRICT;
CREATE INDEX enforcement_action_by_person ON enforcement_action(person_id, id);
CREATE TRIGGER enforcement_action_is_never_deleted BEFORE DELETE ON enforcement_action
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an enforcement step stays on the record'); END;
)sql";

// Recall: one row per consideration, from the trigger (why: risk, compliance or both) through the
// officer's recommendation to the manager's decision, with the recall type and the rule that decided
// it. Lists of codes are JSON arrays. Never deleted: its changes are in the journal.
constexpr std::string_view recalls = R"sql(
CREATE TABLE recall (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL CHECK (status IN ('considering', 'recommended', 'decided')),
  started_by INTEGER NOT NULL REFERENCES staff(id),
  started_on TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('risk_increased', 'compliance_broken_down', 'both')),
  risk_change TEXT NOT NULL DEFAULT '',
  conditions_breached TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(conditions_breached)),
  alternatives TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(alternatives)),
  recommendation TEXT CHECK (recommendation IN ('recall', 'no_recall')),
  reasons TEXT NOT NULL DEFAULT '',
  recommended_by INTEGER REFERENCES staff(id),
  recommended_on TEXT,
  decision TEXT CHECK (decision IN ('recall', 'no_recall')),
  rationale TEXT NOT NULL DEFAULT '',
  decided_by INTEGER REFERENCES staff(id),
  decided_on TEXT,
  recall_type TEXT CHECK (recall_type IN ('standard', '14', '28', '56')),
  recall_type_rule TEXT,
  recall_type_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((decision IS NULL) = (decided_on IS NULL)),
  CHECK ((recall_type IS NULL) = (recall_type_rule IS NULL))
) STRICT;
CREATE INDEX recall_by_person ON recall(person_id, id);
CREATE TRIGGER recall_is_never_deleted BEFORE DELETE ON recall
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a recall consideration stays on the record'); END;
)sql";

// A person's contact plans: the one in force and every one before it, never changed or deleted. The
// stages are JSON text ([{"every_days": 7, "for_weeks": 4}, {"every_days": 14}]): a plan is always read
// whole, and the worklist needs only its shortest interval, kept in a column of its own.
constexpr std::string_view contact_plans = R"sql(
CREATE TABLE contact_plan (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  in_force INTEGER NOT NULL DEFAULT 1 CHECK (in_force IN (0, 1)),
  starts_on TEXT NOT NULL,
  stages TEXT NOT NULL CHECK (json_valid(stages) AND json_array_length(stages) BETWEEN 1 AND 6),
  shortest_every_days INTEGER NOT NULL CHECK (shortest_every_days >= 1),
  reason TEXT NOT NULL,
  review_on TEXT NOT NULL,
  decided_by INTEGER NOT NULL REFERENCES staff(id),
  decided_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX contact_plan_by_person ON contact_plan(person_id, version);
CREATE UNIQUE INDEX contact_plan_in_force ON contact_plan(person_id) WHERE in_force = 1;
CREATE TRIGGER contact_plan_is_never_changed BEFORE UPDATE ON contact_plan
WHEN OLD.in_force = 0 OR NEW.in_force <> 0 OR NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.version IS NOT OLD.version OR NEW.starts_on IS NOT OLD.starts_on OR NEW.stages IS NOT OLD.stages
  OR NEW.shortest_every_days IS NOT OLD.shortest_every_days OR NEW.reason IS NOT OLD.reason
  OR NEW.review_on IS NOT OLD.review_on OR NEW.decided_by IS NOT OLD.decided_by OR NEW.decided_at IS NOT OLD.decided_at
BEGIN SELECT RAISE(ABORT, 'a contact plan is never changed: a new one supersedes it'); END;
CREATE TRIGGER contact_plan_is_never_deleted BEFORE DELETE ON contact_plan
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a contact plan stays on the record'); END;
)sql";

// The return to custody after a recall: where and when on the consideration, and on the sentence the
// recall it now serves, which gives the post-recall release date.
constexpr std::string_view returns_to_custody = R"sql(
ALTER TABLE recall ADD COLUMN returned_on TEXT;
ALTER TABLE recall ADD COLUMN returned_to TEXT REFERENCES prison(code);
ALTER TABLE sentence ADD COLUMN recall_type TEXT CHECK (recall_type IN ('standard', '14', '28', '56'));
ALTER TABLE sentence ADD COLUMN recall_revoked_on TEXT;
ALTER TABLE sentence ADD COLUMN recall_returned_on TEXT;
)sql";

// Calendar feeds: an officer's diary or a person's appointments at a private address. Only the
// SHA-256 of the address's token is kept; a feed is revoked, never deleted, and each owner has at
// most one current feed.
constexpr std::string_view calendar_feeds = R"sql(
CREATE TABLE calendar_feed (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  staff_id INTEGER REFERENCES staff(id),
  person_id INTEGER REFERENCES person(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  revoked_by INTEGER REFERENCES staff(id),
  revoked_at TEXT,
  CHECK ((staff_id IS NULL) <> (person_id IS NULL)),
  CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
) STRICT;
CREATE UNIQUE INDEX calendar_feed_current_of_staff ON calendar_feed(staff_id) WHERE revoked_at IS NULL AND staff_id IS NOT NULL;
CREATE UNIQUE INDEX calendar_feed_current_of_person ON calendar_feed(person_id) WHERE revoked_at IS NULL AND person_id IS NOT NULL;
CREATE TRIGGER calendar_feed_is_never_deleted BEFORE DELETE ON calendar_feed
BEGIN SELECT RAISE(ABORT, 'a calendar feed is revoked, never deleted'); END;
)sql";

// The outbox takes the messages of signing in, invitations and changed appointments, and withholds a
// reminder of an appointment that was cancelled. SQLite changes a CHECK only by rebuilding the table.
constexpr std::string_view outbox_message_kinds = R"sql(
CREATE TABLE outbox_message_rebuilt (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('booking_reminder', 'day_before_reminder', 'morning_reminder', 'warning',
                                     'licence_change', 'sign_in_code', 'invitation', 'appointment_cancelled',
                                     'appointment_moved')),
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'letter', 'none')),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  recipient TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  not_after INTEGER,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'withheld')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  withheld_reason TEXT CHECK (withheld_reason IN ('no_channel', 'opted_out', 'stop_reply', 'too_late',
                                                  'appointment_cancelled')),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
INSERT INTO outbox_message_rebuilt SELECT * FROM outbox_message;
DROP TABLE outbox_message;
ALTER TABLE outbox_message_rebuilt RENAME TO outbox_message;
CREATE INDEX outbox_to_send ON outbox_message(next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_by_person ON outbox_message(person_id, id);
CREATE TRIGGER outbox_message_is_never_deleted BEFORE DELETE ON outbox_message
BEGIN SELECT RAISE(ABORT, 'a message stays on the record'); END;
)sql";

// People's own accounts: one per person, its codes going to a mobile or email no other account uses;
// sign-in codes and sessions kept by hash only. Times are Unix seconds (UTC), as in the outbox.
constexpr std::string_view person_accounts = R"sql(
CREATE TABLE person_account (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES person(id),
  contact_kind TEXT NOT NULL CHECK (contact_kind IN ('mobile', 'email')),
  contact_value TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'withdrawn')),
  language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
  invited_by INTEGER NOT NULL REFERENCES staff(id),
  invited_at INTEGER NOT NULL,
  wrong_codes INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER
) STRICT;
CREATE UNIQUE INDEX person_account_by_contact ON person_account(contact_value) WHERE status <> 'withdrawn';

CREATE TABLE person_sign_in_code (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES person_account(id),
  code_hash TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX person_sign_in_code_by_account ON person_sign_in_code(account_id, issued_at);

CREATE TABLE person_session (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES person_account(id),
  csrf_token TEXT NOT NULL,
  began_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;

CREATE TRIGGER person_account_is_never_deleted BEFORE DELETE ON person_account
BEGIN SELECT RAISE(ABORT, 'a person account stays on the record'); END;
CREATE TRIGGER person_sign_in_code_is_never_deleted BEFORE DELETE ON person_sign_in_code
BEGIN SELECT RAISE(ABORT, 'a sign-in code stays on the record'); END;
CREATE TRIGGER person_session_is_never_deleted BEFORE DELETE ON person_session
BEGIN SELECT RAISE(ABORT, 'a person session stays on the record'); END;
)sql";

// A person's own API tokens for /api/v1/my: kept by hash only, expiring, revoked but never deleted,
// with when each was last used (to the minute). Times are Unix seconds (UTC), as the account's.
// And each "I can't make it" keeps the appointment's version it was sent at: it waits on the
// officer's worklist until the appointment changes, is cancelled or has an outcome.
constexpr std::string_view person_api_tokens_and_notice_versions = R"sql(
CREATE TABLE person_api_token (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES person_account(id),
  label TEXT NOT NULL CHECK (label <> ''),
  scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at > created_at),
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX person_api_token_by_account ON person_api_token(account_id);
CREATE TRIGGER person_api_token_is_never_deleted BEFORE DELETE ON person_api_token
BEGIN SELECT RAISE(ABORT, 'a person API token stays on the record'); END;

ALTER TABLE absence_notice ADD COLUMN appointment_version INTEGER;
)sql";

// An appointment is cancelled, never deleted: who, when and why stay on it, and a cancellation is
// never undone (the triggers), so a cancelled appointment's reminders stay withheld.
constexpr std::string_view appointment_cancellations = R"sql(
ALTER TABLE appointment ADD COLUMN cancelled_at TEXT;
ALTER TABLE appointment ADD COLUMN cancelled_by INTEGER REFERENCES staff(id);
ALTER TABLE appointment ADD COLUMN cancelled_reason TEXT;
CREATE TRIGGER appointment_cancellation_is_whole BEFORE UPDATE OF cancelled_at, cancelled_by, cancelled_reason ON appointment
WHEN (NEW.cancelled_at IS NULL) <> (NEW.cancelled_by IS NULL) OR (NEW.cancelled_at IS NULL) <> (NEW.cancelled_reason IS NULL)
  OR NEW.cancelled_reason = ''
BEGIN SELECT RAISE(ABORT, 'a cancellation records when, by whom and why'); END;
CREATE TRIGGER appointment_cancellation_is_never_undone BEFORE UPDATE ON appointment
WHEN OLD.cancelled_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a cancelled appointment stays cancelled and unchanged'); END;
)sql";

// The person's own say, from their own pages: a response to an objective of their plan, and a notice
// that they cannot come to an appointment. Times as Unix seconds (UTC), as their accounts keep them.
// Kept as given: neither is ever changed or deleted.
constexpr std::string_view own_responses = R"sql(
CREATE TABLE plan_response (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plan(id),
  objective_id INTEGER NOT NULL REFERENCES plan_objective(id),
  kind TEXT NOT NULL CHECK (kind IN ('agree', 'disagree', 'comment')),
  comment TEXT NOT NULL DEFAULT '',
  responded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_response_by_plan ON plan_response(plan_id, id);
CREATE TRIGGER plan_response_is_kept_update BEFORE UPDATE ON plan_response
BEGIN SELECT RAISE(ABORT, 'a response is kept as the person gave it'); END;
CREATE TRIGGER plan_response_is_kept_delete BEFORE DELETE ON plan_response
BEGIN SELECT RAISE(ABORT, 'a response is kept as the person gave it'); END;

CREATE TABLE absence_notice (
  id INTEGER PRIMARY KEY,
  appointment_id INTEGER NOT NULL REFERENCES appointment(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  reason TEXT NOT NULL CHECK (reason <> ''),
  sent_at INTEGER NOT NULL
) STRICT;
CREATE INDEX absence_notice_by_person ON absence_notice(person_id, id);
CREATE TRIGGER absence_notice_is_kept_update BEFORE UPDATE ON absence_notice
BEGIN SELECT RAISE(ABORT, 'a notice is kept as the person sent it'); END;
CREATE TRIGGER absence_notice_is_kept_delete BEFORE DELETE ON absence_notice
BEGIN SELECT RAISE(ABORT, 'a notice is kept as the person sent it'); END;
)sql";

// The person's own answers about their licence conditions (issue 23): "I understand" or a question,
// one row each, oldest first; never changed or deleted, so the officer reads the whole exchange.
constexpr std::string_view licence_condition_responses = R"sql(
CREATE TABLE licence_condition_response (
  id INTEGER PRIMARY KEY,
  licence_id INTEGER NOT NULL REFERENCES licence(id),
  condition_key INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  response TEXT NOT NULL CHECK (response IN ('understood', 'question')),
  question TEXT NOT NULL DEFAULT '' CHECK (length(question) <= 2000),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX licence_condition_response_by_licence ON licence_condition_response(licence_id, id);
CREATE TRIGGER licence_condition_response_is_never_changed BEFORE UPDATE ON licence_condition_response
BEGIN SELECT RAISE(ABORT, 'what the person said about a condition stays as they said it'); END;
CREATE TRIGGER licence_condition_response_is_never_deleted BEFORE DELETE ON licence_condition_response
BEGIN SELECT RAISE(ABORT, 'what the person said about a condition stays on the record'); END;
)sql";

// MAPPA and information sharing (issue 24): decisions and referrals are added, never changed (the
// newest decision is the current one); meetings and actions carry a version; nothing is deleted.
// Attendees are a JSON array of {agency, name}.
constexpr std::string_view mappa_and_information_sharing = R"sql(
CREATE TABLE mappa_decision (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  category TEXT NOT NULL CHECK (category IN ('1', '2', '3', '4')),
  level TEXT NOT NULL CHECK (level IN ('1', '2', '3')),
  decided_on TEXT NOT NULL,
  decided_by TEXT NOT NULL CHECK (decided_by <> ''),
  reason TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX mappa_decision_by_person ON mappa_decision(person_id, decided_on, id);
CREATE TABLE mappa_referral (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  level TEXT NOT NULL CHECK (level IN ('2', '3')),
  reason TEXT NOT NULL CHECK (reason <> ''),
  referred_on TEXT NOT NULL,
  referred_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX mappa_referral_by_person ON mappa_referral(person_id, id);
CREATE TABLE mappa_meeting (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  kind TEXT NOT NULL CHECK (kind IN ('first', 'review', 'pre_release')),
  meeting_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'held')),
  attendees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees)),
  notes TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES staff(id)
) STRICT;
CREATE INDEX mappa_meeting_by_person ON mappa_meeting(person_id, meeting_on);
CREATE TABLE mappa_action (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES mappa_meeting(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  description TEXT NOT NULL CHECK (description <> ''),
  owner_agency TEXT NOT NULL CHECK (owner_agency <> ''),
  owner_name TEXT NOT NULL DEFAULT '',
  due_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled'))
) STRICT;
CREATE INDEX mappa_action_by_person ON mappa_action(person_id, due_on);
CREATE INDEX mappa_action_open ON mappa_action(person_id, due_on) WHERE status = 'open';
CREATE TABLE information_sharing (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  kind TEXT NOT NULL CHECK (kind IN ('request_made', 'request_received', 'disclosure', 'domestic_abuse_disclosure')),
  agency TEXT NOT NULL CHECK (agency <> 'probation'),
  subject TEXT NOT NULL CHECK (subject <> ''),
  lawful_basis TEXT,
  approved_by TEXT NOT NULL DEFAULT '',
  sent_on TEXT NOT NULL,
  due_by TEXT,
  answer TEXT NOT NULL DEFAULT '',
  answered_on TEXT,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (kind <> 'disclosure' OR (lawful_basis IS NOT NULL AND approved_by <> ''))
) STRICT;
CREATE INDEX information_sharing_by_person ON information_sharing(person_id, sent_on);
CREATE INDEX information_sharing_awaiting ON information_sharing(person_id, due_by) WHERE answered_on IS NULL;
CREATE TRIGGER mappa_decision_is_never_changed BEFORE UPDATE ON mappa_decision
BEGIN SELECT RAISE(ABORT, 'a MAPPA decision is never changed: record a new one'); END;
CREATE TRIGGER mappa_decision_is_never_deleted BEFORE DELETE ON mappa_decision
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a MAPPA decision stays on the record'); END;
CREATE TRIGGER mappa_referral_is_never_deleted BEFORE DELETE ON mappa_referral
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a MAPPA referral stays on the record'); END;
CREATE TRIGGER mappa_meeting_is_never_deleted BEFORE DELETE ON mappa_meeting
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a MAPPA meeting stays on the record'); END;
CREATE TRIGGER mappa_action_is_never_deleted BEFORE DELETE ON mappa_action
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: a MAPPA action stays on the record'); END;
CREATE TRIGGER information_sharing_is_never_deleted BEFORE DELETE ON information_sharing
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an information sharing record stays on the record'); END;
)sql";

// Insight (issue 25): a person's equality facts, given with their consent, one row per person with its
// answers as a JSON object by characteristic code (codes are only ever added to); never deleted.
constexpr std::string_view equality_facts = R"sql(
CREATE TABLE equality_facts (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  consent_given_on TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE TRIGGER equality_facts_are_never_deleted BEFORE DELETE ON equality_facts
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record the facts again instead'); END;
CREATE INDEX recall_by_decision ON recall(person_id) WHERE decision IS NOT NULL;
)sql";

// Integrated offender management (issue 24): cohort flags and police co-workers, ended (never
// deleted), with one open flag and one current naming of an officer per case; the police co-worker's
// intelligence-free contacts, kept as recorded.
constexpr std::string_view integrated_offender_management = R"sql(
CREATE TABLE iom_cohort (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  cohort TEXT NOT NULL CHECK (cohort IN ('fixed', 'flex', 'free')),
  starts_on TEXT NOT NULL,
  ends_on TEXT CHECK (ends_on IS NULL OR ends_on >= starts_on),
  set_by INTEGER NOT NULL REFERENCES staff(id),
  ended_by INTEGER REFERENCES staff(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX iom_cohort_by_person ON iom_cohort(person_id, starts_on);
CREATE UNIQUE INDEX iom_cohort_one_open ON iom_cohort(person_id) WHERE ends_on IS NULL;
CREATE TABLE iom_coworker (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  from_date TEXT NOT NULL,
  to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  added_by INTEGER NOT NULL REFERENCES staff(id),
  ended_by INTEGER REFERENCES staff(id)
) STRICT;
CREATE INDEX iom_coworker_by_person ON iom_coworker(person_id, from_date);
CREATE UNIQUE INDEX iom_coworker_named ON iom_coworker(staff_id, person_id) WHERE to_date IS NULL;
CREATE TABLE iom_contact (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  recorded_by INTEGER NOT NULL REFERENCES staff(id),
  contact_on TEXT NOT NULL,
  summary TEXT NOT NULL CHECK (summary <> ''),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX iom_contact_by_person ON iom_contact(person_id, contact_on);
CREATE TRIGGER iom_cohort_is_never_deleted BEFORE DELETE ON iom_cohort
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an IOM cohort is ended instead'); END;
CREATE TRIGGER iom_coworker_is_never_deleted BEFORE DELETE ON iom_coworker
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an IOM co-worker is ended instead'); END;
CREATE TRIGGER iom_contact_is_never_changed BEFORE UPDATE ON iom_contact
BEGIN SELECT RAISE(ABORT, 'an IOM contact is never changed: record another'); END;
CREATE TRIGGER iom_contact_is_never_deleted BEFORE DELETE ON iom_contact
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: an IOM contact stays on the record'); END;
)sql";

// A person's booking (#27): the sentence rows become its sentences, with their kind, offence facts,
// terms as the court gave them and what each is consecutive to; typed adjustments apply to a list of
// them; the booking has one version. A row recorded by the single-sentence form keeps kind NULL and is
// read as that form meant it (stored_booking.hpp), so the existing rows are each person's newest
// sentence as a booking of one, exactly as before: their earlier rows leave the booking. The key dates
// last worked out are kept, so the nightly refresh can say which changed and who has seen it.
constexpr std::string_view bookings = R"sql(
ALTER TABLE sentence ADD COLUMN in_booking INTEGER NOT NULL DEFAULT 1 CHECK (in_booking IN (0, 1));
ALTER TABLE sentence ADD COLUMN kind TEXT CHECK (kind IN ('standard', 'extended_automatic', 'extended_discretionary',
  'special_custodial', 'special_custodial_under_18', 'detention_and_training_order', 'default_term',
  'breach_of_top_up_supervision', 'indeterminate'));
ALTER TABLE sentence ADD COLUMN offence_committed_on TEXT;
ALTER TABLE sentence ADD COLUMN sds_plus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN would_be_sds_plus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN section_250 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN exclusions TEXT NOT NULL DEFAULT '';
ALTER TABLE sentence ADD COLUMN progression_exclusions TEXT NOT NULL DEFAULT '';
ALTER TABLE sentence ADD COLUMN term_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN term_months INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN term_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN term_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN custodial_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN custodial_months INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN custodial_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN custodial_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN extension_years INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN extension_months INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN extension_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN extension_days_part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sentence ADD COLUMN consecutive_to INTEGER REFERENCES sentence(id);
ALTER TABLE sentence ADD COLUMN regime_override TEXT;
UPDATE sentence SET in_booking = 0 WHERE id <> (SELECT max(id) FROM sentence newest WHERE newest.person_id = sentence.person_id);
CREATE INDEX sentence_in_booking ON sentence(person_id, id) WHERE in_booking = 1;

CREATE TABLE booking (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  version INTEGER NOT NULL
) STRICT;
CREATE TRIGGER booking_is_never_deleted BEFORE DELETE ON booking
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: record a correction instead'); END;

CREATE TABLE sentence_adjustment (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  type TEXT NOT NULL CHECK (type IN ('remand', 'tagged_bail', 'recall_remand', 'recall_tagged_bail',
    'unlawfully_at_large', 'additional_days_awarded', 'restored_additional_days')),
  days INTEGER NOT NULL CHECK (days >= 0),
  from_date TEXT,
  to_date TEXT,
  applies_from TEXT,
  effective_on TEXT,
  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX sentence_adjustment_by_person ON sentence_adjustment(person_id, id) WHERE withdrawn = 0;
CREATE TABLE sentence_adjustment_applies_to (
  adjustment_id INTEGER NOT NULL REFERENCES sentence_adjustment(id),
  sentence_id INTEGER NOT NULL REFERENCES sentence(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (adjustment_id, position)
) STRICT;
CREATE TRIGGER sentence_adjustment_is_never_deleted BEFORE DELETE ON sentence_adjustment
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: withdraw the adjustment instead'); END;
CREATE TRIGGER sentence_adjustment_applies_to_is_never_deleted BEFORE DELETE ON sentence_adjustment_applies_to
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: withdraw the adjustment instead'); END;

CREATE TABLE calculated_key_date (
  person_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  rule TEXT NOT NULL,
  PRIMARY KEY (person_id, kind)
) STRICT;
CREATE TABLE key_dates_worked_out (person_id INTEGER PRIMARY KEY REFERENCES person(id)) STRICT;

CREATE TABLE key_date_change (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  kind TEXT NOT NULL,
  date_before TEXT,
  rule_before TEXT,
  date_after TEXT,
  rule_after TEXT,
  found_on TEXT NOT NULL
) STRICT;
CREATE INDEX key_date_change_by_person ON key_date_change(person_id, id);
CREATE TABLE key_date_change_seen (
  change_id INTEGER NOT NULL REFERENCES key_date_change(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (change_id, staff_id)
) STRICT;
CREATE TRIGGER key_date_change_is_never_deleted BEFORE DELETE ON key_date_change
BEGIN SELECT RAISE(ABORT, 'case data is never deleted'); END;
)sql";

// Quality sampling (issue 25): a manager's review of a case in a unit's monthly sample, its answers as a
// JSON object by question code ({"finding": ..., "note": ...}; codes are only ever added to); one per
// unit, month and case, changed at a new version (each version journalled in full), never deleted.
constexpr std::string_view quality_reviews = R"sql(
CREATE TABLE quality_review (
  id INTEGER PRIMARY KEY,
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('team', 'pdu', 'prison')),
  scope_code TEXT NOT NULL,
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  person_id INTEGER NOT NULL REFERENCES person(id),
  version INTEGER NOT NULL DEFAULT 1,
  answers TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  reviewed_by INTEGER NOT NULL REFERENCES staff(id),
  reviewed_on TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (scope_kind, scope_code, month, person_id)
) STRICT;
CREATE TRIGGER quality_review_is_never_deleted BEFORE DELETE ON quality_review
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: review the case again instead'); END;
)sql";

// Two list reads made proportionate (#22, #24): both worklists looked up every person of a PDU on
// every view (over a second a page nationally). Case dates now carry what each needs, kept in step by
// triggers in the transaction of every write that changes it, with (unit, ...) indexes over the people
// concerned only.
// The contact worklist: the last contact that counted under the plan in force (contact_counted, the
// one definition), the later of that and the plan's start (counted_from, the list's order), that plus
// the plan's shortest interval (quiet_until: contact is overdue once today is after it) and the
// plan's review date. Empty without a plan in force.
// The MAPPA worklist: whether the person has anything MAPPA or shared on record (once recorded,
// always: decisions are kept, and the worklist itself asks what is open or overdue).
constexpr std::string_view list_reads = R"sql(
CREATE VIEW contact_counted AS
SELECT person_id, last_attended, counted_from, date(counted_from, '+' || shortest_every_days || ' days') AS quiet_until,
       review_on
FROM (SELECT person_id, last_attended, max(coalesce(last_attended, starts_on), starts_on) AS counted_from,
             shortest_every_days, review_on
      FROM (SELECT c.person_id, c.starts_on, c.shortest_every_days, c.review_on,
                   (SELECT max(o.appointment_on) FROM appointment_outcome o
                    WHERE o.person_id = c.person_id AND o.outcome = 'attended' AND NOT EXISTS (
                      SELECT 1 FROM appointment_outcome later WHERE later.person_id = o.person_id
                      AND later.appointment_on = o.appointment_on AND later.appointment_id = o.appointment_id
                      AND later.id > o.id)) AS last_attended
            FROM contact_plan c WHERE c.in_force = 1));

ALTER TABLE case_dates ADD COLUMN contact_last_attended TEXT;
ALTER TABLE case_dates ADD COLUMN contact_counted_from TEXT;
ALTER TABLE case_dates ADD COLUMN contact_quiet_until TEXT;
ALTER TABLE case_dates ADD COLUMN contact_review_on TEXT;
ALTER TABLE case_dates ADD COLUMN mappa_on_record INTEGER NOT NULL DEFAULT 0 CHECK (mappa_on_record IN (0, 1));
UPDATE case_dates SET (contact_last_attended, contact_counted_from, contact_quiet_until, contact_review_on) =
  (SELECT last_attended, counted_from, quiet_until, review_on FROM contact_counted k WHERE k.person_id = case_dates.person_id)
  WHERE person_id IN (SELECT person_id FROM contact_plan WHERE in_force = 1);
UPDATE case_dates SET mappa_on_record = 1 WHERE person_id IN (SELECT person_id FROM mappa_decision
  UNION SELECT person_id FROM mappa_action UNION SELECT person_id FROM information_sharing);

-- Covering what the contact worklist picks its page by, so that no case dates row is read for it.
CREATE INDEX case_dates_contact ON case_dates(contact_counted_from, contact_quiet_until, contact_review_on,
  prison_code, pdu_code, limited) WHERE contact_counted_from IS NOT NULL;
CREATE INDEX case_dates_contact_by_prison ON case_dates(prison_code, contact_counted_from, contact_quiet_until,
  contact_review_on, pdu_code, limited) WHERE contact_counted_from IS NOT NULL AND prison_code IS NOT NULL;
CREATE INDEX case_dates_contact_by_pdu ON case_dates(pdu_code, contact_counted_from, contact_quiet_until,
  contact_review_on, prison_code, limited) WHERE contact_counted_from IS NOT NULL AND pdu_code IS NOT NULL;
CREATE INDEX case_dates_mappa_by_prison ON case_dates(prison_code) WHERE mappa_on_record = 1 AND prison_code IS NOT NULL;
CREATE INDEX case_dates_mappa_by_pdu ON case_dates(pdu_code) WHERE mappa_on_record = 1 AND pdu_code IS NOT NULL;

CREATE TRIGGER case_dates_see_contact_plan AFTER INSERT ON contact_plan
BEGIN
  UPDATE case_dates SET (contact_last_attended, contact_counted_from, contact_quiet_until, contact_review_on) =
    (SELECT last_attended, counted_from, quiet_until, review_on FROM contact_counted k WHERE k.person_id = NEW.person_id)
    WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER case_dates_see_appointment_outcome AFTER INSERT ON appointment_outcome
BEGIN
  UPDATE case_dates SET (contact_last_attended, contact_counted_from, contact_quiet_until, contact_review_on) =
    (SELECT last_attended, counted_from, quiet_until, review_on FROM contact_counted k WHERE k.person_id = NEW.person_id)
    WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER case_dates_see_mappa_decision AFTER INSERT ON mappa_decision
BEGIN UPDATE case_dates SET mappa_on_record = 1 WHERE person_id = NEW.person_id; END;
CREATE TRIGGER case_dates_see_mappa_action AFTER INSERT ON mappa_action
BEGIN UPDATE case_dates SET mappa_on_record = 1 WHERE person_id = NEW.person_id; END;
CREATE TRIGGER case_dates_see_information_sharing AFTER INSERT ON information_sharing
BEGIN UPDATE case_dates SET mappa_on_record = 1 WHERE person_id = NEW.person_id; END;
-- Case dates worked out after the plan or the MAPPA record take them from there.
CREATE TRIGGER case_dates_start_contact_and_mappa AFTER INSERT ON case_dates
BEGIN
  UPDATE case_dates SET (contact_last_attended, contact_counted_from, contact_quiet_until, contact_review_on) =
    (SELECT last_attended, counted_from, quiet_until, review_on FROM contact_counted k WHERE k.person_id = NEW.person_id),
    mappa_on_record = EXISTS (SELECT 1 FROM mappa_decision WHERE person_id = NEW.person_id)
      OR EXISTS (SELECT 1 FROM mappa_action WHERE person_id = NEW.person_id)
      OR EXISTS (SELECT 1 FROM information_sharing WHERE person_id = NEW.person_id)
    WHERE person_id = NEW.person_id;
END;
)sql";

// Working together on a case (issue 24): a home visit may have a second worker, the IOM police
// officer, whose diary shows it too; the officer's contact may be their part of such a visit; a MAPPA
// action that needs a licence condition names the condition (by its key, which every version of the
// person's licence keeps) or, before there is a licence, the plan's objective. Active staff by role, for the
// police officers IOM offers.
constexpr std::string_view working_together = R"sql(
ALTER TABLE appointment ADD COLUMN joint_staff_id INTEGER REFERENCES staff(id);
CREATE INDEX appointment_by_joint_staff ON appointment(joint_staff_id, on_date) WHERE joint_staff_id IS NOT NULL;
ALTER TABLE iom_contact ADD COLUMN appointment_id INTEGER REFERENCES appointment(id);
ALTER TABLE mappa_action ADD COLUMN condition_key INTEGER;
ALTER TABLE mappa_action ADD COLUMN objective_id INTEGER REFERENCES plan_objective(id);
CREATE INDEX staff_by_role ON staff(role, display_name) WHERE active = 1;
)sql";

// The rest of a booking (#27): whether the person is on the sex offenders register (no HDC), and the
// custody history, which decides who was already out when a measure commenced. A changed history
// replaces the recorded one: the old movements are withdrawn, never deleted.
constexpr std::string_view booking_register_and_movements = R"sql(
ALTER TABLE booking ADD COLUMN sex_offender_register INTEGER NOT NULL DEFAULT 0 CHECK (sex_offender_register IN (0, 1));
CREATE TABLE booking_movement (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  moved_on TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  reason TEXT NOT NULL DEFAULT '',
  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX booking_movement_by_person ON booking_movement(person_id, moved_on, id) WHERE withdrawn = 0;
CREATE TRIGGER booking_movement_is_never_deleted BEFORE DELETE ON booking_movement
BEGIN SELECT RAISE(ABORT, 'case data is never deleted: withdraw the movement instead'); END;
)sql";

// A person's own reads in the access log (issue 23): their pages and their API token are read by the
// person through their account, not by staff, so staff_id becomes optional and person_account_id names
// the account; exactly one of them says who read. SQLite rebuilds the table to drop NOT NULL; the rows
// keep their chains, which hash the same columns as before for staff rows.
constexpr std::string_view own_reads_logged = R"sql(
CREATE TABLE access_log_rebuilt (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id),  -- NULL for a person's own read
  person_id INTEGER REFERENCES person(id),  -- NULL for a list: its people are in `people`
  what TEXT NOT NULL,
  allowed INTEGER NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  token TEXT NOT NULL DEFAULT '',
  people TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people)),
  chain TEXT NOT NULL,
  person_account_id INTEGER REFERENCES person_account(id),  -- the person's own read: their account
  CHECK ((staff_id IS NULL) <> (person_account_id IS NULL))
) STRICT;
INSERT INTO access_log_rebuilt (id, at, staff_id, person_id, what, allowed, address, token, people, chain)
  SELECT id, at, staff_id, person_id, what, allowed, address, token, people, chain FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_rebuilt RENAME TO access_log;
CREATE INDEX access_log_by_person ON access_log(person_id, id);
CREATE TRIGGER access_log_is_append_only_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_is_append_only_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
)sql";

// Insight figures kept in step (issue 25): every write to a record the insight measures or their scopes
// read logs the person it touched, by trigger, in the writing transaction, so a server's per-case figures
// (services::InsightFigures) work out again exactly the people changed since they last looked, never
// the whole country. Nothing to fill in: a server works out every case once, when it first needs them.
constexpr std::string_view insight_change_log = R"sql(
CREATE TABLE insight_change (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id)
) STRICT;

CREATE TRIGGER insight_sees_person_added AFTER INSERT ON person
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.id); END;
CREATE TRIGGER insight_sees_person_changed AFTER UPDATE OF date_of_birth, prison_code, pdu_code ON person
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.id); END;
CREATE TRIGGER insight_sees_equality_facts_added AFTER INSERT ON equality_facts
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_equality_facts_changed AFTER UPDATE ON equality_facts
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_com_start_added AFTER INSERT ON case_dates
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_com_start_changed AFTER UPDATE OF com_allocated_date ON case_dates
WHEN NEW.com_allocated_date IS NOT OLD.com_allocated_date
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_allocation_added AFTER INSERT ON allocation
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_allocation_changed AFTER UPDATE ON allocation
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_release_added AFTER INSERT ON release_day_record
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_release_changed AFTER UPDATE ON release_day_record
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_recall_added AFTER INSERT ON recall
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_recall_changed AFTER UPDATE ON recall
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_needs_assessment_added AFTER INSERT ON needs_assessment
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_needs_pathway_added AFTER INSERT ON needs_pathway
BEGIN INSERT INTO insight_change (person_id) SELECT person_id FROM needs_assessment WHERE id = NEW.assessment_id; END;
CREATE TRIGGER insight_sees_needs_pathway_changed AFTER UPDATE ON needs_pathway
BEGIN INSERT INTO insight_change (person_id) SELECT person_id FROM needs_assessment WHERE id = NEW.assessment_id; END;
CREATE TRIGGER insight_sees_outcome_snapshot_added AFTER INSERT ON outcome_snapshot
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_outcome_pathway_added AFTER INSERT ON outcome_pathway
BEGIN INSERT INTO insight_change (person_id) SELECT person_id FROM outcome_snapshot WHERE id = NEW.snapshot_id; END;
CREATE TRIGGER insight_sees_outcome_pathway_changed AFTER UPDATE ON outcome_pathway
BEGIN INSERT INTO insight_change (person_id) SELECT person_id FROM outcome_snapshot WHERE id = NEW.snapshot_id; END;
CREATE TRIGGER insight_sees_referral_added AFTER INSERT ON referral
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_referral_changed AFTER UPDATE ON referral
BEGIN INSERT INTO insight_change (person_id) VALUES (NEW.person_id); END;
CREATE TRIGGER insight_sees_referral_step_added AFTER INSERT ON referral_step
BEGIN INSERT INTO insight_change (person_id) SELECT person_id FROM referral WHERE id = NEW.referral_id; END;
-- A team's people are those its members have ever held an allocation for: a move changes two teams.
CREATE TRIGGER insight_sees_staff_team_changed AFTER UPDATE OF team_code ON staff
WHEN NEW.team_code IS NOT OLD.team_code
BEGIN INSERT INTO insight_change (person_id) SELECT DISTINCT person_id FROM allocation WHERE staff_id = NEW.id; END;
)sql";

// Whether the person is a foreign national liable to removal (#27): the booking's fact that gives them an
// early removal scheme eligibility date (ERSED).
constexpr std::string_view booking_liable_to_removal = R"sql(
ALTER TABLE booking ADD COLUMN liable_to_removal INTEGER NOT NULL DEFAULT 0 CHECK (liable_to_removal IN (0, 1));
)sql";

// The accounts named at MAPPA meetings, an index of the meetings' attendees JSON kept by triggers,
// so a risk partner's case list (attended_cases) reads its rows instead of every meeting's JSON. Derived
// from the meeting, so a change of its attendees writes its rows again.
constexpr std::string_view attendee_accounts = R"sql(
CREATE TABLE mappa_attendee_account (
  staff_id INTEGER NOT NULL,
  meeting_id INTEGER NOT NULL REFERENCES mappa_meeting(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (staff_id, meeting_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX mappa_attendee_account_by_meeting ON mappa_attendee_account(meeting_id);
INSERT OR IGNORE INTO mappa_attendee_account (staff_id, meeting_id, person_id)
SELECT json_extract(a.value, '$.staff_id'), m.id, m.person_id FROM mappa_meeting m, json_each(m.attendees) a
WHERE json_extract(a.value, '$.staff_id') IS NOT NULL;
CREATE TRIGGER mappa_attendee_accounts_on_insert AFTER INSERT ON mappa_meeting
BEGIN
  INSERT OR IGNORE INTO mappa_attendee_account (staff_id, meeting_id, person_id)
  SELECT json_extract(a.value, '$.staff_id'), NEW.id, NEW.person_id FROM json_each(NEW.attendees) a
  WHERE json_extract(a.value, '$.staff_id') IS NOT NULL;
END;
CREATE TRIGGER mappa_attendee_accounts_on_update AFTER UPDATE OF attendees, person_id ON mappa_meeting
BEGIN
  DELETE FROM mappa_attendee_account WHERE meeting_id = NEW.id;
  INSERT OR IGNORE INTO mappa_attendee_account (staff_id, meeting_id, person_id)
  SELECT json_extract(a.value, '$.staff_id'), NEW.id, NEW.person_id FROM json_each(NEW.attendees) a
  WHERE json_extract(a.value, '$.staff_id') IS NOT NULL;
END;
)sql";

// How far insight's change log has been trimmed: a reader whose figures follow the log only up to an
// entry below this has lost entries and makes its figures afresh. One row at most, none until trimmed
// (so `resettle copy` finds the table empty on a new database).
constexpr std::string_view insight_change_trimmed = R"sql(
CREATE TABLE insight_change_trimmed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  up_to INTEGER NOT NULL
) STRICT;
)sql";

// A default term's unpaid fine, in pence, recorded with the sentence it is the term for (#27); NULL for
// every other sentence and for a default term whose fine was not given.
constexpr std::string_view sentence_fine_amount = R"sql(
ALTER TABLE sentence ADD COLUMN fine_amount_pence INTEGER CHECK (fine_amount_pence >= 0);
)sql";

// How many times each unit's lists have changed (store/list_changes.hpp): a counter per prison, PDU and
// member of staff's caseload, moved by triggers in the writing transaction, so that a server may keep a
// list page while its units' counters stand still. What a list shows of a person changes only with a
// journalled event about them (every change to case data is one) or with the read models the lists
// read (unit and caseload entries, case dates: these also catch derived changes, such as the dates
// worked out again by a refresh). Either moves the counter of every unit and caseload the person is
// listed in, and a person who leaves a unit or caseload moves its counter as their entry goes. The
// view `list_units_of_person` names the lists a person is on.
constexpr std::string_view list_changes = R"sql(
CREATE TABLE list_change (
  unit TEXT PRIMARY KEY,  -- 'prison:CODE', 'pdu:CODE' or 'staff:ID'
  changes INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE VIEW list_units_of_person (person_id, unit) AS
  SELECT person_id, unit_kind || ':' || unit_code FROM unit_entry
  UNION ALL SELECT person_id, 'staff:' || staff_id FROM caseload_entry;

CREATE TRIGGER list_change_on_event AFTER INSERT ON event WHEN NEW.person_id IS NOT NULL
BEGIN
  INSERT INTO list_change (unit, changes) SELECT unit, 1 FROM list_units_of_person WHERE person_id = NEW.person_id
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER list_change_on_unit_entry_insert AFTER INSERT ON unit_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT NEW.unit_kind || ':' || NEW.unit_code, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_unit_entry_update AFTER UPDATE ON unit_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT OLD.unit_kind || ':' || OLD.unit_code, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
  INSERT INTO list_change (unit, changes) SELECT NEW.unit_kind || ':' || NEW.unit_code, 1 WHERE NEW.unit_kind IS NOT OLD.unit_kind OR NEW.unit_code IS NOT OLD.unit_code
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_unit_entry_delete AFTER DELETE ON unit_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT OLD.unit_kind || ':' || OLD.unit_code, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER list_change_on_caseload_entry_insert AFTER INSERT ON caseload_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT 'staff:' || NEW.staff_id, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_caseload_entry_update AFTER UPDATE ON caseload_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT 'staff:' || OLD.staff_id, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
  INSERT INTO list_change (unit, changes) SELECT 'staff:' || NEW.staff_id, 1 WHERE NEW.staff_id IS NOT OLD.staff_id
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_caseload_entry_delete AFTER DELETE ON caseload_entry
BEGIN
  INSERT INTO list_change (unit, changes) SELECT 'staff:' || OLD.staff_id, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER list_change_on_case_dates_insert AFTER INSERT ON case_dates
BEGIN
  INSERT INTO list_change (unit, changes) SELECT unit, 1 FROM list_units_of_person WHERE person_id = NEW.person_id
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_case_dates_update AFTER UPDATE ON case_dates
BEGIN
  INSERT INTO list_change (unit, changes) SELECT unit, 1 FROM list_units_of_person WHERE person_id = NEW.person_id
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
)sql";

// Insight's change log in commit order (PostgreSQL's migration 50 makes it so there): SQLite runs one write
// transaction at a time, so its ids are handed out in commit order already and nothing changes here.
constexpr std::string_view insight_change_in_commit_order = R"sql(
-- nothing to change on SQLite
)sql";

// Each list of people a member of staff was shown, stored once (issue 19): a list page viewed again
// showing the same people (the usual case, a page kept while nothing on it changes) names the list
// already stored rather than indexing its people again, so its access-log row costs one row and its
// index entries, not fifty entries spread across the person index. Rows written before this keep their
// people in access_log_person; `list_id` is not hashed into the chain (`people`, which is, names the
// same people), as `person_account_id` is not.
constexpr std::string_view access_lists = R"sql(
CREATE TABLE access_list (
  id INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE,  -- SHA-256 of people, the key a list is found by
  people TEXT NOT NULL CHECK (json_valid(people))
) STRICT;
CREATE TABLE access_list_person (
  person_id INTEGER NOT NULL,
  list_id INTEGER NOT NULL REFERENCES access_list(id),
  PRIMARY KEY (person_id, list_id)
) STRICT, WITHOUT ROWID;
ALTER TABLE access_log ADD COLUMN list_id INTEGER REFERENCES access_list(id);
CREATE INDEX access_log_by_list ON access_log(list_id, id) WHERE list_id IS NOT NULL;
CREATE TRIGGER access_list_is_append_only_update BEFORE UPDATE ON access_list
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_list_is_append_only_delete BEFORE DELETE ON access_list
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_list_person_is_append_only_update BEFORE UPDATE ON access_list_person
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_list_person_is_append_only_delete BEFORE DELETE ON access_list_person
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
)sql";

// Each officer's diary counted as a list (store/list_changes.hpp): 'diary:ID' moves with every appointment
// the officer holds or joins as second worker (booked, moved, cancelled, handed to another), with the
// name and CRN of a person they have appointments with, and with the cases a risk partner is named on
// (their diary shows only those). An appointment's change journals an event about the person too, but
// that moves the person's units' lists, which need not be the officer's.
// And a person's views of their own pages ("person_account.viewed", journalled at each view) change no
// list: they no longer move the lists the person is on, which every such view emptied of kept pages.
constexpr std::string_view diary_changes = R"sql(
DROP TRIGGER list_change_on_event;
CREATE TRIGGER list_change_on_event AFTER INSERT ON event
WHEN NEW.person_id IS NOT NULL AND NEW.kind <> 'person_account.viewed'
BEGIN
  INSERT INTO list_change (unit, changes) SELECT unit, 1 FROM list_units_of_person WHERE person_id = NEW.person_id
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER list_change_on_appointment_insert AFTER INSERT ON appointment
BEGIN
  INSERT INTO list_change (unit, changes)
  SELECT 'diary:' || NEW.with_staff_id, 1 UNION SELECT 'diary:' || NEW.joint_staff_id, 1 WHERE NEW.joint_staff_id IS NOT NULL
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_appointment_update AFTER UPDATE ON appointment
BEGIN
  INSERT INTO list_change (unit, changes)
  SELECT 'diary:' || OLD.with_staff_id, 1 UNION SELECT 'diary:' || NEW.with_staff_id, 1
  UNION SELECT 'diary:' || OLD.joint_staff_id, 1 WHERE OLD.joint_staff_id IS NOT NULL
  UNION SELECT 'diary:' || NEW.joint_staff_id, 1 WHERE NEW.joint_staff_id IS NOT NULL
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_person_named AFTER UPDATE OF given_name, family_name, crn ON person
WHEN NEW.given_name IS NOT OLD.given_name OR NEW.family_name IS NOT OLD.family_name OR NEW.crn IS NOT OLD.crn
BEGIN
  INSERT INTO list_change (unit, changes)
  SELECT 'diary:' || with_staff_id, 1 FROM appointment WHERE person_id = NEW.id
  UNION SELECT 'diary:' || joint_staff_id, 1 FROM appointment WHERE person_id = NEW.id AND joint_staff_id IS NOT NULL
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_coworker_insert AFTER INSERT ON iom_coworker
BEGIN
  INSERT INTO list_change (unit, changes) SELECT 'diary:' || NEW.staff_id, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER list_change_on_coworker_update AFTER UPDATE ON iom_coworker
BEGIN
  INSERT INTO list_change (unit, changes)
  SELECT 'diary:' || OLD.staff_id, 1 UNION SELECT 'diary:' || NEW.staff_id, 1 WHERE true
  ON CONFLICT (unit) DO UPDATE SET changes = changes + 1;
END;
)sql";

constexpr std::array<Migration, 52> all_migrations{{
    {1, "foundation: places, staff, people, sentences, allocations, journal, sessions", foundation},
    {2, "responsibility: risk profiles and the case dates worklists use", responsibility},
    {3, "resettlement plan: needs assessments, plan, pre-release checklist, outcome snapshots", resettlement_plan},
    {4, "service directory (HSDS) with search, and referrals", directory_and_referrals},
    {5, "allocation and continuity: teams, capacity, deputies, handover meetings, transfers, limited access",
     allocation_and_continuity},
    {6, "worklists by unit: case dates carry prison, PDU and whether a COM is allocated; staff caseloads from the index", worklists_by_unit},
    {7, "overdue handovers by unit: case dates carry whether the person is in custody", custody_on_case_dates},
    {8, "caseloads: each member of staff's current cases with what the caseload page shows", caseloads},
    {9, "plans on lists: caseloads and case dates carry whether the person has a plan or checklist", plans_on_lists},
    {10, "units on caseloads: each caseload entry carries the person's prison and PDU", units_on_caseloads},
    {11, "units' people: each prison's and PDU's people with what the whole-unit list shows", units_people},
    {12, "people on case dates: worklist rows read the person's name, numbers and stage from their case dates",
     people_on_case_dates},
    {13, "limited access on lists: caseload and unit entries and case dates say who has a current entry",
     limited_access_on_lists},
    {14, "caseloads by unit: each member of staff's caseload ordered by the person's prison and PDU", caseloads_by_unit},
    {15, "licences: each version of a person's licence with its conditions and variation", licences},
    {16, "accounts: idle sessions, two-factor sign-in, scoped expiring API tokens, known devices, health probe",
     accounts},
    {17, "partners by organisation id: referrals keep the organisation they were sent to; partner accounts link to one",
     partners_by_organisation_id},
    {18, "chained audit: access log with origin and list reads; journal and access log hash-chained", chained_audit},
    {19, "OMiC review facts: completed parole review, further indeterminate sentence, category T date",
     omic_review_facts},
    {20, "late handover meetings: a meeting on or after the handover date records why", late_handover_meetings},
    {21, "release day decisions: the earlier day of release accepted, and who approved a second day",
     release_day_decisions},
    {22, "release day records: the release, where the person stays tonight and what is in place; checklists closed at release",
     release_day_records},
    {23, "induction: appointments; a licence's acknowledgement and whether it has been gone through in full", inductions},
    {24, "supervision: appointment series and outcomes, enforcement steps, the person's contact details, the outbox",
     supervision},
    {25, "recalls: the consideration, the recommendation, the manager's decision and the recall type with its rule",
     recalls},
    {26, "contact plans: how often each person is seen, in stages, with a reason and a review date; superseded, never changed",
     contact_plans},
    {27, "returns to custody: a recall's return date and prison; the recall a sentence serves", returns_to_custody},
    {28, "calendar feeds: private subscription addresses of an officer's diary or a person's appointments",
     calendar_feeds},
    {29, "outbox kinds: sign-in codes, invitations and changed appointments; reminders withheld when cancelled",
     outbox_message_kinds, true},
    {30, "people's own accounts: invitations, one-time sign-in codes and sessions, all kept by hash", person_accounts},
    {31, "appointment cancellations: when, by whom and why an appointment was cancelled; kept, never undone",
     appointment_cancellations},
    {32, "the person's own say: responses to their plan's objectives, notices that they cannot come to an appointment",
     own_responses},
    {33, "the person's answers about their licence conditions: I understand, or a question; kept, never changed",
     licence_condition_responses},
    {34, "MAPPA and information sharing: category and level decisions, panel referrals, meetings and their actions; "
         "requests to and from other agencies and disclosures, with the lawful basis and approver",
     mappa_and_information_sharing},
    {35, "insight: equality facts on the person, given with their consent", equality_facts},
    {36, "people's own API tokens: kept by hash, expiring, revocable, with when each was last used; "
         "the appointment's version each \"I can't make it\" was sent at, for the officer's worklist",
     person_api_tokens_and_notice_versions},
    {37, "integrated offender management: cohort flags, police co-workers on the case and their contacts",
     integrated_offender_management},
    {38, "bookings: sentences with kind, offence facts, terms and chains; typed adjustments; the booking's version; "
         "key dates as last worked out and the changes the refresh found, with who has seen them",
     bookings},
    {39, "quality sampling: managers' reviews of each month's sampled cases against the checklist, one per unit, month "
         "and case, versioned; never deleted",
     quality_reviews},
    {40, "working together: joint home visits with a second worker, the police officer's part of one; MAPPA actions "
         "linked to a licence condition or the plan's objective",
     working_together},
    {41, "the rest of a booking: the sex offenders register flag and the custody history (movements), withdrawn not deleted",
     booking_register_and_movements},
    {42, "list reads: case dates carry the contact worklist's dates under the plan in force and whether the "
         "person has anything MAPPA or shared on record",
     list_reads},
    {43, "own reads logged: a person's reads of their own record through their pages and API token in the access log, "
         "by their account",
     own_reads_logged, true},
    {44, "insight figures kept in step: every write to a record insight reads logs the person it touched",
     insight_change_log},
    {45, "insight's change log trimmed: how far entries no kept figures need were removed", insight_change_trimmed},
    {46, "a booking's foreign national liable to removal, for the early removal scheme date", booking_liable_to_removal},
    {47, "MAPPA attendees by account: an index of the accounts named at each meeting, kept by triggers",
     attendee_accounts},
    {48, "a default term's unpaid fine, recorded with its sentence", sentence_fine_amount},
    {49, "list change counters: how many times each prison's, PDU's and caseload's lists have changed, moved by triggers",
     list_changes},
    {50, "insight's change log in commit order: a transaction logs only once every earlier logging one has ended",
     insight_change_in_commit_order},
    {51, "access lists: each list of people shown stored once, and the access log's list rows naming it", access_lists},
    {52, "diary change counters: each officer's diary counted as a list, moved by its appointments, its people's names "
         "and a risk partner's cases; a person's views of their own pages move no list",
     diary_changes},
}};

}  // namespace

std::span<const Migration> migrations() { return all_migrations; }

}  // namespace resettle::store::sqlite

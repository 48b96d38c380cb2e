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

constexpr std::array<Migration, 1> all_migrations{{
    {1, "foundation: places, staff, people, sentences, allocations, journal, sessions", foundation},
}};

}  // namespace

std::span<const Migration> migrations() { return all_migrations; }

}  // namespace resettle::store::sqlite

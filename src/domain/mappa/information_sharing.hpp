#pragma once
// Information sharing records: every request to or from another agency and every disclosure, with
// what was asked or shared, the lawful basis, who approved it, when it went and the answer.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "domain/mappa/agency.hpp"
#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"

namespace resettle {

// --- Codes ------------------------------------------------------------------------------------
// Stored and sent in JSON: the codes of every table below may only be added to; labels may change.

// A domestic abuse disclosure scheme request is a request made to the police with its own kind,
// so the scheme's requests can be found and counted.
enum class SharingKind { request_made, request_received, disclosure, domestic_abuse_disclosure };
std::span<const Coded<SharingKind>> sharing_kinds();

// The lawful basis for sharing, chosen from this list.
enum class LawfulBasis {
  mappa_duty_to_cooperate,
  safeguarding_children,
  safeguarding_adults,
  consent,
  crime_prevention,
  legal_obligation,
};
std::span<const Coded<LawfulBasis>> lawful_bases();

// --- The record -------------------------------------------------------------------------------

struct SharingRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t version = 0;
  SharingKind kind = SharingKind::request_made;
  Agency agency = Agency::police;  // the other agency: never probation
  std::string subject;             // what was asked or shared
  std::optional<LawfulBasis> lawful_basis;
  std::string approved_by;  // who approved it, in words
  Date sent_on{};           // when it was sent, or received for a request made to us
  std::optional<Date> due_by;  // when the answer is due
  std::string answer;
  std::optional<Date> answered_on;
  std::int64_t recorded_by = 0;
  bool operator==(const SharingRecord&) const = default;
};

// Whether this kind of record waits for an answer (every kind but a disclosure).
bool expects_answer(SharingKind kind);

// Reads kind, agency (not probation), subject (required), lawful_basis, approved_by, sent_on (today
// or earlier) and due_by (not before sent_on). A disclosure needs a lawful basis and an approver; a
// request we make (and a domestic abuse disclosure scheme request) needs a lawful basis and a due
// date; a request made to us needs a due date. Throws ValidationFailed naming every bad field.
SharingRecord read_sharing_record(const FieldInput& input, Date today, std::int64_t recorded_by);

// Records the answer (answer: required; answered_on: today or earlier, not before sent_on). Answering
// a request made to us is a disclosure, so it needs lawful_basis and approved_by unless the record has
// them. Throws Conflict for a disclosure or a record already answered, then ValidationFailed naming
// every bad field.
SharingRecord record_sharing_answer(SharingRecord record, const FieldInput& input, Date today);

// A request still waiting for its answer after its due date.
bool sharing_overdue(const SharingRecord& record, Date today);

}  // namespace resettle

#pragma once
// The person's own pages beyond "What happens next" (person_accounts.hpp): their licence conditions
// in plain words, with "I understand" or a question on each; the support services near them for
// the needs on their record; and the messages Resettle has sent them. The same pages, for someone
// in custody with no phone, are printed by a practitioner (pages_for_print). Each use case reads
// only the signed-in person's own record, and never anything staff-only: no notes, no risk, no
// reasons for conditions, no limited-access details.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/bank_holidays.hpp"
#include "domain/licence/licence_responses.hpp"
#include "domain/messages/outbox.hpp"
#include "domain/plan/pathway.hpp"
#include "services/clock.hpp"
#include "services/person_view/person_accounts.hpp"
#include "store/store.hpp"

namespace resettle::services {

// --- My licence -------------------------------------------------------------------------------------

struct ConditionForPerson {
  int key = 0;
  int number = 0;  // its place on the licence, from 1, as the person reads it
  std::string explanation;  // the plain explanation with its inputs filled in, in the person's language
  ConditionStanding standing;
};
struct LicenceForPerson {
  bool has_licence = false;  // licence_shown_to_person found one
  std::int64_t licence_id = 0;
  std::vector<ConditionForPerson> conditions;  // in licence order
};

// The person's licence (licence_shown_to_person) in their language; journalled as a view of their record.
LicenceForPerson my_licence(store::Store& store, const ConditionCatalogues& catalogues, const PersonSignedIn& signed_in);
// One condition of it; NotFound when that licence has no condition `key` (or there is no licence).
ConditionForPerson my_condition(store::Store& store, const ConditionCatalogues& catalogues,
                                const PersonSignedIn& signed_in, int key);
// Records "I understand" or a question about condition `key` (read_condition_response: ValidationFailed
// naming "response" or "question", in the person's language), journalled on their timeline, in one
// transaction. NotFound as my_condition.
void respond_to_condition(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                          const PersonSignedIn& signed_in, int key, const FieldInput& input);

// --- Support near me ------------------------------------------------------------------------------

struct SupportForPerson {
  std::string name;
  std::string organisation;
  std::string description;  // what it offers
  std::string phone;
  std::string email;
  std::string website;
  std::vector<std::string> addresses;  // one line each
  std::vector<Pathway> pathways;       // those of the person's needs it helps with
};
struct SupportNearPerson {
  std::string area;                      // their probation delivery unit's name; empty when not known
  std::vector<Pathway> needs;            // pathways with a need on their latest assessment, in pathway order
  std::vector<SupportForPerson> services;  // active, in their area, for one of those needs, not ruling them out
};
// Journalled as a view of their record. Empty services when they have no recorded need.
SupportNearPerson support_near_me(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in);

// --- Messages -------------------------------------------------------------------------------------

struct MessageForPerson {
  MessageKind kind = MessageKind::booking_reminder;
  MessageChannel channel = MessageChannel::none;
  MessageStatus status = MessageStatus::queued;
  std::optional<Timestamp> sent_at;
  Timestamp due_at{};  // when it is (or was last) to be tried
  std::string text;    // what it said; empty for a sign-in code, which is never shown again
};
// The messages sent (or queued) to the person, newest first, the latest `limit`; journalled as a view.
std::vector<MessageForPerson> my_messages(store::Store& store, const PersonSignedIn& signed_in, int limit = 50);

// --- Printed for someone in custody --------------------------------------------------------------

struct PagesForPrint {
  Person person;
  WhatHappensNext next;
  LicenceForPerson licence;
  SupportNearPerson support;
};
// The person's pages in `language` as they would see them, for a practitioner to print: an audited
// read (view_person's NotFound for someone they may not see), journalled as printed.
PagesForPrint pages_for_print(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                              const ConditionCatalogues& catalogues, const StaffMember& actor, std::int64_t person_id,
                              Language language);

}  // namespace resettle::services

#pragma once
// The person's own view of their case: staff invite them, they sign in with a one-time code sent to
// their mobile or email, and see what happens next in English or Welsh. Person sessions are apart
// from staff sessions: neither opens the other's pages. The rules are in domain/person_view/person_account.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/supervision/appointment.hpp"
#include "domain/bank_holidays.hpp"
#include "domain/people/person.hpp"
#include "domain/person_view/person_account.hpp"
#include "domain/person_view/person_api_token.hpp"
#include "domain/staff/staff.hpp"
#include "services/clock.hpp"
#include "services/sign_in/sign_in.hpp"
#include "store/store.hpp"

namespace resettle::services {

// The COM and POM invite the people they may see; a manager may stand in.
bool may_invite_person(Role role);

// The person's account for the account page: audited read; NotFound for a person this member of
// staff may not see.
struct AccountOfPerson {
  Person person;
  std::optional<PersonAccount> account;
  bool may_invite = false;
};
AccountOfPerson account_of_person(store::Store& store, const StaffMember& actor, std::int64_t person_id);

// Sets up (or sets up afresh, with new contact details) the person's account and queues the
// invitation, in the person's language, with `sign_in_address`, in one journalled transaction.
// NotFound as account_of_person; Forbidden unless may_invite_person; ValidationFailed("contact")
// for something neither a UK mobile nor an email address, or one another person's account uses.
PersonAccount invite_person(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                            const std::string& contact, const std::string& sign_in_address);

// Sends a sign-in code to the account with this contact, if there is one and it may have another
// code now (not locked, within codes_per_window); otherwise does nothing, so the caller's answer is
// the same either way. ValidationFailed("contact") only for text that is no mobile or email at all.
void request_sign_in_code(store::Store& store, const Clock& clock, const std::string& contact);

enum class CodeOutcome { signed_in, wrong, expired, used, locked };
struct CodeResult {
  CodeOutcome outcome = CodeOutcome::wrong;
  std::string session_token;  // signed_in: the cookie value (only its hash is stored)
  std::optional<Timestamp> locked_until;  // locked: when the person may try again
};
// Checks a code typed for the account with this contact (an unknown contact is simply wrong). A
// wrong code counts towards the lockout; the right one is used up, and starts a journalled session.
CodeResult enter_sign_in_code(store::Store& store, const Clock& clock, const std::string& contact,
                              const std::string& code);

struct PersonSignedIn {
  PersonAccount account;
  Person person;
  std::string csrf_token;
};
// A person's session not revoked and within person_session_idle_timeout, for an account not
// withdrawn. Records the request as its last (a write, at most once a minute).
std::optional<PersonSignedIn> find_person_session(store::Store& store, const Clock& clock, const std::string& token);
void sign_out_person(store::Store& store, const Clock& clock, const std::string& token);
// Remembers the language on the account, journalled.
void choose_language(store::Store& store, const PersonSignedIn& signed_in, Language language);

// --- The person's own API tokens (for /api/v1/my) ---------------------------------------------------

// Issues a token for the signed-in person (read_person_token_request: ValidationFailed naming
// "label", "days" or "scope"), journalled on their timeline. The token is returned once: only its
// hash is kept.
IssuedApiToken issue_own_api_token(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                                   const FieldInput& input);
// The person's tokens, newest first, revoked and expired too.
std::vector<PersonApiToken> own_api_tokens(store::Store& store, const PersonSignedIn& signed_in);
// Revokes one of the person's tokens, journalled. NotFound for a token of anyone else (or none);
// a token already revoked stays as it was, and nothing is journalled.
void revoke_own_api_token(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                          std::int64_t token_id);

// The person behind a current token (not revoked, not expired, account not withdrawn), as if signed
// in (no CSRF token: a bearer token sends no cookies), with the token's id and scope. Records the use
// as the token's last (a write, at most once per last_seen_precision). Empty for any other token,
// staff tokens included.
struct PersonTokenCaller {
  PersonSignedIn signed_in;
  std::int64_t token_id = 0;
  TokenScope scope = TokenScope::read;
};
std::optional<PersonTokenCaller> person_for_api_token(store::Store& store, const Clock& clock, const std::string& token);

// Records that the person viewed part of their own record (`what`, e.g. "their plan"), through their
// pages or their API token: the event "person_account.viewed" ("Viewed their plan") on their timeline,
// and a row in the access log by their account, both in `tx`, which the caller commits.
void record_own_view(store::Transaction& tx, const PersonSignedIn& signed_in, const std::string& what);

// "What happens next": what the person's home page shows. Journalled as a view of their record.
struct WhatHappensNext {
  std::string first_name;
  std::optional<Date> release_date;  // the day they leave, as it stands
  bool released = false;                // the release date has passed
  bool release_may_be_earlier = false;  // the day-of-release rules may bring it forward (before release only)
  std::optional<Appointment> next_appointment;
  std::string next_appointment_office;
  std::string officer_name;  // their COM's
  std::string officer_office;
};
WhatHappensNext what_happens_next(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                  const PersonSignedIn& signed_in);
// The same inside the caller's transaction, unjournalled: for the pages a practitioner prints.
WhatHappensNext what_happens_next(store::Transaction& tx, const Clock& clock, const BankHolidays& holidays,
                                  const Person& person);

}  // namespace resettle::services

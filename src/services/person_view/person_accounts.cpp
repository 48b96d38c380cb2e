// The person's own accounts, sign-in codes and sessions (see person_accounts.hpp).
#include "services/person_view/person_accounts.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "domain/errors.hpp"
#include "domain/messages/outbox.hpp"
#include "domain/uk_time.hpp"
#include "services/people/case_records.hpp"
#include "services/accounts/passwords.hpp"
#include "services/release/release_day.hpp"

namespace resettle::services {

namespace {

// One journal entry on the person's timeline; the person acts for themselves, so no staff actor.
NewEvent account_event(std::optional<std::int64_t> actor, const PersonAccount& account, std::string kind,
                       std::string summary) {
  return {actor, account.person_id, std::move(kind), "person_account", account.id, std::move(summary), "",
          nlohmann::json::object()};
}

const std::string& contact_problem() {
  static const std::string text = "Enter a UK mobile number, like 07700 900123, or an email address, like name@example.com";
  return text;
}

AccountContact required_contact(const std::string& text) {
  auto contact = read_account_contact(text);
  if (!contact) throw ValidationFailed("contact", contact_problem());
  return *contact;
}

// Six digits, every value equally likely: a draw at or above the largest multiple of 10^6 that fits
// in 32 bits is drawn again rather than folded in, which would favour the low codes.
std::string new_sign_in_code() {
  constexpr std::uint32_t limit = 4'294'000'000U;
  for (;;) {
    std::uint32_t number = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&number), sizeof number) != 1)
      throw std::runtime_error("no random bytes for a sign-in code");
    if (number < limit) return format_sign_in_code(number);
  }
}

// Codes are few (a million), so the hash is bound to the account: the same code for two accounts
// hashes differently.
std::string code_hash(std::int64_t account_id, const std::string& code) {
  return sha256_hex(std::to_string(account_id) + ":" + code);
}

ContactDetails where_to_send(const PersonAccount& account) {
  ContactDetails details;
  details.language = account.language;
  if (account.contact.kind == AccountContactKind::mobile) {
    details.channel = MessageChannel::sms;
    details.mobile = account.contact.value;
  } else {
    details.channel = MessageChannel::email;
    details.email = account.contact.value;
  }
  return details;
}

void queue(store::Transaction& tx, const PersonAccount& account, MessageKind kind, const MessageFields& fields,
           std::int64_t version, Timestamp now) {
  auto message = queue_message(kind, where_to_send(account), fields,
                               idempotency_key("person_account", account.id, kind, version), now);
  message.person_id = account.person_id;
  tx.outbox().insert(message);
}

// Appointments are looked for this far ahead.
constexpr std::chrono::days appointment_horizon{366};

std::optional<Appointment> next_appointment(store::Transaction& tx, std::int64_t person_id, Timestamp now) {
  auto local = uk_local(now);
  for (auto& appointment : tx.appointments().for_person(person_id, local.on, add_days(local.on, appointment_horizon.count())))
    if (!appointment.cancelled() && from_uk_local({appointment.on, appointment.starts_at}) > now) return appointment;
  return std::nullopt;
}

std::string office_name(store::Transaction& tx, const std::string& pdu_code) {
  auto pdu = tx.places().find_pdu(pdu_code);
  return pdu ? pdu->name : "";
}

}  // namespace

bool may_invite_person(Role role) { return role == Role::com || role == Role::pom || role == Role::manager; }

AccountOfPerson account_of_person(store::Store& store, const StaffMember& actor, std::int64_t person_id) {
  auto record = view_person(store, actor, person_id, "own account");
  return {record.person, store.begin_read()->person_accounts().find_for_person(person_id), may_invite_person(actor.role)};
}

PersonAccount invite_person(store::Store& store, const Clock& clock, const StaffMember& actor, std::int64_t person_id,
                            const std::string& contact_text, const std::string& sign_in_address) {
  auto tx = store.begin_write();
  auto person = require_visible_person(*tx, actor, person_id, "own account invitation");
  if (!may_invite_person(actor.role)) throw Forbidden("only the COM, the POM or a manager may invite the person");
  auto contact = required_contact(contact_text);
  auto holder = tx->person_accounts().find_by_contact(contact.value);
  if (holder && holder->person_id != person_id)
    throw ValidationFailed("contact", "This mobile number or email address is already used by someone else's account");
  auto now = clock.now_seconds();
  PersonAccount account;
  account.person_id = person_id;
  account.contact = contact;
  account.language = tx->person_contacts().find(person_id).details.language;
  account.invited_by = actor.id;
  account.invited_at = now;
  account.id = tx->person_accounts().save(account);
  MessageFields fields;
  fields.first_name = person.given_name;
  fields.officer_name = actor.display_name;
  fields.sign_in_address = sign_in_address;
  queue(*tx, account, MessageKind::invitation, fields, now.time_since_epoch().count(), now);
  auto event = account_event(actor.id, account, "person_account.invited",
                             "Invited to see their own case, by " +
                                 std::string{entry_for(account_contact_kinds(), contact.kind).label});
  event.data = {{"contact_kind", entry_for(account_contact_kinds(), contact.kind).code}};
  tx->journal().append(event);
  tx->commit();
  return account;
}

void request_sign_in_code(store::Store& store, const Clock& clock, const std::string& contact_text) {
  auto contact = required_contact(contact_text);
  auto now = clock.now_seconds();
  auto tx = store.begin_write();
  auto account = tx->person_accounts().find_by_contact(contact.value);
  if (!account || is_locked(*account, now)) return;
  if (!may_issue_code(tx->person_accounts().codes_issued_since(account->id, now - code_request_window))) return;
  MessageFields fields;
  fields.sign_in_code = new_sign_in_code();
  auto code_id = tx->person_accounts().add_code(account->id, code_hash(account->id, fields.sign_in_code), now);
  queue(*tx, *account, MessageKind::sign_in_code, fields, code_id, now);
  tx->journal().append(account_event(std::nullopt, *account, "person_account.code_sent", "Sign-in code sent"));
  tx->commit();
}

CodeResult enter_sign_in_code(store::Store& store, const Clock& clock, const std::string& contact_text,
                              const std::string& code) {
  auto contact = read_account_contact(contact_text);
  if (!contact) return {};
  auto now = clock.now_seconds();
  auto tx = store.begin_write();
  auto account = tx->person_accounts().find_by_contact(contact->value);
  if (!account) return {};
  auto issued = tx->person_accounts().find_code(account->id, code_hash(account->id, code));
  auto check = check_code(issued, *account, now);
  tx->person_accounts().count_attempt(account->id);
  CodeResult result;
  switch (check) {
    case CodeCheck::accepted: {
      tx->person_accounts().use_code(issued->id, now);
      account->status = PersonAccountStatus::active;
      account->wrong_codes = 0;
      account->locked_until.reset();
      result.outcome = CodeOutcome::signed_in;
      result.session_token = random_token();
      tx->person_accounts().add_session(account->id, sha256_hex(result.session_token), random_token(), now);
      tx->journal().append(account_event(std::nullopt, *account, "person_account.signed_in", "Signed in to their own view"));
      break;
    }
    case CodeCheck::locked: result = {CodeOutcome::locked, "", account->locked_until}; break;
    case CodeCheck::used: result.outcome = CodeOutcome::used; break;
    case CodeCheck::expired: result.outcome = CodeOutcome::expired; break;
    case CodeCheck::wrong: {
      *account = after_wrong_code(*account, now);
      if (is_locked(*account, now)) {  // this was the code that locked it
        result = {CodeOutcome::locked, "", account->locked_until};
        tx->journal().append(account_event(std::nullopt, *account, "person_account.locked",
                                           "Sign-in locked for 15 minutes after 5 wrong codes"));
      }
      break;
    }
  }
  tx->person_accounts().update_state(*account);
  tx->commit();
  return result;
}

std::optional<PersonSignedIn> find_person_session(store::Store& store, const Clock& clock, const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto token_hash = sha256_hex(token);
  auto now = clock.now_seconds();
  std::optional<store::PersonSession> session;
  std::optional<Person> person;
  {
    auto tx = store.begin_read();
    session = tx->person_accounts().find_session(token_hash);
    if (!session || !person_session_live(session->last_seen_at, now)) return std::nullopt;
    person = tx->people().find(session->account.person_id);
  }
  if (!person) return std::nullopt;
  if (now >= session->last_seen_at + last_seen_precision) {
    auto tx = store.begin_write();
    tx->person_accounts().record_last_seen(token_hash, now);
    tx->commit();
  }
  return PersonSignedIn{std::move(session->account), std::move(*person), std::move(session->csrf_token)};
}

void sign_out_person(store::Store& store, const Clock& clock, const std::string& token) {
  auto token_hash = sha256_hex(token);
  auto tx = store.begin_write();
  auto session = tx->person_accounts().find_session(token_hash);
  if (!session) return;
  tx->person_accounts().revoke_session(token_hash, clock.now_seconds());
  tx->journal().append(account_event(std::nullopt, session->account, "person_account.signed_out", "Signed out of their own view"));
  tx->commit();
}

void choose_language(store::Store& store, const PersonSignedIn& signed_in, Language language) {
  auto account = signed_in.account;
  account.language = language;
  auto tx = store.begin_write();
  tx->person_accounts().update_state(account);
  auto event = account_event(std::nullopt, account, "person_account.language_chosen",
                             "Chose " + std::string{entry_for(languages(), language).label} + " for their own view");
  event.data = {{"language", entry_for(languages(), language).code}};
  tx->journal().append(event);
  tx->commit();
}

IssuedApiToken issue_own_api_token(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                                   const FieldInput& input) {
  auto request = read_person_token_request(input);
  auto now = clock.now_seconds();
  PersonApiToken token;
  token.account_id = signed_in.account.id;
  token.label = request.label;
  token.scope = request.scope;
  token.created_at = now;
  token.expires_at = now + request.lifetime;
  IssuedApiToken issued{0, random_token(), to_iso_timestamp(token.expires_at)};
  auto tx = store.begin_write();
  issued.id = tx->person_accounts().add_api_token(sha256_hex(issued.token), token);
  auto scope = entry_for(token_scopes(), token.scope);
  auto event = account_event(std::nullopt, signed_in.account, "person_account.api_token_issued",
                             "API token made for their own record: " + token.label + " (" + std::string{scope.label} +
                                 ", until " + issued.expires_at.substr(0, 10) + ")");
  event.data = {{"token_id", issued.id}, {"scope", scope.code}, {"expires_at", issued.expires_at}};
  tx->journal().append(event);
  tx->commit();
  return issued;
}

std::vector<PersonApiToken> own_api_tokens(store::Store& store, const PersonSignedIn& signed_in) {
  return store.begin_read()->person_accounts().api_tokens(signed_in.account.id);
}

void revoke_own_api_token(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in,
                          std::int64_t token_id) {
  auto tx = store.begin_write();
  auto tokens = tx->person_accounts().api_tokens(signed_in.account.id);
  auto token = std::ranges::find(tokens, token_id, &PersonApiToken::id);
  if (token == tokens.end()) throw NotFound("no such API token of theirs");
  if (!tx->person_accounts().revoke_api_token(signed_in.account.id, token_id, clock.now_seconds())) return;
  auto event = account_event(std::nullopt, signed_in.account, "person_account.api_token_revoked",
                             "API token revoked: " + token->label);
  event.data = {{"token_id", token_id}};
  tx->journal().append(event);
  tx->commit();
}

std::optional<PersonTokenCaller> person_for_api_token(store::Store& store, const Clock& clock, const std::string& token) {
  if (token.empty()) return std::nullopt;
  auto now = clock.now_seconds();
  std::optional<store::PersonTokenHolder> holder;
  std::optional<Person> person;
  {
    auto tx = store.begin_read();
    holder = tx->person_accounts().find_api_token(sha256_hex(token));
    if (!holder || token_state(holder->token, now) != PersonTokenState::current) return std::nullopt;
    person = tx->people().find(holder->account.person_id);
  }
  if (!person) return std::nullopt;
  if (token_use_worth_recording(holder->token, now)) {
    auto tx = store.begin_write();
    tx->person_accounts().record_api_token_use(holder->token.id, now);
    tx->commit();
  }
  return PersonTokenCaller{{std::move(holder->account), std::move(*person), ""}, holder->token.id, holder->token.scope};
}

WhatHappensNext what_happens_next(store::Transaction& tx, const Clock& clock, const BankHolidays& holidays,
                                  const Person& person) {
  WhatHappensNext next;
  next.first_name = person.given_name;
  PersonRecord record;
  record.person = person;
  record.sentences = tx.sentences().for_person(person.id);
  record.booking = tx.bookings().find(person.id);
  if (auto release = release_day_of(tx, record, holidays, clock.today())) {
    next.release_date = release->day;
    next.released = release->day < uk_local(clock.now_seconds()).on;
    bool earlier_possible = release->adjustment.presumed_date || release->adjustment.proposed_date;
    next.release_may_be_earlier = !next.released && !release->decision && earlier_possible;
  }
  next.next_appointment = next_appointment(tx, person.id, clock.now_seconds());
  if (next.next_appointment) next.next_appointment_office = office_name(tx, next.next_appointment->office_code);
  for (const auto& allocation : tx.allocations().current_for_person(person.id)) {
    if (allocation.role != Role::com || allocation.kind != AllocationKind::lead) continue;
    next.officer_name = allocation.staff_name;
    if (auto officer = tx.staff().find(allocation.staff_id)) next.officer_office = office_name(tx, officer->pdu_code);
  }
  return next;
}

void record_own_view(store::Transaction& tx, const PersonSignedIn& signed_in, const std::string& what) {
  tx.journal().append(account_event(std::nullopt, signed_in.account, "person_account.viewed", "Viewed " + what));
  tx.access_log().record_own_read(signed_in.account.id, signed_in.person.id, "own view: " + what);
}

WhatHappensNext what_happens_next(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                                  const PersonSignedIn& signed_in) {
  auto tx = store.begin_write();
  auto next = what_happens_next(*tx, clock, holidays, signed_in.person);
  record_own_view(*tx, signed_in, "what happens next");
  tx->commit();
  return next;
}

}  // namespace resettle::services

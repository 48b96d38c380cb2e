#pragma once
// The person's own account: how they are invited to see their own case, and the rules of signing
// in with a one-time code sent to their mobile or email (how long a code lasts, that it works once,
// the lockout after wrong codes, how often codes may be asked for, how long a session stays idle).
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/code_list.hpp"
#include "domain/language.hpp"

namespace resettle {

using Timestamp = std::chrono::sys_seconds;

// Stored and sent in JSON: the codes of these tables may only be added to; labels may change.
enum class AccountContactKind { mobile, email };
std::span<const Coded<AccountContactKind>> account_contact_kinds();

// invited → active at the first sign-in; withdrawn when staff end it (kept on the record).
enum class PersonAccountStatus { invited, active, withdrawn };
std::span<const Coded<PersonAccountStatus>> person_account_statuses();

// Where the person's codes go: a UK mobile in E.164 or an email address, as the person types it.
struct AccountContact {
  AccountContactKind kind = AccountContactKind::mobile;
  std::string value;  // "+447700900123" or the email address in lower case
  bool operator==(const AccountContact&) const = default;
};

// A UK mobile (uk_mobile_e164) or a plausible email (plausible_email), lower-cased so the same
// address always matches; nullopt for anything else.
std::optional<AccountContact> read_account_contact(std::string_view text);

struct PersonAccount {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  AccountContact contact;
  PersonAccountStatus status = PersonAccountStatus::invited;
  Language language = Language::en;  // as the person last chose on their pages
  std::int64_t invited_by = 0;       // the member of staff
  Timestamp invited_at{};
  int wrong_codes = 0;  // since the last lockout or sign-in
  std::optional<Timestamp> locked_until;
  bool operator==(const PersonAccount&) const = default;
};

// --- Sign-in codes -------------------------------------------------------------------------------

inline constexpr std::chrono::minutes sign_in_code_lifetime{10};
inline constexpr int sign_in_code_digits = 6;
inline constexpr int wrong_codes_before_lockout = 5;
inline constexpr std::chrono::minutes account_lockout{15};
// At most this many codes in the window: enough for a slow text, too few to flood a phone.
inline constexpr int codes_per_window = 3;
inline constexpr std::chrono::minutes code_request_window{15};
// A person's session ends after this long without a request.
inline constexpr std::chrono::hours person_session_idle_timeout{8};

struct IssuedCode {
  std::int64_t id = 0;
  Timestamp issued_at{};
  std::optional<Timestamp> used_at;
};

Timestamp code_expires_at(Timestamp issued_at);

// What a code the person typed comes to. `issued` is the account's code with that value, if any.
enum class CodeCheck { accepted, wrong, expired, used, locked };
CodeCheck check_code(const std::optional<IssuedCode>& issued, const PersonAccount& account, Timestamp now);

bool is_locked(const PersonAccount& account, Timestamp now);
// The account after one more wrong code: locked for account_lockout at the fifth, counting afresh after.
PersonAccount after_wrong_code(PersonAccount account, Timestamp now);
// Whether another code may be sent, given how many were issued in the last code_request_window.
bool may_issue_code(int issued_in_window);

// Six digits, with leading zeros, from a number below 10^6.
std::string format_sign_in_code(std::uint32_t number);

bool person_session_live(Timestamp last_seen, Timestamp now);

}  // namespace resettle

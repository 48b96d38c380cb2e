#include "domain/person_view/person_account.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/messages/outbox.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<AccountContactKind>, 2> contact_kind_table{{
    {AccountContactKind::mobile, "mobile", "Mobile"},
    {AccountContactKind::email, "email", "Email"},
}};

// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<PersonAccountStatus>, 3> status_table{{
    {PersonAccountStatus::invited, "invited", "Invited"},
    {PersonAccountStatus::active, "active", "Signed in"},
    {PersonAccountStatus::withdrawn, "withdrawn", "Withdrawn"},
}};
}  // namespace

std::span<const Coded<AccountContactKind>> account_contact_kinds() { return contact_kind_table; }
std::span<const Coded<PersonAccountStatus>> person_account_statuses() { return status_table; }

std::optional<AccountContact> read_account_contact(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (auto mobile = uk_mobile_e164(text)) return AccountContact{AccountContactKind::mobile, *mobile};
  if (!plausible_email(text)) return std::nullopt;
  std::string email{text};
  std::ranges::transform(email, email.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return AccountContact{AccountContactKind::email, email};
}

Timestamp code_expires_at(Timestamp issued_at) { return issued_at + sign_in_code_lifetime; }

bool is_locked(const PersonAccount& account, Timestamp now) { return account.locked_until && now < *account.locked_until; }

CodeCheck check_code(const std::optional<IssuedCode>& issued, const PersonAccount& account, Timestamp now) {
  // A locked account refuses even the right code, so guessing on during a lockout gains nothing.
  if (is_locked(account, now)) return CodeCheck::locked;
  if (!issued) return CodeCheck::wrong;
  if (issued->used_at) return CodeCheck::used;
  if (now >= code_expires_at(issued->issued_at)) return CodeCheck::expired;
  return CodeCheck::accepted;
}

PersonAccount after_wrong_code(PersonAccount account, Timestamp now) {
  if (account.locked_until && now >= *account.locked_until) account.locked_until.reset();
  if (++account.wrong_codes >= wrong_codes_before_lockout) {
    account.locked_until = now + account_lockout;
    account.wrong_codes = 0;
  }
  return account;
}

bool may_issue_code(int issued_in_window) { return issued_in_window < codes_per_window; }

std::string format_sign_in_code(std::uint32_t number) {
  auto digits = std::to_string(number % 1'000'000);
  return std::string(sign_in_code_digits - digits.size(), '0') + digits;
}

bool person_session_live(Timestamp last_seen, Timestamp now) { return now < last_seen + person_session_idle_timeout; }

}  // namespace resettle

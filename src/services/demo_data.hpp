#pragma once
// Demo data: two prisons, one probation delivery unit, about 30 people at different stages of
// their journey, and one staff account for each role. Dates are relative to today, so the
// worklists always have something due.
#include <string>
#include <vector>

#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

inline constexpr std::string_view demo_password = "resettle-demo-password";
// The key the demo's admin and manager accounts have set up two-factor sign-in with (their roles
// require it): add it to an authenticator app, or make codes from it in tests.
inline constexpr std::string_view demo_totp_secret = "RESETTLEDEMOTWOFACTORSIGNINKEYAB";

struct DemoSignIn {
  std::string username;
  std::string role;
};

// One sign-in account for each role and three more practitioners (password demo_password); the
// custody staff work in `prison_code`, the probation staff in `pdu_code` and the manager in both.
// One COM is away from yesterday for two weeks. Teams are the caller's to set.
std::vector<StaffMember> demo_accounts(std::string_view prison_code, std::string_view pdu_code, Date today);

// Sets up two-factor sign-in with demo_totp_secret for each of the demo accounts whose role
// requires it, journalling each.
void enrol_demo_two_factor(store::Transaction& tx, const Clock& clock);

// Refuses (Conflict) to load into a database that already has staff accounts.
std::vector<DemoSignIn> load_demo(store::Store& store, const Clock& clock);

}  // namespace resettle::services

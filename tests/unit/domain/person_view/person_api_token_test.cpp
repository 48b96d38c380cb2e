// A person's own API tokens: current until their expiry (to the second), revoked beats expired,
// what the person may ask for, and how often a use is recorded.
#include "domain/person_view/person_api_token.hpp"

#include <gtest/gtest.h>

#include "domain/errors.hpp"

using namespace resettle;
using namespace std::chrono;

namespace {
const Timestamp created = sys_days{2027y / February / 28} + hours{23};

PersonApiToken token() {
  PersonApiToken token;
  token.id = 4;
  token.account_id = 2;
  token.label = "My phone";
  token.created_at = created;
  token.expires_at = created + days{90};
  return token;
}

std::vector<std::string> fields_failing(const FieldInput& input) {
  try {
    read_person_token_request(input);
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field);
    return fields;
  }
  return {};
}
}  // namespace

TEST(PersonApiToken, IsCurrentUntilTheSecondItExpires) {
  EXPECT_EQ(token_state(token(), created), PersonTokenState::current);
  EXPECT_EQ(token_state(token(), created + days{90} - seconds{1}), PersonTokenState::current);
  EXPECT_EQ(token_state(token(), created + days{90}), PersonTokenState::expired);
  EXPECT_EQ(token_state(token(), created + days{400}), PersonTokenState::expired);
}

TEST(PersonApiToken, RevokedFromTheMomentItIsRevokedAndRevokedSaysMoreThanExpired) {
  auto revoked = token();
  revoked.revoked_at = created + hours{1};
  EXPECT_EQ(token_state(revoked, created + hours{2}), PersonTokenState::revoked);
  EXPECT_EQ(token_state(revoked, created + days{91}), PersonTokenState::revoked);
}

TEST(PersonApiToken, ARequestNeedsOnlyALabelAndDefaultsToReadingFor90Days) {
  auto request = read_person_token_request({{"label", "My phone"}});
  EXPECT_EQ(request.label, "My phone");
  EXPECT_EQ(request.scope, TokenScope::read);
  EXPECT_EQ(request.lifetime, days{90});
  auto full = read_person_token_request({{"label", "Calendar app"}, {"days", "366"}, {"scope", "write"}});
  EXPECT_EQ(full.scope, TokenScope::write);
  EXPECT_EQ(full.lifetime, days{366});
  EXPECT_EQ(read_person_token_request({{"label", "x"}, {"days", "1"}}).lifetime, days{1});
}

TEST(PersonApiToken, ABadRequestNamesEachBadField) {
  EXPECT_EQ(fields_failing({}), std::vector<std::string>{"label"});
  EXPECT_EQ(fields_failing({{"label", ""}}), std::vector<std::string>{"label"});
  EXPECT_EQ(fields_failing({{"label", std::string(101, 'a')}}), std::vector<std::string>{"label"});
  EXPECT_TRUE(fields_failing({{"label", std::string(100, 'a')}}).empty());
  EXPECT_EQ(fields_failing({{"label", "x"}, {"days", "0"}}), std::vector<std::string>{"days"});
  EXPECT_EQ(fields_failing({{"label", "x"}, {"days", "367"}}), std::vector<std::string>{"days"});
  EXPECT_EQ(fields_failing({{"label", "x"}, {"days", "ninety"}}), std::vector<std::string>{"days"});
  EXPECT_EQ(fields_failing({{"label", "x"}, {"scope", "admin"}}), std::vector<std::string>{"scope"});
  EXPECT_EQ(fields_failing({{"days", "0"}, {"scope", "admin"}}), (std::vector<std::string>{"label", "days", "scope"}));
}

TEST(PersonApiToken, AUseIsRecordedTheFirstTimeThenAtMostOnceAMinute) {
  auto used = token();
  EXPECT_TRUE(token_use_worth_recording(used, created));
  used.last_used_at = created + minutes{5};
  EXPECT_FALSE(token_use_worth_recording(used, created + minutes{5}));
  EXPECT_FALSE(token_use_worth_recording(used, created + minutes{6} - seconds{1}));
  EXPECT_TRUE(token_use_worth_recording(used, created + minutes{6}));
}

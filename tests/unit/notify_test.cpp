// GOV.UK Notify as data: API keys and the JWT made from them (decoded and its signature checked here
// with OpenSSL on its own), the templates file, the request for each channel, what each answer means
// for the outbox, and the URLs the HTTP client may send to.
#include "web/notify/notify_api.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <functional>

#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"
#include "web/http/client.hpp"

using namespace resettle;
using namespace resettle::web;
using resettle::services::base64url;

namespace {

const std::string service_id = "26785a09-ab16-4eb0-8407-a37497a57506";
const std::string secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";
const std::string api_key = "resettle_live-" + service_id + "-" + secret;

std::vector<std::string> error_fields(const std::function<void()>& action) {
  try {
    action();
  } catch (const ValidationFailed& failed) {
    std::vector<std::string> fields;
    for (const auto& error : failed.errors()) fields.push_back(error.field + ": " + error.message);
    return fields;
  }
  return {"no error"};
}

// Base64url decoded with OpenSSL's base64 after restoring the standard alphabet and padding.
std::string from_base64url(std::string text) {
  std::ranges::replace(text, '-', '+');
  std::ranges::replace(text, '_', '/');
  auto padding = (4 - text.size() % 4) % 4;
  text.append(padding, '=');
  std::string out(text.size() / 4 * 3, '\0');
  int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                               static_cast<int>(text.size()));
  EXPECT_GE(length, 0);
  out.resize(static_cast<std::size_t>(length) - padding);
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts{""};
  for (char c : text) {
    if (c == separator)
      parts.emplace_back();
    else
      parts.back().push_back(c);
  }
  return parts;
}

// A template id for every channel, kind and language: the digits tell them apart.
nlohmann::json all_templates() {
  nlohmann::json json;
  int n = 0;
  for (std::string channel : {"sms", "email", "letter"})
    for (const auto& kind : message_kinds())
      for (const auto& language : languages()) {
        char id[37];
        std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", ++n);
        json[channel][std::string{kind.code}][std::string{language.code}] = id;
      }
  return json;
}

OutboxMessage message_by(MessageChannel channel, Language language = Language::en) {
  OutboxMessage message;
  message.idempotency_key = "appointment:42:booking_reminder";
  message.kind = MessageKind::booking_reminder;
  message.channel = channel;
  message.language = language;
  message.to = channel == MessageChannel::sms ? "+447700900123" : channel == MessageChannel::email ? "sam@example.com" : "";
  message.body = "Hello Sam. You have an appointment on 5 February 2027 at 10:00.";
  return message;
}

TEST(NotifyApiKey, TakesTheServiceIdAndSecretFromTheEnd) {
  auto key = parse_notify_api_key(api_key + "\n");
  EXPECT_EQ(key.service_id, service_id);
  EXPECT_EQ(key.secret, secret);
  EXPECT_EQ(parse_notify_api_key("my-key-with-hyphens-" + service_id + "-" + secret).service_id, service_id);
}

TEST(NotifyApiKey, NamesWhatIsWrongWithoutEchoingTheSecret) {
  auto too_short = error_fields([] { parse_notify_api_key(service_id + "-" + secret); });
  ASSERT_EQ(too_short.size(), 1u);
  EXPECT_NE(too_short[0].find("notify_api_key: is not a GOV.UK Notify API key"), std::string::npos);
  EXPECT_EQ(error_fields([] { parse_notify_api_key(""); }).size(), 1u);
  auto bad_service = error_fields([] { parse_notify_api_key("name-26785a09-ab16-4eb0-8407-a37497a5750x-" + secret); });
  ASSERT_EQ(bad_service.size(), 1u);
  EXPECT_NE(bad_service[0].find("service id"), std::string::npos);
  auto bad_secret = error_fields([] { parse_notify_api_key("name-" + service_id + "-3d844edf-8d35-48ac-975b_e847b4f122b0"); });
  ASSERT_EQ(bad_secret.size(), 1u);
  EXPECT_NE(bad_secret[0].find("secret key"), std::string::npos);
  EXPECT_EQ(bad_secret[0].find("3d844edf"), std::string::npos);
  auto no_separator = error_fields([] { parse_notify_api_key("name_" + service_id + "-" + secret); });
  EXPECT_NE(no_separator[0].find("not a GOV.UK Notify API key"), std::string::npos);
}

TEST(Base64url, UsesTheUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(from_base64url(base64url("any bytes \x01\xfe")), "any bytes \x01\xfe");
}

TEST(NotifyToken, IsAnHs256JwtOfTheServiceIdAndIssueTimeSignedWithTheSecret) {
  auto token = notify_token(parse_notify_api_key(api_key), std::chrono::sys_seconds{std::chrono::seconds{1796644800}});
  auto parts = split(token, '.');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(from_base64url(parts[0])), (nlohmann::json{{"typ", "JWT"}, {"alg", "HS256"}}));
  EXPECT_EQ(nlohmann::json::parse(from_base64url(parts[1])), (nlohmann::json{{"iss", service_id}, {"iat", 1796644800}}));
  auto signed_part = parts[0] + "." + parts[1];
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(signed_part.data()),
       signed_part.size(), mac, &length);
  EXPECT_EQ(from_base64url(parts[2]), std::string(reinterpret_cast<const char*>(mac), length));
  EXPECT_EQ(token.find('='), std::string::npos);
}

TEST(NotifyTemplates, ChoosesByChannelKindAndLanguage) {
  auto json = all_templates();
  auto templates = NotifyTemplates::from_json(json);
  EXPECT_EQ(templates.template_id(MessageChannel::sms, MessageKind::booking_reminder, Language::cy),
            json["sms"]["booking_reminder"]["cy"]);
  EXPECT_EQ(templates.template_id(MessageChannel::email, MessageKind::warning, Language::en), json["email"]["warning"]["en"]);
  EXPECT_NE(templates.template_id(MessageChannel::sms, MessageKind::booking_reminder, Language::en),
            templates.template_id(MessageChannel::sms, MessageKind::booking_reminder, Language::cy));
  EXPECT_THROW(templates.template_id(MessageChannel::none, MessageKind::warning, Language::en), std::invalid_argument);
}

TEST(NotifyTemplates, NamesEveryMissingOrBadEntry) {
  auto json = all_templates();
  json["sms"]["morning_reminder"].erase("cy");
  json["email"]["warning"]["en"] = "not-a-template-id";
  json["letter"]["licence_change"]["fr"] = "00000000-0000-4000-8000-000000000000";
  json["email"].erase("day_before_reminder");
  json["fax"] = nlohmann::json::object();
  auto errors = error_fields([&] { NotifyTemplates::from_json(json); });
  std::vector<std::string> fields;
  for (const auto& error : errors) fields.push_back(error.substr(0, error.find(':')));
  std::ranges::sort(fields);
  EXPECT_EQ(fields, (std::vector<std::string>{"email.day_before_reminder", "email.warning.en", "fax", "letter.licence_change.fr",
                                              "sms.morning_reminder.cy"}));
  auto no_letters = all_templates();
  no_letters.erase("letter");
  EXPECT_EQ(error_fields([&] { NotifyTemplates::from_json(no_letters); }), (std::vector<std::string>{"letter: is missing"}));
  EXPECT_EQ(error_fields([] { NotifyTemplates::from_json(nlohmann::json::array()); }).size(), 1u);
  auto not_objects = all_templates();
  not_objects["sms"] = "x";
  not_objects["email"]["warning"] = 3;
  EXPECT_EQ(error_fields([&] { NotifyTemplates::from_json(not_objects); }).size(), 2u);
}

TEST(NotifyRequest, TextsTheMobileWithTheTemplateOfTheKindAndLanguage) {
  auto templates_json = all_templates();
  auto templates = NotifyTemplates::from_json(templates_json);
  auto request = notify_request(message_by(MessageChannel::sms, Language::cy), templates);
  EXPECT_EQ(request.path, "/v2/notifications/sms");
  EXPECT_EQ(request.body, (nlohmann::json{{"phone_number", "+447700900123"},
                                          {"template_id", templates_json["sms"]["booking_reminder"]["cy"]},
                                          {"personalisation", {{"body", message_by(MessageChannel::sms).body}}},
                                          {"reference", "appointment:42:booking_reminder"}}));
}

TEST(NotifyRequest, EmailsTheAddress) {
  auto templates_json = all_templates();
  auto request = notify_request(message_by(MessageChannel::email), NotifyTemplates::from_json(templates_json));
  EXPECT_EQ(request.path, "/v2/notifications/email");
  EXPECT_EQ(request.body["email_address"], "sam@example.com");
  EXPECT_EQ(request.body["template_id"], templates_json["email"]["booking_reminder"]["en"]);
  EXPECT_FALSE(request.body.contains("phone_number"));
}

TEST(NotifyRequest, PostsALetterToThreeToSevenAddressLines) {
  auto templates_json = all_templates();
  auto templates = NotifyTemplates::from_json(templates_json);
  auto request = notify_request(message_by(MessageChannel::letter), templates, {"Sam Smith", "4 Park Lane", "Leeds", "LS1 4AB"});
  EXPECT_EQ(request.path, "/v2/notifications/letter");
  EXPECT_EQ(request.body["template_id"], templates_json["letter"]["booking_reminder"]["en"]);
  EXPECT_EQ(request.body["personalisation"],
            (nlohmann::json{{"body", message_by(MessageChannel::letter).body}, {"address_line_1", "Sam Smith"},
                            {"address_line_2", "4 Park Lane"}, {"address_line_3", "Leeds"}, {"address_line_4", "LS1 4AB"}}));
  EXPECT_EQ(error_fields([&] { notify_request(message_by(MessageChannel::letter), templates, {"4 Park Lane", "LS1 4AB"}); }).size(),
            1u);
  EXPECT_EQ(error_fields([&] { notify_request(message_by(MessageChannel::letter), templates); }).size(), 1u);
  EXPECT_EQ(error_fields([&] { notify_request(message_by(MessageChannel::letter), templates, std::vector<std::string>(8, "x")); })[0]
                .substr(0, 14),
            "postal_address");
  EXPECT_THROW(notify_request(message_by(MessageChannel::none), templates), std::invalid_argument);
}

TEST(NotifyOutcome, TakenOnSuccess) {
  EXPECT_EQ(notify_outcome(201, R"({"id":"740e5834-3a29-46b4-9a6f-16142fde533a"})"), std::nullopt);
}

TEST(NotifyOutcome, RefusedRequestsFailForGood) {
  auto bad_number = notify_outcome(
      400, R"({"errors":[{"error":"ValidationError","message":"phone_number Not a UK mobile number"}],"status_code":400})");
  ASSERT_TRUE(bad_number);
  EXPECT_TRUE(bad_number->permanent);
  EXPECT_EQ(bad_number->error, "GOV.UK Notify answered 400: ValidationError: phone_number Not a UK mobile number");
  auto bad_key = notify_outcome(403, R"({"errors":[{"error":"AuthError","message":"Invalid token: API key not found"}]})");
  ASSERT_TRUE(bad_key);
  EXPECT_TRUE(bad_key->permanent);
}

TEST(NotifyOutcome, RateLimitsAndServerErrorsAreTriedAgain) {
  for (int status : {429, 500, 502, 503}) {
    auto failure = notify_outcome(status, "<html>busy</html>");
    ASSERT_TRUE(failure) << status;
    EXPECT_FALSE(failure->permanent) << status;
    EXPECT_EQ(failure->error, "GOV.UK Notify answered " + std::to_string(status));
  }
}

TEST(HttpClient, SendsInTheClearOnlyToThisMachine) {
  EXPECT_NO_THROW(check_outgoing_url("https://api.notifications.service.gov.uk"));
  EXPECT_NO_THROW(check_outgoing_url("http://127.0.0.1:8080/v2"));
  EXPECT_NO_THROW(check_outgoing_url("http://[::1]:8080"));
  EXPECT_NO_THROW(check_outgoing_url("http://localhost:8080"));
  EXPECT_THROW(check_outgoing_url("http://api.notifications.service.gov.uk"), std::invalid_argument);
  EXPECT_THROW(check_outgoing_url("http://10.0.0.1"), std::invalid_argument);
  EXPECT_THROW(check_outgoing_url("ftp://127.0.0.1"), std::invalid_argument);
  EXPECT_THROW(check_outgoing_url("api.notifications.service.gov.uk"), std::invalid_argument);
}

TEST(HttpClient, NoListenerIsNoResponse) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  EXPECT_THROW(send_request({"POST", "http://127.0.0.1:1/v2/notifications/sms", {}, "{}", std::chrono::seconds{5}}), NoResponse);
}

}  // namespace

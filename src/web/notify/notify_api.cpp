// GOV.UK Notify's API as data (see notify_api.hpp).
#include "web/notify/notify_api.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <stdexcept>

#include "domain/errors.hpp"
#include "services/accounts/passwords.hpp"

namespace resettle::web {

namespace {

constexpr std::size_t uuid_length = 36;

// 8-4-4-4-12 hexadecimal digits.
bool is_uuid(std::string_view text) {
  if (text.size() != uuid_length) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool hyphen_place = i == 8 || i == 13 || i == 18 || i == 23;
    if (hyphen_place ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string_view trimmed(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string hmac_sha256(std::string_view secret, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), mac.data(), &length))
    throw std::runtime_error("HMAC-SHA256 failed");
  return {reinterpret_cast<const char*>(mac.data()), length};
}

// Each of `list`'s codes must be a key of `object`, and nothing else may be: errors name "path.key".
template <typename E>
void check_keys(const nlohmann::json& object, std::span<const Coded<E>> list, const std::string& path,
                std::vector<FieldError>& errors) {
  std::string expected;
  for (const auto& entry : list) expected += (expected.empty() ? "" : ", ") + std::string{entry.code};
  for (const auto& [key, value] : object.items())
    if (!parse_code(list, key)) errors.push_back({path + key, "is not one we send (expected " + expected + ")"});
  for (const auto& entry : list)
    if (!object.contains(entry.code)) errors.push_back({path + std::string{entry.code}, "is missing"});
}

std::string error_text(const nlohmann::json& body) {
  std::string text;
  if (body.is_object() && body.contains("errors") && body["errors"].is_array())
    for (const auto& error : body["errors"]) {
      if (!error.is_object()) continue;
      if (!text.empty()) text += "; ";
      text += error.value("error", std::string{"Error"}) + ": " + error.value("message", std::string{});
    }
  return text;
}

}  // namespace

NotifyApiKey parse_notify_api_key(std::string_view key) {
  key = trimmed(key);
  constexpr std::size_t ids_length = 2 * uuid_length + 1;  // "<service id>-<secret>"
  if (key.size() < ids_length + 2 || key[key.size() - ids_length - 1] != '-')
    throw ValidationFailed("notify_api_key", "is not a GOV.UK Notify API key: it must be the key's name, the service id and the secret key, joined by hyphens");
  auto service_id = key.substr(key.size() - ids_length, uuid_length);
  auto secret = key.substr(key.size() - uuid_length);
  std::vector<FieldError> errors;
  if (!is_uuid(service_id)) errors.push_back({"notify_api_key", "does not hold a service id (a UUID) before its last 37 characters"});
  if (!is_uuid(secret) || key[key.size() - uuid_length - 1] != '-')
    errors.push_back({"notify_api_key", "does not end with a secret key (a UUID)"});
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return {std::string{service_id}, std::string{secret}};
}

std::string notify_token(const NotifyApiKey& key, std::chrono::sys_seconds issued_at) {
  nlohmann::json header = {{"typ", "JWT"}, {"alg", "HS256"}};
  nlohmann::json claims = {{"iss", key.service_id}, {"iat", issued_at.time_since_epoch().count()}};
  auto signing_input = services::base64url(header.dump()) + "." + services::base64url(claims.dump());
  return signing_input + "." + services::base64url(hmac_sha256(key.secret, signing_input));
}

NotifyTemplates NotifyTemplates::from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw ValidationFailed("templates", "must be a JSON object of channels");
  // Every channel but `none`, which is never sent.
  std::vector<Coded<MessageChannel>> channels;
  std::ranges::copy_if(message_channels(), std::back_inserter(channels),
                       [](const auto& entry) { return entry.value != MessageChannel::none; });
  std::vector<FieldError> errors;
  check_keys<MessageChannel>(json, channels, "", errors);
  NotifyTemplates templates;
  for (const auto& channel : channels) {
    if (!json.contains(channel.code)) continue;
    const auto& kinds = json[channel.code];
    auto channel_path = std::string{channel.code} + ".";
    if (!kinds.is_object()) {
      errors.push_back({std::string{channel.code}, "must be an object of message kinds"});
      continue;
    }
    check_keys(kinds, message_kinds(), channel_path, errors);
    for (const auto& kind : message_kinds()) {
      if (!kinds.contains(kind.code)) continue;
      const auto& ids = kinds[kind.code];
      auto kind_path = channel_path + std::string{kind.code};
      if (!ids.is_object()) {
        errors.push_back({kind_path, "must be an object of languages"});
        continue;
      }
      check_keys(ids, languages(), kind_path + ".", errors);
      for (const auto& language : languages()) {
        if (!ids.contains(language.code)) continue;
        const auto& id = ids[language.code];
        if (!id.is_string() || !is_uuid(id.get<std::string>()))
          errors.push_back({kind_path + "." + std::string{language.code}, "must be a template id (a UUID from Notify)"});
        else
          templates.ids_[{channel.value, kind.value, language.value}] = id.get<std::string>();
      }
    }
  }
  if (!errors.empty()) throw ValidationFailed(std::move(errors));
  return templates;
}

const std::string& NotifyTemplates::template_id(MessageChannel channel, MessageKind kind, Language language) const {
  auto found = ids_.find({channel, kind, language});
  if (found == ids_.end()) throw std::invalid_argument("no GOV.UK Notify template for a message by this channel");
  return found->second;
}

NotifyRequest notify_request(const OutboxMessage& message, const NotifyTemplates& templates,
                             const std::vector<std::string>& postal_address) {
  if (message.channel == MessageChannel::none) throw std::invalid_argument("a message with no channel is never sent");
  nlohmann::json body = {{"template_id", templates.template_id(message.channel, message.kind, message.language)},
                         {"personalisation", {{"body", message.body}}},
                         {"reference", message.idempotency_key}};
  switch (message.channel) {
    case MessageChannel::sms:
      body["phone_number"] = message.to;
      return {"/v2/notifications/sms", body};
    case MessageChannel::email:
      body["email_address"] = message.to;
      return {"/v2/notifications/email", body};
    default: break;
  }
  if (postal_address.size() < 3 || postal_address.size() > 7)
    throw ValidationFailed("postal_address", "a letter needs 3 to 7 address lines, the last its postcode");
  for (std::size_t line = 0; line < postal_address.size(); ++line)
    body["personalisation"]["address_line_" + std::to_string(line + 1)] = postal_address[line];
  return {"/v2/notifications/letter", body};
}

std::optional<services::SendFailure> notify_outcome(int status, std::string_view body) {
  if (status >= 200 && status < 300) return std::nullopt;
  auto details = error_text(nlohmann::json::parse(body, nullptr, false));
  auto error = "GOV.UK Notify answered " + std::to_string(status) + (details.empty() ? "" : ": " + details);
  return services::SendFailure{std::move(error), status == 400 || status == 403};
}

}  // namespace resettle::web

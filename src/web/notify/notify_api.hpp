#pragma once
// GOV.UK Notify's HTTP API as data, without I/O: the API key and the JWT made from it, the template
// chosen for each message, the request body for each channel, and what a response means for the outbox.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/messages/outbox.hpp"
#include "services/messages/messages.hpp"

namespace resettle::web {

inline constexpr std::string_view notify_base_url = "https://api.notifications.service.gov.uk";

// A key is "<key name>-<service id>-<secret key>", the last two UUIDs (36 characters each).
struct NotifyApiKey {
  std::string service_id;
  std::string secret;
};

// Throws ValidationFailed on "notify_api_key", saying which part is wrong (never echoing the secret).
// Surrounding white space (a key file's final newline) is ignored.
NotifyApiKey parse_notify_api_key(std::string_view key);

// The bearer token for one request: a JWT signed with HS256 by the secret key, whose claims are the
// service id (iss) and the time it was issued (iat, in epoch seconds; Notify refuses one over 30 s off).
std::string notify_token(const NotifyApiKey& key, std::chrono::sys_seconds issued_at);

// The template of each channel, kind and language. Read from JSON shaped
//   {"sms": {"booking_reminder": {"en": "<template id>", "cy": "<template id>"}, ...}, "email": {...}, "letter": {...}}
// Every channel a message can go by, every kind and every language must have a template id (a UUID).
class NotifyTemplates {
 public:
  // Throws ValidationFailed naming each bad entry as "sms.booking_reminder.cy": missing, not a
  // template id, or not a channel, kind or language we send.
  static NotifyTemplates from_json(const nlohmann::json& json);
  // Throws std::invalid_argument for the channel `none`, which has no template.
  const std::string& template_id(MessageChannel channel, MessageKind kind, Language language) const;

 private:
  std::map<std::tuple<MessageChannel, MessageKind, Language>, std::string> ids_;
};

// The request that sends a message: the path under the base URL and the JSON body. The personalisation
// is the message's text as queued (((body)) in each template; the template holds an email's subject
// and a letter's heading) and a letter's address lines; the reference is the outbox key, which names
// no one. Throws ValidationFailed when a letter has not 3 to 7 address lines, and
// std::invalid_argument for a message with no channel (never sent: withheld).
struct NotifyRequest {
  std::string path;
  nlohmann::json body;
};
NotifyRequest notify_request(const OutboxMessage& message, const NotifyTemplates& templates,
                             const std::vector<std::string>& postal_address = {});

// What Notify's answer means: nullopt when it took the message (2xx); a failure for good when it
// refused the request itself (400: a bad number or template; 403: the key), so retrying cannot help;
// any other status (429 rate limit, 5xx) is tried again. The error names the status and Notify's errors.
std::optional<services::SendFailure> notify_outcome(int status, std::string_view body);

}  // namespace resettle::web

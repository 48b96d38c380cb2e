#pragma once
// The outbox's sender through GOV.UK Notify: one HTTPS request per message, authenticated with a fresh
// JWT, to the template configured for the message's channel, kind and language.
#include <chrono>
#include <string>

#include "services/clock.hpp"
#include "services/messages/messages.hpp"
#include "web/notify/notify_api.hpp"

namespace resettle::web {

struct NotifyOptions {
  NotifyApiKey key;
  NotifyTemplates templates;
  std::string base_url{notify_base_url};  // https, or http to this machine (a local fake)
  std::chrono::seconds timeout{10};
};

class NotifySender final : public services::MessageSender {
 public:
  // Throws std::invalid_argument for a base URL that may not be used (check_outgoing_url).
  NotifySender(NotifyOptions options, const services::Clock& clock);

  // Notify took it (nullopt), refused it for good (400, 403, or a letter: no postal address is
  // recorded yet), or may take it on a later try (no answer in time, 429, 5xx).
  std::optional<services::SendFailure> send(const OutboxMessage& message) override;

 private:
  NotifyOptions options_;
  const services::Clock& clock_;
};

}  // namespace resettle::web

// The outbox's sender through GOV.UK Notify (see notify_sender.hpp).
#include "web/notify/notify_sender.hpp"

#include "domain/errors.hpp"
#include "web/http/client.hpp"

namespace resettle::web {

NotifySender::NotifySender(NotifyOptions options, const services::Clock& clock) : options_(std::move(options)), clock_(clock) {
  check_outgoing_url(options_.base_url);
}

std::optional<services::SendFailure> NotifySender::send(const OutboxMessage& message) {
  NotifyRequest request;
  try {
    request = notify_request(message, options_.templates);  // no postal address is recorded for a letter yet
  } catch (const ValidationFailed& failed) {
    return services::SendFailure{"GOV.UK Notify cannot post it: no postal address is recorded (" + failed.errors().front().message + ")",
                                 true};
  }
  OutgoingRequest outgoing;
  outgoing.url = options_.base_url + request.path;
  outgoing.headers = {{"Authorization", "Bearer " + notify_token(options_.key, clock_.now_seconds())},
                      {"Content-Type", "application/json"}};
  // A name typed in another encoding must not stop the batch: such bytes go as U+FFFD.
  outgoing.body = request.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  outgoing.timeout = options_.timeout;
  try {
    auto response = send_request(outgoing);
    return notify_outcome(response.status, response.body);
  } catch (const NoResponse& failure) {
    return services::SendFailure{failure.what(), false};
  }
}

}  // namespace resettle::web

#pragma once
// Which sender the outbox's dispatcher uses (`resettle serve` and `resettle send`): GOV.UK Notify when
// an API key is configured, the embedded sender otherwise.
#include <boost/program_options.hpp>

#include <memory>

#include "services/clock.hpp"
#include "services/messages/messages.hpp"

namespace resettle::cli {

// --notify-api-key-file, --notify-base-url and --notify-templates.
void add_message_sender_options(boost::program_options::options_description& options);

// A NotifySender when a key is given (the file, else the RESETTLE_NOTIFY_API_KEY environment variable),
// with the templates file checked now so a missing template stops the start rather than a message;
// the embedded sender when no key is. Throws ValidationFailed naming a bad key part or template entry,
// std::invalid_argument for an unreadable file, a base URL that may not be used, or Notify options
// given without a key (messages would silently go nowhere).
std::unique_ptr<services::MessageSender> message_sender(const boost::program_options::variables_map& values,
                                                        const services::Clock& clock);

}  // namespace resettle::cli

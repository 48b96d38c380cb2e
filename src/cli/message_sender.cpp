// Which sender the outbox's dispatcher uses (see message_sender.hpp).
#include "cli/message_sender.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "web/notify/notify_sender.hpp"

namespace resettle::cli {

namespace po = boost::program_options;

namespace {

std::string file_text(const std::string& path, std::string_view option) {
  std::ifstream file{path, std::ios::binary};
  std::ostringstream text;
  if (!file || !(text << file.rdbuf())) throw std::invalid_argument("cannot read --" + std::string{option} + " " + path);
  return text.str();
}

// The key from its file, else from the environment; empty when neither gives one.
std::string api_key(const po::variables_map& values) {
  if (values.count("notify-api-key-file")) return file_text(values["notify-api-key-file"].as<std::string>(), "notify-api-key-file");
  const char* key = std::getenv("RESETTLE_NOTIFY_API_KEY");
  return key ? key : "";
}

}  // namespace

void add_message_sender_options(po::options_description& options) {
  options.add_options()("notify-api-key-file", po::value<std::string>(),
                        "file holding the GOV.UK Notify API key (else RESETTLE_NOTIFY_API_KEY); without one, the embedded sender")(
      "notify-base-url", po::value<std::string>(), "GOV.UK Notify's API (default https://api.notifications.service.gov.uk)")(
      "notify-templates", po::value<std::string>(), "JSON file: the Notify template id of each channel, message kind and language");
}

std::unique_ptr<services::MessageSender> message_sender(const po::variables_map& values, const services::Clock& clock) {
  auto key = api_key(values);
  if (key.empty()) {
    if (values.count("notify-base-url") || values.count("notify-templates"))
      throw std::invalid_argument("--notify-base-url and --notify-templates need a GOV.UK Notify API key (--notify-api-key-file)");
    return std::make_unique<services::EmbeddedSender>();
  }
  if (!values.count("notify-templates")) throw std::invalid_argument("a GOV.UK Notify API key needs --notify-templates");
  auto path = values["notify-templates"].as<std::string>();
  auto json = nlohmann::json::parse(file_text(path, "notify-templates"), nullptr, false);
  if (json.is_discarded()) throw std::invalid_argument("--notify-templates " + path + " is not JSON");
  web::NotifyOptions options{web::parse_notify_api_key(key), web::NotifyTemplates::from_json(json)};
  if (values.count("notify-base-url")) options.base_url = values["notify-base-url"].as<std::string>();
  while (options.base_url.ends_with('/')) options.base_url.pop_back();
  return std::make_unique<web::NotifySender>(std::move(options), clock);
}

}  // namespace resettle::cli

// Messages: what Resettle has sent the person, newest first, in plain words in their language. A
// sign-in code is named, never shown (shown_again_to_person).
#include <array>

#include "domain/catalogue.hpp"
#include "services/person_view/person_pages.hpp"
#include "web/person_view/my_pages.hpp"

namespace resettle::web {

namespace {

// In message_kinds() order.
constexpr std::array<std::string_view, 9> kind_names{
    for_translation("Appointment booked"),      for_translation("Reminder: appointment tomorrow"),
    for_translation("Reminder: appointment today"), for_translation("Warning letter"),
    for_translation("Licence conditions changed"),  for_translation("A sign-in code"),
    for_translation("Invitation to Resettle"),  for_translation("Appointment cancelled"),
    for_translation("Appointment moved"),
};
// In message_channels() order.
constexpr std::array<std::string_view, 4> channel_names{for_translation("Text message"), for_translation("Email"),
                                                       for_translation("Letter"), for_translation("Not sent to you")};
// In message_statuses() order.
constexpr std::array<std::string_view, 5> status_names{
    for_translation("Waiting to be sent"), for_translation("Being sent"), for_translation("Sent"),
    for_translation("Could not be sent"), for_translation("Not sent"),
};

std::string name_of(auto const& names, auto value, Language language) {
  return translated(names.at(static_cast<std::size_t>(value)), language);
}

std::string written_at(Timestamp at, Language language) {
  auto local = uk_local(at);
  return fill_placeholders(translated("((date)) at ((time))", language), [&](std::string_view name) {
    return name == "date" ? long_date(local.on, language) : time_of_day(local.at, language);
  });
}

Response messages_page(WebContext& context, const services::PersonSignedIn& signed_in) {
  auto language = signed_in.account.language;
  auto messages = services::my_messages(context.store, signed_in);
  auto view = signed_in_view(signed_in, translated("Your messages", language), "/my/messages");
  view["heading"] = translated("Your messages", language);
  view["back"] = translated("Back", language);
  auto items = View::list();
  int number = 0;
  for (const auto& message : messages) {
    auto rows = View::list();
    auto when = message.sent_at ? written_at(*message.sent_at, language) : translated("Not sent yet", language);
    rows.push_back({{"key", translated("Sent", language)}, {"value", when}});
    rows.push_back({{"key", translated("How", language)}, {"value", name_of(channel_names, message.channel, language)}});
    rows.push_back({{"key", translated("Status", language)}, {"value", name_of(status_names, message.status, language)}});
    rows.push_back({{"key", translated("What it said", language)},
                    {"value", message.text.empty()
                                  ? translated("We do not show sign-in codes again, to keep your account safe.", language)
                                  : message.text}});
    items.push_back({{"id", "message-" + std::to_string(++number)},
                     {"title", name_of(kind_names, message.kind, language)},
                     {"rows", rows}});
  }
  view["messages"] = items;
  view["has_messages"] = !messages.empty();
  if (messages.empty()) view["no_messages"] = translated("We have not sent you any messages yet.", language);
  return render_my_page(context, 200, "person_view/messages", view, language);
}

}  // namespace

void add_my_messages_routes(Router& router, WebContext& context) {
  router.get("/my/messages", person_page(context, [&](Request&, const services::PersonSignedIn& s) {
               return messages_page(context, s);
             }));
}

}  // namespace resettle::web

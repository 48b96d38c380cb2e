// The person's own pages: licence, support near them, messages; and the same pages printed by staff
// (see person_pages.hpp).
#include "services/person_view/person_pages.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "services/people/case_records.hpp"
#include "services/referrals/service_directory.hpp"

namespace resettle::services {

namespace {

// A journal entry on the person's timeline for what they did themselves (no staff actor).
NewEvent own_view_event(const PersonSignedIn& signed_in, std::string kind, std::string summary) {
  return {std::nullopt, signed_in.person.id, std::move(kind), "person_account", signed_in.account.id,
          std::move(summary), "", nlohmann::json::object()};
}

LicenceForPerson licence_of(store::Transaction& tx, const ConditionCatalogues& catalogues, std::int64_t person_id,
                            Language language) {
  LicenceForPerson shown;
  auto licences = tx.licences().for_person(person_id);
  const auto* licence = licence_shown_to_person(licences);
  if (!licence) return shown;
  shown.has_licence = true;
  shown.licence_id = licence->id;
  const auto& catalogue = catalogues.version(licence->policy_version);
  auto standings = condition_standings(tx.licences().responses(licence->id));
  for (const auto& condition : licence->conditions) {
    ConditionForPerson item{condition.key, static_cast<int>(shown.conditions.size()) + 1,
                            render(condition, catalogue).explanation.in(language), {}};
    if (auto standing = standings.find(condition.key); standing != standings.end()) item.standing = standing->second;
    shown.conditions.push_back(std::move(item));
  }
  return shown;
}

ConditionForPerson condition_of(const LicenceForPerson& licence, int key) {
  for (const auto& condition : licence.conditions)
    if (condition.key == key) return condition;
  throw NotFound("no such condition on the person's licence");
}

std::string address_line(const Address& address) {
  std::string line;
  for (const auto* part : {&address.address_1, &address.address_2, &address.city, &address.postal_code}) {
    if (part->empty()) continue;
    if (!line.empty()) line += ", ";
    line += *part;
  }
  return line;
}

SupportForPerson support_of(const Directory& record, const ServiceListing& listing, const std::vector<Pathway>& needs) {
  const auto& service = listing.service;
  SupportForPerson shown{service.name, listing.organisation_name, service.description, "", service.email, service.url,
                         {}, {}};
  for (const auto& contact : service.contacts) {
    if (shown.phone.empty()) shown.phone = contact.phone;
    if (shown.email.empty()) shown.email = contact.email;
  }
  for (const auto* location : record.locations_of(service.id))
    if (location->address) shown.addresses.push_back(address_line(*location->address));
  for (auto pathway : needs)
    if (std::ranges::find(service.pathways, pathway) != service.pathways.end()) shown.pathways.push_back(pathway);
  return shown;
}

SupportNearPerson support_of(store::Store& store, const Clock& clock, const Person& person) {
  SupportNearPerson support;
  {
    auto tx = store.begin_read();
    if (!person.pdu_code.empty())
      if (auto pdu = tx->places().find_pdu(person.pdu_code)) support.area = pdu->name;
    auto assessments = tx->needs_assessments().for_person(person.id);
    if (!assessments.empty())
      for (const auto& [pathway, assessment] : assessments.front().pathways)
        if (assessment.need_level != NeedLevel::no_need) support.needs.push_back(pathway);
  }
  // As a referral searches the directory for them (services/referrals/referrals.cpp): their PDU is the area.
  auto facts = eligibility_facts_of(person, support.area);
  std::vector<std::string> seen;
  for (auto pathway : support.needs) {
    auto found = search_services_for(store, clock, facts, {{"pathway", std::string{pathway_code(pathway)}}});
    for (const auto& listing : found.search.results) {
      const auto& service = listing.service;
      if (service.status != ServiceStatus::active || std::ranges::find(seen, service.id) != seen.end()) continue;
      seen.push_back(service.id);
      support.services.push_back(support_of(found.search.directory, listing, support.needs));
    }
  }
  return support;
}

}  // namespace

LicenceForPerson my_licence(store::Store& store, const ConditionCatalogues& catalogues, const PersonSignedIn& signed_in) {
  auto tx = store.begin_write();
  auto licence = licence_of(*tx, catalogues, signed_in.person.id, signed_in.account.language);
  record_own_view(*tx, signed_in, "their licence");
  tx->commit();
  return licence;
}

ConditionForPerson my_condition(store::Store& store, const ConditionCatalogues& catalogues,
                                const PersonSignedIn& signed_in, int key) {
  auto tx = store.begin_read();
  return condition_of(licence_of(*tx, catalogues, signed_in.person.id, signed_in.account.language), key);
}

void respond_to_condition(store::Store& store, const Clock& clock, const ConditionCatalogues& catalogues,
                          const PersonSignedIn& signed_in, int key, const FieldInput& input) {
  auto response = read_condition_response(input, signed_in.account.language);
  auto tx = store.begin_write();
  auto licence = licence_of(*tx, catalogues, signed_in.person.id, signed_in.account.language);
  condition_of(licence, key);  // NotFound for a condition not on their licence
  response.licence_id = licence.licence_id;
  response.condition_key = key;
  response.person_id = signed_in.person.id;
  response.at = clock.now_seconds();
  auto id = tx->licences().add_response(response);
  auto code = std::string{entry_for(condition_response_kinds(), response.kind).code};
  bool understood = response.kind == ConditionResponseKind::understood;
  auto event = own_view_event(signed_in, understood ? "licence.understood_by_person" : "licence.question_from_person",
                              understood ? "Said they understand licence condition " + std::to_string(key)
                                         : "Asked a question about licence condition " + std::to_string(key));
  event.entity = "licence";
  event.entity_id = licence.licence_id;
  event.data = {{"key", key}, {"response", code}, {"response_id", id}};
  if (!response.question.empty()) event.data["question"] = response.question;
  tx->journal().append(event);
  tx->commit();
}

SupportNearPerson support_near_me(store::Store& store, const Clock& clock, const PersonSignedIn& signed_in) {
  auto support = support_of(store, clock, signed_in.person);
  auto tx = store.begin_write();
  record_own_view(*tx, signed_in, "support near them");
  tx->commit();
  return support;
}

std::vector<MessageForPerson> my_messages(store::Store& store, const PersonSignedIn& signed_in, int limit) {
  auto tx = store.begin_write();
  auto page = tx->outbox().list(signed_in.person.id, {std::nullopt, limit});
  record_own_view(*tx, signed_in, "their messages");
  tx->commit();
  std::vector<MessageForPerson> messages;
  for (const auto& message : page.items)
    messages.push_back({message.kind, message.channel, message.status, message.sent_at, message.next_attempt_at,
                        shown_again_to_person(message.kind) ? message.body : std::string{}});
  return messages;
}

PagesForPrint pages_for_print(store::Store& store, const Clock& clock, const BankHolidays& holidays,
                              const ConditionCatalogues& catalogues, const StaffMember& actor, std::int64_t person_id,
                              Language language) {
  auto record = view_person(store, actor, person_id, "pages printed for the person");
  PagesForPrint pages{record.person, {}, {}, support_of(store, clock, record.person)};
  auto tx = store.begin_write();
  pages.next = what_happens_next(*tx, clock, holidays, record.person);
  pages.licence = licence_of(*tx, catalogues, person_id, language);
  tx->journal().append({actor.id, person_id, "person_account.printed", "person", person_id,
                        "Printed their own pages for them, in " + std::string{entry_for(languages(), language).label},
                        "", {{"language", entry_for(languages(), language).code}}});
  tx->commit();
  return pages;
}

}  // namespace resettle::services

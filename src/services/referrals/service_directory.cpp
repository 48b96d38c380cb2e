// The service directory use cases (see service_directory.hpp).
#include "services/referrals/service_directory.hpp"

#include <algorithm>
#include <set>

#include "domain/errors.hpp"

namespace resettle::services {

namespace {

// A service must belong to an organisation in this import or already in the directory.
void reject_orphans(store::Transaction& tx, DirectoryImport& parsed) {
  std::vector<Service> kept;
  for (std::size_t index = 0; index < parsed.directory.services.size(); ++index) {
    auto& service = parsed.directory.services[index];
    if (parsed.directory.organisation(service.organisation_id) || tx.directory().find_organisation(service.organisation_id))
      kept.push_back(std::move(service));
    else
      parsed.rejections.push_back({"services", index, "organization_id",
                                   "'" + service.organisation_id + "' is not an organisation in the directory"});
  }
  parsed.directory.services = std::move(kept);
}

// A link needs both ends; its service may have been rejected above.
bool link_is_whole(store::Transaction& tx, const Directory& directory, const ServiceAtLocation& link) {
  bool service = directory.service(link.service_id) || tx.directory().find_service(link.service_id);
  bool location = directory.location(link.location_id) || tx.directory().has_location(link.location_id);
  return service && location;
}

}  // namespace

ImportReport import_directory(store::Store& store, DirectoryImport parsed) {
  auto tx = store.begin_write();
  reject_orphans(*tx, parsed);
  const auto& directory = parsed.directory;
  for (const auto& organisation : directory.organisations) tx->directory().save_organisation(organisation);
  for (const auto& location : directory.locations) tx->directory().save_location(location);
  for (const auto& service : directory.services) tx->directory().save_service(service);
  for (std::size_t index = 0; index < directory.service_at_locations.size(); ++index) {
    const auto& link = directory.service_at_locations[index];
    if (link_is_whole(*tx, directory, link)) tx->directory().save_service_at_location(link);
    else parsed.rejections.push_back({"service_at_locations", index, "service_id", "names a service or location that is not in the directory"});
  }
  tx->journal().append({std::nullopt, std::nullopt, "directory.imported", "service", 0,
                        "Imported " + std::to_string(directory.services.size()) + " services into the directory", "",
                        {{"services", directory.services.size()}, {"rejections", parsed.rejections.size()}}});
  tx->commit();
  return {directory.organisations.size(), directory.services.size(), directory.locations.size(),
          std::move(parsed.rejections)};
}

std::string export_hsds_json(store::Store& store) { return write_hsds_json(store.begin_read()->directory().directory({})); }

HsdsTables export_hsds_csv(store::Store& store) { return write_hsds_csv(store.begin_read()->directory().directory({})); }

ServiceListing listing_of(const Directory& record, const Service& service, Date today, const EligibilityFacts& facts) {
  const auto* organisation = record.organisation(service.organisation_id);
  // With no facts about a person, the decision lists each rule to check with the service.
  auto decision = is_eligible(service, facts, today);
  return {service, organisation ? organisation->name : "", availability_summary(service), decision.reasons};
}

ServiceSearch search_services(store::Store& store, const Clock& clock, const FieldInput& query) {
  FieldReader reader{query};
  store::ServiceQuery search;
  search.pathway = reader.code("pathway", Need::optional, pathways());
  search.area = reader.text("area", Need::optional, 100);
  search.text = reader.text("q", Need::optional, 200);
  search.offset = static_cast<std::size_t>(reader.integer("cursor", Need::optional, 0, 1'000'000).value_or(0));
  search.limit = static_cast<int>(reader.integer("limit", Need::optional, 1, 100).value_or(20));
  reader.throw_if_failed();

  auto tx = store.begin_read();
  auto found = tx->directory().search(search);
  std::vector<std::string> ids;
  for (const auto& service : found.services) ids.push_back(service.id);
  ServiceSearch result{{}, {}, found.next_cursor};
  if (ids.empty()) return result;  // an empty list would ask for the whole directory
  result.directory = tx->directory().directory(ids);
  const auto& record = result.directory;
  for (const auto& service : found.services) result.results.push_back(listing_of(record, service, clock.today()));
  return result;
}

PersonalSearch search_services_for(store::Store& store, const Clock& clock, const EligibilityFacts& facts,
                                   FieldInput query) {
  auto area = query.find("area");
  if ((area == query.end() || area->second.empty()) && !facts.area_code.empty()) query["area"] = facts.area_code;
  PersonalSearch result{search_services(store, clock, query), facts, 0};
  auto today = clock.today();
  auto& listings = result.search.results;
  std::vector<std::pair<int, ServiceListing>> kept;  // (rules to check with the service, listing)
  for (auto& listing : listings) {
    auto decision = is_eligible(listing.service, facts, today);
    if (!decision.eligible) {
      ++result.left_out;
      continue;
    }
    kept.emplace_back(decision.to_check, listing_of(result.search.directory, listing.service, today, facts));
  }
  std::ranges::stable_sort(kept, {}, &std::pair<int, ServiceListing>::first);
  listings.clear();
  for (auto& [to_check, listing] : kept) listings.push_back(std::move(listing));
  return result;
}

Directory service_record(store::Store& store, const std::string& service_id) {
  auto record = store.begin_read()->directory().directory({service_id});
  if (record.services.empty()) throw NotFound("service " + service_id + " not found");
  return record;
}

}  // namespace resettle::services

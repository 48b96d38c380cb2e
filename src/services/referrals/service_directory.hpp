#pragma once
// Use cases on the directory of local support services: import and export (HSDS JSON and CSV),
// search and read. The directory is shared reference data, so reading it needs no case access.
#include <optional>
#include <string>
#include <vector>

#include "domain/referrals/hsds.hpp"
#include "services/clock.hpp"
#include "store/store.hpp"

namespace resettle::services {

struct ImportReport {
  std::size_t organisations = 0;
  std::size_t services = 0;
  std::size_t locations = 0;
  std::vector<Rejection> rejections;  // every record left out, with where it was and why
};

// Stores every accepted record in one transaction (a record with a stored id is replaced) and
// reports the rejected ones, including services whose organisation is nowhere to be found.
ImportReport import_directory(store::Store& store, DirectoryImport parsed);
// The whole directory as HSDS 3.0 JSON, or as its CSV tables; empty lists when nothing is stored.
std::string export_hsds_json(store::Store& store);
HsdsTables export_hsds_csv(store::Store& store);

// One service found, with what a worker needs to choose it.
struct ServiceListing {
  Service service;
  std::string organisation_name;
  std::string availability;                   // availability_summary
  std::vector<std::string> eligibility_notes;  // who it is for, in plain words
};

struct ServiceSearch {
  std::vector<ServiceListing> results;
  Directory directory;  // the results with their organisations and locations, for HSDS answers
  std::optional<std::string> next_cursor;
};

// Fields: pathway (a pathway code), area (ONS code or name), q (free text), cursor, limit.
// Bad ones are reported by name (ValidationFailed). Results are empty when nothing matches.
ServiceSearch search_services(store::Store& store, const Clock& clock, const FieldInput& query);

// The same search for one person: what their record says (age, gender, the area of their probation
// delivery unit) is the area when none is given, leaves out services whose rules that rules them
// out of, and ranks first those whose every rule is known to fit. Unknown facts never rule anyone out.
struct PersonalSearch {
  ServiceSearch search;
  EligibilityFacts facts;
  int left_out = 0;  // services on this page that the person's known facts rule out
};
PersonalSearch search_services_for(store::Store& store, const Clock& clock, const EligibilityFacts& facts,
                                   FieldInput query);
// The service with its organisation and locations; NotFound when there is none.
Directory service_record(store::Store& store, const std::string& service_id);
// What a worker reads of `service` (one of `record`'s) today, for a person with these facts.
ServiceListing listing_of(const Directory& record, const Service& service, Date today,
                          const EligibilityFacts& facts = {});

}  // namespace resettle::services

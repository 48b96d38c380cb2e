#pragma once
// Repositories of the service directory (HSDS-shaped) and of referrals to its services.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/referrals/referral.hpp"
#include "domain/referrals/service_directory.hpp"

namespace resettle::store {

// A directory search: every filter is optional; text is free words, not query syntax.
struct ServiceQuery {
  std::optional<Pathway> pathway;
  std::string area;  // an ONS code or an area name; services with no area limit always match
  std::string text;
  std::size_t offset = 0;
  int limit = 20;
};

struct ServiceSearchResult {
  std::vector<Service> services;  // best match first (bm25), or by name when there is no text
  std::optional<std::string> next_cursor;  // the offset of the next page, as text
};

class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;
  // Each save replaces the stored record with the same id (and, for a service, its schedules,
  // contacts, areas, pathways, genders and capacity), keeping the search index in step.
  virtual void save_organisation(const Organisation& organisation) = 0;
  virtual void save_service(const Service& service) = 0;
  virtual void save_location(const Location& location) = 0;
  virtual void save_service_at_location(const ServiceAtLocation& link) = 0;
  virtual std::optional<Service> find_service(const std::string& id) = 0;
  virtual std::optional<Organisation> find_organisation(const std::string& id) = 0;
  virtual bool has_location(const std::string& id) = 0;
  // The services given (all when empty) with their organisations, locations and links.
  virtual Directory directory(const std::vector<std::string>& service_ids) = 0;
  virtual ServiceSearchResult search(const ServiceQuery& query) = 0;
};

// Referrals are never deleted; a stored referral keeps every step it has been through.
class ReferralRepository {
 public:
  virtual ~ReferralRepository() = default;
  virtual std::int64_t insert(const Referral& referral) = 0;  // version becomes 1
  virtual std::optional<Referral> find(std::int64_t id) = 0;
  // Writes the referral and any steps not yet stored; throws StaleVersion if it moved on.
  virtual void update(const Referral& referral, std::int64_t expected_version) = 0;
  virtual std::vector<Referral> for_person(std::int64_t person_id) = 0;  // newest first
  // Referrals sent to the organisation with this directory id (Referral::organisation_id), newest
  // first, leaving out the limited-access cases this partner worker may not see.
  virtual std::vector<Referral> sent_to_organisation(const std::string& organisation_id, std::int64_t seen_by) = 0;
};

}  // namespace resettle::store

#pragma once
// The directory of local support services, shaped like Open Referral HSDS 3.0: organisations
// run services, services are offered at locations, and each service says who it is for.
// Field names of the readers and writers are HSDS's own, so forms, CSV and JSON agree.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/code_list.hpp"
#include "domain/date.hpp"
#include "domain/field_input.hpp"
#include "domain/plan/pathway.hpp"
#include "domain/people/person.hpp"

namespace resettle {

enum class ServiceStatus { active, inactive, defunct, temporarily_closed };
std::span<const Coded<ServiceStatus>> service_statuses();  // HSDS codes, e.g. "temporarily closed"

enum class LocationType { physical, postal, online };
std::span<const Coded<LocationType>> location_types();  // HSDS codes: physical, postal, virtual

enum class ScheduleFrequency { weekly, monthly };
std::span<const Coded<ScheduleFrequency>> schedule_frequencies();  // iCalendar: WEEKLY, MONTHLY

struct Organisation {
  std::string id;
  std::string name;
  std::string description;
  std::string email;
  std::string website;
  friend bool operator==(const Organisation&, const Organisation&) = default;
};

struct Address {
  std::string address_1;
  std::string address_2;
  std::string city;
  std::string state_province;  // the county, e.g. West Yorkshire
  std::string postal_code;
  std::string country = "GB";  // ISO 3166-1 alpha-2
  friend bool operator==(const Address&, const Address&) = default;
};

struct Location {
  std::string id;
  LocationType location_type = LocationType::physical;
  std::string name;
  std::string description;
  std::optional<double> latitude;
  std::optional<double> longitude;
  std::optional<Address> address;  // none for an online or phone-only service
  friend bool operator==(const Location&, const Location&) = default;
};

// A service offered at one location; one service may run at many.
struct ServiceAtLocation {
  std::string id;
  std::string service_id;
  std::string location_id;
  std::string description;
  friend bool operator==(const ServiceAtLocation&, const ServiceAtLocation&) = default;
};

// When a service is open: an iCalendar-style weekly or monthly rule.
struct Schedule {
  std::string id;
  ScheduleFrequency freq = ScheduleFrequency::weekly;
  std::string byday;      // "MO,WE" or, monthly, "1TU"
  std::string opens_at;   // HH:MM
  std::string closes_at;  // HH:MM
  std::string description;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

struct Contact {
  std::string id;
  std::string name;
  std::string title;
  std::string department;
  std::string email;
  std::string phone;
  friend bool operator==(const Contact&, const Contact&) = default;
};

// An area the service covers, by ONS geography code (e.g. E08000035, Leeds).
struct ServiceArea {
  std::string id;
  std::string code;
  std::string name;
  friend bool operator==(const ServiceArea&, const ServiceArea&) = default;
};

// How many places are free, as the provider last told us.
struct Capacity {
  long long available = 0;
  std::optional<long long> maximum;
  std::string unit;  // "place", "bed", "appointment"
  std::string description;
  Date updated{};
  friend bool operator==(const Capacity&, const Capacity&) = default;
};

// Who the service is for. Empty lists mean "anyone": no gender or area limit.
struct Eligibility {
  std::optional<int> minimum_age;
  std::optional<int> maximum_age;
  std::vector<Gender> genders;
  std::vector<ServiceArea> areas;
  std::string description;  // conditions in plain words that rules cannot check
  friend bool operator==(const Eligibility&, const Eligibility&) = default;
};

struct Service {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::string description;
  std::string url;
  std::string email;
  ServiceStatus status = ServiceStatus::active;
  std::string application_process;  // how to be referred, in plain words
  std::vector<Pathway> pathways;    // the taxonomy the directory is searched by
  Eligibility eligibility;
  std::optional<int> waiting_time_days;
  std::optional<Capacity> capacity;
  std::vector<Schedule> schedules;
  std::vector<Contact> contacts;
  friend bool operator==(const Service&, const Service&) = default;
};

// A whole directory, or the part of one an import or an API answer carries.
struct Directory {
  std::vector<Organisation> organisations;
  std::vector<Service> services;
  std::vector<Location> locations;
  std::vector<ServiceAtLocation> service_at_locations;

  const Organisation* organisation(std::string_view id) const;
  const Service* service(std::string_view id) const;
  const Location* location(std::string_view id) const;
  std::vector<const Location*> locations_of(std::string_view service_id) const;
  friend bool operator==(const Directory&, const Directory&) = default;
};

// What we know about a person when checking whether a service will take them.
struct EligibilityFacts {
  std::optional<Date> date_of_birth;
  Gender gender = Gender::not_stated;
  std::string area_code;  // where they live or will live (ONS code, or the area's name), empty when not known
};

struct EligibilityDecision {
  bool eligible = true;
  std::vector<std::string> reasons;  // one line per rule, in plain words
  int to_check = 0;                  // rules a fact not known leaves for the service to check
};

// A fact that is not known never rules a person out: the reason says to check it with the
// service instead, so a referral is not lost for want of a date of birth.
EligibilityDecision is_eligible(const Service& service, const EligibilityFacts& facts, Date on);
EligibilityFacts eligibility_facts_of(const Person& person, std::string area_code);

// "3 of 10 places free (updated 2025-01-06); usual wait about 14 days", for result lists.
std::string availability_summary(const Service& service);

// Readers of one record's own fields (HSDS names), throwing ValidationFailed naming every bad
// field; writers give the same fields back as text. Nested lists (schedules, contacts, areas,
// pathways, genders, capacity) are read and written by the HSDS formats in hsds.hpp.
Organisation read_organisation(const FieldInput& input);
FieldInput organisation_fields(const Organisation& organisation);
Service read_service(const FieldInput& input);  // includes eligibility ages, description and wait_time
FieldInput service_fields(const Service& service);
Location read_location(const FieldInput& input);
FieldInput location_fields(const Location& location);
Address read_address(const FieldInput& input);
FieldInput address_fields(const Address& address);
ServiceAtLocation read_service_at_location(const FieldInput& input);
FieldInput service_at_location_fields(const ServiceAtLocation& link);
Schedule read_schedule(const FieldInput& input);
FieldInput schedule_fields(const Schedule& schedule);
Contact read_contact(const FieldInput& input);  // the phone number is field "phone"
FieldInput contact_fields(const Contact& contact);
ServiceArea read_service_area(const FieldInput& input);  // code from "uri": bare or an ONS URI
FieldInput service_area_fields(const ServiceArea& area);
Capacity read_capacity(const FieldInput& input);  // unit name from field "unit"
FieldInput capacity_fields(const Capacity& capacity);

// HSDS keeps the waiting time as text; ours is "14 days".
std::optional<int> parse_waiting_time_days(std::string_view text);
std::string waiting_time_text(int days);

}  // namespace resettle

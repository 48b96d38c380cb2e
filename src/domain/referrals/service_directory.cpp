// The service directory's records and their checks (see service_directory.hpp).
#include "domain/referrals/service_directory.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "domain/clock_time.hpp"
#include "domain/staff_catalogue.hpp"

namespace resettle {

namespace {
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ServiceStatus>, 4> status_table{{
    {ServiceStatus::active, "active", "Open"},
    {ServiceStatus::inactive, "inactive", "Not taking referrals"},
    {ServiceStatus::defunct, "defunct", "Closed for good"},
    {ServiceStatus::temporarily_closed, "temporarily closed", "Temporarily closed"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<LocationType>, 3> location_type_table{{
    {LocationType::physical, "physical", "A place to visit"},
    {LocationType::postal, "postal", "Postal address only"},
    {LocationType::online, "virtual", "Online or by phone"},
}};
// Stored and sent in JSON: codes may only be added to, never changed or removed; labels may change.
constexpr std::array<Coded<ScheduleFrequency>, 2> frequency_table{{
    {ScheduleFrequency::weekly, "WEEKLY", "Every week"},
    {ScheduleFrequency::monthly, "MONTHLY", "Every month"},
}};

constexpr std::size_t id_length = 100;
constexpr std::size_t name_length = 200;
constexpr std::size_t text_length = 4000;
constexpr std::string_view ons_prefix = "http://statistics.data.gov.uk/id/statistical-geography/";

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto found = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return found == items.end() ? nullptr : &*found;
}

std::string email_at(FieldReader& reader, std::string_view field) {
  auto email = reader.text(field, Need::optional, 254);
  auto at = email.find('@');
  if (!email.empty() && (at == 0 || at == std::string::npos || at + 1 == email.size() ||
                         email.find_first_of(" \t") != std::string::npos))
    reader.fail(field, "must be an email address like name@example.org");
  return email;
}

std::string web_address_at(FieldReader& reader, std::string_view field) {
  auto url = reader.text(field, Need::optional, 2000);
  if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
    reader.fail(field, "must be a web address starting with https://");
  return url;
}

std::optional<double> decimal_at(FieldReader& reader, std::string_view field, double limit) {
  if (!reader.has(field)) return std::nullopt;
  auto text = reader.text(field, Need::optional, 40);
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
    reader.fail(field, "must be a decimal number such as 53.79");
    return std::nullopt;
  }
  if (std::abs(value) > limit) {
    reader.fail(field, "must be between -" + std::to_string(static_cast<int>(limit)) + " and " +
                           std::to_string(static_cast<int>(limit)));
    return std::nullopt;
  }
  return value;
}

std::string decimal_text(double value) {
  std::array<char, 32> buffer{};
  auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;  // shortest exact form
  return std::string(buffer.data(), end);
}

std::string clock_time_at(FieldReader& reader, std::string_view field) {
  auto time = reader.text(field, Need::optional, 5);
  if (time.empty()) return time;
  if (auto parsed = parse_clock_time(time)) return to_text(*parsed);
  reader.fail(field, "must be a time of day written as HH:MM, e.g. 09:30");
  return time;
}

// "MO,TU" weekly; monthly parts may carry an ordinal: "1MO", "-1FR".
bool is_byday(std::string_view text, ScheduleFrequency freq) {
  constexpr std::array<std::string_view, 7> days{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  while (true) {
    auto comma = text.find(',');
    auto part = text.substr(0, comma);
    if (part.size() < 2 || std::find(days.begin(), days.end(), part.substr(part.size() - 2)) == days.end()) return false;
    auto ordinal = part.substr(0, part.size() - 2);
    if (!ordinal.empty()) {
      if (freq == ScheduleFrequency::weekly) return false;
      if (ordinal.front() == '-') ordinal.remove_prefix(1);
      if (ordinal.empty() || ordinal.size() > 1 || ordinal.front() < '1' || ordinal.front() > '5') return false;
    }
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

bool is_ons_code(std::string_view code) {
  return code.size() == 9 && code[0] >= 'A' && code[0] <= 'Z' &&
         std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The ages a service takes, as a phrase for the reasons' sentences: "18 to 25", "18 or over".
std::string range_text(const Eligibility& rule) {
  auto minimum = rule.minimum_age ? std::to_string(*rule.minimum_age) : "";
  auto maximum = rule.maximum_age ? std::to_string(*rule.maximum_age) : "";
  if (rule.minimum_age && rule.maximum_age)
    return staff_text("((minimum)) to ((maximum))", {{"minimum", minimum}, {"maximum", maximum}});
  if (rule.minimum_age) return staff_text("((minimum)) or over", {{"minimum", minimum}});
  return staff_text("((maximum)) or under", {{"maximum", maximum}});
}

template <typename T, typename Describe>
std::string joined(const std::vector<T>& items, Describe describe) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + std::string{describe(item)};
  return text;
}

void check_age(const Eligibility& rule, const EligibilityFacts& facts, Date on, EligibilityDecision& decision) {
  if (!rule.minimum_age && !rule.maximum_age) return;
  if (!facts.date_of_birth) {
    decision.reasons.push_back(
        staff_text("Date of birth not known: check the age limit (((ages))) with the service", {{"ages", range_text(rule)}}));
    ++decision.to_check;
    return;
  }
  int age = age_on(*facts.date_of_birth, on);
  bool fits = (!rule.minimum_age || age >= *rule.minimum_age) && (!rule.maximum_age || age <= *rule.maximum_age);
  decision.eligible = decision.eligible && fits;
  auto aged = std::to_string(age), date = to_long_date(on), ages = range_text(rule);
  decision.reasons.push_back(
      fits ? staff_text("Aged ((age)) on ((date)): the service takes people aged ((ages))",
                        {{"age", aged}, {"date", date}, {"ages", ages}})
           : staff_text("Aged ((age)) on ((date)): the service takes people aged ((ages)), so not eligible",
                        {{"age", aged}, {"date", date}, {"ages", ages}}));
}

void check_gender(const Eligibility& rule, const EligibilityFacts& facts, EligibilityDecision& decision) {
  if (rule.genders.empty()) return;
  auto labels = joined(rule.genders, [](Gender g) { return entry_for(genders(), g).label; });
  if (facts.gender == Gender::not_stated) {
    decision.reasons.push_back(
        staff_text("Gender not stated: check with the service, which is only for: ((genders))", {{"genders", labels}}));
    ++decision.to_check;
    return;
  }
  bool fits = std::find(rule.genders.begin(), rule.genders.end(), facts.gender) != rule.genders.end();
  decision.eligible = decision.eligible && fits;
  decision.reasons.push_back(fits ? staff_text("The service is for: ((genders))", {{"genders", labels}})
                                  : staff_text("The service is only for: ((genders)), so not eligible", {{"genders", labels}}));
}

void check_area(const Eligibility& rule, const EligibilityFacts& facts, EligibilityDecision& decision) {
  if (rule.areas.empty()) return;
  auto names = joined(rule.areas, [](const ServiceArea& a) { return a.name.empty() ? a.code : a.name; });
  if (facts.area_code.empty()) {
    decision.reasons.push_back(staff_text("Area not known: check with the service, which covers only ((areas))", {{"areas", names}}));
    ++decision.to_check;
    return;
  }
  // The person's area is an ONS code, or the name of their probation delivery unit, which (as in
  // the directory's own areas) is named after the local authority it serves.
  auto found = std::find_if(rule.areas.begin(), rule.areas.end(), [&](const ServiceArea& a) {
    return a.code == facts.area_code || (!a.name.empty() && a.name == facts.area_code);
  });
  bool fits = found != rule.areas.end();
  decision.eligible = decision.eligible && fits;
  decision.reasons.push_back(fits ? staff_text("Lives in an area the service covers (((areas)))", {{"areas", names}})
                                  : staff_text("The service covers only ((areas)), not area ((area)), so not eligible",
                                               {{"areas", names}, {"area", facts.area_code}}));
}

std::string plural(long long count, const std::string& unit) {
  return std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
}
}  // namespace

std::span<const Coded<ServiceStatus>> service_statuses() { return status_table; }
std::span<const Coded<LocationType>> location_types() { return location_type_table; }
std::span<const Coded<ScheduleFrequency>> schedule_frequencies() { return frequency_table; }

const Organisation* Directory::organisation(std::string_view id) const { return find_by_id(organisations, id); }
const Service* Directory::service(std::string_view id) const { return find_by_id(services, id); }
const Location* Directory::location(std::string_view id) const { return find_by_id(locations, id); }

std::vector<const Location*> Directory::locations_of(std::string_view service_id) const {
  std::vector<const Location*> found;
  for (const auto& link : service_at_locations)
    if (link.service_id == service_id)
      if (const auto* place = location(link.location_id)) found.push_back(place);
  return found;
}

EligibilityFacts eligibility_facts_of(const Person& person, std::string area_code) {
  std::optional<Date> born;
  if (person.date_of_birth.ok()) born = person.date_of_birth;
  return {born, person.gender, std::move(area_code)};
}

EligibilityDecision is_eligible(const Service& service, const EligibilityFacts& facts, Date on) {
  EligibilityDecision decision;
  check_age(service.eligibility, facts, on, decision);
  check_gender(service.eligibility, facts, decision);
  check_area(service.eligibility, facts, decision);
  if (decision.reasons.empty()) decision.reasons.push_back(staff_text("Open to anyone: no age, gender or area limits"));
  return decision;
}

std::string availability_summary(const Service& service) {
  std::string summary;
  if (const auto& capacity = service.capacity) {
    summary = capacity->maximum ? std::to_string(capacity->available) + " of " + plural(*capacity->maximum, capacity->unit)
                                : plural(capacity->available, capacity->unit);
    summary += " free (updated " + to_iso(capacity->updated) + ")";
  }
  if (service.waiting_time_days) {
    if (!summary.empty()) summary += "; ";
    summary += *service.waiting_time_days == 0
                   ? staff_text("no waiting list")
                   : staff_text_plural("usual wait about ((count)) day", "usual wait about ((count)) days", *service.waiting_time_days);
  }
  return summary.empty() ? staff_text("Availability not known") : summary;
}

std::optional<int> parse_waiting_time_days(std::string_view text) {
  int days = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), days);
  if (error != std::errc{} || days < 0 || days > 3650) return std::nullopt;
  std::string_view rest{end, static_cast<std::size_t>(text.data() + text.size() - end)};
  if (rest.empty() || rest == " days" || rest == " day") return days;
  return std::nullopt;
}

std::string waiting_time_text(int days) { return plural(days, "day"); }

Organisation read_organisation(const FieldInput& input) {
  FieldReader reader{input};
  Organisation organisation;
  organisation.id = reader.text("id", Need::required, id_length);
  organisation.name = reader.text("name", Need::required, name_length);
  organisation.description = reader.text("description", Need::required, text_length);
  organisation.email = email_at(reader, "email");
  organisation.website = web_address_at(reader, "website");
  reader.throw_if_failed();
  return organisation;
}

FieldInput organisation_fields(const Organisation& o) {
  return {{"id", o.id}, {"name", o.name}, {"description", o.description}, {"email", o.email}, {"website", o.website}};
}

Service read_service(const FieldInput& input) {
  FieldReader reader{input};
  Service service;
  service.id = reader.text("id", Need::required, id_length);
  service.organisation_id = reader.text("organization_id", Need::required, id_length);
  service.name = reader.text("name", Need::required, name_length);
  service.description = reader.text("description", Need::optional, text_length);
  service.url = web_address_at(reader, "url");
  service.email = email_at(reader, "email");
  service.status = reader.code("status", Need::required, service_statuses()).value_or(ServiceStatus::active);
  service.application_process = reader.text("application_process", Need::optional, text_length);
  service.eligibility.description = reader.text("eligibility_description", Need::optional, text_length);
  auto& rule = service.eligibility;
  if (auto age = reader.integer("minimum_age", Need::optional, 0, 120)) rule.minimum_age = static_cast<int>(*age);
  if (auto age = reader.integer("maximum_age", Need::optional, 0, 120)) rule.maximum_age = static_cast<int>(*age);
  if (rule.minimum_age && rule.maximum_age && *rule.maximum_age < *rule.minimum_age)
    reader.fail("maximum_age", "must not be less than minimum_age");
  if (auto wait = reader.text("wait_time", Need::optional, 40); !wait.empty()) {
    service.waiting_time_days = parse_waiting_time_days(wait);
    if (!service.waiting_time_days) reader.fail("wait_time", "must be a number of days, e.g. 14 days");
  }
  reader.throw_if_failed();
  return service;
}

FieldInput service_fields(const Service& s) {
  const auto& rule = s.eligibility;
  return {{"id", s.id},
          {"organization_id", s.organisation_id},
          {"name", s.name},
          {"description", s.description},
          {"url", s.url},
          {"email", s.email},
          {"status", std::string{entry_for(service_statuses(), s.status).code}},
          {"application_process", s.application_process},
          {"eligibility_description", rule.description},
          {"minimum_age", rule.minimum_age ? std::to_string(*rule.minimum_age) : ""},
          {"maximum_age", rule.maximum_age ? std::to_string(*rule.maximum_age) : ""},
          {"wait_time", s.waiting_time_days ? waiting_time_text(*s.waiting_time_days) : ""}};
}

Location read_location(const FieldInput& input) {
  FieldReader reader{input};
  Location location;
  location.id = reader.text("id", Need::required, id_length);
  location.location_type = reader.code("location_type", Need::required, location_types()).value_or(LocationType::physical);
  location.name = reader.text("name", Need::optional, name_length);
  location.description = reader.text("description", Need::optional, text_length);
  location.latitude = decimal_at(reader, "latitude", 90);
  location.longitude = decimal_at(reader, "longitude", 180);
  if (location.latitude.has_value() != location.longitude.has_value() && !reader.failed("latitude") &&
      !reader.failed("longitude"))
    reader.fail(location.latitude ? "longitude" : "latitude", "is needed with the other coordinate");
  reader.throw_if_failed();
  return location;
}

FieldInput location_fields(const Location& l) {
  return {{"id", l.id},
          {"location_type", std::string{entry_for(location_types(), l.location_type).code}},
          {"name", l.name},
          {"description", l.description},
          {"latitude", l.latitude ? decimal_text(*l.latitude) : ""},
          {"longitude", l.longitude ? decimal_text(*l.longitude) : ""}};
}

Address read_address(const FieldInput& input) {
  FieldReader reader{input};
  Address address;
  address.address_1 = reader.text("address_1", Need::required, name_length);
  address.address_2 = reader.text("address_2", Need::optional, name_length);
  address.city = reader.text("city", Need::required, 100);
  address.state_province = reader.text("state_province", Need::optional, 100);
  address.postal_code = reader.text("postal_code", Need::required, 10);
  address.country = reader.text("country", Need::optional, 2);
  if (address.country.empty()) address.country = "GB";
  reader.throw_if_failed();
  return address;
}

FieldInput address_fields(const Address& a) {
  return {{"address_1", a.address_1}, {"address_2", a.address_2},        {"city", a.city},
          {"state_province", a.state_province}, {"postal_code", a.postal_code}, {"country", a.country}};
}

ServiceAtLocation read_service_at_location(const FieldInput& input) {
  FieldReader reader{input};
  ServiceAtLocation link;
  link.id = reader.text("id", Need::required, id_length);
  link.service_id = reader.text("service_id", Need::required, id_length);
  link.location_id = reader.text("location_id", Need::required, id_length);
  link.description = reader.text("description", Need::optional, text_length);
  reader.throw_if_failed();
  return link;
}

FieldInput service_at_location_fields(const ServiceAtLocation& link) {
  return {{"id", link.id}, {"service_id", link.service_id}, {"location_id", link.location_id},
          {"description", link.description}};
}

Schedule read_schedule(const FieldInput& input) {
  FieldReader reader{input};
  Schedule schedule;
  schedule.id = reader.text("id", Need::required, id_length);
  schedule.freq = reader.code("freq", Need::required, schedule_frequencies()).value_or(ScheduleFrequency::weekly);
  schedule.byday = reader.text("byday", Need::optional, 100);
  if (!schedule.byday.empty() && !reader.failed("freq") && !is_byday(schedule.byday, schedule.freq))
    reader.fail("byday", schedule.freq == ScheduleFrequency::weekly
                             ? "must list days as MO,TU,WE,TH,FR,SA,SU separated by commas"
                             : "must list days such as 1MO or -1FR (which week, then the day) separated by commas");
  schedule.opens_at = clock_time_at(reader, "opens_at");
  schedule.closes_at = clock_time_at(reader, "closes_at");
  if (!schedule.opens_at.empty() && !schedule.closes_at.empty() && !reader.failed("opens_at") &&
      !reader.failed("closes_at") && schedule.closes_at <= schedule.opens_at)
    reader.fail("closes_at", "must be later than opens_at");
  schedule.description = reader.text("description", Need::optional, text_length);
  schedule.valid_from = reader.date("valid_from", Need::optional);
  schedule.valid_to = reader.date("valid_to", Need::optional);
  if (schedule.valid_from && schedule.valid_to && *schedule.valid_to < *schedule.valid_from)
    reader.fail("valid_to", "must not be before valid_from");
  reader.throw_if_failed();
  return schedule;
}

FieldInput schedule_fields(const Schedule& s) {
  return {{"id", s.id},
          {"freq", std::string{entry_for(schedule_frequencies(), s.freq).code}},
          {"byday", s.byday},
          {"opens_at", s.opens_at},
          {"closes_at", s.closes_at},
          {"description", s.description},
          {"valid_from", to_iso(s.valid_from)},
          {"valid_to", to_iso(s.valid_to)}};
}

Contact read_contact(const FieldInput& input) {
  FieldReader reader{input};
  Contact contact;
  contact.id = reader.text("id", Need::required, id_length);
  contact.name = reader.text("name", Need::optional, name_length);
  contact.title = reader.text("title", Need::optional, name_length);
  contact.department = reader.text("department", Need::optional, name_length);
  contact.email = email_at(reader, "email");
  contact.phone = reader.text("phone", Need::optional, 30);
  if (contact.phone.find_first_not_of("0123456789 +()-") != std::string::npos)
    reader.fail("phone", "must be a phone number: digits, spaces and + ( ) - only");
  if (contact.name.empty() && contact.email.empty() && contact.phone.empty() && !reader.failed("email"))
    reader.fail("name", "Give a name, an email address or a phone number");
  reader.throw_if_failed();
  return contact;
}

FieldInput contact_fields(const Contact& c) {
  return {{"id", c.id},   {"name", c.name},   {"title", c.title}, {"department", c.department},
          {"email", c.email}, {"phone", c.phone}};
}

ServiceArea read_service_area(const FieldInput& input) {
  FieldReader reader{input};
  ServiceArea area;
  area.id = reader.text("id", Need::required, id_length);
  area.name = reader.text("name", Need::optional, name_length);
  auto uri = reader.text("uri", Need::required, 200);
  area.code = uri.starts_with(ons_prefix) ? uri.substr(ons_prefix.size()) : uri;
  if (!uri.empty() && !is_ons_code(area.code))
    reader.fail("uri", "must be an ONS area code such as E08000035, bare or as a statistics.data.gov.uk URI");
  reader.throw_if_failed();
  return area;
}

FieldInput service_area_fields(const ServiceArea& area) {
  return {{"id", area.id}, {"name", area.name}, {"uri", std::string{ons_prefix} + area.code}};
}

Capacity read_capacity(const FieldInput& input) {
  FieldReader reader{input};
  Capacity capacity;
  capacity.available = reader.integer("available", Need::required, 0, 1'000'000).value_or(0);
  capacity.maximum = reader.integer("maximum", Need::optional, 0, 1'000'000);
  if (capacity.maximum && *capacity.maximum < capacity.available && !reader.failed("available"))
    reader.fail("maximum", "must not be less than available");
  capacity.unit = reader.text("unit", Need::required, 50);
  capacity.description = reader.text("description", Need::optional, text_length);
  // HSDS gives a date-time; the day is what a practitioner needs.
  auto updated = reader.text("updated", Need::required, 40);
  auto day = updated.size() >= 10 && (updated.size() == 10 || updated[10] == 'T')
                 ? parse_iso_date(std::string_view{updated}.substr(0, 10))
                 : std::nullopt;
  if (day) capacity.updated = *day;
  else if (!updated.empty()) reader.fail("updated", "must be a date written as YYYY-MM-DD or an ISO 8601 date-time");
  reader.throw_if_failed();
  return capacity;
}

FieldInput capacity_fields(const Capacity& c) {
  return {{"available", std::to_string(c.available)},
          {"maximum", c.maximum ? std::to_string(*c.maximum) : ""},
          {"unit", c.unit},
          {"description", c.description},
          {"updated", to_iso(c.updated) + "T00:00:00Z"}};
}

}  // namespace resettle

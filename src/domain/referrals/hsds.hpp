#pragma once
// Open Referral HSDS 3.0 in and out: JSON (a list of services, each with its organization,
// locations and the rest nested, as the HSDS API's /services/{id} gives one) and the tabular
// CSV package (organizations.csv, services.csv, ...). Text in, text out: no files here.
// A bad record is rejected with where it is and which field is wrong; the good ones still load.
#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/referrals/service_directory.hpp"

namespace resettle {

struct Rejection {
  std::string table;   // CSV file name ("services.csv"), or "services" for JSON
  std::size_t record;  // CSV: line the record starts on (header = 1); JSON: index in the list, from 0
  std::string field;   // HSDS field; in JSON its path in the record, e.g. "service_at_locations[0].location.latitude"
  std::string message;
};

struct DirectoryImport {
  Directory directory;  // every record that passed, in the order given
  std::vector<Rejection> rejections;
};

// Taxonomies our attributes use to carry pathways and gender eligibility.
inline constexpr std::string_view pathway_taxonomy = "resettle_pathway";
inline constexpr std::string_view gender_taxonomy = "resettle_gender";

// Accepts a JSON list of services, or an HSDS API page {"contents": [...]}.
DirectoryImport read_hsds_json(std::string_view text);
std::string write_hsds_json(const Directory& directory);
// One service as HSDS JSON, with its organisation and locations taken from the directory.
nlohmann::json hsds_service_json(const Directory& directory, const Service& service);

// CSV file name -> its text.
using HsdsTables = std::map<std::string, std::string, std::less<>>;
std::vector<std::string_view> hsds_csv_files();  // every file write_hsds_csv produces
// A missing file is an empty table; files we do not model are ignored.
DirectoryImport read_hsds_csv(const HsdsTables& files);
HsdsTables write_hsds_csv(const Directory& directory);

}  // namespace resettle

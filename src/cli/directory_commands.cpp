// The `resettle import` and `resettle export` commands (see directory_commands.hpp).
#include "cli/directory_commands.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "services/referrals/service_directory.hpp"
#include "store/operations.hpp"

namespace resettle::cli {

namespace {

namespace po = boost::program_options;

po::options_description directory_options(const std::string& caption) {
  po::options_description options{caption};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file or postgresql:// URI")(
      "hsds-json", po::value<std::string>(), "HSDS JSON file: a list of services")(
      "hsds-csv", po::value<std::string>(), "folder of HSDS CSV files (organizations.csv, services.csv, ...)");
  return options;
}

po::variables_map parse(int argc, char** argv, const po::options_description& options) {
  po::variables_map values;
  po::store(po::command_line_parser(argc, argv).options(options).run(), values);
  po::notify(values);
  if (values.count("hsds-json") == values.count("hsds-csv"))
    throw std::invalid_argument("give exactly one of --hsds-json FILE or --hsds-csv DIR");
  return values;
}

std::unique_ptr<store::Store> open_migrated(const std::string& path) {
  auto store = store::open_store(path, 2);
  store->migrate();
  return store;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file{path, std::ios::binary};
  if (!file) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file{path, std::ios::binary};
  file << text;
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

// Every CSV file of the package that is present in the folder; missing ones are empty tables.
HsdsTables read_csv_folder(const std::filesystem::path& folder) {
  if (!std::filesystem::is_directory(folder)) throw std::runtime_error(folder.string() + " is not a folder");
  HsdsTables files;
  for (auto name : hsds_csv_files())
    if (std::filesystem::exists(folder / name)) files[std::string{name}] = read_text(folder / name);
  return files;
}

int report(const services::ImportReport& imported, std::ostream& out, std::ostream& errors) {
  out << "Imported " << imported.organisations << " organisations, " << imported.services << " services and "
      << imported.locations << " locations\n";
  for (const auto& rejection : imported.rejections) {
    auto where = rejection.table.ends_with(".csv") ? " line " : " record ";
    errors << "rejected: " << rejection.table << where << rejection.record << ": " << rejection.field << ": "
           << rejection.message << "\n";
  }
  return imported.rejections.empty() ? 0 : 1;
}

}  // namespace

int import_hsds_json_file(store::Store& store, const std::string& path, std::ostream& out, std::ostream& errors) {
  return report(services::import_directory(store, read_hsds_json(read_text(path))), out, errors);
}

int run_import_command(int argc, char** argv, std::ostream& out, std::ostream& errors) {
  auto values = parse(argc, argv, directory_options("resettle import"));
  auto store = open_migrated(values["db"].as<std::string>());
  if (values.count("hsds-json")) return import_hsds_json_file(*store, values["hsds-json"].as<std::string>(), out, errors);
  auto parsed = read_hsds_csv(read_csv_folder(values["hsds-csv"].as<std::string>()));
  return report(services::import_directory(*store, std::move(parsed)), out, errors);
}

int run_export_command(int argc, char** argv, std::ostream& out) {
  auto values = parse(argc, argv, directory_options("resettle export"));
  auto store = open_migrated(values["db"].as<std::string>());
  if (values.count("hsds-json")) {
    write_text(values["hsds-json"].as<std::string>(), services::export_hsds_json(*store));
    out << "Wrote " << values["hsds-json"].as<std::string>() << "\n";
    return 0;
  }
  std::filesystem::path folder = values["hsds-csv"].as<std::string>();
  std::filesystem::create_directories(folder);
  for (const auto& [name, text] : services::export_hsds_csv(*store)) write_text(folder / name, text);
  out << "Wrote the HSDS CSV files to " << folder.string() << "\n";
  return 0;
}

}  // namespace resettle::cli

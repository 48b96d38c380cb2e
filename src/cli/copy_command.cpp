#include "cli/copy_command.hpp"

#include <boost/program_options.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "store/postgresql/copy.hpp"
#include "store/postgresql/uri.hpp"

namespace po = boost::program_options;

namespace resettle::cli {

int run_copy_command(int argc, char** argv, std::ostream& out) {
  po::options_description options{"resettle copy"};
  options.add_options()("from", po::value<std::string>()->required(), "the database to copy: an SQLite file or a postgresql:// URI")(
      "to", po::value<std::string>()->required(), "the new database to copy it into: a postgresql:// URI or an SQLite file");
  po::variables_map values;
  po::store(po::command_line_parser(argc, argv).options(options).run(), values);
  po::notify(values);
  const auto& from = values["from"].as<std::string>();
  const auto& to = values["to"].as<std::string>();
  bool from_postgresql = store::postgresql::is_uri(from);
  if (from_postgresql == store::postgresql::is_uri(to))
    throw std::invalid_argument(from_postgresql
                                    ? "--from and --to are both postgresql:// URIs: one of them must be an SQLite file"
                                    : "neither --from nor --to is a postgresql:// URI: to copy an SQLite file use 'resettle backup'");

  auto report = from_postgresql ? store::postgresql::copy_to_sqlite(from, to) : store::postgresql::copy_to_postgresql(from, to);
  std::int64_t rows = 0;
  for (const auto& [table, count] : report.rows) rows += count;
  out << "Copied " << rows << " rows in " << report.rows.size() << " tables at schema version " << report.schema_version
      << "; row counts match, and the journal's last chain value is "
      << (report.journal_head ? *report.journal_head : std::string{"(none: the journal is empty)"}) << " on both sides\n";
  return 0;
}

}  // namespace resettle::cli

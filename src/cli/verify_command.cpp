#include "cli/verify_command.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "store/operations.hpp"
#include "store/store.hpp"

namespace po = boost::program_options;

namespace resettle::cli {

namespace {

std::string_view name_of(const std::string& table) { return table == "event" ? "journal" : "access log"; }

// Each line of the anchor file is "<table> <id> <chain>", written by an earlier run.
bool anchors_hold(store::Store& store, const std::string& path, std::ostream& out) {
  std::ifstream anchors{path};
  bool hold = true;
  std::string line;
  for (int number = 1; std::getline(anchors, line); ++number) {
    std::istringstream fields{line};
    std::string table, chain;
    std::int64_t id = 0;
    if (!(fields >> table >> id >> chain) || (table != "event" && table != "access_log")) {
      out << path << ":" << number << ": not a recorded head\n";
      hold = false;
      continue;
    }
    auto now = store.chain_of(table, id);
    if (now == chain) continue;
    out << name_of(table) << ": row " << id << " recorded at " << path << ":" << number
        << (now ? " has a different chain now: the chain was rewritten" : " is missing: rows were deleted") << "\n";
    hold = false;
  }
  return hold;
}

}  // namespace

int run_verify_command(int argc, char** argv, std::ostream& out) {
  po::options_description options{"resettle verify"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file or postgresql:// URI")(
      "anchor", po::value<std::string>(), "file of chain heads recorded by earlier runs (kept elsewhere)");
  po::variables_map values;
  po::store(po::command_line_parser(argc, argv).options(options).run(), values);
  po::notify(values);
  auto store = store::open_store(values["db"].as<std::string>(), 1);
  bool intact = true;
  auto checks = store->check_chains();
  for (const auto& check : checks) {
    out << name_of(check.table) << ": " << check.rows << " rows, ";
    if (check.broken_at) {
      out << "chain broken at row " << *check.broken_at << ": it or the row before it was changed or deleted\n";
      intact = false;
    } else {
      out << "chain intact, last row " << check.head_id << " " << check.head_chain << "\n";
    }
  }
  if (values.count("anchor")) {
    const auto& path = values["anchor"].as<std::string>();
    if (!anchors_hold(*store, path, out)) intact = false;
    if (intact) {
      std::ofstream anchors{path, std::ios::app};
      for (const auto& check : checks)
        if (check.rows > 0) anchors << check.table << " " << check.head_id << " " << check.head_chain << "\n";
    }
  }
  return intact ? 0 : 1;
}

}  // namespace resettle::cli

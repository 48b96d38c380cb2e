// resettle: one binary, one sub-command per job (DESIGN.md §1).
#include <boost/program_options.hpp>

#include <unistd.h>

#include <cmath>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <thread>

#include "cli/dates_command.hpp"
#include "cli/directory_commands.hpp"
#include "cli/progress_bar.hpp"
#include "domain/errors.hpp"
#include "services/demo_data.hpp"
#include "services/national_data.hpp"
#include "services/responsibility.hpp"
#include "services/sign_in.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/http.hpp"
#include "source_tree.hpp"

namespace po = boost::program_options;
using namespace resettle;

namespace {

constexpr std::string_view usage =
    "usage: resettle <command> [options]\n"
    "  serve   --db FILE [--port N] [--address A] [--web-root DIR]   run the web application and API\n"
    "          [--max-connections N] [--max-connections-per-address N] [--header-timeout S] [--idle-timeout S]\n"
    "  migrate --db FILE                                            apply pending schema migrations\n"
    "  routes  [--web-root DIR]                                     list every route: method and path pattern\n"
    "  demo    --db FILE [--scale small|national] [--fraction F]     load demo data into a new database\n"
    "  refresh --db FILE                                            work out every case's dates for today (nightly)\n"
    "  users add --db FILE --username U --name N --role R [--prison P] [--pdu D] [--organisation O]\n"
    "            (the password is read from standard input)\n"
    "  users token --db FILE --username U --label L                 issue an API bearer token\n"
    "  import  --db FILE (--hsds-json FILE | --hsds-csv DIR)         load services into the directory (HSDS 3.0)\n"
    "  export  --db FILE (--hsds-json FILE | --hsds-csv DIR)         write the service directory as HSDS 3.0\n"
    "  dates   [--bank-holidays FILE]       key dates and responsibility: JSON lines on stdin -> JSON lines on stdout\n"
    "Run 'resettle <command> --help' for a command's options.\n";

po::variables_map parse(int argc, char** argv, const po::options_description& options) {
  po::variables_map values;
  po::store(po::command_line_parser(argc, argv).options(options).run(), values);
  po::notify(values);
  return values;
}

std::unique_ptr<store::Store> open_migrated(const std::string& path) {
  auto store = store::open_sqlite_store({path, 8});
  store->migrate();
  return store;
}

// Where the templates and assets are: --web-root, or the source tree this binary was built from.
web::AppOptions app_options(const po::variables_map& values) {
  auto options = web::default_app_options();
  if (values.count("web-root")) {
    options.web_root = values["web-root"].as<std::string>();
    options.generated_assets = options.web_root / "build" / "assets";
  }
  return options;
}

int serve(int argc, char** argv) {
  po::options_description options{"resettle serve"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file")(
      "port", po::value<int>()->default_value(8080), "port to listen on (0: any free port)")(
      "address", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")(
      "web-root", po::value<std::string>(), "repository root holding templates and assets")(
      "workers", po::value<int>()->default_value(web::default_worker_threads()),
      "threads for request handlers (default: twice the hardware threads, at most 8)")(
      "max-connections", po::value<int>()->default_value(static_cast<int>(web::default_max_connections())),
      "open connections served at once; more are answered 503 (default: the open-file limit less 128, at most 10000)")(
      "max-connections-per-address", po::value<int>()->default_value(256),
      "open connections served at once from one client address")(
      "header-timeout", po::value<int>()->default_value(10), "seconds a client has to send a request's headers")(
      "idle-timeout", po::value<int>()->default_value(30), "seconds a kept-alive connection may wait for its next request");
  auto values = parse(argc, argv, options);
  auto port = values["port"].as<int>();
  if (port < 0 || port > 65535) throw std::invalid_argument("--port must be between 0 and 65535");
  for (const char* positive : {"max-connections", "max-connections-per-address", "header-timeout", "idle-timeout"})
    if (values[positive].as<int>() < 1) throw std::invalid_argument(std::string{"--"} + positive + " must be at least 1");

  auto store = open_migrated(values["db"].as<std::string>());
  services::SystemClock clock;
  web::App app{*store, clock, app_options(values)};
  web::ServerOptions server_options;
  server_options.address = values["address"].as<std::string>();
  server_options.port = static_cast<std::uint16_t>(port);
  server_options.worker_threads = values["workers"].as<int>();
  server_options.max_connections = static_cast<std::size_t>(values["max-connections"].as<int>());
  server_options.max_connections_per_address = static_cast<std::size_t>(values["max-connections-per-address"].as<int>());
  server_options.header_timeout = std::chrono::seconds(values["header-timeout"].as<int>());
  server_options.idle_timeout = std::chrono::seconds(values["idle-timeout"].as<int>());
  server_options.response_headers = web::security_headers();
  web::HttpServer server{server_options, [&app](web::Request& request) { return app.handle(request); }};
  std::cout << "Resettle is serving on http://" << server_options.address << ":" << server.port() << std::endl;
  server.run();
  return 0;
}

// The application's route table, one "METHOD PATTERN" line each: for operators and for the fuzz test.
int routes(int argc, char** argv) {
  po::options_description options{"resettle routes"};
  options.add_options()("web-root", po::value<std::string>(), "repository root holding templates and assets");
  auto values = parse(argc, argv, options);
  auto store = store::open_sqlite_store({":memory:", 1});  // routes need no data
  services::SystemClock clock;
  web::App app{*store, clock, app_options(values)};
  for (const auto& [method, pattern] : app.routes()) std::cout << method << ' ' << pattern << '\n';
  return 0;
}

int migrate(int argc, char** argv) {
  po::options_description options{"resettle migrate"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file");
  auto values = parse(argc, argv, options);
  auto version = store::open_sqlite_store({values["db"].as<std::string>(), 1})->migrate();
  std::cout << "Schema is at version " << version << "\n";
  return 0;
}

void print_sign_ins(const std::vector<services::DemoSignIn>& sign_ins) {
  std::cout << "Sign in with any of these usernames and the password '" << services::demo_password << "':\n";
  for (const auto& sign_in : sign_ins) std::cout << "  " << sign_in.username << "  (" << sign_in.role << ")\n";
}

std::string with_commas(double value) {
  auto digits = std::to_string(std::llround(value));
  for (auto at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// The synthetic national data set, then the same number of raw prepared inserts beside it: the
// physical limit the load's rate is reported against.
int national_demo(const std::string& db, double fraction) {
  auto scale = services::national_scale(fraction);
  auto store = open_migrated(db);
  services::SystemClock clock;
  cli::ProgressBar bar{std::cerr, isatty(STDERR_FILENO) == 1};
  auto loaded = services::load_national_demo(*store, clock, scale,
                                             [&](std::string_view what, std::int64_t done, std::int64_t total) {
                                               bar.show(what, done, total);
                                             });
  store.reset();
  auto raw = store::measure_sqlite_raw_inserts(db + ".raw-baseline", std::max<std::int64_t>(loaded.rows, 100'000));
  double load_rate = loaded.rows / loaded.seconds;
  std::cout << "National data set loaded: " << scale.regions << " regions, " << scale.prisons << " prisons, "
            << scale.pdus << " probation delivery units, " << loaded.teams << " teams, " << loaded.staff
            << " staff, " << scale.in_custody << " people in custody, " << scale.on_probation
            << " on probation, " << loaded.allocations << " allocations.\n";
  std::cout << "Load: " << with_commas(loaded.rows) << " rows in " << std::fixed << std::setprecision(1)
            << loaded.seconds << " s = " << with_commas(load_rate) << " rows/s; raw SQLite prepared inserts: "
            << with_commas(raw.rows_per_second()) << " rows/s; load/raw = " << std::setprecision(1)
            << 100 * load_rate / raw.rows_per_second() << "%\n";
  print_sign_ins(loaded.sign_ins);
  return 0;
}

int demo(int argc, char** argv) {
  po::options_description options{"resettle demo"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file")(
      "scale", po::value<std::string>()->default_value("small"),
      "small (about 30 people) or national (synthetic: 90,000 in custody, 240,000 on probation)")(
      "fraction", po::value<double>(), "national scale only: load this share of it (0 < F <= 1), e.g. 0.001");
  auto values = parse(argc, argv, options);
  auto scale = values["scale"].as<std::string>();
  if (scale != "small" && scale != "national") throw std::invalid_argument("--scale must be 'small' or 'national'");
  auto db = values["db"].as<std::string>();
  if (scale == "national") return national_demo(db, values.count("fraction") ? values["fraction"].as<double>() : 1.0);
  if (values.count("fraction")) throw std::invalid_argument("--fraction applies only to --scale national");
  auto store = open_migrated(db);
  services::SystemClock clock;
  auto sign_ins = services::load_demo(*store, clock);
  cli::import_hsds_json_file(*store, (source_tree() / "data/services-demo.hsds.json").string(), std::cout, std::cerr);
  std::cout << "Demo data loaded. ";
  print_sign_ins(sign_ins);
  return 0;
}

int users(int argc, char** argv) {
  std::string action = argc > 1 ? argv[1] : "";
  po::options_description options{"resettle users add|token"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file")(
      "username", po::value<std::string>()->required(), "sign-in name")("name", po::value<std::string>(),
                                                                         "display name (add)")(
      "role", po::value<std::string>(), "key_worker, pom, com, pre_release, manager, partner or admin (add)")(
      "prison", po::value<std::string>()->default_value(""), "prison code (add)")(
      "pdu", po::value<std::string>()->default_value(""), "probation delivery unit code (add)")(
      "organisation", po::value<std::string>()->default_value(""), "partner organisation (add)")(
      "label", po::value<std::string>(), "what the token is for (token)");
  auto values = parse(argc - 1, argv + 1, options);
  auto store = open_migrated(values["db"].as<std::string>());
  auto username = values["username"].as<std::string>();
  if (action == "add") {
    auto role = parse_role(values.count("role") ? values["role"].as<std::string>() : "");
    if (!role) throw std::invalid_argument("--role must be one of key_worker, pom, com, pre_release, manager, partner, admin");
    if (!values.count("name")) throw std::invalid_argument("--name is required");
    std::string password;
    std::getline(std::cin, password);
    StaffMember staff;
    staff.username = username;
    staff.display_name = values["name"].as<std::string>();
    staff.role = *role;
    staff.prison_code = values["prison"].as<std::string>();
    staff.pdu_code = values["pdu"].as<std::string>();
    staff.organisation = values["organisation"].as<std::string>();
    std::cout << "Created staff account " << services::create_staff_account(*store, staff, password) << "\n";
    return 0;
  }
  if (action == "token") {
    if (!values.count("label")) throw std::invalid_argument("--label is required");
    auto staff = store->begin_read()->staff().find_by_username(username);
    if (!staff) throw std::invalid_argument("no staff account '" + username + "'");
    std::cout << services::issue_api_token(*store, staff->id, values["label"].as<std::string>()) << "\n";
    return 0;
  }
  throw std::invalid_argument("users needs 'add' or 'token'");
}

// Case dates depend on the day (a tariff passes, someone turns 18): run nightly.
int refresh(int argc, char** argv) {
  po::options_description options{"resettle refresh"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file");
  auto values = parse(argc, argv, options);
  auto store = open_migrated(values["db"].as<std::string>());
  services::SystemClock clock;
  std::cout << "Worked out the case dates of " << services::refresh_all_case_dates(*store, clock.today())
            << " people for " << to_iso(clock.today()) << "\n";
  return 0;
}

int dispatch(const std::string& command, int argc, char** argv) {
  if (command == "serve") return serve(argc, argv);
  if (command == "migrate") return migrate(argc, argv);
  if (command == "routes") return routes(argc, argv);
  if (command == "demo") return demo(argc, argv);
  if (command == "refresh") return refresh(argc, argv);
  if (command == "users") return users(argc, argv);
  if (command == "import") return cli::run_import_command(argc, argv, std::cout, std::cerr);
  if (command == "export") return cli::run_export_command(argc, argv, std::cout);
  if (command == "dates") return cli::run_dates_command(argc, argv, std::cin, std::cout);
  std::cerr << usage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << usage;
    return 2;
  }
  try {
    return dispatch(argv[1], argc - 1, argv + 1);
  } catch (const ValidationFailed& failed) {
    for (const auto& error : failed.errors()) std::cerr << "resettle: " << error.field << ": " << error.message << "\n";
  } catch (const po::error& error) {
    std::cerr << "resettle: " << error.what() << "\n";
  } catch (const std::exception& error) {
    std::cerr << "resettle: " << error.what() << "\n";
  }
  return 1;
}

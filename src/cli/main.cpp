// resettle: one binary, one sub-command per job (DESIGN.md §1).
#include <boost/program_options.hpp>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <stop_token>
#include <iomanip>
#include <iostream>
#include <thread>
#include <utility>

#include "cli/copy_command.hpp"
#include "cli/dates_command.hpp"
#include "cli/directory_commands.hpp"
#include "cli/message_sender.hpp"
#include "cli/progress_bar.hpp"
#include "cli/verify_command.hpp"
#include "domain/errors.hpp"
#include "services/accounts/accounts.hpp"
#include "services/supervision/appointments.hpp"
#include "services/demo_data.hpp"
#include "services/health.hpp"
#include "services/release_dates/key_dates_batch.hpp"
#include "services/messages/messages.hpp"
#include "services/national_data.hpp"
#include "services/responsibility/responsibility.hpp"
#include "services/sign_in/sign_in.hpp"
#include "services/sign_in/two_factor.hpp"
#include "store/postgresql/bulk_load.hpp"
#include "store/postgresql/copy.hpp"
#include "store/postgresql/uri.hpp"
#include "store/operations.hpp"
#include "store/store.hpp"
#include "web/app.hpp"
#include "web/http/http.hpp"
#include "web/insight/views.hpp"
#include "source_tree.hpp"

namespace po = boost::program_options;
using namespace resettle;

namespace {

constexpr std::string_view usage =
    "usage: resettle <command> [options]\n"
    "  serve   --db FILE|URI [--port N] [--address A] [--web-root DIR]   run the web application and API\n"
    "          [--max-connections N] [--max-connections-per-address N] [--header-timeout S] [--idle-timeout S]\n"
    "          [--send-every S]                                     (S seconds between sends of due messages; 0: none)\n"
    "          [--notify-api-key-file F --notify-templates F [--notify-base-url U]]   send through GOV.UK Notify\n"
    "  send    --db FILE|URI [--notify-...]                         send the messages due now, once (as serve)\n"
    "  migrate --db FILE|URI                                        apply pending schema migrations (URI: postgresql://...)\n"
    "  routes  [--web-root DIR]                                     list every route: method and path pattern\n"
    "  demo    --db FILE|URI [--scale small|national] [--fraction F] load demo data into a new database\n"
    "  refresh --db FILE|URI                                        nightly: every case's dates for today, closed evidence windows\n"
    "                                                               (one runner at a time per database)\n"
    "  users add --db FILE|URI --username U --name N --role R [--prison P] [--pdu D] [--organisation-id ID]\n"
    "            (the password is read from standard input)\n"
    "  users token --db FILE --username U --label L [--scope read|write] [--days N]   issue an API bearer token\n"
    "  users tokens --db FILE --username U                          list an account's API tokens\n"
    "  users revoke-token --db FILE --id N                          revoke an API token\n"
    "  users deactivate|reactivate --db FILE --username U           end or restore an account's access\n"
    "  users reset-password --db FILE --username U                  new password from standard input\n"
    "  users reset-two-factor --db FILE --username U                set up two-factor sign-in again\n"
    "  backup  --db FILE|URI --to FILE                              consistent copy of a live database (URI: pg_dump's format)\n"
    "  copy    --from FILE|URI --to URI|FILE                        a whole database from SQLite to PostgreSQL or back\n"
    "  import  --db FILE|URI (--hsds-json FILE | --hsds-csv DIR)     load services into the directory (HSDS 3.0)\n"
    "  export  --db FILE|URI (--hsds-json FILE | --hsds-csv DIR)     write the service directory as HSDS 3.0\n"
    "  dates   [--bank-holidays FILE]       key dates and responsibility: JSON lines on stdin -> JSON lines on stdout\n"
    "  verify  --db FILE|URI [--anchor FILE] check the journal's and access log's hash chains (exit 1 if broken)\n"
    "Run 'resettle <command> --help' for a command's options.\n";

po::variables_map parse(int argc, char** argv, const po::options_description& options) {
  po::variables_map values;
  po::store(po::command_line_parser(argc, argv).options(options).run(), values);
  po::notify(values);
  return values;
}

// The store --db names (a file or a postgresql:// URI), brought up to the latest schema.
std::unique_ptr<store::Store> open_migrated(const std::string& db) {
  auto store = store::open_store(db, 8);
  store->migrate();
  return store;
}

constexpr const char* database_help = "SQLite database file or postgresql:// URI";

// Where the templates and assets are: --web-root, or the source tree this binary was built from; and
// the database /health reports on.
web::AppOptions app_options(const po::variables_map& values) {
  auto options = web::default_app_options();
  if (values.count("web-root")) {
    options.web_root = values["web-root"].as<std::string>();
    options.generated_assets = options.web_root / "build" / "assets";
  }
  if (values.count("trusted-proxy")) options.trusted_proxies = values["trusted-proxy"].as<std::vector<std::string>>();
  if (values.count("min-free-mb")) options.min_free_bytes = values["min-free-mb"].as<std::uintmax_t>() << 20;
  if (values.count("db")) options.database = values["db"].as<std::string>();
  return options;
}

// The outbox's dispatcher beside the web server: sends what is due every `every` seconds until stopped.
// A failed round is reported and the next one tries again: messages stay queued in the database.
void send_messages_until(std::stop_token stop, store::Store& store, const services::Clock& clock, services::MessageSender& sender,
                         int every) {
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    try {
      services::dispatch_due(store, clock, sender);
    } catch (const std::exception& failure) {
      std::cerr << "sending messages failed: " << failure.what() << std::endl;
    }
    std::unique_lock lock{mutex};
    wake.wait_for(lock, stop, std::chrono::seconds{every}, [] { return false; });
  }
}

// Insight's figures made ahead of the requests beside the web server (services::keep_figures_ready): at
// once for today, then every `every` seconds brought up to date, the next day's made in the last hour (or
// two rounds) before midnight, and the change log trimmed. A failed round is reported; requests never wait
// for one: they make the figures themselves when they are not made. A round in progress when the server stops
// ends at its next check of `stop`, so stopping waits for one read at most, not for the whole making.
void keep_insight_ready_until(std::stop_token stop, store::Store& store, const services::Clock& clock, int every) {
  std::mutex mutex;
  std::condition_variable_any wake;
  const std::chrono::seconds lead{std::max(3600, 2 * every)};
  while (!stop.stop_requested()) {
    try {
      auto& memo = web::insight_memo();
      auto made = memo.made_afresh();
      auto started = std::chrono::steady_clock::now();
      services::keep_figures_ready(store, clock, memo, lead, stop);
      if (memo.made_afresh() > made)  // once a day, and at start-up: for operators (and the benchmark)
        std::cout << "Insight's figures made ahead in "
                  << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s" << std::endl;
    } catch (const std::exception& failure) {
      std::cerr << "making insight's figures ahead failed: " << failure.what() << std::endl;
    }
    std::unique_lock lock{mutex};
    wake.wait_for(lock, stop, std::chrono::seconds{every}, [] { return false; });
  }
}

int serve(int argc, char** argv) {
  po::options_description options{"resettle serve"};
  options.add_options()("db", po::value<std::string>()->required(), database_help)(
      "port", po::value<int>()->default_value(8080), "port to listen on (0: any free port)")(
      "address", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")(
      "web-root", po::value<std::string>(), "repository root holding templates and assets")(
      "workers", po::value<int>()->default_value(web::default_worker_threads()),
      "threads for request handlers (default: twice the hardware threads, at most 8)")(
      "trusted-proxy", po::value<std::vector<std::string>>()->default_value({}, ""),
      "address of a reverse proxy whose X-Forwarded-For names the client (repeatable)")(
      "min-free-mb", po::value<std::uintmax_t>()->default_value(services::default_min_free_bytes >> 20),
      "/health fails when the database's disk has less free space than this")(
      "max-connections", po::value<int>()->default_value(static_cast<int>(web::default_max_connections())),
      "open connections served at once; more are answered 503 (default: the open-file limit less 128, at most 10000)")(
      "max-connections-per-address", po::value<int>()->default_value(256),
      "open connections served at once from one client address")(
      "header-timeout", po::value<int>()->default_value(10), "seconds a client has to send a request's headers")(
      "idle-timeout", po::value<int>()->default_value(30), "seconds a kept-alive connection may wait for its next request")(
      "send-every", po::value<int>()->default_value(5), "seconds between sends of the messages due (0: the server sends none)")(
      "insight-every", po::value<int>()->default_value(300),
      "seconds between makings of insight's figures ahead of the requests (0: requests make them)");
  cli::add_message_sender_options(options);
  auto values = parse(argc, argv, options);
  if (values["send-every"].as<int>() < 0) throw std::invalid_argument("--send-every must be 0 or more");
  if (values["insight-every"].as<int>() < 0) throw std::invalid_argument("--insight-every must be 0 or more");
  auto port = values["port"].as<int>();
  if (port < 0 || port > 65535) throw std::invalid_argument("--port must be between 0 and 65535");
  for (const char* positive : {"max-connections", "max-connections-per-address", "header-timeout", "idle-timeout"})
    if (values[positive].as<int>() < 1) throw std::invalid_argument(std::string{"--"} + positive + " must be at least 1");

  services::SystemClock clock;
  auto message_sender = cli::message_sender(values, clock);  // a bad Notify setting stops the start
  const auto& db = values["db"].as<std::string>();
  auto store = open_migrated(db);
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
  std::jthread sender;
  if (auto every = values["send-every"].as<int>(); every > 0)
    sender = std::jthread{[&store, &clock, &message_sender, every](std::stop_token stop) {
      send_messages_until(stop, *store, clock, *message_sender, every);
    }};
  std::jthread insight;
  if (auto every = values["insight-every"].as<int>(); every > 0)
    insight = std::jthread{[&store, &clock, every](std::stop_token stop) { keep_insight_ready_until(stop, *store, clock, every); }};
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
  options.add_options()("db", po::value<std::string>()->required(), database_help);
  auto values = parse(argc, argv, options);
  const auto& db = values["db"].as<std::string>();
  auto version = store::open_store(db, 1)->migrate();
  std::cout << "Schema is at version " << version << "\n";
  return 0;
}

void print_sign_ins(const std::vector<services::DemoSignIn>& sign_ins) {
  std::cout << "Sign in with any of these usernames and the password '" << services::demo_password << "':\n";
  for (const auto& sign_in : sign_ins) std::cout << "  " << sign_in.username << "  (" << sign_in.role << ")\n";
  std::cout << "admin and manager also give a code from an authenticator app set up with the demo key "
            << services::demo_totp_secret << "\n(" << services::otpauth_uri(std::string{services::demo_totp_secret}, "demo")
            << ")\n";
}

std::string with_commas(double value) {
  auto digits = std::to_string(std::llround(value));
  for (auto at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

// The backend's physical limit a load of `rows` rows into `db` is reported against, and its name:
// SQLite's raw prepared inserts into a scratch file beside the database, PostgreSQL's COPY into a
// scratch table of the database itself.
std::pair<store::RawInsertRate, std::string_view> raw_insert_baseline(const std::string& db, std::int64_t rows) {
  if (store::postgresql::is_uri(db)) return {store::measure_postgresql_raw_inserts(db, rows), "raw PostgreSQL COPY"};
  return {store::measure_sqlite_raw_inserts(db + ".raw-baseline", rows), "raw SQLite prepared inserts"};
}

// The synthetic national data set loaded into the SQLite file `db`.
services::NationalLoadSummary load_national_file(const std::string& db, const services::NationalScale& scale) {
  auto store = open_migrated(db);
  services::SystemClock clock;
  cli::ProgressBar bar{std::cerr, isatty(STDERR_FILENO) == 1};
  return services::load_national_demo(*store, clock, scale, [&](std::string_view what, std::int64_t done, std::int64_t total) {
    bar.show(what, done, total);
  });
}

// Into PostgreSQL the data set goes by COPY: loaded row by row into a scratch SQLite file (in this
// process, so no round trip a row), then moved across as `resettle copy` moves a database, which keeps
// every row, the journal and its chain as the load wrote them and checks the counts and chain heads
// before it commits (docs/decisions.md, "The national load into PostgreSQL by COPY").
services::NationalLoadSummary load_national_by_copy(const std::string& uri, const services::NationalScale& scale) {
  // Refused before the load rather than by the copy after it, as a load into the database itself would be.
  if (!open_migrated(uri)->begin_read()->staff().list().empty()) throw Conflict("this database already has staff accounts");
  auto scratch = std::filesystem::temp_directory_path() / ("resettle-national-" + std::to_string(getpid()) + ".db");
  auto remove_scratch = [&] {
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch.string() + suffix);
  };
  try {
    auto loaded = load_national_file(scratch.string(), scale);
    auto started = std::chrono::steady_clock::now();
    store::postgresql::copy_to_postgresql(scratch.string(), uri);
    loaded.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    remove_scratch();
    return loaded;
  } catch (...) {
    remove_scratch();
    throw;
  }
}

// The synthetic national data set, then the same number of raw inserts beside it: the physical limit
// the load's rate is reported against.
int national_demo(const std::string& db, double fraction) {
  auto scale = services::national_scale(fraction);
  auto loaded = store::postgresql::is_uri(db) ? load_national_by_copy(db, scale) : load_national_file(db, scale);
  auto [raw, baseline] = raw_insert_baseline(db, std::max<std::int64_t>(loaded.rows, 100'000));
  double load_rate = loaded.rows / loaded.seconds;
  std::cout << "National data set loaded: " << scale.regions << " regions, " << scale.prisons << " prisons, "
            << scale.pdus << " probation delivery units, " << loaded.teams << " teams, " << loaded.staff
            << " staff, " << scale.in_custody << " people in custody, " << scale.on_probation
            << " on probation, " << loaded.allocations << " allocations.\n";
  std::cout << "Load: " << with_commas(loaded.rows) << " rows in " << std::fixed << std::setprecision(1)
            << loaded.seconds << " s = " << with_commas(load_rate) << " rows/s; " << baseline << ": "
            << with_commas(raw.rows_per_second()) << " rows/s; load/raw = " << std::setprecision(1)
            << 100 * load_rate / raw.rows_per_second() << "%\n";
  print_sign_ins(loaded.sign_ins);
  return 0;
}

int demo(int argc, char** argv) {
  po::options_description options{"resettle demo"};
  options.add_options()("db", po::value<std::string>()->required(), database_help)(
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

// A partner account names its organisation by directory id, which must be in the directory: two
// organisations may share a name, and what a partner sees must never follow a name.
void link_organisation(store::Store& store, StaffMember& staff) {
  if (staff.organisation_id.empty()) {
    if (is_partner_agency(staff.role))
      throw ValidationFailed("organisation-id", "is required for a partner agency's account: the organisation's id in the service directory");
    return;
  }
  auto organisation = store.begin_read()->directory().find_organisation(staff.organisation_id);
  if (!organisation) throw ValidationFailed("organisation-id", "is not an organisation in the service directory");
  if (staff.organisation.empty()) staff.organisation = organisation->name;
}

StaffMember new_account(const po::variables_map& values) {
  auto role = parse_role(values.count("role") ? values["role"].as<std::string>() : "");
  if (!role) throw std::invalid_argument("--role must be one of key_worker, pom, com, pre_release, manager, partner, admin, police, social_care, mappa_coordinator");
  if (!values.count("name")) throw std::invalid_argument("--name is required");
  StaffMember staff;
  staff.username = values["username"].as<std::string>();
  staff.display_name = values["name"].as<std::string>();
  staff.role = *role;
  staff.prison_code = values["prison"].as<std::string>();
  staff.pdu_code = values["pdu"].as<std::string>();
  staff.organisation = values["organisation"].as<std::string>();
  staff.organisation_id = values["organisation-id"].as<std::string>();
  return staff;
}

std::string password_from_stdin() {
  std::string password;
  std::getline(std::cin, password);
  return password;
}

// `resettle users ...`: whoever runs it holds the database, so it acts as the operator (the
// journal records no member of staff).
int users(int argc, char** argv) {
  std::string action = argc > 1 ? argv[1] : "";
  po::options_description options{"resettle users add|token|tokens|revoke-token|deactivate|reactivate|reset-password|reset-two-factor"};
  options.add_options()("db", po::value<std::string>()->required(), database_help)(
      "username", po::value<std::string>(), "sign-in name")("name", po::value<std::string>(), "display name (add)")(
      "role", po::value<std::string>(), "key_worker, pom, com, pre_release, manager, partner, admin, police, social_care or mappa_coordinator (add)")(
      "prison", po::value<std::string>()->default_value(""), "prison code (add)")(
      "pdu", po::value<std::string>()->default_value(""), "probation delivery unit code (add)")(
      "organisation", po::value<std::string>()->default_value(""), "partner organisation's name as shown (add)")(
      "organisation-id", po::value<std::string>()->default_value(""),
      "partner organisation's id in the service directory: what they may see follows it (add; partners)")(
      "label", po::value<std::string>(), "what the token is for (token)")(
      "scope", po::value<std::string>()->default_value("read"), "read or write (token)")(
      "days", po::value<int>()->default_value(static_cast<int>(default_token_lifetime.count())),
      "days until the token expires (token)")("id", po::value<std::int64_t>(), "the token's id (revoke-token)");
  auto values = parse(argc - 1, argv + 1, options);
  auto store = open_migrated(values["db"].as<std::string>());
  services::SystemClock clock;
  if (action == "revoke-token") {
    if (!values.count("id")) throw std::invalid_argument("--id is required");
    services::revoke_api_token(*store, clock, nullptr, values["id"].as<std::int64_t>());
    std::cout << "Revoked API token " << values["id"].as<std::int64_t>() << "\n";
    return 0;
  }
  if (!values.count("username")) throw std::invalid_argument("--username is required");
  auto username = values["username"].as<std::string>();
  if (action == "add") {
    auto staff = new_account(values);
    link_organisation(*store, staff);
    std::cout << "Created staff account " << services::create_staff_account(*store, staff, password_from_stdin()) << "\n";
    return 0;
  }
  auto staff = services::find_account(*store, username);
  if (!staff) throw std::invalid_argument("no staff account '" + username + "'");
  if (action == "token") {
    if (!values.count("label")) throw std::invalid_argument("--label is required");
    auto scope = parse_code(token_scopes(), values["scope"].as<std::string>());
    if (!scope) throw std::invalid_argument("--scope must be read or write");
    auto issued = services::issue_api_token(*store, clock, staff->id, values["label"].as<std::string>(), *scope,
                                            std::chrono::days{values["days"].as<int>()});
    std::cout << issued.token << "\n";
    std::cerr << "API token " << issued.id << " (" << values["scope"].as<std::string>() << ") expires at "
              << issued.expires_at << "\n";
    return 0;
  }
  if (action == "tokens") {
    for (const auto& token : services::account_details(*store, nullptr, staff->id).tokens)
      std::cout << token.id << "\t" << entry_for(token_scopes(), token.scope).code << "\t" << token.expires_at << "\t"
                << (token.revoked_at.empty() ? "current" : "revoked " + token.revoked_at) << "\t" << token.label << "\n";
    return 0;
  }
  if (action == "deactivate") services::deactivate_account(*store, clock, nullptr, staff->id);
  else if (action == "reactivate") services::reactivate_account(*store, clock, nullptr, staff->id);
  else if (action == "reset-password") services::reset_password(*store, clock, nullptr, staff->id, password_from_stdin());
  else if (action == "reset-two-factor") services::reset_two_factor(*store, clock, nullptr, staff->id);
  else throw std::invalid_argument("users needs add, token, tokens, revoke-token, deactivate, reactivate, reset-password or reset-two-factor");
  std::cout << "Done: " << action << " " << username << "\n";
  return 0;
}

// While `resettle serve` writes: on SQLite, WAL lets the copy read one snapshot without holding writers
// up; on PostgreSQL, pg_dump reads one snapshot as any other reader does.
int backup(int argc, char** argv) {
  po::options_description options{"resettle backup"};
  options.add_options()("db", po::value<std::string>()->required(), "SQLite database file or postgresql:// URI (may be in use)")(
      "to", po::value<std::string>()->required(), "the backup file to write (replaced if it exists)");
  auto values = parse(argc, argv, options);
  const auto& db = values["db"].as<std::string>();
  const auto& to = values["to"].as<std::string>();
  if (store::postgresql::is_uri(db)) {
    auto bytes = store::backup_postgresql(db, to);
    std::cout << "Backed up " << bytes << " bytes to " << to << " (pg_dump's custom format: restore with pg_restore)\n";
    return 0;
  }
  auto pages = store::backup_sqlite(db, to);
  std::cout << "Backed up " << pages << " pages to " << to << "\n";
  return 0;
}

// Nightly: case dates depend on the day (a tariff passes, someone turns 18), and an absence whose
// evidence window has closed becomes a failure to comply. One runner at a time per database, so a
// scheduler on each of several servers may start it: the others say so and do nothing.
int refresh(int argc, char** argv) {
  po::options_description options{"resettle refresh"};
  options.add_options()("db", po::value<std::string>()->required(), database_help);
  auto values = parse(argc, argv, options);
  const auto& db = values["db"].as<std::string>();
  auto store = open_migrated(db);
  auto turn = store::try_take_job(db, "nightly-refresh");
  if (!turn) {
    std::cout << "Another refresh of this database is running: this one did nothing\n";
    return 0;
  }
  services::SystemClock clock;
  std::cout << "Worked out the case dates of " << services::refresh_all_case_dates(*store, clock.today())
            << " people for " << to_iso(clock.today()) << "\n";
  auto holidays = services::load_bank_holidays((source_tree() / "data/bank-holidays-england-and-wales.json").string());
  std::cout << "Took " << services::close_evidence_windows(*store, clock, holidays)
            << " enforcement steps for absences whose evidence window closed\n";
  return 0;
}

// Sends the messages due now once, for an operator or a scheduler (the server sends them itself).
int send_due(int argc, char** argv) {
  po::options_description options{"resettle send"};
  options.add_options()("db", po::value<std::string>()->required(), database_help);
  cli::add_message_sender_options(options);
  auto values = parse(argc, argv, options);
  services::SystemClock clock;
  auto sender = cli::message_sender(values, clock);
  auto store = open_migrated(values["db"].as<std::string>());
  auto report = services::dispatch_due(*store, clock, *sender, 10'000);
  std::cout << "Sent " << report.sent << ", retrying " << report.retrying << ", failed " << report.failed << ", withheld "
            << report.withheld << ", held back by quiet hours " << report.deferred << "\n";
  return 0;
}

int dispatch(const std::string& command, int argc, char** argv) {
  if (command == "serve") return serve(argc, argv);
  if (command == "migrate") return migrate(argc, argv);
  if (command == "routes") return routes(argc, argv);
  if (command == "demo") return demo(argc, argv);
  if (command == "refresh") return refresh(argc, argv);
  if (command == "send") return send_due(argc, argv);
  if (command == "users") return users(argc, argv);
  if (command == "backup") return backup(argc, argv);
  if (command == "copy") return cli::run_copy_command(argc, argv, std::cout);
  if (command == "import") return cli::run_import_command(argc, argv, std::cout, std::cerr);
  if (command == "export") return cli::run_export_command(argc, argv, std::cout);
  if (command == "dates") return cli::run_dates_command(argc, argv, std::cin, std::cout);
  if (command == "verify") return cli::run_verify_command(argc, argv, std::cout);
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

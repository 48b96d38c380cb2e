#pragma once
// `resettle import` and `resettle export`: the service directory in and out as Open Referral
// HSDS 3.0 JSON (one file) or CSV (a folder of organizations.csv, services.csv, ...).
#include <iosfwd>
#include <string>

#include "store/store.hpp"

namespace resettle::cli {

// argv[0] is the sub-command name. Import prints what it stored on `out` and each rejected
// record (file or list, line or index, field, problem) on `errors`; exit status 0 when all
// records were taken, 1 when some were rejected (the others are stored all the same).
int run_import_command(int argc, char** argv, std::ostream& out, std::ostream& errors);
int run_export_command(int argc, char** argv, std::ostream& out);

// Loads an HSDS JSON file into the directory, as the demo does; returns the exit status above.
int import_hsds_json_file(store::Store& store, const std::string& path, std::ostream& out, std::ostream& errors);

}  // namespace resettle::cli

#pragma once
// `resettle dates [--bank-holidays FILE]`: key dates, responsibility and day of release for one
// case per JSON line on standard input, one JSON line out per case.
#include <iosfwd>

namespace resettle::cli {

// argv[0] is the sub-command name ("dates"). Exit status: 0 when every line was answered,
// 1 when at least one line had bad input (its error line is on `out`), 2 for a bad command
// line or an unreadable bank-holiday file (message on standard error).
int run_dates_command(int argc, char** argv, std::istream& in, std::ostream& out);

}  // namespace resettle::cli

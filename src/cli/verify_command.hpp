#pragma once
// `resettle verify`: checks the hash chains of the journal and the access log.
#include <ostream>

namespace resettle::cli {

// resettle verify --db FILE [--anchor FILE]. Writes one line per chain and returns 0 when both
// hold, 1 when either breaks (naming the first row that does not match). With --anchor, the heads
// recorded there by earlier runs must still be in the chains (a rewritten chain or a cut-off tail
// shows), and this run's heads are added to it: keep that file away from the database.
int run_verify_command(int argc, char** argv, std::ostream& out);

}  // namespace resettle::cli

#pragma once
// `resettle copy`: a whole database from SQLite to PostgreSQL or back.
#include <ostream>

namespace resettle::cli {

// resettle copy --from FILE|URI --to URI|FILE: one side an SQLite file, the other a postgresql://
// URI. Writes what was copied and returns 0; anything refused or found wrong throws, and the target
// keeps no row of it.
int run_copy_command(int argc, char** argv, std::ostream& out);

}  // namespace resettle::cli

#pragma once
// The physical limit a bulk load into PostgreSQL is compared with, as measure_sqlite_raw_inserts is
// SQLite's (store/bulk_load.hpp).
#include <cstdint>
#include <string>

#include "store/bulk_load.hpp"

namespace resettle::store {

// `rows` rows about as wide as a person's, sent by one COPY (PostgreSQL's fastest way in: a prepared insert
// per row would measure round trips) in one transaction, into a throwaway table of the database at `uri`
// that is dropped afterwards.
RawInsertRate measure_postgresql_raw_inserts(const std::string& uri, std::int64_t rows);

}  // namespace resettle::store

#pragma once
// SQLite implementations of the repository interface; each works on the connection of the
// transaction that owns it.
#include "store/sqlite/database.hpp"
#include "store/shared/repositories.hpp"
#include "store/store.hpp"

namespace resettle::store::sqlite {

// What the SQLite repositories not yet in store/shared/ share with those that are.
using shared::cursor_after;
using shared::date_cursor_after;
using shared::DatePosition;
using shared::limited_access_allows_sql;
using shared::next_cursor;
using shared::next_date_cursor;
using shared::page_limit;
using shared::person_columns;
using shared::read_person_row;
using shared::read_summary_row;

}  // namespace resettle::store::sqlite

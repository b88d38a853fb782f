#ifndef MENTORSYNC_CSQLITE_SHIM_H
#define MENTORSYNC_CSQLITE_SHIM_H
// The system libsqlite3 is built with the session extension; declare it so its API is visible.
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro Swift cannot import.
// https://www.sqlite.org/c3ref/c_static.html
static inline sqlite3_destructor_type mentorsync_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
// sqlite3_db_config is variadic, which Swift cannot call: switch triggers on or off for one connection.
// https://www.sqlite.org/c3ref/c_dbconfig_defensive.html#sqlitedbconfigenabletrigger
static inline int mentorsync_enable_triggers(sqlite3 *db, int on) {
    int now = -1;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &now);
}
// sqlite3_config is variadic too: memory statistics off, process-wide, before SQLite starts.
// https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus
static inline int mentorsync_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
#endif

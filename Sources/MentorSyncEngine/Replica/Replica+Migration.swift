import Foundation

/// Schema migrations: a home written by an older program is brought to this program's schema
/// when it is opened, by any command. First a plain SQLite copy is written beside the database
/// (`registry.db.v<N>.bak`, N the old version), then one transaction per step from each version to
/// the next; each step adds the tables and columns of its version and regenerates capture. A crash
/// (kill -9) at any moment leaves the old version intact or the step complete, never a mixture.
extension Replica {
    /// The path of the copy kept before migrating from `version`.
    public static func migrationBackupPath(_ path: String, from version: Int) -> String { "\(path).v\(version).bak" }

    static func migrate(_ db: Database, path: String, from found: Int, to schema: SyncSchema) throws {
        let backup = migrationBackupPath(path, from: found)
        // Written afresh each time: an interrupted migration left the old version intact, so the
        // copy is the same, and a home restored from an older copy must not keep a stale one.
        try db.backup(to: backup)
        for version in (found + 1)...schema.version {
            // A version with no schema of its own only raises the number; its tables are the next one's.
            let target = schema.at(version: version) ?? schema
            try db.transaction {
                // Another process may have migrated meanwhile: read the version under the write lock.
                let now = Int(try db.scalar("SELECT schema_version FROM msync_site WHERE k = 1")?.integer ?? 0)
                guard now < version else { return }
                try installTables(db, target)
                // Peers known before were at most at the old version: they are answered at it until they declare more.
                try db.execute("UPDATE msync_peers SET schema = ? WHERE schema IS NULL", [.integer(Int64(found))])
                try db.execute("UPDATE msync_site SET schema_version = ?", [.integer(Int64(version))])
            }
        }
    }
}

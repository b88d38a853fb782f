import Foundation

/// The registry schema each peer declares. The district answers a school at the highest schema
/// version it has merged from it (a replayed old bundle cannot step it down), so an old agent never
/// receives a table or column it does not know; when the school declares a newer version, its next
/// reply is full, carrying whole what its old version could not hold.
extension Replica {
    /// Adds `msync_peers.schema` to homes made before peers' schemas were kept.
    static func upgradePeerSchema(_ db: Database) throws {
        func has() throws -> Bool { try db.scalar("SELECT 1 FROM pragma_table_info('msync_peers') WHERE name = 'schema'") != nil }
        guard try !has() else { return }
        try db.transaction {
            guard try !has() else { return }  // another process was first
            try db.execute("ALTER TABLE msync_peers ADD COLUMN schema INTEGER")
        }
    }

    /// The highest schema version merged from `site`, or nil before its first bundle.
    public func peerSchemaVersion(_ site: SiteID) throws -> Int? {
        try database.scalar("SELECT schema FROM msync_peers WHERE site = ?", [.text(site.rawValue)])?.integer.map { Int($0) }
    }

    /// Records the schema version of a merged bundle; true when it raises a version known before.
    func notePeerSchema(_ version: Int, of sender: SiteID) throws -> Bool {
        let before = try peerSchemaVersion(sender)
        guard before.map({ version > $0 }) ?? true else { return false }
        try database.execute("UPDATE msync_peers SET schema = ? WHERE site = ?", [.integer(Int64(version)), .text(sender.rawValue)])
        return before != nil
    }

    /// The schema a bundle for `recipient` is written at: at the district, the version the school
    /// declares (the current one before it has declared any); a school writes its own.
    public func answerSchema(for recipient: SiteID) throws -> SyncSchema {
        guard role == .district, let declared = try peerSchemaVersion(recipient), declared < schema.version else { return schema }
        return schema.at(version: declared) ?? schema
    }
}

/// Whose registry a database file is: its site, role, district and registry schema version.
public struct ReplicaIdentity: Equatable, Sendable {
    public var site: SiteID
    public var role: Replica.Role
    /// The district this site belongs to (itself, for the district).
    public var district: SiteID
    /// The registry schema version the file is at (it may be older than this program's).
    public var schemaVersion: Int
    public var createdAt: String
}

extension Replica {
    /// The identity of a registry, read without opening a replica (nothing is created or migrated):
    /// for backups, copies and reports on any SQLite file. Nil when the file holds no registry.
    public static func identity(of db: Database) throws -> ReplicaIdentity? {
        guard try db.tableExists("msync_site"),
              let r = try db.rows("SELECT site, role, district, schema_version, created_at FROM msync_site WHERE k = 1").first else {
            return nil
        }
        guard let site = SiteID(r[0].displayText), let role = Role(rawValue: r[1].displayText),
              let district = SiteID(r[2].displayText) else {
            throw ReplicaError.corruptMetadata("msync_site holds an invalid site")
        }
        return ReplicaIdentity(site: site, role: role, district: district,
                               schemaVersion: Int(r[3].integer ?? 0), createdAt: r[4].displayText)
    }

    /// This replica's identity.
    public var identity: ReplicaIdentity {
        get throws {
            guard let id = try Replica.identity(of: database) else { throw ReplicaError.corruptMetadata("msync_site is missing") }
            return id
        }
    }
}

import Foundation
import MentorSyncEngine

/// A school's home folder: `registry.db` with the school's registry, its key and its sync history.
public final class SchoolHome {
    public let url: URL
    public let replica: Replica
    public var database: Database { replica.database }
    public var site: SiteID { replica.site }
    public var district: SiteID { replica.district }

    static let bookkeeping = [
        "CREATE TABLE IF NOT EXISTS school_identity (k INTEGER PRIMARY KEY CHECK (k = 1), name TEXT NOT NULL, district_name TEXT NOT NULL, key BLOB NOT NULL, enrolled_at TEXT NOT NULL, previous_key BLOB, rekey_sequence INTEGER)",
        // Rejections the district reported, by bundle; each is kept once, with this site's counter
        // when it was heard (a row it names and changed since has been corrected: RefusedRows).
        "CREATE TABLE IF NOT EXISTS school_rejections (bundle TEXT NOT NULL, reason TEXT NOT NULL, heard_at TEXT NOT NULL, counter_at INTEGER, settled INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (bundle, reason))",
        // Replies already merged (skipped when seen again on a share).
        "CREATE TABLE IF NOT EXISTS school_imports (bundle_id TEXT PRIMARY KEY, name TEXT NOT NULL, merged_at TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS school_commands (n INTEGER PRIMARY KEY, name TEXT NOT NULL, argument TEXT NOT NULL, bundle TEXT NOT NULL, carried_out_at TEXT NOT NULL)",
        // The district's corrections to this school's rows, as each reply brought them.
        correctionsTable,
    ]

    /// Creates a school home from its enrollment file; `schema` older than the current one makes
    /// the home an older program would have made (tests of migrations).
    public static func create(at home: URL, enrollment: Enrollment, schema: SyncSchema = RegistrySchema.schema) throws -> SchoolHome {
        let db = DistrictHome.databaseURL(home)
        if FileManager.default.fileExists(atPath: db.path) { throw HomeError.alreadyExists(db.path) }
        try HomePrivacy.prepareNew(database: db)
        let replica = try Replica.create(path: db.path, site: try enrollment.siteID, role: .school,
                                         district: try enrollment.districtID, schema: schema)
        try replica.database.transaction {
            for sql in bookkeeping { try replica.database.execute(sql) }
            try replica.database.execute("INSERT INTO school_identity(k, name, district_name, key, enrolled_at) VALUES (1, ?, ?, ?, ?)",
                                         [.text(enrollment.name), .text(enrollment.districtName), .blob(try enrollment.keyBytes), .text(enrollment.issuedAt)])
            // A new home may be a new machine of a school that existed: it asks for everything it should hold.
            try replica.requestFullCopy(from: try enrollment.districtID)
            try ThisComputer.record(in: replica.database)
        }
        return SchoolHome(url: home, replica: replica)
    }

    /// A folder a school can be set up in from the browser: one that is there and empty, as the
    /// installer leaves it (a file system's `lost+found` aside). A folder holding anything else, or
    /// none at all (a `--home` mistyped, a disk not mounted: a second registry of the school would
    /// be made there), is not taken for a new school's home: the web app says there is no registry.
    public static func awaitsSetup(_ home: URL) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: home.path, isDirectory: &isFolder), isFolder.boolValue,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: home.path) else { return false }
        return entries.allSatisfy { $0 == "lost+found" }
    }

    public static func open(_ home: URL) throws -> SchoolHome {
        let db = DistrictHome.databaseURL(home)
        guard FileManager.default.fileExists(atPath: db.path) else { throw HomeError.notAHome(home.path) }
        HomePrivacy.secure(database: db)
        let replica = try Replica(path: db.path, schema: RegistrySchema.schema)
        HomePrivacy.secure(database: db)  // the side files opening made
        guard replica.role == .school else { throw HomeError.invalidArgument(Message.wrongHome(home.path, isSchools: false).text()) }
        try replica.database.transaction {
            for sql in bookkeeping { try replica.database.execute(sql) }
            let db = replica.database
            // Columns of homes made by earlier versions: the key a new enrollment file replaced and the
            // last bundle sent with it; the counter a refusal was heard at and whether it is settled
            // (RefusedRows: refusals heard before stay without a counter — not marked in the lists,
            // listed by `status` as they were).
            try db.addColumnIfMissing("school_identity", "previous_key", "BLOB")
            try db.addColumnIfMissing("school_identity", "rekey_sequence", "INTEGER")
            try db.addColumnIfMissing("school_rejections", "counter_at", "INTEGER")
            try db.addColumnIfMissing("school_rejections", "settled", "INTEGER NOT NULL DEFAULT 0")
            try ThisComputer.recordIfUnknown(in: db)
        }
        return SchoolHome(url: home, replica: replica)
    }

    init(url: URL, replica: Replica) {
        self.url = url
        self.replica = replica
    }

    /// The school's name: its organizations row's, as the district keeps it (corrected there, it
    /// comes with the next reply), the enrollment's until that row has come.
    public var name: String {
        let kept = try? database.scalar("SELECT name FROM organizations WHERE id = ? AND trim(name) <> ''", [.text(site.rawValue)])?.text
        return kept ?? (try? database.scalar("SELECT name FROM school_identity")?.text) ?? site.rawValue
    }

    /// Installs a new enrollment file of the same school (after the district re-enrolled it).
    public func rekey(_ enrollment: Enrollment) throws {
        guard try enrollment.siteID == site, try enrollment.districtID == district else {
            throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentOtherSchool(enrollment.site, of: enrollment.district, home: site.rawValue, of: district.rawValue)).text())
        }
        // An older file than the one installed (its key since replaced, perhaps revoked): refused.
        if let installed = try database.scalar("SELECT enrolled_at FROM school_identity")?.text, enrollment.issuedAt < installed {
            throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentOlder(issued: enrollment.issuedAt, installed: installed)).text())
        }
        try database.transaction {
            // The key replaced is kept to recognize the district's replies still signed with it.
            // The last bundle written with the old key: what the district says of it later is old news.
            let sent = try replica.peer(district).sentSequence
            try database.execute("UPDATE school_identity SET previous_key = key, rekey_sequence = ?, key = ?, name = ?, enrolled_at = ?",
                                 [.integer(sent), .blob(try enrollment.keyBytes), .text(enrollment.name), .text(enrollment.issuedAt)])
            for r in try database.rows("SELECT bundle, reason FROM school_rejections WHERE NOT settled") {
                try settleIfOldKeyNews(bundle: r[0].displayText, reason: r[1].displayText)
            }
        }
    }

    /// A refusal of a file for its key («install the new enrollment file») about a file written before
    /// the new file was installed is done: settled, not told again (heard before the rekey or after).
    func settleIfOldKeyNews(bundle: String, reason: String) throws {
        switch BundleError(description: reason) {
        case .expiredKey?, .revoked?, .revokedKey?, .badSignature?: break
        default: return
        }
        guard let named = BundleFileName(bundle), named.sender == site.rawValue, case let sequence = named.sequence,
              let installedAfter = try database.scalar("SELECT rekey_sequence FROM school_identity")?.integer,
              sequence <= installedAfter else { return }
        try database.execute("UPDATE school_rejections SET settled = 1 WHERE bundle = ? AND reason = ?", [.text(bundle), .text(reason)])
    }

    /// Whether a reply says it was written before this school's enrollment file was issued (by the
    /// district's clock, both). Unchecked for a reply that fails its signature, so it only ever
    /// quiets a warning about an old file, never lets one in.
    func writtenBeforeEnrollment(_ header: BundleHeader) throws -> Bool {
        guard let issued = try database.scalar("SELECT enrolled_at FROM school_identity")?.text,
              let date = ISO8601DateFormatter().date(from: issued) else { return false }
        return Double(header.createdAt) < date.timeIntervalSince1970
    }

    /// The key the last installed enrollment file replaced, if one was (`rekey`).
    public func previousKey() throws -> [UInt8]? {
        guard case .blob(let k)? = try database.scalar("SELECT previous_key FROM school_identity") else { return nil }
        return k
    }

    public func key() throws -> [UInt8] {
        guard case .blob(let k)? = try database.scalar("SELECT key FROM school_identity") else {
            throw ReplicaError.corruptMetadata("the school's key is missing")
        }
        return k
    }
}

import Foundation
import MentorSyncEngine

/// The district's home folder: `registry.db` (the registry, the schools' keys), `archive/`,
/// `quarantine/` and `work/` (bundles being merged).
public final class DistrictHome {
    public let url: URL
    public let replica: Replica
    public var database: Database { replica.database }
    public var site: SiteID { replica.site }

    public static func databaseURL(_ home: URL) -> URL { home.appendingPathComponent("registry.db") }

    static let bookkeeping = [
        // revoked_key, revoked_key_on: one revoked key per school, as a version of 2026-12 kept it;
        // read into district_revoked_keys when a home is opened.
        """
        CREATE TABLE IF NOT EXISTS district_schools (
          site TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          key BLOB NOT NULL,
          enrolled_at TEXT NOT NULL,
          first_enrolled_at TEXT,
          previous_key BLOB,
          previous_key_until TEXT,
          revoked_at TEXT,
          last_key TEXT,
          revoked_key BLOB,
          revoked_key_on TEXT
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS district_rejections (
          n INTEGER PRIMARY KEY,
          site TEXT,
          bundle TEXT NOT NULL,
          reason TEXT NOT NULL,
          at TEXT NOT NULL,
          label TEXT
        )
        """,
        "CREATE TABLE IF NOT EXISTS district_settings (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
        // Files that named a school but failed its authentication: kept apart from the school's
        // genuine rejections, which anyone could otherwise evict by planting files.
        """
        CREATE TABLE IF NOT EXISTS district_forgeries (
          n INTEGER PRIMARY KEY,
          named_site TEXT NOT NULL,
          bundle TEXT NOT NULL,
          reason TEXT NOT NULL,
          at TEXT NOT NULL,
          told INTEGER NOT NULL DEFAULT 1,
          stray INTEGER NOT NULL DEFAULT 0
        )
        """,
        // How far each writer's counter went in each bundle, and when (WriterClock.swift).
        writerClockTable,
        // Every key a school had when it was revoked, once it has been enrolled again: its lost or
        // stolen computers' files are told apart from forgeries, a second stolen computer's too.
        "CREATE TABLE IF NOT EXISTS district_revoked_keys (site TEXT NOT NULL, key BLOB NOT NULL, revoked_on TEXT NOT NULL, PRIMARY KEY (site, key))",
    ]

    /// Creates a district home.
    /// `schema` older than the current one makes the home an older program would have made (tests of migrations).
    public static func create(at home: URL, site: SiteID, name: String, schema: SyncSchema = RegistrySchema.schema) throws -> DistrictHome {
        let db = databaseURL(home)
        if FileManager.default.fileExists(atPath: db.path) { throw HomeError.alreadyExists(db.path) }
        try HomePrivacy.prepareNew(database: db)
        let replica = try Replica.create(path: db.path, site: site, role: .district, district: site, schema: schema)
        try replica.database.transaction {
            for sql in bookkeeping { try replica.database.execute(sql) }
            try replica.database.execute("INSERT INTO district_settings(k, v) VALUES ('name', ?)", [.text(name)])
            // The district's own organizations row.
            try replica.database.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES (?, ?, ?, 'district')",
                                         [.text(site.rawValue), .text(site.rawValue), .text(name)])
        }
        let h = try DistrictHome(url: home, replica: replica)
        try h.makeFolders()
        return h
    }

    /// Opens an existing district home.
    public static func open(_ home: URL) throws -> DistrictHome {
        let db = databaseURL(home)
        guard FileManager.default.fileExists(atPath: db.path) else { throw HomeError.notAHome(home.path) }
        HomePrivacy.secure(database: db)
        let replica = try Replica(path: db.path, schema: RegistrySchema.schema)
        HomePrivacy.secure(database: db)  // the side files opening made
        guard replica.role == .district else { throw HomeError.invalidArgument(Message.wrongHome(home.path, isSchools: true).text()) }
        try prepare(replica)
        let h = try DistrictHome(url: home, replica: replica)
        try h.makeFolders()
        return h
    }

    /// Creates the district's own tables if missing, and moves the full-exchange state older
    /// versions kept in settings (`resync:SITE`, `fullsent:SITE`, `format:SITE`) into the engine's peers.
    static func prepare(_ replica: Replica) throws {
        let db = replica.database
        try db.transaction {
            let keysListed = try db.tableExists("district_revoked_keys")
            for sql in bookkeeping { try db.execute(sql) }
            // Columns of homes made by earlier versions: a refused row's name; a revoked school's key
            // (read into district_revoked_keys); files kept from the school; a stolen computer's files.
            try db.addColumnIfMissing("district_rejections", "label", "TEXT")
            try db.addColumnIfMissing("district_schools", "revoked_key", "BLOB")
            try db.addColumnIfMissing("district_schools", "revoked_key_on", "TEXT")
            try db.addColumnIfMissing("district_forgeries", "told", "INTEGER NOT NULL DEFAULT 1")
            try db.addColumnIfMissing("district_forgeries", "stray", "INTEGER NOT NULL DEFAULT 0")
            // When the school was first enrolled (`enrolled_at` is its current key's): a new key does
            // not make it a school of this year only (the report's `notInPeriod`).
            try db.addColumnIfMissing("district_schools", "first_enrolled_at", "TEXT")
            // Homes that kept one revoked key per school (in `district_schools`): it starts the list.
            if !keysListed {
                try db.execute("""
                    INSERT OR IGNORE INTO district_revoked_keys(site, key, revoked_on)
                    SELECT site, revoked_key, coalesce(revoked_key_on, '') FROM district_schools WHERE revoked_key IS NOT NULL
                    """)
            }
            let legacy = try db.rows("SELECT k, v FROM district_settings WHERE k LIKE 'resync:%' OR k LIKE 'fullsent:%' OR k LIKE 'format:%'")
            guard !legacy.isEmpty else { return }
            var bySite: [SiteID: [String: String]] = [:]
            for r in legacy {
                let parts = r[0].displayText.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, let site = SiteID(parts[1]) { bySite[site, default: [:]][parts[0]] = r[1].displayText }
            }
            for (site, keys) in bySite {
                try replica.adoptLegacyPeerState(site, requestedSince: keys["resync"], sentThrough: keys["fullsent"].flatMap { Int64($0) },
                                                 format: keys["format"].flatMap { UInt16($0) })
            }
            try db.execute("DELETE FROM district_settings WHERE k LIKE 'resync:%' OR k LIKE 'fullsent:%' OR k LIKE 'format:%'")
        }
    }

    init(url: URL, replica: Replica) throws {
        self.url = url
        self.replica = replica
    }

    public var archive: URL { url.appendingPathComponent("archive") }
    public var quarantine: URL { url.appendingPathComponent("quarantine") }
    public var work: URL { url.appendingPathComponent("work") }

    func makeFolders() throws {
        for d in [archive, quarantine, work] { try HomePrivacy.makeFolder(d) }
    }

    public var name: String { (try? database.scalar("SELECT v FROM district_settings WHERE k = 'name'")?.text) ?? site.rawValue }

    // MARK: Schools

    public struct School: Sendable {
        public var site: SiteID
        public var name: String
        public var enrolledAt: String
        public var revokedAt: String?
    }

    /// The enrolled schools. A school's name is its organizations row's (what the report and the
    /// lists show, corrected there with `put organizations`), the enrollment's when there is none.
    /// A code no school has, in the pattern most districts follow: s001, s002, … (the next after
    /// the greatest such code enrolled), for the enrolment form's example.
    public func freeSchoolCode() throws -> String {
        let numbers = try schools().compactMap { s -> Int? in
            let raw = s.site.rawValue
            return raw.hasPrefix("s") ? Int(raw.dropFirst()) : nil
        }
        return "s" + String(format: "%03d", (numbers.max() ?? 0) + 1)
    }

    public func schools() throws -> [School] {
        try database.rows("""
            SELECT s.site, coalesce(nullif(trim(o.name), ''), s.name), s.enrolled_at, s.revoked_at
            FROM district_schools s LEFT JOIN organizations o ON o.id = s.site ORDER BY s.site
            """).compactMap { r in
            guard let s = SiteID(r[0].displayText) else { return nil }
            return School(site: s, name: r[1].displayText, enrolledAt: r[2].displayText, revokedAt: r[3].isNull ? nil : r[3].displayText)
        }
    }

    public func isEnrolled(_ site: SiteID) throws -> Bool {
        try database.scalar("SELECT 1 FROM district_schools WHERE site = ?", [.text(site.rawValue)]) != nil
    }

    /// Registers a school (or rotates its key when it is enrolled already) and writes its enrollment file.
    /// After a rotation the old key stays valid for `graceDays` (so bundles already on their way still
    /// merge), except after a revocation: a stolen machine's key gets no grace.
    @discardableResult
    public func enroll(site school: SiteID, name: String, out: URL, graceDays: Int = 30) throws -> Enrollment {
        guard school != site else { throw HomeError.invalidArgument(Message.ownSiteID(school.rawValue).text()) }
        try OutputPath.check(out, registry: DistrictHome.databaseURL(url))
        let key = Enrollment.newKey()
        let enrollment = Enrollment(site: school, name: name, district: site, districtName: self.name, key: key)
        let now = Replica.timestamp()
        try database.transaction {
            if try isEnrolled(school) {
                // The refusals «school … was revoked» end with the revocation: enrolled again, the school
                // is no longer told to re-enroll (it heard it at every exchange for 60 days).
                // Genuine ones go; files that only named it stay listed for the coordinator, untold.
                try database.execute("""
                    INSERT OR IGNORE INTO district_revoked_keys(site, key, revoked_on)
                    SELECT site, key, revoked_at FROM district_schools WHERE site = ? AND revoked_at IS NOT NULL
                    """, [.text(school.rawValue)])
                for (select, end) in [("SELECT n, reason FROM district_rejections WHERE site = ?", "DELETE FROM district_rejections WHERE n = ?"),
                                      ("SELECT n, reason FROM district_forgeries WHERE named_site = ? AND told", "UPDATE district_forgeries SET told = 0 WHERE n = ?")] {
                    for r in try database.rows(select, [.text(school.rawValue)]) {
                        if case .revoked? = BundleError(description: r[1].displayText) { try database.execute(end, [r[0]]) }
                    }
                }
                try database.execute("""
                    UPDATE district_schools SET
                      previous_key = CASE WHEN revoked_at IS NULL THEN key END,
                      previous_key_until = CASE WHEN revoked_at IS NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+' || ? || ' days') END,
                      key = ?, name = ?, enrolled_at = ?, revoked_at = NULL, last_key = NULL WHERE site = ?
                    """, [.integer(Int64(graceDays)), .blob(key), .text(name), .text(now), .text(school.rawValue)])
            } else {
                try database.execute("INSERT INTO district_schools(site, name, key, enrolled_at, first_enrolled_at) VALUES (?, ?, ?, ?, ?)",
                                     [.text(school.rawValue), .text(name), .blob(key), .text(now), .text(now)])
            }
            try database.execute("""
                INSERT INTO organizations(id, org_id, name, kind) VALUES (?, ?, ?, 'school')
                ON CONFLICT(id) DO UPDATE SET name = excluded.name
                """, [.text(school.rawValue), .text(site.rawValue), .text(name)])
            // Nothing more is needed for the first reply: against the empty knowledge of a new school,
            // every district write for it is unacknowledged, so the first reply carries all of it.
            try enrollment.write(to: out)
        }
        return enrollment
    }

    /// Where the web app keeps the enrollment files it wrote, to be downloaded.
    public var webEnrollments: URL { url.appendingPathComponent("web-enrollments") }

    /// An enrollment file holds a school's secret key: one the web app wrote is kept a day, to be
    /// downloaded, and no longer (a copy left on the server is a key anyone there could take).
    /// Run by the web app's pages and by every ingest pass, so a district that stops using the web
    /// app does not keep them.
    public static let webEnrollmentKeptSeconds: TimeInterval = 24 * 3600

    public func removeOldWebEnrollmentFiles(now: Date = Date()) {
        let files = (try? FileManager.default.contentsOfDirectory(at: webEnrollments, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for f in files where f.pathExtension == "enrollment" {
            let written = (try? f.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            if now.timeIntervalSince(written) > Self.webEnrollmentKeptSeconds { try? FileManager.default.removeItem(at: f) }
        }
    }

    /// Refuses a school's bundles at once (a stolen or lost machine). Re-enrolling lifts it with a new key.
    public func revoke(_ school: SiteID) throws {
        guard try isEnrolled(school) else { throw HomeError.notEnrolled(school.rawValue) }
        let now = Replica.timestamp()
        try database.transaction {
            // A key still in its grace period (the school had been enrolled again) is revoked with the
            // current one: the stolen computer may be the one that still held it, and the replies
            // signed with it are taken off the share like the others (DistrictIngest.removeRevokedReplies).
            try database.execute("""
                INSERT OR IGNORE INTO district_revoked_keys(site, key, revoked_on)
                SELECT site, previous_key, ?1 FROM district_schools WHERE site = ?2 AND previous_key IS NOT NULL AND previous_key_until > ?1
                """, [.text(now), .text(school.rawValue)])
            try database.execute("UPDATE district_schools SET revoked_at = ?, previous_key = NULL, previous_key_until = NULL WHERE site = ?",
                                 [.text(now), .text(school.rawValue)])
        }
    }

    /// The keys a school had when it was revoked, and when, newest first, once it has been enrolled
    /// again with a new one (its old computers' files are then told apart from forgeries).
    public func revokedKeys(_ school: SiteID) throws -> [(key: [UInt8], on: String)] {
        try database.rows("SELECT key, revoked_on FROM district_revoked_keys WHERE site = ? ORDER BY revoked_on DESC", [.text(school.rawValue)])
            .compactMap { r in
                guard case .blob(let key) = r[0] else { return nil }
                return (key, r[1].text ?? "")
            }
    }

    /// The keys of a school, for verifying its bundles and signing its replies.
    public struct SchoolKeys: Sendable {
        public var current: [UInt8]
        public var previous: [UInt8]?
        public var previousUntil: String?
        public var previousValid: Bool
        public var revokedAt: String?
        public var lastKey: String?

        /// Replies are signed with the key the school used last, while that key is still accepted.
        public var replyKey: [UInt8] {
            if lastKey == "previous", previousValid, let previous { return previous }
            return current
        }
    }

    public func schoolKeys(_ school: SiteID) throws -> SchoolKeys {
        guard let r = try database.rows("""
            SELECT key, previous_key, previous_key_until, previous_key_until > strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), revoked_at, last_key
            FROM district_schools WHERE site = ?
            """, [.text(school.rawValue)]).first, case .blob(let current) = r[0] else {
            throw BundleError.unknownSender(school.rawValue)
        }
        var previous: [UInt8]?
        if case .blob(let p) = r[1] { previous = p }
        return SchoolKeys(current: current, previous: previous, previousUntil: r[2].text, previousValid: r[3].integer == 1,
                          revokedAt: r[4].text, lastKey: r[5].text)
    }

    public func noteKeyUsed(_ school: SiteID, previous: Bool) throws {
        try database.execute("UPDATE district_schools SET last_key = ? WHERE site = ?", [.text(previous ? "previous" : "current"), .text(school.rawValue)])
    }

    public func setting(_ key: String) throws -> String? {
        try database.scalar("SELECT v FROM district_settings WHERE k = ?", [.text(key)])?.text
    }

    public func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try database.execute("INSERT OR REPLACE INTO district_settings(k, v) VALUES (?, ?)", [.text(key), .text(value)])
        } else {
            try database.execute("DELETE FROM district_settings WHERE k = ?", [.text(key)])
        }
    }

    /// Orders a school to resync: its next reply orders a full re-send and carries its full subscription.
    public func orderResync(_ school: SiteID) throws {
        guard try isEnrolled(school) else { throw HomeError.notEnrolled(school.rawValue) }
        try database.transaction {
            try replica.orderFullExchange(with: school)
            // A resync often follows a restore from backup: never reuse a counter issued before it.
            try replica.leapCounter()
        }
    }

    /// The enrolled school a bundle's file name names as its sender, addressed to this district
    /// (`BundleFileName`), or nil: only for telling whose a file too damaged to read seems to be.
    public func school(namedByFile name: String) -> SiteID? {
        guard let named = BundleFileName(name), named.recipient == site.rawValue, let school = SiteID(named.sender),
              (try? isEnrolled(school)) == true else { return nil }
        return school
    }

    /// Records a refused bundle, or a refused row of one with `label`, the row's name as its values
    /// gave it (the district does not hold a row it refused; the coordinator reads it by that name).
    public func recordRejection(site: SiteID?, bundle: String, reason: String, label: String? = nil) throws {
        try database.execute("INSERT INTO district_rejections(site, bundle, reason, at, label) VALUES (?, ?, ?, ?, ?)",
                             [site.map { .text($0.rawValue) } ?? .null, .text(bundle), .text(reason), .text(Replica.timestamp()),
                              label.map { .text($0) } ?? .null])
    }

    /// Records a file that named `site` but was not signed with its key (the newest 1000 per site are kept).
    /// `site` nil: a file that named no enrolled school (or nothing readable), kept under '' to be
    /// listed among the refusals all the same.
    /// `told`: false for a file the school should not hear of (signed with its revoked key).
    /// `stray`: a file of the lost or stolen computer for certain (`SchoolStatus.strayComputerFiles`).
    public func recordForgery(naming named: SiteID?, bundle: String, reason: String, told: Bool = true, stray: Bool = false) throws {
        let site = named?.rawValue ?? ""
        try database.transaction {
            try database.execute("INSERT INTO district_forgeries(named_site, bundle, reason, at, told, stray) VALUES (?, ?, ?, ?, ?, ?)",
                                 [.text(site), .text(bundle), .text(reason), .text(Replica.timestamp()), .integer(told ? 1 : 0),
                                  .integer(stray ? 1 : 0)])
            try database.execute("""
                DELETE FROM district_forgeries WHERE named_site = ?1 AND n <= (
                  SELECT n FROM district_forgeries WHERE named_site = ?1 ORDER BY n DESC LIMIT 1 OFFSET 1000)
                """, [.text(site)])
        }
    }

    /// A bundle of the school's own merged: its key is right, so the files that named it and failed
    /// their authentication before were a stranger's (another district's school of the same code, a
    /// forgery) or are old news — the coordinator's to know, no longer told to the school (it heard
    /// «подключите школу заново» at every exchange for 60 days). Runs in the bundle's merge.
    public func ownBundleMerged(_ school: SiteID) throws {
        try database.execute("UPDATE district_forgeries SET told = 0 WHERE named_site = ? AND told", [.text(school.rawValue)])
    }

    /// Files that named `site` but failed its authentication, newest last.
    public func forgeries(naming site: SiteID) throws -> [BundleHeader.Rejection] {
        try database.rows("SELECT bundle, reason FROM district_forgeries WHERE named_site = ? ORDER BY n", [.text(site.rawValue)])
            .map { BundleHeader.Rejection(bundle: $0[0].displayText, reason: $0[1].displayText) }
    }

    /// How many of its refusals a school is told at most (each names a row the school then sends
    /// whole: a list cut short would leave rows it never hears of), and in how many bytes.
    public static let refusalsTold = 1000
    static let refusalBytesTold = 512 * 1024

    /// Rejections the school is told of, oldest first (kept for 60 days): its genuine ones (the newest
    /// `refusalsTold`, within `refusalBytesTold` of a reply's header), and beside them, in a slot of
    /// their own so they can never evict those, the newest 20 files that named it but failed its
    /// authentication (a forger, or its own machine with a wrong key) — each until a bundle of the
    /// school's own is accepted after it (`ownBundleMerged`).
    public func rejections(for school: SiteID) throws -> [BundleHeader.Rejection] {
        var told = try database.rows("""
            SELECT bundle, reason FROM (
              SELECT * FROM (SELECT bundle, reason, at, n FROM district_rejections
                             WHERE site = ?1 AND at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') ORDER BY n DESC LIMIT \(DistrictHome.refusalsTold))
              UNION ALL
              SELECT * FROM (SELECT bundle, reason, at, n FROM district_forgeries
                             WHERE named_site = ?1 AND told AND at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') ORDER BY n DESC LIMIT 20))
            ORDER BY at, n
            """, [.text(school.rawValue)]).map { BundleHeader.Rejection(bundle: $0[0].displayText, reason: $0[1].displayText) }
        // The oldest go first when the reasons would fill a reply's header.
        var bytes = told.reduce(0) { $0 + $1.bundle.utf8.count + $1.reason.utf8.count }
        while bytes > DistrictHome.refusalBytesTold, let first = told.first {
            bytes -= first.bundle.utf8.count + first.reason.utf8.count
            told.removeFirst()
        }
        return told
    }
}

import Foundation

/// One site's copy of the registry: a SQLite file holding the synced tables, the capture log,
/// the row clocks, the site's knowledge and the conflicts it has seen.
public final class Replica {
    public enum Role: String, Sendable { case district, school }

    public let database: Database
    public let schema: SyncSchema
    public let site: SiteID
    public let role: Role
    /// The district this site belongs to (itself, for the district).
    public let district: SiteID
    let codec: RowClockCodec
    /// SQL texts of each table, built once rather than for every row merged or exported.
    var sqlTexts: [Int: TableSQL] = [:]
    /// The statements run for every row merged, folded or exported, prepared once: a statement
    /// looked up by its text would hash the text for every row (Replica+RowStatements).
    var rowStatements = RowStatements()
    struct TableSQL { var select: String; var insert: String; var update: String }
    /// By table number: its cell positions (existence, org_id, the columns), for sizing row clocks.
    private lazy var cellSlotsByTable: [Int] = {
        // Table numbers are small (the registry's run 1…17); any other is simply not sized.
        let numbers = schema.tables.map(\.number).filter { (0..<1024).contains($0) }
        var slots = [Int](repeating: 0, count: (numbers.max() ?? 0) + 1)
        for t in schema.tables where numbers.contains(t.number) { slots[t.number] = t.columns.count + 2 }
        return slots
    }()
    func cellSlots(_ table: Int) -> Int { table >= 0 && table < cellSlotsByTable.count ? cellSlotsByTable[table] : 0 }
    func sqlText(_ table: TableSchema) -> TableSQL {
        if let t = sqlTexts[table.number] { return t }
        let cols = table.cellNames.map(SQL.identifier)
        let name = SQL.identifier(table.name)
        let t = TableSQL(select: "SELECT \(cols.joined(separator: ", ")), msync_clock FROM \(name) WHERE id = ?",
                         insert: "INSERT OR REPLACE INTO \(name) (id, \(cols.joined(separator: ", ")), msync_clock, msync_fp) VALUES (?\(String(repeating: ", ?", count: cols.count + 2)))",
                         update: "UPDATE \(name) SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?")
        sqlTexts[table.number] = t
        return t
    }
    /// Batches of the capture log this instance's folds took from a read-ahead (`FoldReadAhead`).
    var batchesReadAhead = 0
    /// The schema cookie when capture was last found in place (`ensureCapture`).
    var checkedSchemaCookie: Int64?
    /// Capture repairs this instance made, for the command to tell its user.
    public internal(set) var captureRepairs: [CaptureRepair] = []
    /// Set by a caller that merges many bundles in one transaction it opened and, if one fails,
    /// rolls it all back and merges them again one savepoint each (the district's pass): a merge
    /// then writes straight into that transaction. A savepoint keeps the original of every page it
    /// changes in its journal; without it a first load of 500,000 rows ran 10–15% faster.
    public var mergesInOpenTransaction = false
    /// Within `readingShares`: the offered rows and the parties to links, read once for all schools.
    var shareMemo: ShareMemo?
    /// Updates of just the cells that won, prepared once per table and set of cells.
    var narrow: [Int: [UInt64: Statement]] = [:]
    /// Updates merged inside SQLite (RowMerger+InPlace), by table and set of cells.
    var inPlace: [Int: [UInt64: Statement]] = [:]
    /// Whether merges try that way first (tests compare it with the usual path alone), and how
    /// many rows this instance merged so.
    var mergesInPlace = true
    var rowsMergedInPlace = 0
    func narrowUpdate(_ table: TableSchema, mask: UInt64, _ sql: () -> String) throws -> Statement {
        if let s = narrow[table.number]?[mask] { return s }
        let s = try database.prepare(sql())
        narrow[table.number, default: [:]][mask] = s
        return s
    }

    /// Creates the bookkeeping and the synced tables in a new database file.
    public static func create(path: String, site: SiteID, role: Role, district: SiteID, schema: SyncSchema) throws -> Replica {
        let db = try Database(path: path)
        if try db.tableExists("msync_site") { throw ReplicaError.alreadyInitialized(path) }
        try db.transaction {
            for sql in CaptureSQL.metadata { try db.execute(sql) }
            try db.execute("INSERT INTO msync_site(k, site, role, district, schema_version, created_at) VALUES (1, ?, ?, ?, ?, ?)",
                           [.text(site.rawValue), .text(role.rawValue), .text(district.rawValue),
                            .integer(Int64(schema.version)), .text(Replica.timestamp())])
            try installTables(db, schema)
        }
        return try Replica(path: path, schema: schema, database: db)
    }

    /// Opens an existing replica.
    public convenience init(path: String, schema: SyncSchema) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw ReplicaError.notInitialized(path) }
        var options = Database.Options()
        options.create = false
        try self.init(path: path, schema: schema, database: try Database(path: path, options: options))
    }

    init(path: String, schema: SyncSchema, database db: Database) throws {
        guard let identity = try Replica.identity(of: db) else { throw ReplicaError.notInitialized(path) }
        let found = identity.schemaVersion
        guard found <= schema.version else { throw ReplicaError.schemaTooNew(found: found, supported: schema.version) }
        self.database = db
        self.schema = schema
        self.site = identity.site
        self.role = identity.role
        self.district = identity.district
        self.codec = RowClockCodec(database: db)
        try MergeFunctions.install(on: db)
        try Replica.upgradePeerState(db)
        try Replica.upgradePeerSchema(db)
        // Homes made before row fingerprints, capture repairs and the tombstone index were kept
        // get their tables and indexes first.
        let unprinted = try db.scalar("SELECT 1 FROM pragma_table_info('msync_rows') WHERE name = 'fp'") == nil
        if try unprinted || !db.tableExists("msync_whole") || !db.indexExists("msync_rows_dead") {
            try db.transaction {
                if unprinted { try db.execute("ALTER TABLE msync_rows ADD COLUMN fp BLOB") }
                if try db.scalar("SELECT 1 FROM pragma_table_info('msync_peers') WHERE name = 'last_bundle_id'") == nil {
                    try db.execute("ALTER TABLE msync_peers ADD COLUMN last_bundle_id BLOB")
                }
                for sql in CaptureSQL.metadata { try db.execute(sql) }
            }
        }
        try Replica.moveClocksIntoRows(db, path: path, schema, version: found)
        if found < schema.version { try Replica.migrate(db, path: path, from: found, to: schema) }
        try Replica.upgradeEnumerationChecks(db, schema)
        try ensureCapture()
        if unprinted { try fingerprintUnprintedRows() }
    }

    static func installTables(_ db: Database, _ schema: SyncSchema) throws {
        for table in schema.tables { try installTable(db, table) }
    }

    /// Creates a synced table, adds the columns it lacks, and (re)creates its capture triggers.
    static func installTable(_ db: Database, _ table: TableSchema, triggers: Bool = true) throws {
        try db.execute(table.createSQL)
        let existing = Set(try db.rows("SELECT name FROM pragma_table_info(?)", [.text(table.name)]).map { $0[0].displayText })
        for c in table.columns where !existing.contains(c.name) {
            // With its checks, so a column added by a migration refuses bad values like a new one.
            try db.execute("ALTER TABLE \(SQL.identifier(table.name)) ADD COLUMN \(c.definitionSQL)")
        }
        for c in TableSchema.clockColumns where !existing.contains(c) {
            try db.execute("ALTER TABLE \(SQL.identifier(table.name)) ADD COLUMN \(c) BLOB")
        }
        if triggers { for sql in CaptureSQL.triggers(for: table) { try db.execute(sql) } }
    }

    /// An ISO 8601 UTC timestamp for bookkeeping.
    /// Written by hand from `gmtime_r`: a formatter made per call cost a tenth of a district's daily
    /// pass (it stamps every log line and every peer it touches).
    public static func timestamp(_ date: Date = Date()) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        guard gmtime_r(&seconds, &t) != nil else { return "1970-01-01T00:00:00Z" }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    }

    // MARK: Clock

    /// The site's Lamport counter: the largest counter it has issued or seen.
    public func counter() throws -> Int64 {
        try database.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'msync_log'")?.integer ?? 0
    }

    /// Raises the Lamport counter so that the next captured write is stamped above `value`.
    func raiseCounter(to value: Int64) throws {
        try database.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'msync_log' AND seq < ?",
                             [.integer(value), .integer(value)])
    }

    /// Moves the Lamport counter far ahead. After a restore from backup, counters issued before
    /// the restore must never be issued again for different writes.
    public func leapCounter(by amount: Int64 = 1_000_000) throws {
        try database.savepoint { try raiseCounter(to: try counter() + amount) }
    }

    /// Everything this site has seen: its own counter, and for each peer what it has merged from it.
    public func knowledge() throws -> VersionVector {
        var vv = VersionVector()
        for r in try database.rows("SELECT site, merged FROM msync_peers") {
            if let s = SiteID(r[0].displayText) { vv.advance(s, to: r[1].integer ?? 0) }
        }
        vv.advance(site, to: try counter())
        return vv
    }

    /// A write transaction of the sync bookkeeping: on failure, cached site numbers are dropped.
    /// `withinOpen`: inside a transaction the caller opened, write straight into it (no savepoint).
    func writeTransaction<T>(withinOpen: Bool = false, _ body: () throws -> T) throws -> T {
        do {
            if withinOpen && database.isInTransaction { return try body() }
            return try database.transaction(.immediate, body)
        } catch {
            codec.forget()
            throw error
        }
    }

    /// Rolls back the transaction a caller opened (the district's pass) and forgets what was
    /// learnt inside it (the site numbers given out in it).
    public func rollBackOpenTransaction() {
        if database.isInTransaction { try? database.execute("ROLLBACK") }
        codec.forget()
    }

    func tableSchema(_ name: String) throws -> TableSchema {
        guard let t = schema.table(named: name) else { throw ReplicaError.unknownTable(name) }
        return t
    }

    static func encodeVector(_ vv: VersionVector) -> [UInt8] {
        var w = ByteWriter()
        BundleHeader.encode(vv, into: &w)
        return w.bytes
    }

    static func decodeVector(_ bytes: [UInt8]) throws -> VersionVector {
        var r = ByteReader(bytes)
        do { return try BundleHeader.decodeVector(&r, "stored knowledge") } catch {
            throw ReplicaError.corruptMetadata("a stored version vector cannot be read")
        }
    }
}

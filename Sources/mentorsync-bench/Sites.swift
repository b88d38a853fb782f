import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The district and its schools, as the test support's `TestDistrict` sets them up
/// (copied here: an executable cannot depend on the test-support target).
enum Sites {
    static let district = SiteID("district")!
    static let schema = RegistrySchema.schema

    static func school(_ n: Int) -> SiteID { SiteID(String(format: "s%03d", n))! }

    /// Each school's enrollment key (the same derivation as the test support).
    static func key(for school: SiteID) -> [UInt8] { SHA256.hash(Array("key-\(school.rawValue)".utf8)) }

    /// The key a bundle is checked with: the school's, whichever way the bundle travels.
    @Sendable static func keyFor(_ header: BundleHeader) throws -> [UInt8] {
        key(for: header.sender == district ? header.recipient : header.sender)
    }

    static func createSchool(at path: String, _ site: SiteID) throws -> Replica {
        try Replica.create(path: path, site: site, role: .school, district: district, schema: schema)
    }

    static func createDistrict(at path: String) throws -> Replica {
        try Replica.create(path: path, site: district, role: .district, district: district, schema: schema)
    }

    /// The empty registry without any sync machinery: the same CREATE TABLE texts, no triggers,
    /// no bookkeeping (the "equal empty database" changesets are applied to).
    static func createPlainRegistry(_ db: RawDatabase) throws {
        try db.execute("BEGIN")
        for t in schema.tables { try db.execute(t.plainCreateSQL) }
        try db.execute("COMMIT")
    }
}

/// Writing generated rows through a plain SQLite connection, as any application would.
enum Load {
    /// Inserts `rows` in one transaction through one prepared statement.
    static func insert(_ rows: [PersonRow], into db: RawDatabase, table: String = PersonRows.table.name) throws {
        let s = try db.prepare(PersonRows.insertSQL(into: table))
        try db.execute("BEGIN IMMEDIATE")
        for r in rows { try insertOne(r, s) }
        try db.execute("COMMIT")
    }

    @inline(__always)
    static func insertOne(_ r: PersonRow, _ s: RawStatement) throws {
        s.bind(r.id, at: 1)
        for (i, v) in r.values.enumerated() { s.bind(v, at: Int32(i + 2)) }
        try s.run()
    }

    /// Inserts `count` generated rows without holding them all, in transactions of 50,000 rows.
    static func insertStreaming(count: Int, from gen: PersonRows, firstIndex: Int = 0, org: String, into db: RawDatabase) throws {
        let s = try db.prepare(PersonRows.insertSQL())
        var i = 0
        while i < count {
            let end = min(count, i + 50_000)
            try db.execute("BEGIN IMMEDIATE")
            for k in i..<end { try insertOne(gen.row(firstIndex + k, org: org), s) }
            try db.execute("COMMIT")
            i = end
        }
    }

    /// Updates the updated column of each row, one statement per row by id, in one transaction.
    static func update(_ rows: [PersonRow], values: [String], in db: RawDatabase, table: String = PersonRows.table.name) throws {
        let s = try db.prepare(PersonRows.updateSQL(of: table))
        try db.execute("BEGIN IMMEDIATE")
        for (r, v) in zip(rows, values) {
            s.bind(v, at: 1)
            s.bind(r.id, at: 2)
            try s.run()
        }
        try db.execute("COMMIT")
    }

    /// Deletes each row by id, one statement per row, in one transaction.
    static func delete(_ rows: [PersonRow], in db: RawDatabase, table: String = PersonRows.table.name) throws {
        let s = try db.prepare(PersonRows.deleteSQL(from: table))
        try db.execute("BEGIN IMMEDIATE")
        for r in rows {
            s.bind(r.id, at: 1)
            try s.run()
        }
        try db.execute("COMMIT")
    }
}

/// A scratch folder for one run, removed at the end unless --keep.
final class Scratch {
    let url: URL
    let keep: Bool

    init(base: String, keep: Bool) throws {
        url = URL(fileURLWithPath: base).appendingPathComponent("mentorsync-bench-\(getpid())-\(UUID().uuidString.prefix(6))")
        self.keep = keep
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { if !keep { try? FileManager.default.removeItem(at: url) } }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func folder(_ name: String) throws -> URL {
        let u = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    /// Removes a database file with its WAL and shared-memory files.
    func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Copies a closed, checkpointed database file (the WAL must be empty or absent).
    func copyDatabase(_ from: String, to: String) throws {
        removeDatabase(to)
        try FileManager.default.copyItem(atPath: from, toPath: to)
    }
}

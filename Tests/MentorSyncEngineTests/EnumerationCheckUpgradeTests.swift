import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Enumeration CHECKs are equalities joined by OR (an `IN (…)` list made SQLite build a temporary
/// b-tree for every row written); files made with `IN (…)` have them rewritten when opened.
final class EnumerationCheckUpgradeTests: XCTestCase {
    let schema = RegistrySchema.schema
    var enumerated: [TableSchema] { schema.tables.filter { $0.columns.contains { $0.earlierCheckSQL != nil } } }

    func storedSQL(_ db: Database, _ table: String) throws -> String {
        try XCTUnwrap(try db.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)])?.text)
    }

    /// Makes a file as the releases before wrote it: every enumeration CHECK as `IN (…)`.
    func writeEarlierChecks(_ db: Database) throws {
        let version = try XCTUnwrap(try db.scalar("PRAGMA schema_version")?.integer)
        try db.execute("PRAGMA writable_schema = ON")
        for t in enumerated {
            var sql = try storedSQL(db, t.name)
            for c in t.columns { if let old = c.earlierCheckSQL, let new = c.checkSQL { sql = sql.replacingOccurrences(of: new, with: old) } }
            try db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [.text(sql), .text(t.name)])
        }
        try db.execute("PRAGMA schema_version = \(version + 1)")
        try db.execute("PRAGMA writable_schema = OFF")
    }

    func testNewTablesCheckWithEqualities() throws {
        let scratch = ScratchDirectory("checks")
        let r = try Replica.create(path: scratch.path("r.db").path, site: SiteID("s001")!, role: .school, district: SiteID("district")!, schema: schema)
        XCTAssertFalse(enumerated.isEmpty)
        for t in enumerated {
            let sql = try storedSQL(r.database, t.name)
            XCTAssertFalse(sql.contains(" IN ("), "\(t.name): \(sql)")
            XCTAssertTrue(sql.contains(#"= 'teacher' OR"#) || t.name != "persons", sql)
        }
    }

    func testAFileWithEarlierChecksIsRewrittenAndRefusesTheSameValues() throws {
        let scratch = ScratchDirectory("checks")
        let path = scratch.path("r.db").path
        do {
            let r = try Replica.create(path: path, site: SiteID("s001")!, role: .school, district: SiteID("district")!, schema: schema)
            try r.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p1', 's001', 'Иванова Мария', 'teacher')")
            try writeEarlierChecks(r.database)
            XCTAssertTrue(try storedSQL(r.database, "persons").contains(#""role" IN ('teacher', 'student'"#), "the file now looks as before")
        }
        let r = try Replica(path: path, schema: schema)
        for t in enumerated { XCTAssertFalse(try storedSQL(r.database, t.name).contains(" IN ("), t.name) }
        XCTAssertEqual(try r.database.integrityCheck(), "ok")
        XCTAssertEqual(try r.database.scalar("SELECT role FROM persons WHERE id = 'p1'")?.text, "teacher", "rows are untouched")
        XCTAssertThrowsError(try r.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p2', 's001', 'Петров', 'boss')"))
        XCTAssertThrowsError(try r.database.execute("UPDATE persons SET role = 'Teacher' WHERE id = 'p1'"))
        try r.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p3', 's001', 'Сидорова', NULL)")
        try r.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p4', 's001', 'Орлова', 'external')")
        XCTAssertThrowsError(try r.database.execute("INSERT INTO mentors(id, org_id, person_id, status) VALUES ('m1', 's001', 'p1', 'retired')"))
        XCTAssertEqual(try r.fold(), 3, "capture goes on: the insert before, and the two after the rewrite")
        // Opened again, nothing more to do.
        let before = try r.database.scalar("PRAGMA schema_version")?.integer
        _ = try Replica(path: path, schema: schema)
        XCTAssertEqual(try r.database.scalar("PRAGMA schema_version")?.integer, before, "a file already rewritten is left alone")
    }
}

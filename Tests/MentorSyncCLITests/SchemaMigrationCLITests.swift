import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 15: a home made at registry schema 1 is upgraded in place by the first command of the
/// new binary, with a plain copy of the old database kept beside it; a home newer than the binary
/// is refused with one line.
final class SchemaMigrationCLITests: XCTestCase {
    /// A school home made at schema 1 (as the previous release made it), with rows written by a
    /// plain SQLite client so they are captured by the version 1 triggers.
    static func makeV1School(_ world: CLIWorld, _ site: String, persons: Int = 2) throws -> URL {
        let enroll = world.scratch.path("\(site).enroll")
        try expectOK(world.district("enroll", "--site", site, "--name", "Школа \(site)", "--out", enroll.path))
        let home = world.schoolHome(site)
        let school = try SchoolHome.create(at: home, enrollment: try Enrollment.read(from: enroll), schema: RegistrySchema.v1)
        let db = school.database
        try db.transaction {
            for i in 0..<persons {
                try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, ?, ?, 'teacher')",
                               [.text(String(format: "p%07d-0000-4000-8000-000000000000", i)), .text(site), .text("Учитель \(i)")])
            }
            try db.execute("INSERT INTO mentors(id, org_id, person_id, status) VALUES ('m1', ?, 'p0000000-0000-4000-8000-000000000000', 'active')", [.text(site)])
            try db.execute("INSERT INTO events(id, org_id, title, status) VALUES ('e1', ?, 'Семинар наставников', 'planned')", [.text(site)])
        }
        return home
    }

    static func columns(_ db: Database, _ table: String) throws -> [String] {
        try db.rows("SELECT name FROM pragma_table_info(?)", [.text(table)]).map { $0[0].displayText }
    }

    func testAV1SchoolHomeIsUpgradedInPlaceByStatusKeepingACopyAndSyncsTheNewTables() throws {
        let world = try CLIWorld(schools: [])
        let home = try Self.makeV1School(world, "s001")
        let dbPath = home.appendingPathComponent("registry.db").path
        do {
            let v1 = try Database(path: dbPath)
            XCTAssertFalse(try v1.tableExists("diagnostics"))
            XCTAssertFalse(try Self.columns(v1, "mentors").contains("network"))
        }

        let status = try world.school("s001", "status", "--json")
        expectOK(status)
        let json = try XCTUnwrap(try world.json(status) as? [String: Any])
        XCTAssertEqual(json["schema_version"] as? Int, 2)
        XCTAssertEqual(json["unacknowledged_changes"] as? Int, 4, "the rows written at version 1 are still on their way")

        // The plain copy beside the database is the home as it was, at version 1.
        let backupPath = dbPath + ".v1.bak"
        XCTAssertTrue(FileManager.default.fileExists(atPath: backupPath))
        let backup = try Database(path: backupPath)
        XCTAssertEqual(try backup.scalar("SELECT schema_version FROM msync_site")?.integer, 1)
        XCTAssertEqual(try backup.scalar("SELECT count(*) FROM persons")?.integer, 2)
        XCTAssertFalse(try backup.tableExists("diagnostics"))
        XCTAssertEqual(try backup.integrityCheck(), "ok")

        let db = try Database(path: dbPath)
        XCTAssertEqual(try db.integrityCheck(), "ok")
        XCTAssertEqual(try db.scalar("SELECT schema_version FROM msync_site")?.integer, 2)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, 2)
        XCTAssertEqual(try db.scalar("SELECT network FROM mentors WHERE id = 'm1'")?.integer, 0, "network defaults to 0")
        for t in ["diagnostics", "trainings", "contest_entries", "event_participants"] { XCTAssertTrue(try db.tableExists(t), t) }
        // The added columns are checked like new ones, and capture covers the new tables.
        XCTAssertThrowsError(try db.execute("UPDATE events SET kind = 'party' WHERE id = 'e1'"))
        XCTAssertThrowsError(try db.execute("UPDATE mentors SET network = 2 WHERE id = 'm1'"))
        let logged = try db.scalar("SELECT count(*) FROM msync_log")?.integer ?? 0
        try db.execute("INSERT INTO diagnostics(id, org_id, person_id, held_on, level) VALUES ('d1', 's001', 'p0000000-0000-4000-8000-000000000000', '2025-10-01', 'basic')")
        try db.execute("UPDATE events SET kind = 'seminar' WHERE id = 'e1'")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM msync_log")?.integer, logged + 2, "writes to new tables and columns are captured")

        // Everything written before and after the upgrade reaches the district, once.
        world.schools = ["s001"]
        try world.round()
        let listed = try world.district("list", "diagnostics", "--json")
        expectOK(listed)
        XCTAssertTrue(listed.stdout.contains("d1"), listed.output)
        let d = try Database(path: world.districtHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try d.scalar("SELECT count(*) FROM persons WHERE org_id = 's001'")?.integer, 2)
        XCTAssertEqual(try d.scalar("SELECT kind FROM events WHERE id = 'e1'")?.text, "seminar")
        let after = try XCTUnwrap(try world.json(try world.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(after["unacknowledged_changes"] as? Int, 0)
    }

    func testAHomeMadeByANewerProgramIsRefusedWithOneLineAndLeftAlone() throws {
        let world = try CLIWorld(schools: ["s001"])
        let dbPath = world.schoolHome("s001").appendingPathComponent("registry.db").path
        try Database(path: dbPath).execute("UPDATE msync_site SET schema_version = 3")
        let before = try Data(contentsOf: URL(fileURLWithPath: dbPath))
        for args in [["status"], ["status", "--json"], ["list", "persons"]] {
            let r = try world.school("s001", args)
            XCTAssertEqual(r.exitCode, 1, r.output)
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("this registry was made by a newer mentorsync"), r.stderr)
            XCTAssertTrue(r.stderr.contains("install"), r.stderr)
        }
        let d = try world.district("status", "--json")
        XCTAssertEqual((try world.json(d) as? [String: Any])?["schema_version"] as? Int, 2, d.output)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dbPath)), before, "a refused home is not written")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dbPath + ".v3.bak"))
    }
}

extension CLIWorld {
    @discardableResult
    func school(_ n: String, _ args: [String]) throws -> ToolResult {
        try ToolRunner.run("mentorsync-school", args + ["--home", schoolHome(n).path])
    }
}

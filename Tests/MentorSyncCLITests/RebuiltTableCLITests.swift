import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A table rebuilt by another program (DB Browser's "modify table") loses its capture triggers;
/// the next command notices, says so once, re-arms capture and sends what changed meanwhile.
final class RebuiltTableCLITests: XCTestCase {
    func rebuild(_ db: Database) throws {
        let create = RegistrySchema.persons.createSQL.replacingOccurrences(of: "\"persons\"", with: "\"sqlb_temp_table_1\"")
        let cols = (["id"] + RegistrySchema.persons.cellNames).map(SQL.identifier).joined(separator: ", ")
        try db.execute("BEGIN")
        try db.execute(create)
        try db.execute("INSERT INTO sqlb_temp_table_1 (\(cols)) SELECT \(cols) FROM persons")
        try db.execute("DROP TABLE persons")
        try db.execute("ALTER TABLE sqlb_temp_table_1 RENAME TO persons")
        try db.execute("COMMIT")
    }

    func testEditsAfterAnotherProgramRebuiltTheTableReachTheDistrict() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        try w.round()
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        try rebuild(db)
        try db.execute("UPDATE persons SET position = 'завуч' WHERE id = 'a'")
        try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('b', 's001', 'Петров Пётр', 'teacher')")

        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("notice: capture was off for persons"), sync.stderr)
        XCTAssertTrue(sync.stderr.contains("1 new, 1 changed, 0 deleted"), sync.stderr)
        // An edit after the re-arm is captured by the triggers again.
        try db.execute("UPDATE persons SET subject = 'физика' WHERE id = 'b'")
        try w.round()
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
        XCTAssertEqual(byID["a"]?["position"] as? String, "завуч")
        XCTAssertEqual(byID["b"]?["subject"] as? String, "физика")
        // Told once: the next command has nothing to say.
        let status = try w.school("s001", "status")
        XCTAssertFalse(status.stderr.contains("capture was off"), status.stderr)
        // Status still tells what happened.
        XCTAssertTrue(status.stdout.contains("capture was off for persons"), status.stdout)
        let json = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertNotNil(json["capture_repaired"] as? [String: Any])
    }

    func testTheDaemonPassReArmsTheDistrictsCapture() throws {
        let w = try CLIWorld(schools: ["s001"])
        let db = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        try rebuild(db)
        try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('c', 's001', 'Поправка Района', 'teacher')")
        let ingest = try w.district("ingest", "--share", w.stick.path)
        expectOK(ingest)
        XCTAssertTrue(ingest.stderr.contains("capture was off for persons"), ingest.stderr)
        try w.round()
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["id"] as? String }, ["c"])
    }
}

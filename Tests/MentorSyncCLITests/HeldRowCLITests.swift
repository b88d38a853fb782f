import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// One value over a bundle limit must not block every other change of its school.
final class HeldRowCLITests: XCTestCase {
    let scan = String(repeating: "скан", count: (17 << 20) / 8)  // 17 MiB of UTF-8

    func districtPersons(_ w: CLIWorld) throws -> [String: [String: Any]] {
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
    }

    func testA17MiBNotesValueIsHeldBackAndTheOtherChangesReachTheDistrict() throws {
        let w = try CLIWorld(schools: ["s001"])
        // Another tool stores a scan in notes; a person adds a row with the program.
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        try db.execute("INSERT INTO persons(id, org_id, full_name, role, notes) VALUES ('big', 's001', 'Большой Скан', 'teacher', ?)", [.text(scan)])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Обычная Запись", "--id", "ok"))
        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("not sent: persons big: notes holds 17.0 MiB"), sync.stderr)
        let ingest = try w.district("ingest", "--share", w.stick.path)
        expectOK(ingest)
        var rows = try districtPersons(w)
        XCTAssertEqual(rows["ok"]?["full_name"] as? String, "Обычная Запись")
        XCTAssertNil(rows["big"])
        try w.round()
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertGreaterThan(status["unacknowledged_changes"] as? Int ?? 0, 0, "the held row is not acknowledged")

        // Fixed at the school: it travels with the next sync, whole.
        try db.execute("UPDATE persons SET notes = 'скан в папке школы' WHERE id = 'big'")
        let again = try w.school("s001", "sync", "--share", w.stick.path)
        expectOK(again)
        XCTAssertFalse(again.stderr.contains("not sent"), again.stderr)
        try w.round()
        rows = try districtPersons(w)
        XCTAssertEqual(rows["big"]?["full_name"] as? String, "Большой Скан")
        XCTAssertEqual(rows["big"]?["notes"] as? String, "скан в папке школы")
    }

    func testImportCSVRefusesAValueOverTheBundleLimit() throws {
        let w = try CLIWorld(schools: ["s001"])
        let csv = w.scratch.path("persons.csv")
        try Data("id;full_name;role;notes\nbig;Большой Скан;teacher;\(scan)\n".utf8).write(to: csv)
        let r = try w.school("s001", "import-csv", "persons", csv.path)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.stderr.contains("Notes (persons.notes) is 17.0 MiB"), r.stderr)
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.isEmpty, "a refused entry writes nothing")
    }
}

import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// A school's registry.db put back from an older copy of the file (a disk image, `cp`), not
/// through the backup command: its later edits must still reach the district.
final class RestoredCopyCLITests: XCTestCase {
    func districtValue(_ w: CLIWorld, _ id: String, _ column: String) throws -> String? {
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        return rows.first { $0["id"] as? String == id }?[column] as? String
    }

    func testEditsAfterTheFileWasPutBackFromAnOlderCopyReachTheDistrict() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        try w.round()
        let db = w.schoolHome("s001").appendingPathComponent("registry.db")
        let copy = w.scratch.path("registry.db.copy")
        try FileManager.default.copyItem(at: db, to: copy)
        // Life goes on after the copy: edits, two syncs.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров Пётр", "--set", "role=teacher", "--id", "b"))
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--id", "a", "--set", "position=учитель"))
        try w.round()
        // The disk is restored from the old image.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        try FileManager.default.copyItem(at: copy, to: db)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Сидорова Анна", "--set", "role=teacher", "--id", "c"))
        expectOK(try w.school("s001", "put", "persons", "--id", "a", "--set", "subject=физика"))
        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("older copy"), sync.stderr)
        try w.round()
        try w.round()
        XCTAssertEqual(try districtValue(w, "c", "full_name"), "Сидорова Анна")
        XCTAssertEqual(try districtValue(w, "a", "subject"), "физика")
        XCTAssertEqual(try districtValue(w, "a", "position"), "учитель", "what the district held stays")
        // The school gets back what the district holds.
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["id"] as? String }), ["a", "b", "c"])
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0)
    }
}

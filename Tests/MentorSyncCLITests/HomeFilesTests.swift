import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 11, defects 12, 13 and 15 (last): the home's files are private, a command's output never
/// lands on the registry, and ids written by other tools in capitals are found.
final class HomeFilesTests: XCTestCase {
    func mode(_ url: URL) -> mode_t {
        var st = stat()
        XCTAssertEqual(lstat(url.path, &st), 0, "\(url.path) is missing")
        return st.st_mode & 0o777
    }

    /// The district's registry.db holds every school's key, yet was readable by every user.
    func testHomesAndRegistriesArePrivateForBothToolsWalAndShmIncluded() throws {
        let w = try CLIWorld(schools: ["s001"])
        for home in [w.districtHome, w.schoolHome("s001")] {
            XCTAssertEqual(mode(home), 0o700, home.path)
            XCTAssertEqual(mode(home.appendingPathComponent("registry.db")), 0o600, home.path)
        }
        for d in ["archive", "quarantine", "work"] { XCTAssertEqual(mode(w.districtHome.appendingPathComponent(d)), 0o700, d) }

        // A home made by an older version: the files were 0644. Any command makes them private,
        // the side files of the open database included.
        for home in [w.districtHome, w.schoolHome("s001")] {
            let db = home.appendingPathComponent("registry.db")
            let reader = try Database(path: db.path)  // keeps -wal and -shm in place
            defer { withExtendedLifetime(reader) {} }
            _ = try reader.scalar("SELECT count(*) FROM sqlite_master")
            for suffix in ["", "-wal", "-shm"] { XCTAssertEqual(chmod(db.path + suffix, 0o644), 0, suffix) }
            let tool = home == w.districtHome ? "mentorsync-district" : "mentorsync-school"
            expectOK(try ToolRunner.run(tool, ["put", "persons", "--set", "full_name=Тест прав", "--set", "org_id=s001", "--home", home.path]))
            for suffix in ["", "-wal", "-shm"] { XCTAssertEqual(mode(URL(fileURLWithPath: db.path + suffix)), 0o600, "\(tool) registry.db\(suffix)") }
        }
    }

    /// `enroll --out`, `report --out` and `export-csv` overwrote the live registry.db when pointed at it.
    func testOutputsPointedAtTheRegistryOrItsBookkeepingAreRefused() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Должна остаться", "--id", "stays"))
        try w.round()
        let db = w.districtHome.appendingPathComponent("registry.db")
        let schoolDB = w.schoolHome("s001").appendingPathComponent("registry.db")
        let before = try Data(contentsOf: db), schoolBefore = try Data(contentsOf: schoolDB)
        let link = w.scratch.path("looks-harmless.csv")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: schoolDB.path)
        let attempts: [ToolResult] = [
            try w.district("enroll", "--site", "s009", "--name", "Школа 9", "--out", db.path),
            try w.district("enroll", "--site", "s009", "--name", "Школа 9", "--out", w.districtHome.path + "/./registry.db-wal"),
            try w.district("report", "--format", "csv", "--out", db.path),
            try w.district("report", "--out", w.districtHome.appendingPathComponent("quarantine/notes.txt").path),
            try w.school("s001", "report", "--out", schoolDB.path),
            try w.school("s001", "export-csv", "persons", schoolDB.path),
            try w.school("s001", "export-csv", "persons", schoolDB.path + "-shm"),
            try w.school("s001", "export-csv", "persons", link.path),
        ]
        for (i, r) in attempts.enumerated() {
            XCTAssertEqual(r.exitCode, 1, "attempt \(i): \(r.output)")
            XCTAssertTrue(r.stderr.contains("refusing to write"), "attempt \(i): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "attempt \(i): \(r.stderr)")
        }
        XCTAssertEqual(try Data(contentsOf: db), before, "the district's registry was overwritten")
        XCTAssertEqual(try Data(contentsOf: schoolDB), schoolBefore, "the school's registry was overwritten")
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "stays" })
        let orgs = try XCTUnwrap(try w.json(try w.district("list", "organizations", "--json")) as? [[String: Any]])
        XCTAssertFalse(orgs.contains { $0["id"] as? String == "s009" }, "an enrollment was recorded though its file was refused")
        // In Russian for a Russian user.
        let ru = try ToolRunner.run("mentorsync-school", ["export-csv", "persons", schoolDB.path, "--home", w.schoolHome("s001").path],
                                    environment: ["MENTORSYNC_LANG": "ru"])
        XCTAssertEqual(ru.exitCode, 1, ru.output)
        XCTAssertTrue(ru.stderr.contains("не записываю"), ru.stderr)
        XCTAssertEqual(try Data(contentsOf: schoolDB), schoolBefore)
        // An ordinary file beside the home is written as before.
        expectOK(try w.school("s001", "export-csv", "persons", w.scratch.path("persons.csv").path))
    }

    /// `put --id` could not update a row whose id another tool (sqlite3, Python) wrote in capitals.
    func testPutAndDeleteFindAnIdWrittenInCapitalsAndKeepItsSpelling() throws {
        let w = try CLIWorld(schools: ["s001"])
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        try db.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('A1B2-UPPER', 's001', 'Из Python')")
        let r = try w.school("s001", "put", "persons", "--id", "a1b2-upper", "--set", "full_name=Исправлено", "--json")
        expectOK(r)
        XCTAssertEqual((try w.json(r) as? [String: Any])?["created"] as? Bool, false, r.stdout)
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.count, 1, "a second row was made: \(rows)")
        XCTAssertEqual(rows.first?["id"] as? String, "A1B2-UPPER")
        XCTAssertEqual(rows.first?["full_name"] as? String, "Исправлено")
        expectOK(try w.school("s001", "delete", "persons", "a1b2-Upper"))
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.count, 0)
    }
}

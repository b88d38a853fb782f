import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// A school folder copied to a second computer (the secretary's laptop) and used on both wrote the
/// same counters twice: the district took one copy's change and dropped the other's as already
/// seen, and neither heard of it. The copy sends nothing until the school says it works there now.
final class CopiedFolderCLITests: XCTestCase {
    func testACopyOnAnotherComputerSendsNothingUntilTheSchoolMovesThere() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "full_name=Алексеев Олег", "--set", "role=teacher"))
        try w.round()
        // The folder as another computer finds it: made on the office's computer, copied here.
        let copy = w.scratch.path("home-copy")
        try FileManager.default.copyItem(at: w.schoolHome("s001"), to: copy)
        try Database(path: copy.appendingPathComponent("registry.db").path)
            .execute("UPDATE school_identity SET machine = 'office-machine-id', machine_name = 'ПК-ЗАВУЧ'")
        func onCopy(_ args: String...) throws -> ToolResult {
            try ToolRunner.run("mentorsync-school", args + ["--home", copy.path], environment: ToolLocale.russian)
        }
        // The original keeps working: it is on its own computer.
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=завуч"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try onCopy("put", "persons", "--id", "p1", "--set", "position=директор"))
        let inbox = w.stick.appendingPathComponent("inbox")
        let before = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        let refused = try onCopy("sync", "--share", w.stick.path)
        XCTAssertEqual(refused.exitCode, 1, refused.output)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("эта папка школы создана на другом компьютере («ПК-ЗАВУЧ») и скопирована сюда: отсюда ничего не отправляется"),
                      refused.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted(), before, "nothing sent from the copy")
        let status = try onCopy("status")
        XCTAssertTrue(status.stdout.contains("mentorsync-school move-here"), status.stdout)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try onCopy("status", "--json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["copied_from_computer"] as? String, "ПК-ЗАВУЧ")
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let position = "SELECT position FROM persons WHERE id = 'p1'"
        XCTAssertEqual(try Database(path: w.districtHome.appendingPathComponent("registry.db").path).scalar(position)?.text, "завуч")

        // The school says it works here now: the copy's change travels.
        let moved = try onCopy("move-here")
        expectOK(moved)
        XCTAssertTrue(moved.stdout.contains("школа теперь работает на этом компьютере"), moved.stdout)
        expectOK(try onCopy("sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertEqual(try Database(path: w.districtHome.appendingPathComponent("registry.db").path).scalar(position)?.text, "директор")
        XCTAssertNil((try JSONSerialization.jsonObject(with: Data(try onCopy("status", "--json").stdout.utf8)) as? [String: Any])?["copied_from_computer"] as? String)
    }

    /// A copy whose computer has no name recorded says «another computer», not «(«»)».
    func testACopyFromAComputerWithoutANameSaysTheOtherComputer() throws {
        let w = try CLIWorld(schools: ["s001"])
        try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
            .execute("UPDATE school_identity SET machine = 'office-machine-id', machine_name = NULL")
        let status = try w.school("s001", environment: ToolLocale.russian.merging(["COLUMNS": "400"]) { $1 }, ["status"])
        XCTAssertTrue(status.stdout.contains("эта папка школы создана на другом компьютере и скопирована сюда"), status.stdout)
        XCTAssertTrue(status.stdout.contains("не работайте с копией на том компьютере"), status.stdout)
        XCTAssertFalse(status.stdout.contains("«»"), status.stdout)
    }

    /// A home made before computers were kept takes the one it is opened on; a restored backup
    /// works where it is restored.
    func testAnOlderHomeAndARestoredBackupWorkWhereTheyAre() throws {
        let w = try CLIWorld(schools: ["s001"])
        let registry = w.schoolHome("s001").appendingPathComponent("registry.db")
        try Database(path: registry.path).execute("UPDATE school_identity SET machine = NULL, machine_name = NULL")
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        XCTAssertNotNil(try Database(path: registry.path).scalar("SELECT machine FROM school_identity")?.text)
        let backups = w.scratch.folder("backups")
        expectOK(try w.school("s001", "backup", "--out", backups.path))
        let file = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: backups, includingPropertiesForKeys: nil).first { $0.pathExtension == "db" })
        // Taken on the office's computer, restored here (a new disk).
        try Database(path: file.path).execute("UPDATE school_identity SET machine = 'office-machine-id', machine_name = 'ПК-ЗАВУЧ'")
        expectOK(try w.school("s001", "restore", "--from", file.path))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
    }

    /// move-here on the registry's own computer (the office's, where the folder was never copied to)
    /// changes nothing, and says so: it said «школа теперь работает на этом компьютере; с копией на
    /// другом компьютере больше не работайте», and its JSON "moved_here": true.
    func testMoveHereOnItsOwnComputerSaysNothingWasToDo() throws {
        let w = try CLIWorld(schools: ["s001"])
        let registry = w.schoolHome("s001").appendingPathComponent("registry.db")
        let counter = "SELECT max(local) FROM msync_rows"
        let before = try Database(path: registry.path).scalar(counter)?.integer
        let r = try ToolRunner.run("mentorsync-school", ["move-here", "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        expectOK(r)
        XCTAssertTrue(r.stdout.contains("эта папка школы и так работает на этом компьютере"), r.stdout)
        XCTAssertFalse(r.stdout.contains("с копией на другом компьютере"), r.stdout)
        let json = try ToolRunner.run("mentorsync-school", ["move-here", "--json", "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.output)
        XCTAssertEqual(o["moved_here"] as? Bool, false)
        XCTAssertEqual(try Database(path: registry.path).scalar(counter)?.integer, before)
    }
}

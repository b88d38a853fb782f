import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class SchoolCLITests: XCTestCase {
    func unacknowledged(_ w: CLIWorld, _ n: String) throws -> Int {
        let s = try XCTUnwrap(try w.json(try w.school(n, "status", "--json")) as? [String: Any])
        return try XCTUnwrap(s["unacknowledged_changes"] as? Int)
    }

    func testInitFromEnrollmentAndASecondInitRefuses() throws {
        let w = try CLIWorld(schools: ["s001"])
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["site"] as? String, "s001")
        XCTAssertEqual((status["rejections"] as? [Any])?.count, 0)
        let again = try w.school("s001", "init", "--enroll", w.scratch.path("s001.enroll").path)
        XCTAssertEqual(again.exitCode, 1)
        XCTAssertTrue(again.stderr.contains("already holds a registry"), again.stderr)
        let bogus = w.scratch.path("bogus.enroll")
        try Data("{\"format\":\"something\"}".utf8).write(to: bogus)
        let bad = try ToolRunner.run("mentorsync-school", ["init", "--enroll", bogus.path, "--home", w.scratch.path("other").path])
        XCTAssertEqual(bad.exitCode, 1)
        XCTAssertTrue(bad.stderr.contains("not a mentorsync enrollment file"), bad.stderr)
    }

    func testEditsWithAPlainSQLiteConnectionAreExported() throws {
        let w = try CLIWorld(schools: ["s001"])
        // Another program (the sqlite3 shell, Python, DB Browser) edits the registry directly.
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('direct-1', 's001', 'Сидоров Пётр', 'teacher')")
        try db.execute("UPDATE persons SET position = 'директор' WHERE id = 'direct-1'")
        try w.round()
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.first?["position"] as? String, "директор")
        XCTAssertEqual(try unacknowledged(w, "s001"), 0)
    }

    func testFullUSBRoundTripLeavesNothingUnacknowledged() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова", "--set", "role=teacher", "--id", "t1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петров", "--set", "role=student", "--id", "t2"))
        expectOK(try w.district("put", "events", "--set", "title=Форум наставников", "--set", "starts_on=01.12.2026", "--id", "ev1"))
        XCTAssertEqual(try unacknowledged(w, "s001"), 1)
        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertTrue(sync.stdout.contains("for the district: 1 changed row"), sync.stdout)
        try w.round()
        XCTAssertEqual(try unacknowledged(w, "s001"), 0)
        XCTAssertEqual(try unacknowledged(w, "s002"), 0)
        // District data reached both schools; personal data stayed with its school.
        for n in ["s001", "s002"] {
            let ev = try XCTUnwrap(try w.json(try w.school(n, "list", "events", "--json")) as? [[String: Any]])
            XCTAssertEqual(ev.first?["starts_on"] as? String, "2026-12-01")
        }
        let s2 = try XCTUnwrap(try w.json(try w.school("s002", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(s2.compactMap { $0["id"] as? String }, ["t2"])
        let manifest = try String(contentsOf: w.stick.appendingPathComponent("MANIFEST.txt"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("inbox/") && manifest.contains("«Школа s001» (s001)"), manifest)
        XCTAssertTrue(manifest.contains("outbox/s002/") && manifest.contains("«Школа s002» (s002)"), manifest)
        // The district's status says both schools are fine.
        let st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((st["schools"] as? [[String: Any]])?.compactMap { $0["advice"] as? String }, ["ok", "ok"])
    }

    func testALostStickLosesNothing() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Первая", "--id", "a"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        // The stick is lost on the bus: everything on it is gone.
        try FileManager.default.removeItem(at: w.stick)
        try FileManager.default.createDirectory(at: w.stick, withIntermediateDirectories: true)
        let unmounted = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertEqual(unmounted.exitCode, 1, "a stick that is not laid out as a share is refused, never an empty sync")
        XCTAssertTrue(unmounted.stderr.contains("not a mentorsync share"), unmounted.stderr)
        expectOK(try w.district("ingest", "--share", w.stick.path))  // the district prepares the new stick
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Вторая", "--id", "b"))
        try w.round()
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(Set(rows.compactMap { $0["id"] as? String }), ["a", "b"])
        XCTAssertEqual(try unacknowledged(w, "s001"), 0)
    }

    func testMissingShareFolderIsAClearError() throws {
        let w = try CLIWorld(schools: ["s001"])
        let r = try w.school("s001", "sync", "--share", "/media/no-such-stick")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("is the stick plugged in and mounted"), r.stderr)
    }

    func testResyncOrderFromTheDistrictAndNewerLocalEditsSurvive() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Старое", "--id", "p"))
        try w.round()
        expectOK(try w.district("resync", "--site", "s001"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        // Meanwhile the school edits the row: the full subscription must not overwrite that.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Новое", "--id", "p"))
        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertTrue(sync.stdout.contains("full re-send"), sync.stdout)
        XCTAssertTrue(sync.stdout.contains("a full copy"), sync.stdout)
        // The same sync sent the full copy at once: "the next sync sends everything" was not so.
        XCTAssertFalse(sync.stdout.contains("the next sync sends everything"), sync.stdout)
        XCTAssertTrue(sync.stdout.contains("the full copy went with this sync"), sync.stdout)
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.first?["full_name"] as? String, "Новое")
        try w.round()
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])?.first?["full_name"] as? String, "Новое")
        let st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((st["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, false)
        // The school's status says what the order was, in words.
        let status = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertTrue(status.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                        .contains("выполнено распоряжение управления образования: полная пересылка всех записей школы (resync)"), status.stdout)
    }

    func testANewMachineForASchoolGetsEverythingBack() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Учитель", "--id", "p"))
        try w.round()
        try w.round()
        // The school's disk dies; it starts again from its enrollment file on a new machine.
        try FileManager.default.removeItem(at: w.schoolHome("s001"))
        expectOK(try w.school("s001", "init", "--enroll", w.scratch.path("s001.enroll").path))
        try w.round()
        try w.round()
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.first?["full_name"] as? String, "Учитель")
        // And new work from the new machine is not mistaken for old.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Учитель (исправлено)", "--id", "p"))
        try w.round()
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])?.first?["full_name"] as? String, "Учитель (исправлено)")
    }

    /// `put persons` of a name a letter off someone born the same day asks, in one line, and says how
    /// to answer; given `--another-person`, the person is added (it was added without a word).
    func testANearNamesakeIsAskedAboutAndAddedWithAnotherPerson() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петрова Мария Ивановна", "--set", "birth_date=10.04.2001"))
        let marya = ["put", "persons", "--set", "full_name=Петрова Марья Ивановна", "--set", "birth_date=10.04.2001", "--set", "role=teacher"]
        let asked = try w.school("s001", environment: ToolLocale.russian, marya)
        XCTAssertEqual(asked.exitCode, 1, asked.output)
        XCTAssertTrue(asked.stderr.hasPrefix("mentorsync-school: «Петрова Марья Ивановна» похоже на «Петрова Мария Ивановна» ["), asked.stderr)
        XCTAssertTrue(asked.stderr.hasSuffix("если это другой человек, повторите команду с --another-person\n"), asked.stderr)
        XCTAssertEqual(asked.stderr.filter { $0 == "\n" }.count, 1, "one line")
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.count, 1, "nothing written")
        expectOK(try w.school("s001", environment: [:], marya + ["--another-person"]))
        let persons = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(Set(persons.compactMap { $0["full_name"] as? String }), ["Петрова Мария Ивановна", "Петрова Марья Ивановна"])
        XCTAssertTrue(try w.school("s001", "put", "--help").stdout.contains("--another-person"))
    }

    func testSchoolMayNotWriteRowsOfAnotherSite() throws {
        let w = try CLIWorld(schools: ["s001"])
        let r = try w.school("s001", "put", "persons", "--set", "full_name=X", "--set", "org_id=s002")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("may not write rows of 's002'"), r.stderr)
        try w.round()
        let d = try w.school("s001", "put", "organizations", "--id", "s001", "--set", "name=Моя школа")
        XCTAssertEqual(d.exitCode, 1)
        XCTAssertTrue(d.stderr.contains("is kept by the district alone: a school sees it and cannot add to or change it"), d.stderr)
    }
}

/// A school's new machine syncs twice before the district's next pass, with the district's last
/// reply to the old machine still on the stick: nothing written on the new machine may be lost,
/// and the school's old rows come back.
final class NewMachineTests: XCTestCase {
    func testNewMachineSyncingTwiceBeforeTheDistrictLosesNothing() throws {
        let w = try CLIWorld(schools: ["s001"])
        for i in 0..<20 { expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Учитель \(i)")) }
        try w.round()
        try w.round()
        // The disk dies; the school starts again from its enrollment file. The old reply is still on the stick.
        try FileManager.default.removeItem(at: w.schoolHome("s001"))
        expectOK(try w.school("s001", "init", "--enroll", w.scratch.path("s001.enroll").path))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Новый учитель", "--id", "x"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        try w.round()
        try w.round()
        let district = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(district.contains { $0["id"] as? String == "x" }, "the new machine's write reached the district")
        let school = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(school.count, 21, "the old rows came back")
        XCTAssertEqual((try w.json(try w.school("s001", "status", "--json")) as? [String: Any])?["unacknowledged_changes"] as? Int, 0)
    }
}

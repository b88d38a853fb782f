import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// The school told what the district changed in its rows (issue 12; DESIGN.md, "Conflicts, as the
/// coordinator settles them"): after `sync` and in `status`, the row named as people know it.
final class CorrectionsCLITests: XCTestCase {
    func testTheSchoolIsToldOfTheDistrictsCorrectionInRussian() throws {
        try check(ToolLocale.russian, said: "управление образования исправило: Человек «Иванова Мария Петровна", change: ", должность: учитель → завуч")
    }

    func testTheSchoolIsToldOfTheDistrictsCorrectionInEnglish() throws {
        try check(ToolLocale.english, said: "the district corrected persons «Иванова Мария Петровна", change: ": position учитель → завуч")
    }

    /// The coordinator changes a teacher's position (twice: her write is the later one by the common
    /// rule) and the reply waits on the stick; the school changes it too, then syncs and finds the
    /// conflict. The world and that sync's output.
    func schoolFindsAConflict(_ locale: [String: String]) throws -> (CLIWorld, ToolResult) {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель", "--id", "p1"))
        try w.round()
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=старший учитель"))
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=методист"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=завуч"))
        return (w, try w.school("s001", environment: locale, ["sync", "--share", w.stick.path]))
    }

    /// A conflict as the school lives it: found and told, handed over (then no longer waiting in
    /// its status), and the coordinator's decision heard as the settling of it, not as a correction.
    func testTheSchoolHearsItsConflictHandedOverAndSettled() throws {
        let locale = ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }
        let (w, found) = try schoolFindsAConflict(locale)
        expectOK(found)
        XCTAssertTrue(found.stdout.contains("1 конфликт: школа и управление образования изменили одни и те же данные"), found.stdout)
        XCTAssertTrue(found.stdout.contains("конфликт: Человек «Иванова Мария Петровна», должность: завуч → методист — школа и управление образования изменили это поле одновременно; пока действует значение управления"), found.stdout)
        XCTAssertFalse(found.stdout.contains("исправило"), found.stdout)

        func status() throws -> (text: String, waiting: Int) {
            let text = try w.school("s001", environment: locale, ["status"])
            let json = try w.json(try w.school("s001", "status", "--json")) as? [String: Any]
            return (text.stdout, json?["conflicts_to_hand_over"] as? Int ?? -1)
        }
        // The conflict is on its way to the district until the district confirms it.
        var now = try status()
        XCTAssertEqual(now.waiting, 1, now.text)
        XCTAssertTrue(now.text.contains("1 конфликт записан: он передаётся в управление образования"), now.text)
        try w.round()
        XCTAssertEqual(try w.conflicts().count, 1)
        now = try status()
        XCTAssertEqual(now.waiting, 0, now.text)
        XCTAssertFalse(now.text.contains("конфликт записан"), now.text)
        let open = try w.json(try w.school("s001", "status", "--json")) as? [String: Any]
        XCTAssertEqual(open?["open_conflicts"] as? Int, 1, "still open here, handed over to the district")

        // The coordinator keeps the school's value; the school hears the decision as such.
        let conflict = try XCTUnwrap(try w.conflicts().first)
        XCTAssertEqual(conflict.lostValue, "завуч")
        expectOK(try w.district("conflicts", "resolve", conflict.id, "--keep", "theirs"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertTrue(sync.stdout.contains("управление образования решило конфликт: Человек «Иванова Мария Петровна», должность: методист → завуч"), sync.stdout)
        XCTAssertFalse(sync.stdout.contains("исправило"), sync.stdout)
        now = try status()
        XCTAssertTrue(now.text.contains("решило конфликт"), now.text)
        XCTAssertEqual(now.waiting, 0)
        let registry = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        XCTAssertEqual(try registry.rows("SELECT status FROM msync_conflicts").map { $0[0].displayText }, ["resolved"])
    }

    /// The coordinator keeps the value already in place: the decision still travels, and the school
    /// hears it and settles its record (a value kept in place wrote nothing, and the record stayed open).
    func testTheSchoolHearsAConflictSettledByKeepingTheValueInPlace() throws {
        let locale = ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }
        let (w, found) = try schoolFindsAConflict(locale)
        expectOK(found)
        try w.round()
        let conflict = try XCTUnwrap(try w.conflicts().first)
        XCTAssertEqual(conflict.keptValue, "методист")
        expectOK(try w.district("conflicts", "resolve", conflict.id, "--keep", "mine"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertTrue(sync.stdout.contains("управление образования решило конфликт: Человек «Иванова Мария Петровна», должность: оставлено «методист»"), sync.stdout)
        let registry = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        XCTAssertEqual(try registry.rows("SELECT status FROM msync_conflicts").map { $0[0].displayText }, ["resolved"])
        XCTAssertEqual(try registry.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text, "методист")
    }

    /// A conflict found at the district alone (the school's write won there, so nothing of it came
    /// back): the coordinator keeps the school's value, and the school hears its value was kept
    /// (not that a conflict was settled: it knew of none, and a value changed and changed back
    /// at the district reaches it the same way).
    func testTheSchoolHearsItsValueKeptInAConflictOnlyTheDistrictFound() throws {
        let locale = ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель", "--id", "p1"))
        try w.round()
        // The district writes first; the school, whose counter runs ahead (other writes), writes later.
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=методист"))
        for k in 0..<5 { expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров \(k)")) }
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=завуч"))
        try w.round()
        let conflict = try XCTUnwrap(try w.conflicts().first, "the district found the conflict")
        XCTAssertEqual(conflict.keptValue, "завуч", "the school's later write won at the district")
        let registry = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        XCTAssertEqual(try registry.scalar("SELECT count(*) FROM msync_conflicts")?.integer, 0, "the school found none")
        // mine: the value held now, the school's.
        expectOK(try w.district("conflicts", "resolve", conflict.id, "--keep", "mine"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertTrue(sync.stdout.contains("управление образования оставило ваше значение: Человек «Иванова Мария Петровна», должность: «завуч»"), sync.stdout)
        XCTAssertEqual(try registry.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text, "завуч")
    }

    /// The daemon's pass over a shared folder where the school has left nothing new: a correction
    /// typed at the district since the last pass is answered all the same (it waited, unfolded in
    /// the capture log, until something else counted it), and the school's next sync brings it.
    func testAPassWithoutABundleFromTheSchoolCarriesACorrectionTypedSince() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель", "--id", "p1"))
        try w.round()
        expectOK(try w.district("ingest", "--share", w.stick.path))  // the school's last acknowledgement taken
        let outbox = w.stick.appendingPathComponent("outbox/s001")
        let before = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=завуч"))
        let pass = try w.district("ingest", "--share", w.stick.path, "--json")
        expectOK(pass)
        let after = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        XCTAssertNotEqual(after, before, "no reply written for the correction: \(pass.output)")
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertTrue(sync.stdout.contains("должность: учитель → завуч"), sync.stdout)
        let registry = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        XCTAssertEqual(try registry.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text, "завуч")
    }

    func check(_ language: [String: String], said: String, change: String) throws {
        let locale = language.merging(["COLUMNS": "300"]) { $1 }  // status wraps to the terminal
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель", "--id", "p1"))
        try w.round()
        // The coordinator corrects the teacher's position; the reply carries it to the school.
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=завуч"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        expectOK(sync)
        let line = sync.stdout.split(separator: "\n").first { $0.contains(said) }.map(String.init)
        XCTAssertNotNil(line, "the correction is not told after sync: \(sync.stdout)")
        XCTAssertTrue(line?.hasSuffix(change) == true, "\(line ?? sync.stdout)")

        // Told again in status, and not again by a sync that brings nothing new.
        let status = try w.school("s001", environment: locale, ["status"])
        expectOK(status)
        XCTAssertTrue(status.stdout.contains(said) && status.stdout.contains(change), status.stdout)
        let again = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        XCTAssertFalse(again.stdout.contains(said), "an old correction is told as new: \(again.stdout)")
        if language == ToolLocale.russian {
            XCTAssertTrue(again.stdout.contains("нового ответа от управления образования нет: ответ, который здесь лежит, уже получен раньше"), again.stdout)
        }
        // The school's own edit is not a correction.
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=директор"))
        try w.round()
        let last = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        XCTAssertFalse(last.stdout.contains("директор"), last.stdout)
    }
}

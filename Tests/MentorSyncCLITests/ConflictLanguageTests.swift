import Foundation
import XCTest
import MentorSyncTestSupport

/// `conflicts list` and `show` in the reader's language (issue 12; DESIGN.md, "Conflicts, as the
/// coordinator settles them"): the row by its person's name, the table and column by their titles,
/// both values in people's words, both writers by name with their own clocks' times.
final class ConflictLanguageTests: XCTestCase {
    var w: CLIWorld!
    var conflict = ""

    /// A teacher whose role the school and the district changed without seeing each other's change.
    override func setUpWithError() throws {
        w = try CLIWorld(schools: ["s001"])
        let r = try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher", "--json")
        expectOK(r)
        let person = try XCTUnwrap((try w.json(r) as? [String: Any])?["id"] as? String)
        try w.round()
        expectOK(try w.district("put", "persons", "--id", person, "--set", "role=manager"))
        expectOK(try w.school("s001", "put", "persons", "--id", person, "--set", "role=methodologist"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        conflict = try XCTUnwrap(try w.conflicts().first { $0.column == "role" }).id
    }

    override func tearDown() { w = nil }

    func district(_ locale: [String: String], _ args: String...) throws -> ToolResult {
        let r = try ToolRunner.run("mentorsync-district", args + ["--home", w.districtHome.path], environment: locale.merging(["COLUMNS": "300"]) { $1 })
        expectOK(r)
        return r
    }

    /// Latin words other than the ones a coordinator types back (`mine`, `theirs`, the command).
    func english(_ text: String) -> [String] {
        let typed: Set<String> = ["mine", "theirs", "mentorsync", "district", "conflicts", "resolve", "keep", "value", "show", "role", "all", "site", "school", "dry", "run"]  // what is typed: commands, options and their words
        let words = text.components(separatedBy: CharacterSet.letters.inverted).filter { $0.range(of: "^[A-Za-z]{3,}$", options: .regularExpression) != nil }
        return words.filter { !typed.contains($0) && $0.range(of: "^[a-f]+$", options: .regularExpression) == nil }  // ids are hex
    }

    func testListNamesTheRowTheSidesAndTheirWritersInRussian() throws {
        let r = try district(ToolLocale.russian, "conflicts", "list")
        let short = String(conflict.prefix(8))
        XCTAssertTrue(r.stdout.hasPrefix("1 открытый конфликт\n"), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "\(short) Человек «Иванова Мария Петровна» \\[[0-9a-f]{8}\\] — Роль\n", options: .regularExpression), r.stdout)
        // The school's write won the merge here: mine is the value held now, whoever wrote it (DESIGN.md).
        XCTAssertTrue(r.stdout.contains("принятое (--keep mine) — Школа s001: методист (сейчас в реестре)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("потерянное (--keep theirs) — Управление образования: руководитель\n"), r.stdout)
        // When each side was written, by its writer's clock, marked as such (DESIGN.md: `list` and `show`).
        XCTAssertNotNil(r.stdout.range(of: "методист \\(сейчас в реестре\\)\n +записано не позже [0-9.: ]+ по часам компьютера: Школа s001\n", options: .regularExpression), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "руководитель\n +записано не позже [0-9.: ]+ по часам компьютера: Управление образования\n", options: .regularExpression), r.stdout)
        XCTAssertTrue(r.stdout.contains("решить: mentorsync-district conflicts resolve КОД --keep mine|theirs"), r.stdout)
        XCTAssertEqual(english(r.stdout), [], r.stdout)
    }

    func testStatusSaysAConflictWaitsThenHowToSeeIt() throws {
        let r = try district(ToolLocale.russian, "status")
        XCTAssertTrue(r.stdout.contains("(s001): 1 конфликт ждёт решения\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("посмотреть и решить конфликты: mentorsync-district conflicts list\n"), r.stdout)
        let en = try district(ToolLocale.english, "status")
        XCTAssertTrue(en.stdout.contains("(s001): 1 conflict to review\n"), en.stdout)
        XCTAssertTrue(en.stdout.hasSuffix("to review the conflicts: mentorsync-district conflicts list\n"), en.stdout)
    }

    func testShowTellsEachWritersTimeByItsOwnClock() throws {
        let short = String(conflict.prefix(8))
        let r = try district(ToolLocale.russian, "conflicts", "show", short)
        XCTAssertTrue(r.stdout.hasPrefix("Конфликт \(short) — открыт\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("запись: Человек «Иванова Мария Петровна» ["), r.stdout)
        XCTAssertTrue(r.stdout.contains("; владелец: Школа s001\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("поле: Роль\n"), r.stdout)
        let time = "[0-9]{2}\\.[0-9]{2}\\.20[0-9]{2} [0-9]{2}:[0-9]{2}"
        XCTAssertNotNil(r.stdout.range(of: "принятое \\(--keep mine\\) — Школа s001: методист[^\n]*\n  записано не позже \(time) по часам компьютера: Школа s001\n",
                                       options: .regularExpression), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "потерянное \\(--keep theirs\\) — Управление образования: руководитель\n  записано не позже \(time) по часам компьютера: Управление образования\n",
                                       options: .regularExpression), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "обнаружен: Управление образования, \(time)\n", options: .regularExpression), r.stdout)
        XCTAssertFalse(r.stdout.contains("counter") || r.stdout.contains("счётчик"), r.stdout)
        XCTAssertEqual(english(r.stdout), [], r.stdout)

        let en = try district(ToolLocale.english, "conflicts", "show", short)
        XCTAssertTrue(en.stdout.contains("row: Persons «Иванова Мария Петровна» ["), en.stdout)
        XCTAssertNotNil(en.stdout.range(of: "mine — Школа s001: methodologist[^\n]*\n  written no later than 20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} by the clock of Школа s001's computer",
                                        options: .regularExpression), en.stdout)
        XCTAssertFalse(en.stdout.contains("записано"), en.stdout)
    }

    func testResolveAndTheSettledListSayWhatWasDecided() throws {
        let short = String(conflict.prefix(8))
        let r = try district(ToolLocale.russian, "conflicts", "resolve", short, "--keep", "theirs")
        // theirs, the value the merge lost, was the district's own here.
        XCTAssertEqual(r.stdout, "решено: оставлено значение управления образования; школа получит это со следующим ответом\n")
        let all = try district(ToolLocale.russian, "conflicts", "list", "--all")
        XCTAssertTrue(all.stdout.hasPrefix("0 открытых конфликтов, решённых: 1\n"), all.stdout)
        XCTAssertTrue(all.stdout.contains("— Роль — решён: оставлено значение управления образования\n"), all.stdout)
        // Settled so, the district holds the value kept: it is mine now, the other theirs.
        XCTAssertTrue(all.stdout.contains("принятое (--keep mine) — Управление образования: руководитель (сейчас в реестре)"), all.stdout)
        XCTAssertTrue(all.stdout.contains("потерянное (--keep theirs) — Школа s001: методист\n"), all.stdout)
        XCTAssertFalse(try district(ToolLocale.russian, "conflicts", "show", short).stdout.contains("по одному правилу"), "the rule is no more what holds")
        let en = try district(ToolLocale.english, "conflicts", "resolve", short, "--value", "учитель")
        XCTAssertEqual(en.stdout, "resolved: set to teacher; the school receives it in its next reply\n")
        let none = try district(ToolLocale.russian, "conflicts", "list")
        XCTAssertEqual(none.stdout, "открытых конфликтов нет\n")
    }
}

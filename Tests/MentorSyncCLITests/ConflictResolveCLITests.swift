import Foundation
import XCTest
import MentorSyncTestSupport

/// `conflicts resolve ID --keep mine|theirs` or `--value TEXT` (DESIGN.md, "Conflicts, as the
/// coordinator settles them"): any other word is a usage error that changes nothing, and a typed
/// value is checked like any entry.
final class ConflictResolveCLITests: XCTestCase {
    var w: CLIWorld!

    override func setUpWithError() throws { w = try CLIWorld(schools: ["s001"]) }
    override func tearDown() { w = nil }

    /// A teacher whose role the school and the district changed without seeing each other's change.
    func conflictOnRole() throws -> (conflict: String, person: String) {
        let r = try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher", "--json")
        expectOK(r)
        let person = try XCTUnwrap((try w.json(r) as? [String: Any])?["id"] as? String)
        try w.round()
        expectOK(try w.district("put", "persons", "--id", person, "--set", "role=manager"))
        expectOK(try w.school("s001", "put", "persons", "--id", person, "--set", "role=methodologist"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let list = try w.conflicts()
        let c = try XCTUnwrap(list.first { $0.column == "role" }, "no conflict on role: \(list)")
        return (c.id, person)
    }

    /// What the district holds: its registry rows and its conflicts, for before/after comparisons.
    func districtState() throws -> String {
        try w.district("list", "persons", "--json").stdout + (try w.district("conflicts", "list", "--all", "--json")).stdout
    }

    func testKeepOursIsAUsageErrorThatChangesNothing() throws {
        let (id, _) = try conflictOnRole()
        let before = try districtState()
        for (lang, text) in [("ru_RU.UTF-8", "--keep принимает mine"), ("C.UTF-8", "--keep takes mine")] {
            let r = try ToolRunner.run("mentorsync-district", ["conflicts", "resolve", id, "--keep", "ours", "--home", w.districtHome.path],
                                       environment: ToolLocale.lang(lang))
            XCTAssertEqual(r.exitCode, 2, r.output)
            XCTAssertTrue(r.stderr.contains(text) && r.stderr.contains("ours"), r.stderr)
        }
        // Both ways at once, or neither, are usage errors too.
        XCTAssertEqual(try w.district("conflicts", "resolve", id, "--keep", "mine", "--value", "teacher").exitCode, 2)
        XCTAssertEqual(try w.district("conflicts", "resolve", id).exitCode, 2)
        // A mistyped subcommand is named as such, not answered with the syntax of resolve.
        let typo = try w.district("conflicts", "lsit")
        XCTAssertEqual(typo.exitCode, 2, typo.output)
        XCTAssertTrue(typo.stderr.contains("unknown command 'conflicts lsit'"), typo.stderr)
        XCTAssertFalse(typo.stderr.contains("conflicts resolve ID --keep"), typo.stderr)
        XCTAssertEqual(try districtState(), before, "a refused resolve changed the district")
        XCTAssertTrue(try w.conflicts().contains { $0.id == id }, "the conflict is still open")
    }

    func testAValueIsCheckedLikeAnyEntryBeforeItIsWritten() throws {
        let (id, person) = try conflictOnRole()
        let before = try districtState()
        let bad = try w.district("conflicts", "resolve", id, "--value", "ours")
        XCTAssertEqual(bad.exitCode, 1, bad.output)
        XCTAssertTrue(bad.stderr.contains("Role (persons.role): 'ours' is not one of teacher"), bad.stderr)
        XCTAssertEqual(try districtState(), before, "a refused value changed the district")


        // A Russian word is a value like its machine name; "mine" typed as a value is a value, not a choice.
        expectOK(try w.district("conflicts", "resolve", id, "--value", "учитель"))
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--where", "id=\(person)", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.first?["role"] as? String, "teacher")
    }

    /// `--value ""` asked for in so many words empties a field a row may be without (a role); the web
    /// page's empty box is refused instead (WebConflictTests).
    func testAnEmptyValueAskedForEmptiesTheField() throws {
        let (id, person) = try conflictOnRole()
        let emptied = try w.district("conflicts", "resolve", id, "--value", "")
        expectOK(emptied)
        XCTAssertTrue(emptied.stdout.contains("the field emptied"), emptied.output)
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--where", "id=\(person)", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.first?["role"] is NSNull, "\(rows)")
    }

    /// A pair's mentor is a link the pair is not kept without: `--value ""` does not empty it.
    func testAnEmptyValueDoesNotEmptyALink() throws {
        for name in ["Иванова Мария Петровна", "Петрова Анна Сергеевна", "Орлов Пётр Ильич"] {
            expectOK(try w.school("s001", "put", "persons", "--set", "full_name=\(name)"))
        }
        for name in ["Иванова Мария Петровна", "Петрова Анна Сергеевна", "Орлов Пётр Ильич"] {
            expectOK(try w.school("s001", "put", "mentors", "--set", "person_id=\(name)"))
        }
        expectOK(try w.school("s001", "put", "pairs", "--id", "pr1", "--set", "mentor_id=Иванова Мария Петровна"))
        try w.round()
        expectOK(try w.district("put", "pairs", "--id", "pr1", "--set", "mentor_id=Орлов Пётр Ильич"))
        expectOK(try w.school("s001", "put", "pairs", "--id", "pr1", "--set", "mentor_id=Петрова Анна Сергеевна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let c = try XCTUnwrap(try w.conflicts().first { $0.column == "mentor_id" }, "no conflict on the pair's mentor")
        let before = try w.district("list", "pairs", "--json").stdout
        let refused = try w.district("conflicts", "resolve", c.id, "--value", "")
        XCTAssertEqual(refused.exitCode, 1, refused.output)
        XCTAssertEqual(try w.district("list", "pairs", "--json").stdout, before, "the pair kept its mentor")
    }

    /// DESIGN.md: mine is the value the district holds now, theirs the value it lost — whoever wrote them.
    /// The school corrected the teacher's role again after the exchange that brought the conflict
    /// (it had both values): the conflict stayed open and «--keep mine» wrote the old winner over the
    /// correction, unseen. The ingest that merges the correction settles it («поле изменили позже
    /// обеих сторон»), either side is refused naming the value held now, a typed value is written.
    func testAConflictWhoseFieldWasChangedAfterBothSidesIsSettledAndKeepsThatChange() throws {
        let (id, person) = try conflictOnRole()
        func role() throws -> String? {
            (try w.json(try w.district("list", "persons", "--where", "id=\(person)", "--json")) as? [[String: Any]])?.first?["role"] as? String
        }
        try w.round()  // the school receives the district's write
        expectOK(try w.school("s001", "put", "persons", "--id", person, "--set", "role=teacher"))
        try w.round()
        XCTAssertEqual(try role(), "teacher")
        XCTAssertTrue(try w.conflicts().isEmpty, "settled by the change that came after both sides")
        let settled = try w.district(environment: ToolLocale.russian, ["conflicts", "list", "--all"]).stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(settled.contains("решён: поле изменили позже обеих сторон"), settled)
        XCTAssertTrue(settled.contains("сейчас в поле: «учитель»"), settled)
        XCTAssertTrue(settled.contains("принятое — Школа s001: методист"), "no side to keep, no --keep said: \(settled)")
        let before = try districtState()
        let mine = try w.district(environment: ToolLocale.russian, ["conflicts", "resolve", id, "--keep", "mine"])
        XCTAssertEqual(mine.exitCode, 1)
        XCTAssertTrue(mine.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .contains("уже снят: поле изменили позже, сейчас в нём «учитель» (оставить любую из сторон значило бы отменить это изменение)"), mine.stderr)
        XCTAssertTrue(mine.stderr.contains("mentorsync-district conflicts resolve \(id.prefix(8)) --value ТЕКСТ"), "the whole command to type: \(mine.stderr)")
        XCTAssertEqual(try districtState(), before, "nothing written")
        XCTAssertEqual(try w.district("conflicts", "resolve", id, "--keep", "theirs").exitCode, 1)
        expectOK(try w.district("conflicts", "resolve", id, "--value", "руководитель"))
        XCTAssertEqual(try role(), "manager", "a typed value is a new decision")
    }

    func testKeepMineLeavesTheValueHeldNowAndTheirsBringsBackTheLostOne() throws {
        let (id, person) = try conflictOnRole()
        // The coordinator reads whose record it is, not a bare id.
        let list = try w.district("conflicts", "list")
        expectOK(list)
        XCTAssertTrue(list.stdout.contains("«Иванова Мария Петровна» [\(person.prefix(8))]"), list.stdout)
        XCTAssertTrue(try w.district("conflicts", "show", id).stdout.contains("«Иванова Мария Петровна» [\(person.prefix(8))]"))
        func role() throws -> String? {
            (try w.json(try w.district("list", "persons", "--where", "id=\(person)", "--json")) as? [[String: Any]])?.first?["role"] as? String
        }
        // The school's write won the merge here: the registry holds it.
        let c = try XCTUnwrap(try w.conflicts().first { $0.id == id })
        XCTAssertEqual(c.keptValue, "methodologist")
        XCTAssertEqual(try role(), "methodologist")
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "mine"))
        XCTAssertEqual(try role(), "methodologist", "mine leaves the value held now")
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "theirs"))
        XCTAssertEqual(try role(), c.lostValue, "theirs brings back the value the merge lost (the district's)")
        XCTAssertEqual(c.lostValue, "manager")
        // Settled so, mine is the value held now: kept again, it stays; theirs brings back the other.
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "mine"))
        XCTAssertEqual(try role(), "manager", "mine: the value the district holds now")
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "theirs"))
        XCTAssertEqual(try role(), "methodologist")
        let help = try ToolRunner.run("mentorsync-district", ["conflicts", "resolve", "--help"], environment: ToolLocale.russian)
        XCTAssertTrue(help.stdout.contains("mine: значение, которое сейчас в реестре района (его оставило слияние); theirs: потерянное значение"), help.output)
    }
}

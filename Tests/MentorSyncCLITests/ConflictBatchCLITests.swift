import Foundation
import XCTest
import MentorSyncTestSupport
import MentorSyncDomain
import MentorSyncEngine

/// A school's conflicts settled at once (`conflicts resolve --all --site SITE --keep …`): after a
/// school sent everything again, 150 conflicts on its teachers' positions are one decision, seen
/// first with --dry-run; nothing changes on a mistyped word; the school hears the decisions.
final class ConflictBatchCLITests: XCTestCase {
    var w: CLIWorld!

    override func setUpWithError() throws { w = try CLIWorld(schools: ["s001", "s002"]) }
    override func tearDown() { w = nil }

    func sql(_ home: URL, _ statement: String) throws {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/sqlite3"), [home.appendingPathComponent("registry.db").path, statement])
        XCTAssertEqual(r.exitCode, 0, r.stderr)
    }

    /// 150 teachers of s001 whose position the school and the district changed each on its own side,
    /// and one conflict of s002 that the decision on s001 must leave alone.
    func manyConflicts() throws {
        let list = w.scratch.path("staff.csv")
        try (["ФИО;Роль;Должность"] + (1...150).map { "Учитель Номер\($0);учитель;учитель" }).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        expectOK(try w.school("s001", "import-csv", "persons", list.path))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петрова Анна", "--set", "position=учитель"))
        try w.round()
        try sql(w.districtHome, "UPDATE persons SET position = 'завуч'")
        try sql(w.schoolHome("s001"), "UPDATE persons SET position = 'методист'")
        try sql(w.schoolHome("s002"), "UPDATE persons SET position = 'методист'")
        for n in ["s001", "s002"] { expectOK(try w.school(n, "sync", "--share", w.stick.path)) }
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertEqual(try w.conflicts().count, 151)
    }

    func districtState() throws -> String {
        try w.district("list", "persons", "--json").stdout + (try w.district("conflicts", "list", "--all", "--json")).stdout
    }

    func positions(_ home: URL) throws -> [String: Int] {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/sqlite3"),
                                          [home.appendingPathComponent("registry.db").path, "SELECT position, count(*) FROM persons WHERE full_name LIKE 'Учитель Номер%' GROUP BY position"])
        return Dictionary(uniqueKeysWithValues: r.stdout.split(separator: "\n").map { line in
            let p = line.split(separator: "|"); return (String(p[0]), Int(p[1]) ?? 0)
        })
    }

    func testOneDecisionSettlesASchoolsConflictsSeenFirst() throws {
        try manyConflicts()
        let before = try districtState()
        // The list says how a school's conflicts are settled at once.
        let list = try w.district(environment: ToolLocale.lang("ru_RU.UTF-8"), ["conflicts", "list"])
        XCTAssertTrue(list.stdout.replacingOccurrences(of: "\n  ", with: " ").replacingOccurrences(of: "\n", with: " ")
            .contains("все конфликты школы сразу: conflicts resolve --all --site КОД --keep school|district --dry-run"), String(list.stdout.suffix(600)))
        // Seen first: each record's line and what would be done, in Russian; nothing changed.
        let dry = try w.district(environment: ToolLocale.lang("ru_RU.UTF-8"), ["conflicts", "resolve", "--all", "--site", "s001", "--keep", "district", "--dry-run"])
        expectOK(dry)
        let said = dry.stdout.replacingOccurrences(of: "\n  ", with: " ")   // paragraphs wrapped to the terminal
        XCTAssertTrue(said.contains("Человек «Учитель Номер7» — Должность: "), dry.stdout)
        XCTAssertTrue(said.contains("будет решено 150 конфликтов школы «Школа s001»: будут оставлены значения управления образования"), dry.stdout)
        XCTAssertTrue(said.contains("ничего не изменено"), dry.stdout)
        XCTAssertEqual(try districtState(), before, "--dry-run changed the district")
        // A mistyped side or no school is a usage error that changes nothing.
        let bad = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "ours")
        XCTAssertEqual(bad.exitCode, 2, bad.output)
        XCTAssertTrue(bad.stderr.contains("--keep with --all takes school"), bad.stderr)
        XCTAssertEqual(try w.district("conflicts", "resolve", "--all", "--keep", "school").exitCode, 2)
        XCTAssertEqual(try w.district("conflicts", "resolve", "--all", "--site", "s009", "--keep", "school").exitCode, 1)
        XCTAssertEqual(try districtState(), before, "a refused decision changed the district")

        let done = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "district")
        expectOK(done)
        XCTAssertTrue(done.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("settled 150 conflicts of «Школа s001»: the district's values kept"), done.stdout)
        let open = try w.conflicts()
        XCTAssertEqual(open.count, 1, "s002's conflict is left alone")
        XCTAssertEqual(try positions(w.districtHome), ["завуч": 150])
        // The school hears every decision.
        try w.round()
        XCTAssertEqual(try positions(w.schoolHome("s001")), ["завуч": 150])
        // The school reads of 150 decisions on one field in a few lines, not 150.
        let told = try w.school("s001", environment: ToolLocale.russian, ["status"])
        let flat = told.stdout.replacingOccurrences(of: "\n    ", with: " ")
        XCTAssertTrue(flat.range(of: #"…и ещё [0-9]+ запис(ь|и|ей) \(«Человек», должность\) — так же"#, options: .regularExpression) != nil, told.stdout)
        XCTAssertLessThanOrEqual(told.stdout.components(separatedBy: "Учитель Номер").count - 1, 6, told.stdout)
        XCTAssertTrue(try w.conflicts().count == 1)
        // Nothing left to settle for s001 is said so.
        let none = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "school")
        expectOK(none)
        XCTAssertTrue(none.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("«Школа s001» has no open conflicts; nothing was changed"), none.stdout)
    }

    /// One field only, and the school's values: the decision keeps each conflict's school side, whichever the merge kept.
    func testTheSchoolsValuesForOneField() throws {
        try manyConflicts()
        let r = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "school", "--field", "persons.position", "--json")
        expectOK(r)
        let json = try XCTUnwrap(try w.json(r) as? [String: Any])
        XCTAssertEqual(json["settled"] as? Int, 150)
        XCTAssertEqual(try positions(w.districtHome), ["методист": 150])
        let other = try w.district("conflicts", "resolve", "--all", "--site", "s002", "--keep", "school", "--field", "persons.role")
        expectOK(other)
        XCTAssertTrue(other.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("has no open conflicts (field «Person — Role»)"), other.stdout)
        XCTAssertEqual(try w.conflicts().count, 1)
    }

    /// A record the school deleted while the district changed it: keeping the school's side agrees to
    /// the deletion; keeping the district's cannot bring the record back from here — left to be settled
    /// one by one, said so, nothing written.
    func testADeletedRecordIsLeftAloneWhenItsValueIsKept() throws {
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров Ваня", "--set", "role=student", "--id", "p1"))
        try w.round()
        expectOK(try w.school("s001", "delete", "persons", "p1"))
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "birth_date=01.02.2013"))
        try w.round()
        XCTAssertEqual(try w.conflicts().count, 1)
        let before = try districtState()
        let district = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "district")
        expectOK(district)
        XCTAssertTrue(district.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("1 conflict is left to settle one by one (conflicts list): the record was deleted"), district.stdout)
        XCTAssertEqual(try districtState(), before, "nothing written")
        let school = try w.district("conflicts", "resolve", "--all", "--site", "s001", "--keep", "school")
        expectOK(school)
        XCTAssertTrue(school.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("settled 1 conflict of «Школа s001»"), school.stdout)
        XCTAssertEqual(try w.conflicts().count, 0)
    }

    /// A decision seen on a list that an exchange changed before it was carried out (the school wrote
    /// one of the records again: its conflict settled by that later change) is refused whole, nothing
    /// written: kept, the district's value would have undone the school's later change unseen.
    func testADecisionOnAListChangedMeanwhileWritesNothing() throws {
        try manyConflicts()
        let home = try DistrictHome.open(w.districtHome)
        let batch = try home.conflictBatch(site: SiteID("s001")!, keep: .district)
        XCTAssertEqual(batch.changes.count, 150)
        try sql(w.schoolHome("s001"), "UPDATE persons SET position = 'директор' WHERE full_name = 'Учитель Номер7'")
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let before = try districtState()
        XCTAssertThrowsError(try home.settle(batch)) { error in
            XCTAssertEqual((error as? MessageError)?.message, .conflictBatchChangedMeanwhile)
        }
        XCTAssertEqual(try districtState(), before, "nothing written")
        XCTAssertEqual(try positions(w.districtHome)["директор"], 1, "the school's later change stands")
    }

    /// `--dry-run`, `--site` and `--field` belong to `resolve --all`: typed with one conflict's
    /// resolve (she means to look first), they were taken without a word and the conflict settled.
    /// They are a usage error there, and nothing changes.
    func testTheBatchsOptionsOnOneConflictAreAUsageErrorThatChangesNothing() throws {
        try manyConflicts()
        let id = try XCTUnwrap(try w.conflicts().first).id
        let before = try districtState()
        for extra in [["--dry-run"], ["--site", "s001"], ["--field", "persons.position"]] {
            let r = try w.district(environment: ToolLocale.russian, ["conflicts", "resolve", id, "--keep", "theirs"] + extra)
            XCTAssertEqual(r.exitCode, 2, "\(extra): " + r.output)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("--all"), r.stderr)
            XCTAssertEqual(try districtState(), before, "\(extra) settled the conflict")
        }
        XCTAssertEqual(try w.district("conflicts", "list", "--dry-run").exitCode, 2)
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport

/// References typed by name, checked where people enter them (DESIGN.md, "People's language and
/// names"), through the real binaries, in Russian and in English.
final class ReferenceNamesTests: XCTestCase {

    var w: CLIWorld!

    override func setUpWithError() throws { w = try CLIWorld(schools: ["s001"]) }
    override func tearDown() { w = nil }

    func school(_ env: [String: String], _ args: String...) throws -> ToolResult {
        try w.school("s001", environment: env, args)
    }

    func count(_ table: String) throws -> Int {
        (try w.json(try w.school("s001", "list", table, "--json")) as? [Any])?.count ?? -1
    }

    @discardableResult
    func add(_ args: String...) throws -> String {
        let r = try ToolRunner.run("mentorsync-school", args + ["--json", "--home", w.schoolHome("s001").path])
        XCTAssertEqual(r.exitCode, 0, r.output)
        return try XCTUnwrap((try w.json(r) as? [String: Any])?["id"] as? String)
    }

    /// Two teachers who share a name, one who does not.
    func addTeachers() throws -> (older: String, younger: String, petrov: String) {
        let younger = try add("put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "birth_date=12.03.1990", "--set", "role=teacher")
        let older = try add("put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "birth_date=05.06.1985", "--set", "role=учитель")
        let petrov = try add("put", "persons", "--set", "full_name=Петров Иван Ильич", "--set", "role=teacher")
        return (older, younger, petrov)
    }

    func testAReferenceByAUniqueNameIsStoredAsTheRowsID() throws {
        let t = try addTeachers()
        let mentor = try add("put", "mentors", "--set", "person_id=петров  иван ильич", "--set", "status=active")
        let pair = try add("put", "pairs", "--set", "mentor_id=Петров Иван Ильич", "--set", "form=teacher-teacher", "--set", "started_on=01.09.2024")
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "pairs", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.first?["mentor_id"] as? String, mentor)
        let mentors = try XCTUnwrap(try w.json(try w.school("s001", "list", "mentors", "--json")) as? [[String: Any]])
        XCTAssertEqual(mentors.first?["person_id"] as? String, t.petrov)
        // With the birth date, a shared name finds one person.
        try add("put", "mentees", "--set", "person_id=Иванова Мария Петровна (12.03.1990)", "--set", "category=young_specialist")
        let mentees = try XCTUnwrap(try w.json(try w.school("s001", "list", "mentees", "--json")) as? [[String: Any]])
        XCTAssertEqual(mentees.first?["person_id"] as? String, t.younger)
        // A pair's meeting, by its mentor's name; list --where and delete take names too.
        try add("put", "meetings", "--set", "pair_id=Петров Иван Ильич", "--set", "kind=знакомство", "--set", "held_on=01.10.2025")
        let found = try XCTUnwrap(try w.json(try w.school("s001", "list", "meetings", "--where", "pair_id=Петров Иван Ильич", "--json")) as? [[String: Any]])
        XCTAssertEqual(found.map { $0["pair_id"] as? String }, [pair])
        XCTAssertEqual(found.first?["kind"] as? String, "introduction")
        let teachers = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--where", "role=учитель", "--json")) as? [[String: Any]])
        XCTAssertEqual(teachers.count, 3, "a Russian value finds the rows of its value")
        // The listing a person reads names the mentor beside its short id.
        let listing = try w.school("s001", "list", "pairs")
        expectOK(listing)
        XCTAssertTrue(listing.stdout.contains("Петров Иван Ильич [\(mentor.prefix(8))]"), listing.stdout)
        XCTAssertFalse(listing.stdout.contains(mentor), "the full id of the mentor is not needed on a terminal: \(listing.stdout)")
    }

    func testAnAmbiguousNameListsTheCandidatesAndWritesNothing() throws {
        let t = try addTeachers()
        for (env, words) in [(ToolLocale.russian, ["подходит к 2 строкам таблицы «Люди»:", "укажите одно"]), (ToolLocale.english, ["matches 2 rows of persons", "give one"])] {
            let r = try school(env, "put", "mentors", "--set", "person_id=Иванова Мария Петровна", "--set", "status=active")
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
            for w in words { XCTAssertTrue(r.stderr.contains(w), "\(env["LANG"]!): \(r.stderr)") }
            XCTAssertTrue(r.stderr.contains("Иванова Мария Петровна (12.03.1990) [\(t.younger.prefix(8))]"), r.stderr)
            XCTAssertTrue(r.stderr.contains("Иванова Мария Петровна (05.06.1985) [\(t.older.prefix(8))]"), r.stderr)
        }
        XCTAssertEqual(try count("mentors"), 0)
    }

    func testANameThatMatchesNothingIsRefusedAndWritesNothing() throws {
        _ = try addTeachers()
        let ru = try school(ToolLocale.russian, "put", "mentors", "--set", "person_id=Сидорова Анна", "--set", "status=active")
        XCTAssertEqual(ru.exitCode, 1, ru.output)
        XCTAssertTrue(ru.stderr.contains("нет строки с именем «Сидорова Анна»"), ru.stderr)
        let en = try school(ToolLocale.english, "put", "mentors", "--set", "person_id=Сидорова Анна", "--set", "status=active")
        XCTAssertEqual(en.exitCode, 1, en.output)
        XCTAssertTrue(en.stderr.contains("no persons row is named 'Сидорова Анна'"), en.stderr)
        // A part of a name is no name: candidates are offered instead.
        let part = try school(ToolLocale.english, "put", "mentors", "--set", "person_id=Петров", "--set", "status=active")
        XCTAssertEqual(part.exitCode, 1, part.output)
        XCTAssertTrue(part.stderr.contains("similar: ") && part.stderr.contains("Петров Иван Ильич ["), part.stderr)
        XCTAssertEqual(try count("mentors"), 0)
    }

    func testAMistypedUUIDIsRefusedAndWritesNothing() throws {
        let t = try addTeachers()
        // One character off, as a copy by hand makes it.
        var typo = Array(t.petrov)
        typo[3] = typo[3] == "a" ? "b" : "a"
        let wrong = String(typo)
        for (env, text) in [(ToolLocale.russian, "нет строки таблицы «Люди» (persons) с id «\(wrong)»"), (ToolLocale.english, "holds no persons row with id '\(wrong)'")] {
            let r = try school(env, "put", "mentors", "--set", "person_id=\(wrong)", "--set", "status=active")
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertTrue(r.stderr.contains(text), r.stderr)
        }
        // Changing an existing row to point at nothing is refused too, and the row keeps its value.
        let mentor = try add("put", "mentors", "--set", "person_id=\(t.petrov)", "--set", "status=active")
        let r = try w.school("s001", "put", "mentors", "--id", mentor, "--set", "person_id=\(wrong)")
        XCTAssertEqual(r.exitCode, 1, r.output)
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "mentors", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["person_id"] as? String }, [t.petrov])
    }
}

extension ReferenceNamesTests {
    func testPutIDTakesTheNameOfTheRowToChange() throws {
        let t = try addTeachers()
        let said = try school(ToolLocale.russian, "put", "persons", "--id", "Петров Иван Ильич", "--set", "position=завуч")
        XCTAssertEqual(said.stdout, "изменено: Человек «Петров Иван Ильич» [\(t.petrov.prefix(8))]\n", said.output)
        expectOK(try w.school("s001", "put", "persons", "--id", "Иванова Мария Петровна (05.06.1985)", "--set", "position=учитель химии"))
        let rows = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(rows.count, 3, "changed, not added")
        XCTAssertEqual(rows.first { $0["id"] as? String == t.petrov }?["position"] as? String, "завуч")
        XCTAssertEqual(rows.first { $0["id"] as? String == t.older }?["position"] as? String, "учитель химии")
        // A shared name, or a name nobody has, changes nothing and adds nothing.
        let ambiguous = try school(ToolLocale.english, "put", "persons", "--id", "Иванова Мария Петровна", "--set", "position=директор")
        XCTAssertEqual(ambiguous.exitCode, 1, ambiguous.output)
        XCTAssertTrue(ambiguous.stderr.contains("matches 2 rows of persons"), ambiguous.stderr)
        let nobody = try school(ToolLocale.russian, "put", "persons", "--id", "Сидорова Анна", "--set", "position=директор")
        XCTAssertEqual(nobody.exitCode, 1, nobody.output)
        XCTAssertTrue(nobody.stderr.contains("нет строки с именем «Сидорова Анна»"), nobody.stderr)
        XCTAssertEqual(try count("persons"), 3)
        XCTAssertFalse(try w.school("s001", "list", "persons", "--json").stdout.contains("директор"))
    }
}

extension ReferenceNamesTests {
    func testDeleteTakesANameAndRefusesAnAmbiguousOne() throws {
        let t = try addTeachers()
        let shared = try w.school("s001", "delete", "persons", "Иванова Мария Петровна")
        XCTAssertEqual(shared.exitCode, 1, shared.output)
        XCTAssertTrue(shared.stderr.contains("matches 2 rows of persons"), shared.stderr)
        XCTAssertEqual(try count("persons"), 3, "nothing deleted")
        let r = try w.school("s001", "delete", "persons", "Петров Иван Ильич", "--json")
        expectOK(r)
        XCTAssertEqual((try w.json(r) as? [String: Any])?["id"] as? String, t.petrov)
        let left = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(Set(left.compactMap { $0["id"] as? String }), [t.older, t.younger])
    }
}

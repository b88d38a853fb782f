import Foundation
import XCTest
import MentorSyncTestSupport

/// `status` of both tools in the reader's language (issue 12), through the real binaries: names
/// instead of ids, local times, and the advice whole, wrapped to the terminal's width, never cut.
final class StatusLanguageTests: XCTestCase {
    /// A district, a school that synced once and a school that never did.
    struct World {
        let scratch = ScratchDirectory("status")

        init() throws {
            let stick = scratch.folder("stick").path
            try expectOK(district(ToolLocale.english, "init", "--name", "Управление образования г. Дубна"))
            for (site, name) in [("s001", "Лицей № 1"), ("s002", "Средняя школа № 2")] {
                try expectOK(district(ToolLocale.english, "enroll", "--site", site, "--name", name, "--out", scratch.path("\(site).enroll").path))
            }
            try expectOK(school(ToolLocale.english, "init", "--enroll", scratch.path("s001.enroll").path))
            try expectOK(district(ToolLocale.english, "ingest", "--share", stick))
            try expectOK(school(ToolLocale.english, "put", "persons", "--set", "full_name=Иванова Анна", "--set", "role=teacher"))
            try expectOK(school(ToolLocale.english, "sync", "--share", stick))
            try expectOK(district(ToolLocale.english, "ingest", "--share", stick))
            try expectOK(school(ToolLocale.english, "sync", "--share", stick))
        }

        func district(_ env: [String: String], _ args: String...) throws -> ToolResult {
            try ToolRunner.run("mentorsync-district", args + ["--home", scratch.path("district").path], environment: env)
        }

        func school(_ env: [String: String], _ args: String...) throws -> ToolResult {
            try ToolRunner.run("mentorsync-school", args + ["--home", scratch.path("school").path], environment: env)
        }
    }

    static let width = 44

    /// The environment of a terminal `width` columns wide, in the given language.
    static func narrow(_ locale: [String: String]) -> [String: String] { locale.merging(["COLUMNS": "\(width)"]) { $1 } }

    /// The advice section: every line after the heading, each at most `width`; and its words joined back.
    func advice(_ stdout: String, heading: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == heading }) else {
            XCTFail("no '\(heading)' in: \(stdout)", file: file, line: line); return ""
        }
        let section = lines[(start + 1)...].filter { !$0.isEmpty }
        for l in section { XCTAssertLessThanOrEqual(l.count, Self.width, "a line wider than the terminal: «\(l)»", file: file, line: line) }
        XCTAssertGreaterThan(section.count, 2, "the long advice was not wrapped: \(stdout)", file: file, line: line)
        return section.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// Wrapped text joined back: one space between words.
    func flat(_ text: String) -> String { text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }

    func testDistrictStatusInRussianNamesTheSchoolsAndGivesTheWholeAdvice() throws {
        let w = try World()
        let r = try w.district(Self.narrow(ToolLocale.russian), "status")
        expectOK(r)
        XCTAssertTrue(flat(r.stdout).hasPrefix("Управление образования г. Дубна: 2 школы, 0 открытых конфликтов, 0 пакетов в карантине "), r.stdout)
        XCTAssertTrue(r.stdout.contains("Лицей № 1") && r.stdout.contains("Средняя школа № 2"), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "Лицей № 1 +s001 +[0-9]{2}\\.[0-9]{2}\\.20[0-9]{2} [0-9]{2}:[0-9]{2} ", options: .regularExpression),
                        "the last bundle's time is not local and readable: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("Средняя школа № 2  s002  не было"), r.stdout)
        let advice = advice(r.stdout, heading: "Что сделать:")
        XCTAssertTrue(advice.contains("Лицей № 1 (s001): всё в порядке"), advice)
        XCTAssertTrue(advice.contains("Средняя школа № 2 (s002): от школы ещё ничего не пришло: передайте ей файл подключения и флешку (или путь к общей папке)"), advice)
        XCTAssertNil(r.stdout.range(of: "\\b[A-Za-z]{3,}\\b", options: .regularExpression), "English left in: \(r.stdout)")
    }

    func testDistrictStatusInEnglishUnderTheCLocale() throws {
        let w = try World()
        let r = try w.district(Self.narrow(ToolLocale.english), "status")
        expectOK(r)
        XCTAssertTrue(flat(r.stdout).hasPrefix("Управление образования г. Дубна: 2 schools, 0 open conflicts, 0 bundles quarantined in 60 days "), r.stdout)
        let advice = advice(r.stdout, heading: "advice:")
        XCTAssertTrue(advice.contains("Средняя школа № 2 (s002): nothing received yet: hand the school its enrollment file and a share"), advice)
        for russian in ["не было", "Что сделать", "школы", "пакет", "всё в порядке"] { XCTAssertFalse(r.stdout.contains(russian), r.stdout) }
        // The machine's advice is English whatever the language.
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try w.district(ToolLocale.russian, "status", "--json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["schools"] as? [[String: Any]])?.compactMap { $0["advice"] as? String },
                       ["ok", "nothing received yet: hand the school its enrollment file and a share"])
    }

    /// A school just set up has sent nothing: its status says what comes next, not «everything
    /// sent is acknowledged».
    func testAFreshSchoolIsToldItsDataComesAtTheFirstExchange() throws {
        let scratch = ScratchDirectory("fresh-status")
        let district = scratch.path("district"), school = scratch.path("school"), file = scratch.path("s001.enrollment")
        for (tool, args) in [("mentorsync-district", ["init", "--name", "Управление образования", "--home", district.path]),
                             ("mentorsync-district", ["enroll", "--site", "s001", "--name", "Лицей № 1", "--out", file.path, "--home", district.path]),
                             ("mentorsync-school", ["init", "--enroll", file.path, "--home", school.path])] {
            expectOK(try ToolRunner.run(tool, args))
        }
        let r = try ToolRunner.run("mentorsync-school", ["status", "--home", school.path], environment: ToolLocale.russian)
        expectOK(r)
        XCTAssertTrue(flat(r.stdout).contains("обмена с управлением образования ещё не было: данные школы придут при первом обмене (mentorsync-school sync --share ПАПКА)"), r.stdout)
        XCTAssertFalse(r.stdout.contains("подтверждено"), r.stdout)
    }

    func testSchoolStatusInRussianNamesTheDistrict() throws {
        let w = try World()
        let r = try w.school(Self.narrow(ToolLocale.russian), "status")
        expectOK(r)
        let text = flat(r.stdout)
        XCTAssertTrue(text.hasPrefix("Лицей № 1 (s001); управление образования: Управление образования г. Дубна "), r.stdout)
        XCTAssertNotNil(text.range(of: "последняя отправка: [0-9]{2}\\.[0-9]{2}\\.20[0-9]{2} [0-9]{2}:[0-9]{2}; последний ответ управления образования: [0-9]{2}\\.",
                                   options: .regularExpression), r.stdout)
        XCTAssertTrue(text.contains("Люди 1"), r.stdout)
        XCTAssertTrue(text.contains("всё отправленное подтверждено управлением образования"), r.stdout)
        for l in r.stdout.split(separator: "\n") { XCTAssertLessThanOrEqual(l.count, Self.width, "«\(l)»") }
        // (Excel is the name of the program her lists are kept in.)
        XCTAssertNil(r.stdout.replacingOccurrences(of: "Excel", with: "").range(of: "\\b[A-Za-z]{3,}\\b", options: .regularExpression), "English left in: \(r.stdout)")
        // No pair yet, no mentee waiting: where to begin, the only item.
        XCTAssertTrue(text.hasSuffix("Что сделать: пар в реестре ещё нет: внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары"), r.stdout)
        // A running pair without its plan (ИОМ): the agenda names it, as the web app's home page does.
        try expectOK(w.school(ToolLocale.english, "put", "mentors", "--set", "person_id=Иванова Анна", "--set", "status=active"))
        try expectOK(w.school(ToolLocale.english, "put", "pairs", "--set", "mentor_id=Иванова Анна", "--set", "status=active"))
        let todo = try w.school(Self.narrow(ToolLocale.russian), "status")
        XCTAssertTrue(flat(todo.stdout).hasSuffix("Что сделать: нет плана (ИОМ) у действующих пар (1): «Иванова Анна»"), todo.stdout)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try w.school(ToolLocale.russian, "status", "--json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["agenda"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }, ["pair_without_plan"])
    }

    /// Seven pairs without a plan: `status` names five and counts the rest, and says how to see them
    /// all; `status --all` names every one.
    func testSchoolStatusAllNamesEveryRowOfTheAgenda() throws {
        let w = try World()
        try expectOK(w.school(ToolLocale.english, "put", "mentors", "--set", "person_id=Иванова Анна", "--set", "status=active"))
        for day in 1...7 {
            try expectOK(w.school(ToolLocale.english, "put", "pairs", "--set", "mentor_id=Иванова Анна", "--set", "status=active",
                                  "--set", "started_on=2026-05-0\(day)"))
        }
        let short = flat(try w.school(Self.narrow(ToolLocale.russian), "status").stdout)
        XCTAssertTrue(short.contains("«Иванова Анна — 05.05.2026» и ещё 2 нет встреч"), short)
        XCTAssertTrue(short.hasSuffix("«Иванова Анна — 05.05.2026» (встреч нет) и ещё 2 весь список: mentorsync-school status --all"), short)
        let all = try w.school(Self.narrow(ToolLocale.russian), "status", "--all")
        expectOK(all)
        XCTAssertTrue(flat(all.stdout).contains("«Иванова Анна — 06.05.2026», «Иванова Анна — 07.05.2026» нет встреч"), all.stdout)
        XCTAssertTrue(flat(all.stdout).hasSuffix("«Иванова Анна — 07.05.2026» (встреч нет)"), all.stdout)
        XCTAssertFalse(all.stdout.contains("и ещё"), all.stdout)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try w.school(ToolLocale.russian, "status", "--all", "--json").stdout.utf8)) as? [String: Any])
        XCTAssertEqual(((json["agenda"] as? [[String: Any]])?.first?["ids"] as? [Any])?.count, 7)
    }

    func testSchoolStatusInEnglishNamesTheDistrict() throws {
        let w = try World()
        let r = try w.school(ToolLocale.english, "status")
        expectOK(r)
        XCTAssertTrue(r.stdout.hasPrefix("Лицей № 1 (s001), district: Управление образования г. Дубна\n"), r.stdout)
        XCTAssertFalse(r.stdout.contains("district district"), r.stdout)
        XCTAssertNotNil(r.stdout.range(of: "last export: 20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2};", options: .regularExpression), r.stdout)
        XCTAssertTrue(r.stdout.contains("rows: Organizations 3, Persons 1"), r.stdout)
        XCTAssertFalse(r.stdout.contains("Люди"), r.stdout)
    }
}

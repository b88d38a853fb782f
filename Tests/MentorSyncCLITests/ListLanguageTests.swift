import Foundation
import XCTest
import MentorSyncTestSupport

/// `list TABLE` in the reader's language (issue 12), as the web app's lists: columns by their titles,
/// enumeration values in words, dates as the language writes them, the owner and references by name.
/// `--json` stays the machine's.
final class ListLanguageTests: XCTestCase {
    var w: CLIWorld!

    override func setUpWithError() throws {
        w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "birth_date=12.03.1990"))
        expectOK(try w.school("s001", "put", "mentors", "--set", "person_id=Иванова Мария Петровна", "--set", "status=active"))
        try w.round()  // the school's organizations row (its name) comes from the district
    }

    override func tearDown() { w = nil }

    func list(_ locale: [String: String], _ table: String) throws -> [String] {
        let r = try w.school("s001", environment: locale, ["list", table])
        expectOK(r)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    func testListSpeaksRussianUnderARussianLocale() throws {
        let persons = try list(ToolLocale.russian, "persons")
        XCTAssertNotNil(persons.first?.range(of: "^Идентификатор +Владелец +ФИО +Дата рождения +Роль$", options: .regularExpression), "\(persons)")
        XCTAssertNotNil(persons[1].range(of: "^p1 +Школа s001 +Иванова Мария Петровна +12\\.03\\.1990 +учитель$", options: .regularExpression), "\(persons)")
        XCTAssertEqual(persons.last, "(записей: 1)")
        let mentors = try list(ToolLocale.russian, "mentors")
        XCTAssertTrue(mentors[0].contains("Статус"), "\(mentors)")
        XCTAssertTrue(mentors[1].contains("Иванова Мария Петровна [p1]") && mentors[1].contains("активный"), "\(mentors)")
        for line in persons + mentors {
            XCTAssertNil(line.range(of: "teacher|active|full_name|birth_date|org_id|rows?\\b", options: .regularExpression), line)
        }
        let nothing = try list(ToolLocale.russian, "meetings")
        XCTAssertEqual(nothing, ["в таблице «Встречи» пока нет записей"])
        // A filter that matches nothing does not say the table is empty.
        let r = try w.school("s001", environment: ToolLocale.russian, ["list", "mentors", "--where", "status=inactive"])
        expectOK(r)
        XCTAssertEqual(r.stdout.split(separator: "\n"), ["в таблице «Наставники» нет записей с такими значениями"])
        // A required value left out is said in words, with the column's name for the command line.
        let unnamed = try w.school("s001", environment: ToolLocale.russian, ["put", "persons", "--set", "role=teacher"])
        XCTAssertEqual(unnamed.exitCode, 1)
        XCTAssertTrue(unnamed.stderr.contains("не заполнено «ФИО»: без этого новую запись таблицы «Люди» не сохранить"), unnamed.stderr)
    }

    /// Ольга Ивановна types the table as the pages call it: «люди», «Планы (ИОМ)», «иом», «наставляемые
    /// в парах» name their tables in every command (it was «нет таблицы «люди»»; `persons` only).
    func testATableIsNamedByItsTitleToo() throws {
        let listed = try list(ToolLocale.russian, "люди")
        XCTAssertNotNil(listed[1].range(of: "^p1 +Школа s001 +Иванова Мария Петровна", options: .regularExpression), "\(listed)")
        XCTAssertEqual(try list(ToolLocale.russian, "Планы (иом)"), ["в таблице «Планы (ИОМ)» пока нет записей"])
        XCTAssertEqual(try list(ToolLocale.russian, "ИОМ"), ["в таблице «Планы (ИОМ)» пока нет записей"])
        XCTAssertEqual(try list(ToolLocale.russian, "Наставляемые в парах"), ["в таблице «Наставляемые в парах» пока нет записей"])
        let put = try w.json(try w.school("s001", environment: ToolLocale.russian, ["put", "Люди", "--set", "full_name=Петров Олег Ильич", "--json"])) as? [String: Any]
        XCTAssertEqual(put?["table"] as? String, "persons", "the machine's output names the table by its name")
        let csv = w.scratch.path("наставники.csv")
        expectOK(try w.school("s001", environment: ToolLocale.russian, ["export-csv", "наставники", csv.path]))
        XCTAssertTrue(try String(contentsOf: csv, encoding: .utf8).contains("Наставник"))
        let loaded = try w.school("s001", environment: ToolLocale.russian, ["import-csv", "Наставники", csv.path, "--dry-run"])
        expectOK(loaded)
        XCTAssertTrue(loaded.stdout.contains("без изменений: 1"), loaded.stdout)
        XCTAssertTrue(try w.school("s001", environment: ToolLocale.russian, ["import-csv", "мероприятия", "--help"]).stdout.contains("«Мероприятие»: текст"))
        let unknown = try w.school("s001", environment: ToolLocale.russian, ["list", "учителя"])
        XCTAssertEqual(unknown.exitCode, 1)
        XCTAssertTrue(unknown.stderr.contains("нет таблицы «учителя»; таблицы: «Организации» (organizations), «Люди» (persons),"), unknown.output)
    }

    /// A Russian export is a list for people, as the web app's download: the mentor by name (it was
    /// the person's id: «Наставник: p1»), «да»/«нет»; it loads back to no change. An English (a
    /// script's) export keeps ids.
    func testARussianExportNamesReferencesAndLoadsBackUnchanged() throws {
        let csv = w.scratch.path("наставники.csv")
        expectOK(try w.school("s001", environment: ToolLocale.russian, ["export-csv", "mentors", csv.path]))
        let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines.last?.contains(";s001;Иванова Мария Петровна;активный;") == true, "\(lines)")
        XCTAssertTrue(lines.last?.hasSuffix(";нет") == true, "\(lines)")
        let loaded = try w.school("s001", environment: ToolLocale.russian, ["import-csv", "mentors", csv.path])
        expectOK(loaded)
        XCTAssertTrue(loaded.stdout.contains("без изменений: 1"), loaded.stdout)
        let machine = w.scratch.path("mentors.csv")
        expectOK(try w.school("s001", environment: ToolLocale.english, ["export-csv", "mentors", machine.path]))
        XCTAssertTrue(try String(contentsOf: machine, encoding: .utf8).contains(";s001;p1;active;"))
    }

    /// A workbook's date cell (Excel shows 12.03.1990) was shown in the preview as «1990-03-12»: as she
    /// sees it in the file.
    func testAWorkbooksDateIsPreviewedAsExcelShowsIt() throws {
        let book = w.scratch.path("люди.xlsx")
        expectOK(try w.school("s001", environment: ToolLocale.russian, ["export-csv", "persons", book.path]))
        let preview = try w.school("s001", environment: ToolLocale.russian, ["import-csv", "persons", book.path, "--dry-run"])
        expectOK(preview)
        XCTAssertTrue(preview.stdout.contains("Иванова Мария Петровна; 12.03.1990; учитель"), preview.stdout)
        XCTAssertFalse(preview.stdout.contains("1990-03-12"), preview.stdout)
    }

    func testListSpeaksEnglishUnderTheCLocaleAndJSONStaysTheMachines() throws {
        let persons = try list(ToolLocale.english, "persons")
        XCTAssertNotNil(persons.first?.range(of: "^Id +Owner +Full name +Birth date +Role$", options: .regularExpression), "\(persons)")
        XCTAssertNotNil(persons[1].range(of: "^p1 +Школа s001 +Иванова Мария Петровна +1990-03-12 +teacher$", options: .regularExpression), "\(persons)")
        let json = try XCTUnwrap(try w.json(try w.school("s001", environment: ToolLocale.russian, ["list", "persons", "--json"])) as? [[String: Any]])
        XCTAssertEqual(json.first?["role"] as? String, "teacher")
        XCTAssertEqual(json.first?["birth_date"] as? String, "1990-03-12")
        XCTAssertEqual(json.first?["org_id"] as? String, "s001")
    }
}

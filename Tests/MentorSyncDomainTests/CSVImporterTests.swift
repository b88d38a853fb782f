import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class CSVImporterTests: XCTestCase {
    var scratch: ScratchDirectory!
    var school: Replica!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("csv-import")
        school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                    district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    override func tearDown() { school = nil; scratch = nil }

    func file(_ name: String, _ text: String, bom: Bool = false) throws -> URL {
        let url = scratch.path(name)
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)).write(to: url)
        return url
    }

    func count(_ table: String, _ replica: Replica? = nil) throws -> Int64 {
        try (replica ?? school).database.scalar("SELECT count(*) FROM \(table)")?.integer ?? -1
    }

    func logCount() throws -> Int64 { try school.database.scalar("SELECT count(*) FROM msync_log")?.integer ?? -1 }

    func row(_ table: String, _ id: String, _ columns: String) throws -> [String] {
        try school.database.rows("SELECT \(columns) FROM \(table) WHERE id = ?", [.text(id)]).first?.map(\.displayText) ?? []
    }

    /// A list as schools keep it in Excel: a title line above the column names, a column the
    /// registry has no place for. The title is left out, the column too, and both are said.
    func testATitleAboveTheHeaderAndAnExtraColumnAreLeftOutAndSaid() throws {
        let url = try file("staff.csv", """
            Список педагогических работников МБОУ Захарьванская ООШ на 01.09.2026;;;
            ;;;
            № п/п;ФИО;Должность;Телефон
            1;Кузнецов Виктор Павлович;учитель физики;+7 900 000-00-00
            2;Морозова Елена Николаевна;завуч;
            """)
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual(r.inserted, 2)
        XCTAssertEqual(r.titleLines, 1)
        XCTAssertEqual(r.skippedColumns, ["Телефон"])
        XCTAssertEqual(r.notes.map(\.russian).first, "пропущено над строкой с названиями столбцов (заголовок): 1 строка")
        XCTAssertEqual(try school.database.rows("SELECT full_name, position FROM persons ORDER BY full_name").map { $0.map(\.displayText) },
                       [["Кузнецов Виктор Павлович", "учитель физики"], ["Морозова Елена Николаевна", "завуч"]])
    }

    /// Two namesakes on two lines of one new list are two people; the list's own line is no
    /// registry date to correct against.
    func testTwoNamesakesOfOneListAreBothAdded() throws {
        let url = try file("namesakes.csv", "ФИО;Дата рождения;Роль\nПетрова Анна Сергеевна;14.02.1999;учитель\nПетрова Анна Сергеевна;02.06.1978;учитель\n")
        let r = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: true)
        XCTAssertEqual(r.inserted, 2, "\(r.badRows)")
        // One person twice, once without her date, is one person.
        let twice = try file("twice.csv", "ФИО;Дата рождения\nЗайцев Олег;02.03.1985\nЗайцев Олег;\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: twice, into: school, skipBad: true).inserted, 1)
        // Against the registry, a third date is still told as a slip.
        let again = try file("again.csv", "ФИО;Дата рождения\nПетрова Анна Сергеевна;03.03.1985\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: again, into: school, skipBad: true).badRows.count, 1)
    }

    /// A list of mentors with an empty «Наставник» cell adds no nameless mentor, and empties no one's.
    func testAMentorsLineWithoutHerPersonIsRefused() throws {
        _ = try CSVImporter().import(table: "persons", file: try file("p.csv", "ФИО;Роль\nОрлов Пётр;учитель\n"), into: school)
        let list = try file("mentors.csv", "Наставник;Статус\n;активный\nОрлов Пётр;активный\n")
        let r = try CSVImporter().import(table: "mentors", file: list, into: school, skipBad: true)
        XCTAssertEqual([r.inserted, r.badRows.count], [1, 1], "\(r.badRows)")
        XCTAssertEqual(try count("mentors"), 1)
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentors WHERE person_id IS NULL")?.integer, 0)
    }

    /// A row kept before its entry needs (a survey without its score) is changed by a list line that
    /// leaves the score empty as it is: nothing is emptied; a line emptying a score there is refused.
    func testALineLeavingEmptyWhatIsEmptyIsNoEmptying() throws {
        try school.database.execute("INSERT INTO surveys (id, org_id, respondent, comment) VALUES ('sv1', 's017', 'mentee', 'старый')")
        try school.database.execute("INSERT INTO surveys (id, org_id, respondent, satisfaction, comment) VALUES ('sv2', 's017', 'mentee', 8, 'старый')")
        let list = try file("surveys.csv", "id;Респондент;Удовлетворённость;Комментарий\nsv1;наставляемый;;новый\nsv2;наставляемый;;новый\n")
        let r = try CSVImporter().import(table: "surveys", file: list, into: school, skipBad: true)
        XCTAssertEqual([r.updated, r.badRows.count], [1, 1], "\(r.badRows)")
        XCTAssertEqual(try row("surveys", "sv1", "comment"), ["новый"])
        XCTAssertEqual(try row("surveys", "sv2", "satisfaction, comment"), ["8", "старый"])
    }

    /// The registry holds her short name («Иванова Мария»), last year's list the full one, born the same
    /// day: refused as her, the advice was to correct the list's name — the wrong way; it says that
    /// the registry's is corrected first when the list has it right.
    func testAFullNameOfAShortNameTheRegistryHoldsIsAdvisedBothWays() throws {
        _ = try CSVImporter().import(table: "persons", file: try file("p.csv", "ФИО;Дата рождения\nИванова Мария;12.03.1990\n"), into: school)
        let r = try CSVImporter().import(table: "persons", file: try file("full.csv", "ФИО;Дата рождения\nИванова Мария Петровна;12.03.1990\n"),
                                         into: school, skipBad: true)
        XCTAssertEqual([r.inserted, r.badRows.count], [0, 1], "\(r.badRows)")
        let reason = r.badRows.first?.reason ?? ""
        XCTAssertTrue(reason.contains("если верно имя в списке (полное там, где в реестре краткое), сначала исправьте его в реестре")
                      || reason.contains("if the list has it right (a full name where the registry has a short one), correct it in the registry first"), reason)
    }

    /// A line naming someone a letter off a person of the registry born the same day is a typo, not
    /// a new person: refused, naming her; one born another day is another person.
    func testANameALetterOffWithTheSameBirthDateIsRefused() throws {
        _ = try CSVImporter().import(table: "persons", file: try file("p.csv", "ФИО;Дата рождения\nПетрова Мария Ивановна;10.04.2001\n"), into: school)
        let list = try file("again.csv", "ФИО;Дата рождения\nПетрова Марья Ивановна;10.04.2001\nПетрова Марья Ивановна;11.04.2001\nСидорова Анна;01.01.2000\nСидорова Ана;01.01.2000\n")
        let r = try CSVImporter().import(table: "persons", file: list, into: school, skipBad: true)
        XCTAssertEqual([r.inserted, r.badRows.count], [3, 1], "two lines of one list a letter apart are not held to it (twins): \(r.badRows)")
        let id = try XCTUnwrap(try school.database.scalar("SELECT id FROM persons WHERE full_name = 'Петрова Мария Ивановна'")?.text)
        XCTAssertTrue(r.badRows.first?.reason.contains("похоже на «Петрова Мария Ивановна» с той же датой рождения") == true
                      || r.badRows.first?.reason.contains("looks like «Петрова Мария Ивановна», born the same day") == true, "\(r.badRows)")
        // Read in the web app as at the command line: no id, no command.
        XCTAssertFalse(r.badRows.first?.reason.contains(ReferenceResolver.shortID(id)) ?? true, "\(r.badRows)")
        XCTAssertFalse(r.badRows.first?.reason.contains("put persons") ?? true, "\(r.badRows)")
    }

    /// A list of teachers without «Роль» adds people the teachers' indicators do not count: said.
    func testPeopleAddedWithoutARoleAreSaid() throws {
        let url = try file("teachers.csv", "ФИО;Дата рождения;Должность\nВолкова Мария Игоревна;12.03.2001;учитель физики\nПетров Олег;02.02.1980;учитель\n")
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual(r.addedWithoutRole, 2)
        XCTAssertTrue(r.notes.contains { $0.russian.hasPrefix("новых людей без роли: 2 — показатели отчёта о педагогах их не учтут") }, "\(r.notes)")
        let withRole = try file("more.csv", "ФИО;Дата рождения;Роль\nОрлов Пётр;01.01.1990;учитель\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: withRole, into: school).notes.count, 0)
    }

    /// Two spaces inside a name, or a non-breaking one from Excel, are one space: the name is stored
    /// as people type it, found by it, and the same list imported again changes nothing.
    func testSpacesInsideANameAreOneSpace() throws {
        let url = try file("persons.csv", "full_name;position;notes\nКузнецов  Виктор\u{00A0}Павлович ;учитель\tфизики;\"строка  одна \nстрока  две\"\n")
        let first = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: false)
        XCTAssertEqual(first.inserted, 1)
        XCTAssertEqual(try school.database.rows("SELECT full_name, position, notes FROM persons").first?.map(\.displayText),
                       ["Кузнецов Виктор Павлович", "учитель физики", "строка одна\nстрока две"])
        let again = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: false)
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 1])
        XCTAssertEqual(try count("persons"), 1)
    }

    /// A line giving the row's id writes the name as it is: a list downloaded and corrected
    /// («КУЗНЕЦОВА ОЛЬГА» → «Кузнецова Ольга») and loaded back changes it. A line of a list of
    /// meetings giving its id brings back one written without its day (another program's).
    func testALineWithItsIdIsWrittenAsItIs() throws {
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('p-1', 's017', 'КУЗНЕЦОВА ОЛЬГА')")
        let fixed = try CSVImporter().import(table: "persons", file: try file("p.csv", "id;full_name\np-1;Кузнецова Ольга\n"), into: school, skipBad: false)
        XCTAssertEqual(fixed.updated, 1)
        XCTAssertEqual(try row("persons", "p-1", "full_name"), ["Кузнецова Ольга"])
        let restored = try CSVImporter().import(table: "meetings", file: try file("m.csv", "id;kind;notes\nm-old;other;без даты\n"), into: school, skipBad: false)
        XCTAssertEqual(restored.inserted, 1)
        XCTAssertThrowsError(try CSVImporter().import(table: "meetings", file: try file("m2.csv", "kind;notes\nother;без даты\n"), into: school, skipBad: false))
    }

    /// A list writing her name with Е for Ё, in other case or spacing, names her as the registry
    /// spells it: no change offered (the preview offered «Петрова Алёна» → «Петрова Алена»).
    func testANameWrittenWithEForYoIsNoChange() throws {
        let first = try CSVImporter().import(table: "persons", file: try file("a.csv", "full_name;birth_date;position\nПетрова Алёна;2001-03-04;учитель\n"),
                                             into: school, skipBad: false)
        XCTAssertEqual(first.inserted, 1)
        let again = try CSVImporter().import(table: "persons", file: try file("b.csv", "full_name;birth_date;position\nпетрова  алена;04.03.2001;учитель\n"),
                                             into: school, skipBad: false)
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 1])
        let moved = try CSVImporter().import(table: "persons", file: try file("c.csv", "full_name;birth_date;position\nПетрова Алена;04.03.2001;завуч\n"),
                                             into: school, skipBad: false)
        XCTAssertEqual(moved.updated, 1)
        XCTAssertEqual(moved.outcomes.first?.changes.map(\.column), ["position"], "the name is not among the changes")
        XCTAssertEqual(try school.database.rows("SELECT full_name, position FROM persons").first?.map(\.displayText), ["Петрова Алёна", "завуч"])
    }

    /// A line naming someone already listed under the same name but another birth date (or none)
    /// is a slip far more often than a second person of that name: it is not added beside her, and
    /// the line says which date the registry holds. A line giving the date of someone entered
    /// without one fills it in.
    func testAPersonWithAnotherBirthDateIsNotAddedTwice() throws {
        let editor = RegistryEditor(replica: school)
        _ = try editor.put(table: "persons", sets: [("full_name", "Морозова Елена Николаевна"), ("role", "teacher"), ("birth_date", "21.11.1978")])
        _ = try editor.put(table: "persons", sets: [("full_name", "Федорова Светлана Андреевна"), ("role", "teacher"), ("birth_date", "30.01.1999")])
        _ = try editor.put(table: "persons", sets: [("full_name", "Зайцев Олег"), ("role", "teacher")])
        let url = try file("persons.csv", """
            ФИО;Дата рождения;Должность
            Морозова Елена Николаевна;;завуч
            Федорова Светлана Андреевна;30.01.2000;учитель
            Зайцев Олег;02.03.1985;учитель физики
            """)
        let r = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: true)
        XCTAssertEqual(r.badRows.map(\.line), [3])
        XCTAssertTrue(r.badRows.last?.reason.contains("born 30.01.1999, not 30.01.2000: if this is her, correct the date in the list") == true, r.badRows.last?.reason ?? "")
        // The line without a date is the one Морозова: her position changes, her birth date stays.
        XCTAssertEqual(try school.database.scalar("SELECT birth_date || ' ' || position FROM persons WHERE full_name = 'Морозова Елена Николаевна'")?.text, "1978-11-21 завуч")
        XCTAssertEqual(Message.importNamesakeDate("Федорова Светлана Андреевна", registered: ["30.01.1999"], lineDate: "30.01.2000").russian,
                       "«Федорова Светлана Андреевна» уже есть в реестре с датой рождения 30.01.1999, а в строке — 30.01.2000: если это тот же человек, исправьте дату в списке (или возьмите за основу список, выгруженный из реестра: в нём есть столбец id); если это другой человек, добавьте его вручную, отдельной записью")
        XCTAssertEqual([r.inserted, r.updated], [0, 2])
        // Two of that name, and a line without the date: which one is not guessed.
        _ = try editor.put(table: "persons", sets: [("full_name", "Морозова Елена Николаевна"), ("role", "teacher"), ("birth_date", "02.02.1990")])
        let again = try CSVImporter().import(table: "persons", file: try file("again.csv", "ФИО;Дата рождения;Должность\nМорозова Елена Николаевна;;учитель\n"), into: school, skipBad: true)
        XCTAssertEqual(again.badRows.first?.reason, "«Морозова Елена Николаевна» is in the registry already, born 21.11.1978, 02.02.1990, and this line gives no birth date: write it in the list (or start from a list exported from the registry: it has an id column); if this is someone else, add them by hand, on their own")
        XCTAssertEqual(try count("persons"), 4)
        XCTAssertEqual(try school.database.scalar("SELECT birth_date || ' ' || position FROM persons WHERE full_name = 'Зайцев Олег'")?.text, "1985-03-02 учитель физики")
    }

    /// A persons list as Russian Excel saves it: BOM, semicolons, CRLF, DD.MM.YYYY, a capitalised
    /// enumeration value, a quoted cell with a semicolon and a line break, and trailing empty rows.
    func testRussianExcelFile() throws {
        let url = try file("persons.csv", """
            full_name;birth_date;role;position;teaching_since;notes\r
            Иванова Анна Петровна;05.03.1998;Teacher;учитель математики;01.09.2021;\r
            Петров Пётр;2010-11-30;student;;;"7 «Б»; переведён\r
            из другой школы"\r
            Сидорова Ольга;1.2.1970;teacher;директор;;\r
            ;;;;;\r
            \r

            """, bom: true)
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual(r.separator, .semicolon)
        XCTAssertEqual(r.encoding, .utf8BOM)
        XCTAssertEqual([r.inserted, r.updated, r.unchanged, r.imported], [3, 0, 0, 3])
        XCTAssertTrue(r.badRows.isEmpty)
        let rows = try school.database.rows("SELECT org_id, full_name, birth_date, role, position, teaching_since, notes FROM persons ORDER BY full_name")
            .map { $0.map(\.displayText) }
        XCTAssertEqual(rows, [
            ["s017", "Иванова Анна Петровна", "1998-03-05", "teacher", "учитель математики", "2021-09-01", ""],
            ["s017", "Петров Пётр", "2010-11-30", "student", "", "", "7 «Б»; переведён\r\nиз другой школы"],
            ["s017", "Сидорова Ольга", "1970-02-01", "teacher", "директор", "", ""],
        ])
        // Every new row has a fresh lowercase UUID, and the import is captured for sync.
        let ids = try school.database.rows("SELECT id FROM persons").map(\.[0].displayText)
        XCTAssertTrue(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
        XCTAssertEqual(try logCount(), 3)
    }

    /// A list as schools keep it: a «№ п/п» column of line numbers, names with a space after them.
    /// The numbers are not a column to refuse, the spaces are not kept, and importing it again changes nothing.
    func testLineNumbersAreIgnoredAndSpacesAroundValuesAreNotKept() throws {
        let url = try file("persons.csv", """
            № п/п;ФИО;Должность\r
            1;Петрова Анна Сергеевна ;учитель \r
            2; Орлов Пётр;завуч\r
            3;Петрова Анна Сергеевна;учитель\r

            """, bom: true)
        let first = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual([first.inserted, first.updated, first.unchanged], [2, 0, 1], "\(first.badRows)")
        XCTAssertEqual(first.outcomes.map(\.repeats), [nil, nil, 2], "the person listed twice is said to be line 2's")
        let rows = try school.database.rows("SELECT full_name, position FROM persons ORDER BY full_name").map { $0.map(\.displayText) }
        XCTAssertEqual(rows, [["Орлов Пётр", "завуч"], ["Петрова Анна Сергеевна", "учитель"]])
        let again = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 3], "imported again, the same list changes nothing")
    }

    func testBadRowsAreReportedWithTheirLinesAndNothingIsWritten() throws {
        let url = try file("bad.csv", """
            full_name;birth_date;role;notes
            Иванова Анна;05.03.1998;teacher;"a note
            on two lines"
            Волшебник;01.01.2000;wizard;
            ;01.01.2000;student;
            Петров;31.02.2011;student;
            Сидоров;2011-01-01;student;;extra
            Кузнецов;2011-01-01
            Орлова;2012-05-05;student;ok

            """)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            guard case .badRows(let table, let name, let rows, let good)? = e as? CSVImportError else { return XCTFail("\(e)") }
            XCTAssertEqual(table, "persons")
            XCTAssertEqual(name, "bad.csv")
            XCTAssertEqual(good, 2)
            XCTAssertEqual(rows.map(\.line), [4, 5, 6, 7, 8])
            XCTAssertEqual(rows[0].description, "line 4: Role (persons.role): 'wizard' is not one of teacher, student, methodologist, manager, external")
            XCTAssertEqual(rows[1].reason, "Full name (persons.full_name) must not be empty")
            XCTAssertTrue(rows[2].reason.contains("'31.02.2011' is not a date"), rows[2].reason)
            XCTAssertTrue(rows[3].reason.contains("has 5 cells but the first line names 4 columns"), rows[3].reason)
            XCTAssertTrue(rows[4].reason.contains("has 2 cells"), rows[4].reason)
            let text = "\(e)"
            XCTAssertTrue(text.hasPrefix("5 of 7 rows of bad.csv are bad, so nothing was written to persons:"), text)
            XCTAssertTrue(text.contains("--skip-bad to import only the 2 good rows"), text)
        }
        XCTAssertEqual(try count("persons"), 0)
        XCTAssertEqual(try logCount(), 0, "nothing captured either")
    }

    func testSkipBadWritesOnlyTheGoodRows() throws {
        let url = try file("mixed.csv", "full_name,role\nАнна,teacher\nБорис,wizard\n\nВера,student\n")
        let r = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: true)
        XCTAssertEqual(r.separator, .comma)
        XCTAssertEqual(r.inserted, 2)
        XCTAssertEqual(r.badRows, [CSVBadRow(line: 3, reason: "Role (persons.role): 'wizard' is not one of teacher, student, methodologist, manager, external")])
        XCTAssertEqual(try school.database.rows("SELECT full_name FROM persons ORDER BY full_name").map(\.[0].displayText), ["Анна", "Вера"])
    }

    func testReimportWithIdsUpdatesOnlyTheColumnsOfTheFile() throws {
        let a = "0f8fad5b-d9cb-469f-a165-70867728950e", b = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        let first = try file("first.csv", "id;full_name;role;position\n\(a);Анна;teacher;учитель\n\(b);Борис;student;\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: first, into: school).inserted, 2)
        // The same file again: nothing changes, nothing is duplicated or captured.
        let log = try logCount()
        let again = try CSVImporter().import(table: "persons", file: first, into: school)
        XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, 2])
        XCTAssertEqual(try logCount(), log)
        // A file with some columns only: those change, the others are kept; a row without id is new.
        let second = try file("second.csv", "ID;Role\n\(a.uppercased());methodologist\n\(b);student\n;manager\n")
        let missing = try? CSVImporter().import(table: "persons", file: second, into: school)
        XCTAssertNil(missing, "a new row without full_name must be refused")
        let third = try file("third.csv", "ID;Role\n\(a.uppercased());methodologist\n\(b);student\n")
        let r = try CSVImporter().import(table: "persons", file: third, into: school)
        XCTAssertEqual([r.inserted, r.updated, r.unchanged], [0, 1, 1])
        XCTAssertEqual(try count("persons"), 2)
        XCTAssertEqual(try row("persons", a, "full_name, role, position"), ["Анна", "methodologist", "учитель"])
        // An empty cell clears the column.
        let clear = try file("clear.csv", "id,position\n\(a),\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: clear, into: school).updated, 1)
        XCTAssertEqual(try row("persons", a, "position"), [""])
    }

    func testAnIdWrittenInCapitalsByAnotherToolIsFound() throws {
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('ABC-1', 's017', 'Анна')")
        let url = try file("caps.csv", "id;role\nABC-1;student\nabc-2;teacher\n")
        let missing = try? CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertNil(missing, "abc-2 is new and has no full_name")
        let ok = try file("caps-ok.csv", "id;role\nABC-1;student\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: ok, into: school).updated, 1)
        XCTAssertEqual(try row("persons", "ABC-1", "role"), ["student"])
        XCTAssertEqual(try count("persons"), 1)
    }

    func testNewRowWithoutTheRequiredColumnNamesIt() throws {
        let url = try file("roles.csv", "role\nteacher\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            guard case .badRows(_, _, let rows, _)? = e as? CSVImportError else { return XCTFail("\(e)") }
            XCTAssertEqual(rows.first?.description, "line 2: persons.full_name is required for a new row, and the file has no full_name column")
        }
    }

    func testASchoolCannotImportRowsOfAnotherSite() throws {
        // A district row the school holds (as it would after a sync).
        let districtRow = "11111111-2222-3333-4444-555555555555"
        try school.database.execute("INSERT INTO practices (id, org_id, title) VALUES (?, 'district', 'Практика ЦРО')", [.text(districtRow)])
        let url = try file("other.csv", """
            id;org_id;full_name
            ;s018;Чужой ученик
            ;s017;Свой ученик
            ;;Тоже свой

            """)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            guard case .badRows(_, _, let rows, let good)? = e as? CSVImportError else { return XCTFail("\(e)") }
            XCTAssertEqual(good, 2)
            XCTAssertEqual(rows.map(\.line), [2])
            XCTAssertTrue(rows[0].reason.contains("s018"), rows[0].reason)
            XCTAssertTrue(rows[0].reason.contains("may import only its own rows"), rows[0].reason)
        }
        XCTAssertEqual(try count("persons"), 0)
        // Changing the district's row is refused; repeating it unchanged is harmless.
        let same = try file("same.csv", "id;org_id;title\n\(districtRow);district;Практика ЦРО\n")
        XCTAssertEqual(try CSVImporter().import(table: "practices", file: same, into: school).unchanged, 1)
        let changed = try file("changed.csv", "id;title\n\(districtRow);Моя практика\n")
        let r = try CSVImporter().import(table: "practices", file: changed, into: school, skipBad: true)
        XCTAssertEqual(r.imported, 0)
        XCTAssertEqual(r.badRows.first?.reason, "this school (s017) may not write rows of 'district'; only the district can")
        XCTAssertEqual(try row("practices", districtRow, "title"), ["Практика ЦРО"])
        // Taking a row over by changing its org_id is refused too.
        let takeover = try file("takeover.csv", "id;org_id\n\(districtRow);s017\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "practices", file: takeover, into: school))
    }

    func testTheDistrictNeedsAnOrgIdForSchoolTablesAndMayWriteAnySite() throws {
        let district = try Replica.create(path: scratch.path("district.db").path, site: SiteID("district")!, role: .district,
                                          district: SiteID("district")!, schema: RegistrySchema.schema)
        let noOrg = try file("d1.csv", "full_name\nАнна\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: noOrg, into: district)) { e in
            XCTAssertTrue("\(e)".contains("add an org_id column"), "\(e)")
        }
        let withOrg = try file("d2.csv", "org_id;full_name\ns017;Анна\ns018;Борис\n")
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: withOrg, into: district).inserted, 2)
        let indicators = try file("d3.csv", "code;unit;target_value\nI1;percent;85,5\n")
        XCTAssertEqual(try CSVImporter().import(table: "indicators", file: indicators, into: district).inserted, 1)
        XCTAssertEqual(try district.database.scalar("SELECT org_id || ':' || target_value FROM indicators")?.displayText, "district:85.5")
    }

    func testUnknownColumnsAreNamedWithTheAllowedOnes() throws {
        // ФИО is a Russian header of full_name; Класс and Кабинет are no column of persons: left out, and said.
        let url = try file("fio.csv", "ФИО;role;Класс;Кабинет\nАнна;teacher;7;12\n")
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual(r.inserted, 1)
        XCTAssertEqual(r.skippedColumns, ["Класс", "Кабинет"])
        XCTAssertEqual(r.notes.first?.english, "left out, as persons has no such columns: 'Класс', 'Кабинет' (a misspelt name? its columns are: org_id, full_name, birth_date, role, position, subject, teaching_since, hired_on, left_on, pd_consent_on, notes)")
        XCTAssertTrue(r.notes.first?.russian.hasPrefix("столбцы пропущены — в таблице «Люди» таких нет: «Класс», «Кабинет» (если это опечатка, исправьте название; столбцы таблицы: ") == true, r.notes.first?.russian ?? "")
        // A file naming no column of the table is not a list of it.
        let other = try file("other.csv", "Класс;Кабинет\n7;12\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: other, into: school)) { e in
            let text = "\(e)"
            XCTAssertTrue(text.hasPrefix("persons has no columns 'Класс', 'Кабинет'"), text)
            XCTAssertTrue(text.contains("its columns are: id, org_id, full_name, birth_date, role"), text)
        }
        XCTAssertThrowsError(try CSVImporter().import(table: "pupils", file: url, into: school)) { e in
            XCTAssertTrue("\(e)".contains("no table 'pupils'"), "\(e)")
        }
        let dup = try file("dup.csv", "role;Role\nteacher;teacher\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: dup, into: school)) { e in
            XCTAssertTrue("\(e)".contains("persons.role appears twice"), "\(e)")
        }
        let empty = try file("empty.csv", "\n\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: empty, into: school)) { e in
            XCTAssertTrue("\(e)".contains("is empty"), "\(e)")
        }
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: scratch.path("nowhere.csv"), into: school)) { e in
            XCTAssertTrue("\(e)".contains("no such file"), "\(e)")
        }
    }

    func testADuplicateIdInOneFileIsABadRow() throws {
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e"
        let url = try file("twice.csv", "id;full_name\n\(id);Анна\n\(id);Анна Петровна\n")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            guard case .badRows(_, _, let rows, _)? = e as? CSVImportError else { return XCTFail("\(e)") }
            XCTAssertEqual(rows, [CSVBadRow(line: 3, reason: Message.importIDRepeated(id, firstLine: 2).text(.current))])
            XCTAssertTrue(rows[0].reason.hasPrefix("the id \(id) is already on line 2"), rows[0].reason)
        }
    }

    func testManyBadRowsListTheFirstTwentyAndACount() throws {
        var text = "full_name;role\n"
        for i in 1...25 { text += "Ученик \(i);pupil\n" }
        let url = try file("many.csv", text)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            let lines = "\(e)".split(separator: "\n")
            XCTAssertEqual(lines.count, 1 + 20 + 1 + 1)
            XCTAssertEqual(lines[20].trimmingCharacters(in: .whitespaces), "line 21: Role (persons.role): 'pupil' is not one of teacher, student, methodologist, manager, external")
            XCTAssertEqual(lines[21].trimmingCharacters(in: .whitespaces), "… and 5 more bad rows")
        }
    }

    func testTenThousandRowsInOneTransaction() throws {
        var text = "full_name;birth_date;role;position;teaching_since;notes\n"
        for i in 0..<10_000 {
            text += "Учитель номер \(i);\(String(format: "%02d", i % 28 + 1)).0\(i % 9 + 1).19\(70 + i % 30);teacher;учитель;01.09.20\(10 + i % 15);заметка \(i)\n"
        }
        let url = try file("big.csv", text, bom: true)
        let start = Date()
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        let seconds = Date().timeIntervalSince(start)
        print("CSV import of 10,000 rows: \(String(format: "%.3f", seconds)) s")
        XCTAssertEqual(r.inserted, 10_000)
        XCTAssertEqual(try count("persons"), 10_000)
        XCTAssertLessThan(seconds, 20, "even a debug build should be well within this")
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport

/// The lists a Russian school keeps in Excel, imported through the real binary (DESIGN.md,
/// "People's language and names"): Russian headers and values, Windows-1251, `;`, dates with a
/// time as Excel writes them, references by name, and no one doubled on a second import.
final class RussianCSVImportTests: XCTestCase {

    var w: CLIWorld!

    override func setUpWithError() throws { w = try CLIWorld(schools: ["s001"]) }
    override func tearDown() { w = nil }

    func school(_ env: [String: String], _ args: String...) throws -> ToolResult {
        try w.school("s001", environment: env, args)
    }

    func rows(_ table: String) throws -> [[String: Any]] {
        try XCTUnwrap(try w.json(try w.school("s001", "list", table, "--json")) as? [[String: Any]])
    }

    /// Text as "CSV (разделители — точка с запятой)" of an older Russian Excel saves it: Windows-1251.
    func windows1251(_ name: String, _ text: String) throws -> String {
        let bytes: [UInt8] = text.unicodeScalars.map { u in
            switch u.value {
            case 0..<0x80: return UInt8(u.value)
            case 0x0410...0x044F: return UInt8(u.value - 0x0410 + 0xC0)
            case 0x0401: return 0xA8
            case 0x0451: return 0xB8
            default: XCTFail("no Windows-1251 byte for \(u)"); return 0x3F
            }
        }
        XCTAssertNil(String(validating: bytes, as: UTF8.self), "the fixture must not be valid UTF-8")
        let url = w.scratch.path(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    static let teachers = """
        ФИО;Дата рождения;Роль;Должность;Предмет\r
        Смирнова Ольга Ивановна;12.03.1998 0:00;учитель;учитель физики;Физика\r
        Козлов Пётр Андреевич;01.09.2010 0:00;ученик;;\r
        Иванова Мария Петровна;05.06.1985 0:00;Учитель;заместитель директора;\r

        """

    func testARussianExcelListIsImported() throws {
        let file = try windows1251("учителя.csv", Self.teachers)
        let r = try school(ToolLocale.russian, "import-csv", "persons", file)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("в таблицу «Люди» загружено строк: 3 (изменено: 0, новых: 3)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Windows-1251"), r.stdout)
        let people = try rows("persons").sorted { ($0["full_name"] as? String ?? "") < ($1["full_name"] as? String ?? "") }
        guard people.count == 3 else { return XCTFail("3 persons expected: \(people)") }
        XCTAssertEqual(people.map { $0["full_name"] as? String }, ["Иванова Мария Петровна", "Козлов Пётр Андреевич", "Смирнова Ольга Ивановна"])
        XCTAssertEqual(people.map { $0["birth_date"] as? String }, ["1985-06-05", "2010-09-01", "1998-03-12"])
        XCTAssertEqual(people.map { $0["role"] as? String }, ["teacher", "student", "teacher"])
        XCTAssertEqual(people[2]["position"] as? String, "учитель физики")
        XCTAssertEqual(people[2]["subject"] as? String, "Физика")
    }

    func testTheSameListImportedTwiceDoublesNobody() throws {
        let file = try windows1251("учителя.csv", Self.teachers)
        expectOK(try school(ToolLocale.english, "import-csv", "persons", file))
        let first = try rows("persons")
        let again = try school(ToolLocale.english, "import-csv", "persons", file)
        XCTAssertEqual(again.exitCode, 0, again.output)
        XCTAssertTrue(again.stdout.contains("imported 3 rows into persons (0 updated, 0 new, 3 unchanged)"), again.stdout)
        XCTAssertEqual(try rows("persons").count, 3)
        // Next September: one position changed, one teacher arrived, one name typed with е for ё: still the same pupil.
        let changed = try windows1251("учителя-2.csv", """
            ФИО;Дата рождения;Роль;Должность\r
            Смирнова Ольга Ивановна;12.03.1998;учитель;классный руководитель\r
            Козлов Петр Андреевич;01.09.2010;ученик;\r
            Новикова Анна Сергеевна;20.04.2001;учитель;учитель математики\r

            """)
        let r = try school(ToolLocale.russian, "import-csv", "persons", changed)
        XCTAssertEqual(r.exitCode, 0, r.output)
        // (The name with е is hers: the registry's «Пётр» stays, and his line changes nothing.)
        XCTAssertTrue(r.stdout.contains("(изменено: 1, новых: 1, без изменений: 1)"), r.stdout)
        let now = try rows("persons")
        XCTAssertEqual(now.count, 4)
        XCTAssertTrue(now.contains { ($0["full_name"] as? String) == "Козлов Пётр Андреевич" }, "\(now)")
        let olga = try XCTUnwrap(now.first { ($0["birth_date"] as? String) == "1998-03-12" })
        XCTAssertEqual(olga["id"] as? String, first.first { ($0["birth_date"] as? String) == "1998-03-12" }?["id"] as? String)
        XCTAssertEqual(olga["position"] as? String, "классный руководитель")
    }

    func testAListOfMentorsNamesItsPeople() throws {
        expectOK(try school(ToolLocale.english, "import-csv", "persons", try windows1251("учителя.csv", Self.teachers)))
        let mentors = w.scratch.path("наставники.csv")
        try Data("ФИО;Статус;Компетенции\nСмирнова Ольга Ивановна;активный;физика, олимпиады\n".utf8).write(to: mentors)
        expectOK(try school(ToolLocale.english, "import-csv", "mentors", mentors.path))
        expectOK(try school(ToolLocale.english, "import-csv", "mentors", mentors.path))
        let olga = try XCTUnwrap(try rows("persons").first { $0["full_name"] as? String == "Смирнова Ольга Ивановна" }?["id"] as? String)
        XCTAssertEqual(try rows("mentors").map { $0["person_id"] as? String }, [olga], "one mentor, imported twice")
        XCTAssertEqual(try rows("mentors").first?["status"] as? String, "active")

        // A name nobody has, and a bad status: refused line by line, in the user's language, nothing written.
        let bad = w.scratch.path("плохие.csv")
        try Data("ФИО;Статус\nКозлов Пётр Андреевич;active\nСидоров Нет Такого;active\nИванова Мария Петровна;в отпуске\n".utf8).write(to: bad)
        let ru = try school(ToolLocale.russian, "import-csv", "mentors", bad.path)
        XCTAssertEqual(ru.exitCode, 1, ru.output)
        XCTAssertTrue(ru.stderr.contains("строка 3: «Наставник»: в таблице «Люди» нет строки с именем «Сидоров Нет Такого»"), ru.stderr)
        XCTAssertTrue(ru.stderr.contains("строка 4: «Статус»: «в отпуске» — недопустимое значение; допустимо: кандидат, активный, неактивный"), ru.stderr)
        XCTAssertTrue(ru.stderr.contains("поэтому в таблицу «Наставники» ничего не записано"), ru.stderr)
        let en = try school(ToolLocale.english, "import-csv", "mentors", bad.path)
        XCTAssertEqual(en.exitCode, 1, en.output)
        XCTAssertTrue(en.stderr.contains("line 3: Person (mentors.person_id): no persons row is named 'Сидоров Нет Такого'"), en.stderr)
        XCTAssertTrue(en.stderr.contains("line 4: Status (mentors.status): 'в отпуске' is not one of candidate, active, inactive"), en.stderr)
        XCTAssertEqual(try rows("mentors").count, 1)
    }
}

extension RussianCSVImportTests {
    func testARussianExportHasRussianHeadersAndValuesAndImportsBack() throws {
        expectOK(try school(ToolLocale.english, "import-csv", "persons", try windows1251("учителя.csv", Self.teachers)))
        let ru = w.scratch.path("выгрузка.csv")
        let r = try school(ToolLocale.russian, "export-csv", "persons", ru.path)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("из таблицы «Люди» выгружено строк: 3"), r.stdout)
        let text = String(decoding: try Data(contentsOf: ru).dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("id;org_id;ФИО;Дата рождения;Роль;Должность;Предмет;"), text)
        XCTAssertTrue(text.contains(";Смирнова Ольга Ивановна;1998-03-12;учитель;учитель физики;Физика;"), text)
        XCTAssertTrue(text.contains(";Козлов Пётр Андреевич;2010-09-01;ученик;"), text)
        // In English the machine names, as before; either file imports back to the same rows.
        let en = w.scratch.path("export.csv")
        expectOK(try school(ToolLocale.english, "export-csv", "persons", en.path))
        XCTAssertTrue(String(decoding: try Data(contentsOf: en).dropFirst(3), as: UTF8.self).hasPrefix("id;org_id;full_name;birth_date;role;"))
        for file in [ru, en] {
            let back = try school(ToolLocale.english, "import-csv", "persons", file.path)
            XCTAssertTrue(back.stdout.contains("(0 updated, 0 new, 3 unchanged)"), back.output)
        }
    }
}

extension RussianCSVImportTests {
    /// A pairs list ending with «Наставляемые» (as its Excel file does) gives each new pair the
    /// mentees it names, each as the pair's page adds one: a «пара» with two is refused, a name no
    /// mentee has too, and a line refused leaves no pair without its mentees behind (the column was
    /// dropped without a word: «добавлено 2», both pairs empty).
    func testAPairsListGivesItsNewPairsTheirMentees() throws {
        for name in ["Иванова Мария Петровна", "Орлова Вера Павловна", "Петрова Анна Игоревна", "Сидоров Олег Ильич", "Смирнова Анна Олеговна"] {
            expectOK(try w.school("s001", "put", "persons", "--set", "full_name=\(name)", "--set", "role=teacher"))
        }
        for name in ["Иванова Мария Петровна", "Орлова Вера Павловна"] { expectOK(try w.school("s001", "put", "mentors", "--set", "person_id=\(name)")) }
        for name in ["Петрова Анна Игоревна", "Сидоров Олег Ильич", "Смирнова Анна Олеговна"] {
            expectOK(try w.school("s001", "put", "mentees", "--set", "person_id=\(name)"))
        }
        let list = w.scratch.path("пары.csv")
        try Data("""
            Наставник;Форма наставничества;Вид;Дата начала;Наставляемые
            Иванова Мария Петровна;учитель – учитель;группа;01.10.2026;"Петрова Анна Игоревна; Сидоров Олег Ильич"
            Орлова Вера Павловна;учитель – учитель;пара;01.10.2026;Смирнова Анна Олеговна
            Орлова Вера Павловна;учитель – учитель;пара;02.10.2026;"Петрова Анна Игоревна, Смирнова Анна Олеговна"
            Иванова Мария Петровна;учитель – учитель;группа;03.10.2026;Никто Несуществующий

            """.utf8).write(to: list)
        let preview = try school(ToolLocale.russian, "import-csv", "pairs", list.path, "--dry-run", "--skip-bad")
        expectOK(preview)
        let said = preview.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertTrue(said.contains("строка 2: будет добавлено — Иванова Мария Петровна; учитель – учитель; группа; 01.10.2026; Петрова Анна Игоревна; Сидоров Олег Ильич наставляемые: Петрова Анна Игоревна, Сидоров Олег Ильич"), said)
        XCTAssertTrue(said.contains("строка 3: будет добавлено — Орлова Вера Павловна; учитель – учитель; пара; 01.10.2026; Смирнова Анна Олеговна наставляемые: Смирнова Анна Олеговна"), said)
        XCTAssertTrue(said.contains("это один наставник и один наставляемый, а в ней уже есть «Петрова Анна Игоревна»"), said)
        XCTAssertTrue(said.contains("«Наставляемый»: в таблице «Наставляемые» нет строки с именем «Никто Несуществующий»"), said)
        XCTAssertTrue(said.contains("будет добавлено: 2, изменено: 0, без изменений: 0, отклонено: 2"), said)
        XCTAssertEqual(try rows("pair_mentees").count, 0, "a preview writes nothing")

        let load = try school(ToolLocale.russian, "import-csv", "pairs", list.path, "--skip-bad", "--json")
        expectOK(load)
        let result = try XCTUnwrap(try w.json(load) as? [String: Any])
        XCTAssertEqual([result["inserted"], result["mentees_linked"]].map { $0 as? Int }, [2, 3], load.output)
        let pairs = try rows("pairs")
        XCTAssertEqual(pairs.count, 2, "a line refused for its mentees adds no pair: \(pairs)")
        let mentees = Dictionary(try rows("mentees").map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let persons = Dictionary(try rows("persons").map { ($0["id"] as? String ?? "", $0["full_name"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        func named(_ mentee: Any?) -> String { persons[mentees[mentee as? String ?? ""]?["person_id"] as? String ?? ""] ?? "?" }
        let links = try rows("pair_mentees")
        let group = try XCTUnwrap(pairs.first { $0["kind"] as? String == "group" }?["id"] as? String)
        let pair = try XCTUnwrap(pairs.first { $0["kind"] as? String == "pair" }?["id"] as? String)
        XCTAssertEqual(links.filter { $0["pair_id"] as? String == group }.map { named($0["mentee_id"]) }, ["Петрова Анна Игоревна", "Сидоров Олег Ильич"])
        XCTAssertEqual(links.filter { $0["pair_id"] as? String == pair }.map { named($0["mentee_id"]) }, ["Смирнова Анна Олеговна"])
        // In a pair now, as when added on the pair's page.
        XCTAssertEqual(Set(try rows("mentees").map { $0["status"] as? String }), ["in_pair"])
        // Loaded again (a list without ids): each pair is found by its mentor and start day, none
        // doubled, its mentees left as they are.
        let again = try school(ToolLocale.russian, "import-csv", "pairs", list.path, "--skip-bad", "--json")
        expectOK(again)
        let second = try XCTUnwrap(try w.json(again) as? [String: Any])
        XCTAssertEqual([second["inserted"], second["unchanged"]].map { $0 as? Int }, [0, 2], again.output)
        XCTAssertEqual(try rows("pairs").count, 2)
        XCTAssertEqual(try rows("pair_mentees").count, 3)
        let help = try school(ToolLocale.russian, "import-csv", "pairs", "--help")
        XCTAssertTrue(help.stdout.contains("список пар может заканчиваться столбцом «Наставляемые» — имена через «;», как в списке для Excel: новой паре они добавляются"), help.stdout)
    }

    /// A list that cannot be read — a name mistyped, a folder given, a cell opened with a quote and
    /// never closed (a note «"Лучший наставник" 2024» typed into a CSV file by hand) — was told in
    /// English under a Russian LANG: «cannot read …: no such file», «line 3: a quoted cell starts
    /// here…». Each is one Russian line now, saying what to do; nothing is written.
    func testAListThatCannotBeReadIsToldInRussian() throws {
        let quoted = w.scratch.path("примечания.csv")
        try Data("ФИО;Роль;Примечание\r\nСмирнова Ольга Ивановна;учитель;\"Лучший наставник\" 2024\r\nКозлов Пётр;ученик;\"5 «Б»\r\n".utf8).write(to: quoted)
        let cases: [(String, String)] = [
            (w.scratch.path("нет такого.csv").path, "не удалось прочитать \(w.scratch.path("нет такого.csv").path): такого файла нет; проверьте имя файла и папку"),
            (w.scratch.url.path, "не удалось прочитать \(w.scratch.url.path): это папка, а не файл; укажите файл списка в ней"),
            (quoted.path, "строка 3: ячейка начинается с кавычки \" и нигде не закрывается; уберите эту кавычку или добавьте закрывающую и загрузите снова"),
        ]
        for (file, said) in cases {
            let r = try school(ToolLocale.russian, "import-csv", "persons", file)
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertEqual(r.stderr, "mentorsync-school: \(said)\n")
        }
        let r = try school(ToolLocale.english, "import-csv", "persons", quoted.path)
        XCTAssertEqual(r.stderr, "mentorsync-school: line 3: a quoted cell starts here and is never closed (a stray \" in the file?); remove the quote or close it, and import again\n")
        XCTAssertEqual(try rows("persons").count, 0)
    }

    /// A list kept in LibreOffice with a Russian locale and saved as CSV: its date cells take the
    /// locale's short format, two-digit years («12.03.90 00:00»), and every line was refused as «не
    /// дата». Two-digit years are read as LibreOffice and Excel read them (00–29: 2000s, 30–99: 1900s).
    func testAListLibreOfficeSavedWithTwoDigitYearsIsImported() throws {
        let list = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MentorSyncDomainTests/Fixtures/libreoffice/persons-ru-saved.csv")
        let r = try school(ToolLocale.russian, "import-csv", "persons", list.path)
        XCTAssertEqual(r.exitCode, 0, r.output)
        let people = try rows("persons").sorted { ($0["full_name"] as? String ?? "") < ($1["full_name"] as? String ?? "") }
        XCTAssertEqual(people.map { $0["birth_date"] as? String }, ["1990-03-12", "1975-11-05", "2012-02-01"])
        // Typed so on the command line too, as into a cell.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Орлова Вера Павловна", "--set", "birth_date=1.9.95"))
        XCTAssertEqual(try rows("persons").first { $0["full_name"] as? String == "Орлова Вера Павловна" }?["birth_date"] as? String, "1995-09-01")
    }

    /// A date column formatted in Excel as «Длинный формат даты» is saved to CSV as it shows:
    /// «12 марта 1990 г.»; a date typed as text often ends in «г.» too. Each line was refused as «не
    /// дата»; such dates are read (the month's name as a date says it, «г.» or «года» after the year).
    func testDatesWrittenOutInWordsAreRead() throws {
        let list = w.scratch.path("педагоги.csv")
        try Data("""
            ФИО;Дата рождения;Роль\r
            Иванова Мария Петровна;12 марта 1990 г.;учитель\r
            Петров Пётр Ильич;5 ноября 1975;учитель\r
            Орлова Вера Павловна;01.09.1995 г.;учитель\r
            Сидорова Анна;1 сентября 2012 года;ученик\r
            Козлов Олег;31 февраля 1990 г.;учитель\r

            """.utf8).write(to: list)
        let r = try school(ToolLocale.russian, "import-csv", "persons", list.path, "--skip-bad")
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("«31 февраля 1990 г.» — не дата: в феврале 1990 года нет 31-го числа"), r.stdout)
        let people = try rows("persons").sorted { ($0["full_name"] as? String ?? "") < ($1["full_name"] as? String ?? "") }
        XCTAssertEqual(people.map { $0["birth_date"] as? String }, ["1990-03-12", "1995-09-01", "1975-11-05", "2012-09-01"])
    }
}

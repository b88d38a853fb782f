import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Lists made the way Excel and LibreOffice make them (not the way our exporter does), imported
/// into a real registry file from real workbook files.
final class ExcelListTests: XCTestCase {
    typealias F = SpreadsheetFixtures
    var scratch: ScratchDirectory!
    var school: Replica!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("excel-lists")
        school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                    district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    override func tearDown() { school = nil; scratch = nil }

    func names() throws -> [String] {
        try school.database.rows("SELECT full_name FROM persons ORDER BY full_name").map { $0[0].displayText }
    }

    /// A school's template keeps its list on the sheet «Список», after a sheet of instructions and a
    /// hidden sheet of the words its drop-down lists offer. The web page has no sheet to choose and
    /// Ольга Ивановна never sees the hidden one: the list is read from the first shown sheet that
    /// names the table's columns, and the result says which sheet.
    func testTheListIsFoundOnTheSheetThatHoldsIt() throws {
        let book = try F.workbook(sheets: [
            ("Справочник", "hidden", F.row(1, "учитель") + F.row(2, "ученик")),
            ("Инструкция", nil, F.row(1, "Заполните лист «Список». Даты пишите как ДД.ММ.ГГГГ.")),
            ("Список", nil, F.row(1, "ФИО", "Дата рождения", "Роль") + F.row(2, "Сидорова Анна Ивановна", "01.09.1995", "учитель")),
        ])
        let url = scratch.path("педагоги.xlsx")
        try book.write(to: url)
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual(r.sheet, "Список")
        XCTAssertEqual(r.inserted, 1)
        XCTAssertEqual(try names(), ["Сидорова Анна Ивановна"])
        // A sheet named outright is read, shown or not.
        XCTAssertEqual(try SpreadsheetFile.read(contentsOf: url, sheet: "Справочник").records.map(\.fields), [["учитель"], ["ученик"]])
    }

    /// Ольга Ивановна keeps her mentors in one workbook, a tab per school year, last year's first;
    /// she edits «2025-2026» and loads the file: last year's tab was read, the preview offering to
    /// put every mentor back as a candidate. The sheet she was looking at when she saved is read
    /// first; a workbook saved on a sheet without the list is read as before.
    func testTheSheetOpenWhenSavedIsReadFirst() throws {
        let year = { (status: String) in F.row(1, "Наставник", "Статус") + F.row(2, "Иванова Мария Петровна", status) }
        let url = scratch.path("наставники.xlsx")
        try F.workbook(sheets: [("2024-2025", nil, year("кандидат")), ("2025-2026", nil, year("активный"))], activeTab: 1).write(to: url)
        XCTAssertEqual(try SpreadsheetFile.read(contentsOf: url).sheet, "2025-2026")
        let onInstructions = scratch.path("шаблон.xlsx")
        try F.workbook(sheets: [("Список", nil, year("активный")), ("Инструкция", nil, F.row(1, "Заполните лист «Список»."))], activeTab: 1).write(to: onInstructions)
        XCTAssertEqual(try SpreadsheetFile.read(contentsOf: onInstructions) { CSVImporter.namedHeader($0, table: RegistrySchema.mentors) != nil }.sheet, "Список")
    }

    /// A workbook whose sheets name none of the table's columns is refused as before, by its first
    /// shown sheet (not the hidden one before it, which she cannot see).
    func testAWorkbookWithoutTheListIsToldByItsFirstShownSheet() throws {
        let book = try F.workbook(sheets: [
            ("Справочник", "veryHidden", F.row(1, "учитель")),
            ("Лист1", nil, F.row(1, "Фамилия", "Телефон") + F.row(2, "Сидорова", "+7 900")),
        ])
        let url = scratch.path("телефоны.xlsx")
        try book.write(to: url)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            XCTAssertTrue("\(e)".contains("'Фамилия'"), "\(e)")
        }
        XCTAssertEqual(try names(), [])
    }

    /// A workbook kept under a password (Excel's «Зашифровать с использованием пароля») is an OLE
    /// file, as an old .xls is: Ольга Ивановна was told it is an Excel 97–2003 workbook to save
    /// again as .xlsx — which she did, and it was refused the same. She is told it has a password
    /// and how to take it off; nothing is written.
    func testAWorkbookUnderAPasswordIsSaidSo() throws {
        let url = F.url("password.xlsx")
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            XCTAssertEqual((e as? XLSXError)?.message.text(.ru), "password.xlsx — книга под паролем, прочитать её нельзя: откройте её в Excel, "
                           + "снимите пароль («Файл» → «Сведения» → «Защита книги» → «Зашифровать с использованием пароля», "
                           + "сотрите пароль и нажмите «ОК»), сохраните и загрузите снова")
            XCTAssertEqual((e as? XLSXError)?.message.text(.en), "password.xlsx is protected by a password and cannot be read: open it in Excel, "
                           + "take the password off (File → Info → Protect Workbook → Encrypt with Password, clear the password, OK), save it and import it again")
        }
        XCTAssertEqual(try names(), [])
        // An old .xls is still told as one.
        let xls = scratch.path("старый.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0xFF, count: 2000)).write(to: xls)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: xls, into: school)) { e in
            XCTAssertEqual(e as? XLSXError, .oldExcel(file: "старый.xls"))
        }
    }

    /// Last year's list wrote «Иванова М.П.», as school documents do, for the teacher the registry
    /// holds as «Иванова Мария Петровна», born the same day: she was added a second time. A name
    /// of her surname and initials, born her day, is refused naming her, as a name a letter off is;
    /// initials of someone else (another patronymic), or of another day, are no slip of hers.
    func testInitialsOfAPersonBornTheSameDayAreRefusedNamingHer() throws {
        let first = scratch.path("педагоги.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "ФИО", "Дата рождения", "Роль")
            + F.row(2, "Иванова Мария Петровна", "12.03.1990", "учитель"))]).write(to: first)
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: first, into: school).inserted, 1)
        let again = scratch.path("педагоги 2025.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "ФИО", "Дата рождения", "Роль")
            + F.row(2, "Иванова М.П.", "12.03.1990", "учитель") + F.row(3, "М. П. Иванова", "12.03.1990", "учитель")
            + F.row(4, "ИВАНОВА М П", "12.03.1990", "учитель") + F.row(5, "Иванова М.А.", "12.03.1990", "учитель")
            + F.row(6, "Иванова М.П.", "12.03.1991", "учитель"))]).write(to: again)
        let r = try CSVImporter().import(table: "persons", file: again, into: school, dryRun: true)
        XCTAssertEqual(r.badRows.map(\.line), [2, 3, 4])
        XCTAssertTrue(r.badRows.first?.reason.hasPrefix("«Иванова М.П.» looks like «Иванова Мария Петровна», born the same day") == true,
                      "\(r.badRows)")
        XCTAssertEqual(r.inserted, 2)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: again, into: school))
        XCTAssertEqual(try names(), ["Иванова Мария Петровна"])
    }

    /// A list of mentors names them as school documents do, «Иванова М.П.»: the line was refused with
    /// «no person named «Иванова М.П.»; check the spelling», the spelling being right as she sees it.
    /// The refusal names the person of that surname and those initials, to write in full (a name
    /// by initials is not taken: a new teacher of the same initials would be linked unseen).
    func testAMentorNamedByInitialsIsRefusedNamingWhoItMayBe() throws {
        let people = scratch.path("педагоги.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "ФИО", "Дата рождения", "Роль")
            + F.row(2, "Иванова Мария Петровна", "12.03.1990", "учитель") + F.row(3, "Петров Иван Сергеевич", "02.11.1985", "учитель"))]).write(to: people)
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: people, into: school).inserted, 2)
        let mentors = scratch.path("наставники.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "ФИО наставника", "Статус") + F.row(2, "Иванова М.П.", "активный"))]).write(to: mentors)
        let r = try CSVImporter().import(table: "mentors", file: mentors, into: school, dryRun: true)
        XCTAssertEqual(r.badRows.count, 1)
        XCTAssertTrue(r.badRows.first?.reason.contains("Иванова Мария Петровна") == true, "\(r.badRows)")
        XCTAssertFalse(r.badRows.first?.reason.contains("Петров Иван") == true, "\(r.badRows)")
    }

    /// An empty file named .xlsx was told «это не zip-архив (а книга .xlsx — это zip-архив)»: it is
    /// told empty, as an empty CSV file is, by the same words.
    func testAnEmptyFileIsToldEmpty() throws {
        for name in ["педагоги.xlsx", "педагоги.csv"] {
            let url = scratch.path(name)
            try Data().write(to: url)
            XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
                XCTAssertEqual((e as? CSVError)?.message.text(.ru),
                               "\(name) пуст (0 байт): списка в нём нет; откройте список в Excel, сохраните его ещё раз и загрузите снова")
            }
        }
        XCTAssertEqual(try names(), [])
    }

    /// A Word document of the list (a table typed in Word) given the name .xlsx was told «zip-архив,
    /// но не книга Excel (в нём нет worksheet)»: it is told a Word document, to copy its table into Excel.
    func testAWordDocumentNamedXlsxIsToldAWordDocument() throws {
        var zip = ZipWriter()
        try zip.add("_rels/.rels", F.bytes("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(F.relNS)/officeDocument" Target="word/document.xml"/></Relationships>
            """))
        try zip.add("word/document.xml", F.bytes("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>"))
        let url = scratch.path("список.xlsx")
        try zip.finish().write(to: url)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            XCTAssertEqual((e as? XLSXError)?.message.text(.ru), "список.xlsx — документ Word, а не книга Excel: скопируйте таблицу из него "
                           + "на лист Excel, сохраните как .xlsx («Книга Excel») и загрузите этот файл")
        }
        XCTAssertEqual(try names(), [])
    }

    func importCSV(_ table: String, _ text: String, dryRun: Bool = false) throws -> CSVImportResult {
        let url = scratch.path("\(table)-\(UUID().uuidString.prefix(6)).csv")
        try Data(text.utf8).write(to: url)
        return try CSVImporter().import(table: table, file: url, into: school, skipBad: true, dryRun: dryRun)
    }

    /// Ольга Ивановна keeps the pair's diary of meetings and its surveys in Excel and loads the whole
    /// list again as it grows: the second load refused the «встреча-знакомство» (the pair has one)
    /// and added every other meeting and survey a second time. A line of a meeting (a survey) the
    /// pair already has — the same kind (respondent) and day — is that row: unchanged, or changed
    /// where the list corrects it (the minutes); a new line is added.
    /// The pair of «Иванова Мария Петровна» and her young teacher, entered by lists.
    func makePair() throws {
        XCTAssertEqual(try importCSV("persons", "ФИО;Дата рождения;Роль\nИванова Мария Петровна;12.03.1990;учитель\nНовикова Юлия Андреевна;01.02.2000;учитель\n").inserted, 2)
        XCTAssertEqual(try importCSV("mentors", "Наставник;Статус\nИванова Мария Петровна;активный\n").inserted, 1)
        XCTAssertEqual(try importCSV("mentees", "Наставляемый;Категория;Статус\nНовикова Юлия Андреевна;молодой специалист;в паре\n").inserted, 1)
        XCTAssertEqual(try importCSV("pairs", "Наставник;Форма;Вид;Дата начала;Статус;Наставляемые\nИванова Мария Петровна;учитель – учитель;пара;15.09.2025;активная;Новикова Юлия Андреевна\n").inserted, 1)
    }

    func testADiaryOfMeetingsLoadedAgainDoublesNothing() throws {
        try makePair()
        let diary = "Пара;Вид встречи;Дата встречи;Протокол\nИванова Мария Петровна;встреча-знакомство;20.09.2025;знакомство\nИванова Мария Петровна;пробная встреча;01.10.2025;\n"
        XCTAssertEqual(try importCSV("meetings", diary).inserted, 2)
        let grown = diary.replacingOccurrences(of: "01.10.2025;", with: "01.10.2025;открытый урок") + "Иванова Мария Петровна;встреча-планирование;15.10.2025;ИОМ\n"
        let again = try importCSV("meetings", grown)
        XCTAssertEqual([again.inserted, again.updated, again.unchanged, again.badRows.count], [1, 1, 1, 0], "\(again.badRows)")
        XCTAssertEqual(try school.database.rows("SELECT kind, held_on, coalesce(minutes, '') FROM meetings ORDER BY held_on").map { $0.map(\.displayText) },
                       [["introduction", "2025-09-20", "знакомство"], ["trial", "2025-10-01", "открытый урок"], ["planning", "2025-10-15", "ИОМ"]])
        let surveys = "Пара;Респондент;Оценка;Дата ответа\nИванова Мария Петровна;наставляемый;9;20.05.2026\nИванова Мария Петровна;наставник;10;20.05.2026\n"
        XCTAssertEqual(try importCSV("surveys", surveys).inserted, 2)
        let twice = try importCSV("surveys", surveys.replacingOccurrences(of: ";9;", with: ";8;"))
        XCTAssertEqual([twice.inserted, twice.updated, twice.unchanged, twice.badRows.count], [0, 1, 1, 0], "\(twice.badRows)")
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM surveys")?.integer, 2)
        // A meeting doubled by an earlier load is not guessed at: the line asks which one.
        try school.database.execute("INSERT INTO meetings (id, org_id, pair_id, kind, held_on) SELECT 'copy', org_id, pair_id, kind, held_on FROM meetings WHERE kind = 'planning'")
        let doubled = try importCSV("meetings", grown, dryRun: true)
        XCTAssertEqual(doubled.badRows.map { Message.importLine($0.line, $0.reason).text(.en) },
                       ["line 4: meetings has 2 such rows already; add an id column to say which one"])
    }

    /// The same for a list of diagnostics and of courses: loaded again, nothing doubles.
    func testDiagnosticsAndCoursesLoadedAgainDoubleNothing() throws {
        XCTAssertEqual(try importCSV("persons", "ФИО;Дата рождения;Роль\nНовикова Юлия Андреевна;01.02.2000;учитель\n").inserted, 1)
        let diagnostics = "ФИО;Дата диагностики;Уровень\nНовикова Юлия Андреевна;15.10.2025;низкий\n"
        let courses = "ФИО;Курс;Тема;Дата окончания;Прошёл\nНовикова Юлия Андреевна;Наставничество в ОО;наставничество;20.11.2025;да\n"
        for (table, list) in [("diagnostics", diagnostics), ("trainings", courses)] {
            XCTAssertEqual(try importCSV(table, list).inserted, 1, table)
            let again = try importCSV(table, list)
            XCTAssertEqual([again.inserted, again.unchanged, again.badRows.count], [0, 1, 0], "\(table): \(again.badRows)")
            XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM \(table)")?.integer, 1, table)
        }
    }

    /// A course a teacher is still taking has no end day in the list: every load of the same list
    /// added it once more (its end day was part of what finds it), three loads three courses in her
    /// card and in the report. A course without its end day is found by its person and name among the
    /// courses without one; loaded again, nothing changes; the day written in later fills that course.
    func testACourseWithoutItsEndDayLoadedAgainDoublesNothing() throws {
        XCTAssertEqual(try importCSV("persons", "ФИО;Дата рождения;Роль\nНовикова Юлия Андреевна;01.02.2000;учитель\n").inserted, 1)
        let courses = "ФИО;Курс;Тема;Часы;Дата окончания\nНовикова Юлия Андреевна;Наставничество в ОО;наставничество;36;\n"
            + "Новикова Юлия Андреевна;Одарённые дети;одарённые дети;72;15.05.2025\n"
        XCTAssertEqual(try importCSV("trainings", courses).inserted, 2)
        for _ in 1...2 {
            let again = try importCSV("trainings", courses)
            XCTAssertEqual([again.inserted, again.updated, again.unchanged, again.badRows.count], [0, 0, 2, 0], "\(again.outcomes)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM trainings")?.integer, 2)
        let finished = try importCSV("trainings", courses.replacingOccurrences(of: "36;\n", with: "36;20.12.2025\n"))
        XCTAssertEqual([finished.inserted, finished.updated, finished.unchanged], [0, 1, 1], "\(finished.outcomes)")
        XCTAssertEqual(try school.database.rows("SELECT course, coalesce(finished_on, '') FROM trainings ORDER BY course").map { $0.map(\.displayText) },
                       [["Наставничество в ОО", "2025-12-20"], ["Одарённые дети", "2025-05-15"]])
    }

    /// Staff lists exported from the school's systems write a name in three columns, «Фамилия»,
    /// «Имя», «Отчество»: every line was refused («для новой записи нужно поле «ФИО»»), the three
    /// columns left out. They are read as one «ФИО», the parts joined, and said so; loaded again,
    /// nobody is doubled; a list of mentors written so finds its people.
    func testANameInThreeColumnsIsOneName() throws {
        let staff = scratch.path("кадры.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "Фамилия", "Имя", "Отчество", "Дата рождения", "Должность")
            + F.row(2, "Волкова", "Нина", "Петровна", "05.05.1980", "учитель") + F.row(3, "Ли", "Ан", "", "01.02.1999", "учитель"))]).write(to: staff)
        let r = try CSVImporter().import(table: "persons", file: staff, into: school)
        XCTAssertEqual(r.inserted, 2, "\(r.badRows)")
        XCTAssertEqual(r.skippedColumns, [])
        XCTAssertEqual(r.notes.first?.text(.ru), "ФИО составлено из столбцов «Фамилия», «Имя», «Отчество»")
        XCTAssertEqual(try names(), ["Волкова Нина Петровна", "Ли Ан"])
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: staff, into: school).unchanged, 2)
        let mentors = scratch.path("наставники.xlsx")
        try F.workbook(sheets: [("Лист1", nil, F.row(1, "Фамилия", "Имя", "Отчество", "Статус") + F.row(2, "Волкова", "Нина", "Петровна", "активный"))]).write(to: mentors)
        XCTAssertEqual(try CSVImporter().import(table: "mentors", file: mentors, into: school).inserted, 1)
        XCTAssertEqual(try school.database.scalar("SELECT p.full_name FROM mentors m JOIN persons p ON p.id = m.person_id")?.text, "Волкова Нина Петровна")
    }

    /// A staff list divided into sections by a row whose one cell is merged across the table
    /// («Администрация», «Учителя начальных классов»): a heading in the «№ п/п» column was a line
    /// refused for its empty «ФИО» (the whole file with it), one in the «ФИО» column a person named
    /// «Администрация». Such rows are headings: left out, and said; a CSV line of the same heading
    /// (a word in the «№ п/п» column, nothing else) too.
    func testSectionHeadingsAcrossTheRowAreNoPeople() throws {
        let merged = "<mergeCells count=\"2\"><mergeCell ref=\"A2:C2\"/><mergeCell ref=\"A4:C4\"/></mergeCells>"
        let sheet = F.row(1, "ФИО", "Дата рождения", "Должность") + F.row(2, "Администрация") + F.row(3, "Волкова Нина Петровна", "05.05.1980", "директор")
            + F.row(4, "Учителя начальных классов") + F.row(5, "Орлова Вера Павловна", "06.06.1985", "учитель")
        let book = scratch.path("штат.xlsx")
        try F.workbook(sheetData: sheet, afterSheetData: merged).write(to: book)
        let r = try CSVImporter().import(table: "persons", file: book, into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0], "\(r.badRows)")
        XCTAssertEqual(r.notes.first?.text(.ru), "пропущены подзаголовки (одна ячейка на всю строку): строки 2, 4")
        XCTAssertEqual(try names(), ["Волкова Нина Петровна", "Орлова Вера Павловна"])
        let csv = scratch.path("штат.csv")
        try Data("№ п/п;ФИО;Дата рождения\r\nАдминистрация;;\r\n1;Волкова Нина Петровна;05.05.1980\r\n".utf8).write(to: csv)
        let again = try CSVImporter().import(table: "persons", file: csv, into: school)
        XCTAssertEqual([again.unchanged, again.badRows.count], [1, 0], "\(again.badRows)")
        XCTAssertEqual(again.notes.first?.text(.ru), "пропущены подзаголовки (одна ячейка на всю строку): строка 2")
        // A CSV line of a heading in the «ФИО» column, nothing else: no person named «Администрация».
        let named = scratch.path("штат-2.csv")
        try Data("ФИО;Дата рождения;Должность\r\nАдминистрация;;\r\nВолкова Нина Петровна;05.05.1980;директор\r\nЕлизарова;;\r\n".utf8).write(to: named)
        let third = try CSVImporter().import(table: "persons", file: named, into: school)
        XCTAssertEqual([third.inserted, third.unchanged, third.badRows.count], [0, 1, 0], "\(third.badRows)")
        XCTAssertEqual(third.notes.first?.text(.ru), "пропущены подзаголовки (одна ячейка на всю строку): строки 2, 4")
        XCTAssertEqual(try names(), ["Волкова Нина Петровна", "Орлова Вера Павловна"])
    }

    /// Ольга Ивановна's diary names the pair once, its cell merged down over the rows of its meetings,
    /// as Excel shows a value that holds for several rows: every row below the first was refused with
    /// «не заполнено «Пара»». A cell merged down a column reads in every row it covers.
    func testACellMergedDownTheRowsReadsInEachOfThem() throws {
        try makePair()
        let diary = scratch.path("дневник.xlsx")
        try F.workbook(sheetData: F.row(1, "Пара", "Вид встречи", "Дата встречи") + F.row(2, "Иванова Мария Петровна", "встреча-знакомство", "20.09.2025")
            + "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>пробная встреча</t></is></c><c r=\"C3\" t=\"inlineStr\"><is><t>01.10.2025</t></is></c></row>"
            + "<row r=\"4\"><c r=\"A4\" s=\"0\"/><c r=\"B4\" t=\"inlineStr\"><is><t>встреча-планирование</t></is></c><c r=\"C4\" t=\"inlineStr\"><is><t>15.10.2025</t></is></c></row>",
            afterSheetData: "<mergeCells count=\"1\"><mergeCell ref=\"A2:A4\"/></mergeCells>").write(to: diary)
        let r = try CSVImporter().import(table: "meetings", file: diary, into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [3, 0], "\(r.badRows)")
        XCTAssertEqual(try school.database.scalar("SELECT count(DISTINCT pair_id) FROM meetings")?.integer, 1)
    }

    /// The methodologist's list of indicators keeps «Целевое значение» as Excel percentages: the cell
    /// shows «85%» and holds 0.85. It was read as 0.85 — a target of 0.85% stored without a word, and
    /// every school short of it or past it in the report. A percentage reads as it shows, «85%», and
    /// a number column takes «85%» (a CSV file saved from Excel writes it so) as 85.
    func testAPercentageReadsAsItShows() throws {
        let district = try Replica.create(path: scratch.path("district.db").path, site: SiteID("district")!, role: .district,
                                          district: SiteID("district")!, schema: RegistrySchema.schema)
        let cell = { (r: Int, v: String) in "<c r=\"C\(r)\" s=\"1\"><v>\(v)</v></c>" }
        let sheet = F.row(1, "Код", "Показатель", "Целевое значение")
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>young_in_mentoring</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Доля молодых</t></is></c>\(cell(2, "0.85"))</row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>stayed</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>Закрепились</t></is></c>\(cell(3, "0.125"))</row>"
        let book = try F.workbook(sheetData: sheet, styles: "<xf numFmtId=\"0\"/><xf numFmtId=\"9\"/>")
        XCTAssertEqual(try F.rows(book).map { $0[2] }, ["Целевое значение", "85%", "12.5%"])
        let url = scratch.path("показатели.xlsx")
        try book.write(to: url)
        let r = try CSVImporter().import(table: "indicators", file: url, into: district)
        XCTAssertEqual(r.inserted, 2, "\(r.badRows)")
        XCTAssertEqual(try district.database.rows("SELECT target_value FROM indicators ORDER BY code").map { $0[0] }, [.real(12.5), .real(85)])
        let column = try XCTUnwrap(RegistrySchema.indicators.column(named: "target_value"))
        XCTAssertEqual(try ValueParser.parse("85 %", column: column, table: "indicators"), .real(85))
    }

    /// A long name wrapped in a narrow column with Alt+Enter («Семёнова⏎Анастасия Викторовна») was
    /// stored with the line break: every list, page and receipt showed her name on two lines. A
    /// name's line break is a space (a note's or minutes' line breaks stay).
    func testALineBreakInANameIsASpace() throws {
        let url = scratch.path("педагоги.xlsx")
        try F.workbook(sheetData: F.row(1, "ФИО", "Дата рождения", "Примечание")
            + F.row(2, "Семёнова&#10;Анастасия Викторовна", "03.04.1996", "классный руководитель&#10;5 «Б»")).write(to: url)
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: url, into: school).inserted, 1)
        XCTAssertEqual(try school.database.rows("SELECT full_name, notes FROM persons").map { $0.map(\.displayText) },
                       [["Семёнова Анастасия Викторовна", "классный руководитель\n5 «Б»"]])
        XCTAssertEqual(try CSVImporter().import(table: "persons", file: url, into: school).unchanged, 1)
    }

    /// A school's template writes a hint after a column's name: «Дата рождения (дд.мм.гггг)», «ФИО
    /// (полностью)», «Роль (учитель/ученик)». Such a column was left out as unknown — the birth dates
    /// lost, or the whole list refused for want of «ФИО». The hint in brackets is no part of the name.
    func testAHintInBracketsAfterAColumnsNameIsNoPartOfIt() throws {
        let r = try importCSV("persons", "ФИО (полностью);Дата рождения (дд.мм.гггг);Роль (учитель/ученик)\nБелова Ирина Олеговна;03.03.1993;учитель\n")
        XCTAssertEqual([r.inserted, r.badRows.count], [1, 0], "\(r.badRows)")
        XCTAssertEqual(r.skippedColumns, [])
        XCTAssertEqual(try school.database.rows("SELECT full_name, birth_date, role FROM persons").map { $0.map(\.displayText) },
                       [["Белова Ирина Олеговна", "1993-03-03", "teacher"]])
    }

    /// A list of pupils (or a short list of staff) writes names without the patronymic: «Иванова
    /// Мария», born the day «Иванова Мария Петровна» was, was added as a second person. A name
    /// whose words begin hers (her surname, her first name or its initial), born her day, is
    /// refused naming her; another first name is someone else.
    func testANameWithoutItsPatronymicBornTheSameDayIsRefusedNamingHer() throws {
        XCTAssertEqual(try importCSV("persons", "ФИО;Дата рождения;Роль\nИванова Мария Петровна;12.03.1990;учитель\n").inserted, 1)
        let r = try importCSV("persons", "ФИО;Дата рождения;Роль\nИванова Мария;12.03.1990;учитель\nИванова М.;12.03.1990;учитель\n"
                                + "Иванова Марина;12.03.1990;учитель\nИванова Мария Ивановна;12.03.1990;учитель\n", dryRun: true)
        XCTAssertEqual(r.badRows.map(\.line), [2, 3], "\(r.badRows)")
        XCTAssertTrue(r.badRows.allSatisfy { $0.reason.contains("looks like «Иванова Мария Петровна»") }, "\(r.badRows)")
        XCTAssertEqual(r.inserted, 2)
    }

    /// An official list opens with its approval block and title — «УТВЕРЖДАЮ», the director, the
    /// order, «СПИСОК педагогических работников…», the school, the date: twelve lines and more above
    /// the column names. Only ten were looked through, and the list was refused with «нет столбца
    /// «УТВЕРЖДАЮ»». The column names are looked for among the first thirty filled lines.
    func testAnApprovalBlockAboveTheListIsATitle() throws {
        let block = ["УТВЕРЖДАЮ", "Директор МБОУ Захарвальская ООШ", "__________ /Петрова Н.В./", "Приказ № 45 от 01.09.2025", "СПИСОК",
                     "педагогических работников,", "участвующих в реализации", "целевой модели наставничества", "в 2025-2026 учебном году",
                     "МБОУ Захарвальская ООШ", "Белгородская область, с. Захарвань", "по состоянию на 01.09.2025", "(форма 3)", "лист 1 из 1"]
        let r = try importCSV("persons", block.joined(separator: ";;\n") + ";;\n;;\nФИО;Дата рождения;Должность\nБелова Ирина Олеговна;03.03.1993;учитель\n")
        XCTAssertEqual([r.inserted, r.titleLines], [1, 14], "\(r.badRows)")
        XCTAssertEqual(try names(), ["Белова Ирина Олеговна"])
    }

    /// An official form's header takes two rows: «ФИО» merged over «Фамилия», «Имя», «Отчество»,
    /// the other columns' names merged down both rows. The second row was read as a line of data,
    /// and every line refused («„Ирина“ стоит в столбце 3, у которого нет названия»). The two rows
    /// are one header: the lower row's names where it has them.
    func testAHeaderOfTwoRowsIsOneHeader() throws {
        let merged = "<mergeCells count=\"4\"><mergeCell ref=\"A1:A2\"/><mergeCell ref=\"B1:D1\"/><mergeCell ref=\"E1:E2\"/><mergeCell ref=\"F1:F2\"/></mergeCells>"
        let cell = { (ref: String, text: String) in "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }
        let sheet = "<row r=\"1\">" + cell("A1", "№ п/п") + cell("B1", "ФИО") + cell("E1", "Дата рождения") + cell("F1", "Должность") + "</row>"
            + "<row r=\"2\">" + cell("B2", "Фамилия") + cell("C2", "Имя") + cell("D2", "Отчество") + "</row>"
            + "<row r=\"3\">" + cell("A3", "1") + cell("B3", "Белова") + cell("C3", "Ирина") + cell("D3", "Олеговна") + cell("E3", "03.03.1993") + cell("F3", "учитель") + "</row>"
        let url = scratch.path("форма.xlsx")
        try F.workbook(sheetData: sheet, afterSheetData: merged).write(to: url)
        let r = try CSVImporter().import(table: "persons", file: url, into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [1, 0], "\(r.badRows)")
        XCTAssertEqual(try school.database.rows("SELECT full_name, birth_date, position FROM persons").map { $0.map(\.displayText) },
                       [["Белова Ирина Олеговна", "1993-03-03", "учитель"]])
    }

    /// A list fills «Должность» by a formula (ВПР from the staff sheet) that found nothing: the
    /// cell shows «#Н/Д» and the file holds the error «#N/A», which was stored as her position (and a
    /// mentor's «#N/A» refused as «нет строки с именем «#N/A»»). A cell holding an Excel error is
    /// refused, saying which error as Russian Excel shows it, to correct the formula.
    func testAnExcelErrorInACellIsRefused() throws {
        let sheet = F.row(1, "ФИО", "Дата рождения", "Должность")
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Белова Ирина Олеговна</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>03.03.1993</t></is></c>"
            + "<c r=\"C2\" t=\"e\"><f>VLOOKUP(A2,Штат!A:C,3,0)</f><v>#N/A</v></c></row>"
        let url = scratch.path("педагоги.xlsx")
        try F.workbook(sheetData: sheet).write(to: url)
        let r = try CSVImporter().import(table: "persons", file: url, into: school, dryRun: true)
        XCTAssertEqual(r.badRows.map { Message.importLine($0.line, $0.reason).text(.en) },
                       ["line 2: Position (persons.position): the cell holds an Excel error, #N/A (a formula that found nothing or failed); correct the formula or type the value"])
        XCTAssertEqual(Message.importExcelError(.column("position", table: "persons"), "#N/A").text(.ru),
                       "«Должность»: в ячейке ошибка Excel «#Н/Д» (формула ничего не нашла или не сработала); исправьте формулу или впишите значение")
        // Saved to CSV by Russian Excel, the error reads as it shows.
        let csv = try importCSV("persons", "ФИО;Должность\nБелова Ирина Олеговна;#ЗНАЧ!\n", dryRun: true)
        XCTAssertEqual(csv.badRows.count, 1)
        XCTAssertEqual(try names(), [])
    }

    /// A template numbered ahead — «№ п/п» 1 to 50, the school filling twelve rows — or numbered by
    /// a formula filled down: every unused numbered row was refused for its empty «ФИО», and the list
    /// with them. A line with nothing but its number is no line of the list.
    func testRowsNumberedAheadAndLeftEmptyAreNoLines() throws {
        let r = try importCSV("persons", "№ п/п;ФИО;Дата рождения;Должность\n1;Белова Ирина Олеговна;03.03.1993;учитель\n2;;;\n3;;;\n4.;;;\n")
        XCTAssertEqual([r.inserted, r.badRows.count], [1, 0], "\(r.badRows)")
        XCTAssertEqual(r.outcomes.map(\.line), [2])
    }

    /// A list numbers its lines in a first column whose name was left empty (or merged away): every
    /// line was refused («„1“ стоит в столбце 1, у которого нет названия»). A column without a
    /// name that holds nothing but whole numbers is the lines' numbering, as «№ п/п» is; one holding
    /// words is still told.
    func testANamelessColumnOfNumbersIsTheLinesNumbering() throws {
        let r = try importCSV("persons", ";ФИО;Дата рождения\n1;Белова Ирина Олеговна;03.03.1993\n2.;Орлова Вера Павловна;06.06.1985\n")
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0], "\(r.badRows)")
        let words = try importCSV("persons", ";ФИО\nучитель;Громова Алла Ивановна\n", dryRun: true)
        XCTAssertEqual(words.badRows.count, 1)
    }

    /// A column whose name was erased — a trainings list's hours, the years of experience — holds whole
    /// numbers too, and was taken for the lines' numbering: its values were dropped without a word,
    /// the rows added without them. Numbering goes up from 1 (a section may start again at 1); other
    /// numbers under a column without a name are told, as words there are.
    func testANamelessColumnOfOtherNumbersIsToldNotDropped() throws {
        let r = try importCSV("persons", "ФИО;;Дата рождения\nБелова Ирина Олеговна;15;03.03.1993\nОрлова Вера Павловна;32;06.06.1985\n", dryRun: true)
        XCTAssertEqual(r.badRows.count, 2, "\(r.outcomes)")
        XCTAssertTrue(r.badRows.first?.reason.contains("'15' is in column B") ?? false, "\(r.badRows)")
        // A line deleted from a numbered list leaves a gap; a section starts again at 1.
        let sections = try importCSV("persons", ";ФИО\n1;Белова Ирина Олеговна\n3;Орлова Вера Павловна\n1.;Громова Алла Ивановна\n", dryRun: true)
        XCTAssertEqual([sections.inserted, sections.badRows.count], [3, 0], "\(sections.badRows)")
    }

    /// A value under a column without a name was told «в столбце 3, у которого нет названия в первой
    /// строке» — though the names stood on line 3, under a title, and Excel calls that column C. The
    /// column is told by its letter, and the line of the names by its number.
    func testAValueUnderANamelessColumnIsToldByItsLetterAndTheHeadersLine() throws {
        let r = try importCSV("persons", "Список педагогов;;\n;;\nФИО;;Дата рождения\nБелова Ирина Олеговна;учитель;03.03.1993\n", dryRun: true)
        XCTAssertEqual(r.badRows.map { Message.importLine($0.line, $0.reason).text(.en) },
                       ["line 4: 'учитель' is in column B, which has no name on line 3 (the column names); name the column there or clear the cell"])
        XCTAssertEqual(Message.importCellInNamelessColumn("учитель", column: 2, headerLine: 3).text(.ru),
                       "«учитель» стоит в столбце B, у которого нет названия в строке 3 (строка с названиями столбцов); впишите туда название столбца или очистите ячейку")
    }

    /// A list with two columns of one meaning («Примечание» and «Примечания») was refused with
    /// «столбец persons.notes дважды назван в первой строке файла»: a code she never sees, and the
    /// names on line 3. It names the column as she does, and the line.
    func testAColumnNamedTwiceIsToldByItsName() throws {
        XCTAssertThrowsError(try importCSV("persons", "Список;;\n;;\nФИО;Примечание;Примечания\nБелова Ирина Олеговна;а;б\n")) { e in
            XCTAssertEqual((e as? CSVImportError)?.message.text(.ru),
                           "столбец «Примечание» назван дважды в строке 3 (строка с названиями столбцов): оставьте один из них или переименуйте второй")
        }
    }

    /// A line with more cells than the list has columns was told «а в первой строке 3 столбца»,
    /// though the column names stood on line 3, under a title. It says the line of the names.
    func testALineLongerThanTheHeaderIsToldByTheHeadersLine() throws {
        let r = try importCSV("persons", "Список педагогов;;\n;;\nФИО;Дата рождения;Роль\nБелова Ирина Олеговна;03.03.1993;учитель;лишнее\n", dryRun: true)
        XCTAssertEqual(r.badRows.map { Message.importLine($0.line, $0.reason).text(.en) },
                       ["line 4: has 4 cells but line 3 (the column names) names 3 columns"])
        XCTAssertEqual(Message.importCellsBeyondHeader(4, columns: 3, headerLine: 3, separator: ";").text(.ru),
                       "в строке 4 ячейки, а в строке 3 (с названиями столбцов) 3 столбца (пропущен «;»?)")
    }

    /// A template made by a program, not by Excel, joins the name by a formula and keeps no value
    /// for it: Excel shows «Волкова Нина Петровна» in the cell, the file holds only the formula, and
    /// each line was refused as «ФИО: поле не может быть пустым». The file is told to be saved by
    /// Excel or LibreOffice first (they keep each formula's value), naming the cell.
    func testAFormulaWithoutItsValueIsToldToBeSavedInExcel() throws {
        let sheet = F.row(1, "Фамилия", "Имя", "ФИО", "Дата рождения")
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Волкова</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>Нина</t></is></c>"
            + "<c r=\"C2\"><f>A2&amp;\" \"&amp;B2</f><v/></c><c r=\"D2\" t=\"inlineStr\"><is><t>05.05.1980</t></is></c></row>"
        let url = scratch.path("шаблон.xlsx")
        try F.workbook(sheetData: sheet).write(to: url)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: url, into: school)) { e in
            XCTAssertEqual((e as? XLSXError)?.message.text(.ru), "в книге шаблон.xlsx в ячейке C2 формула, а её значения в файле нет (файл сохранила не Excel, "
                           + "а другая программа): откройте его в Excel или LibreOffice, сохраните и загрузите снова")
        }
        // A formula whose value is an empty text is kept so by Excel: an empty cell.
        let empty = sheet.replacingOccurrences(of: "<c r=\"C2\"><f>", with: "<c r=\"C2\" t=\"str\"><f>")
        XCTAssertEqual(try F.rows(try F.workbook(sheetData: empty)).last, ["Волкова", "Нина", "", "05.05.1980"])
        XCTAssertEqual(try names(), [])
    }

    /// A sheet whose only named column is «№ п/п» was refused in Russian with the table's columns
    /// by their codes («её столбцы: id, org_id, full_name, …»): they are listed as she writes them.
    func testAListNamingNoColumnIsToldTheColumnsByTheirNames() throws {
        XCTAssertThrowsError(try importCSV("persons", "№ п/п;\n1;Белова Ирина Олеговна\n")) { e in
            let said = (e as? CSVImportError)?.message.text(.ru) ?? ""
            XCTAssertTrue(said.hasPrefix("первая строка файла не называет ни одного столбца таблицы «Люди»; её столбцы: Идентификатор (id), Код организации (org_id), ФИО (full_name)"), said)
        }
    }
}

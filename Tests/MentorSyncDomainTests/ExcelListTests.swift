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
}

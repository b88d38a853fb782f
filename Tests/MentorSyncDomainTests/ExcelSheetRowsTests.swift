import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// How the rows of a list kept in Excel or LibreOffice are read: rows hidden, cells merged, lines
/// numbered ahead. Workbooks saved by LibreOffice 7.4 (Fixtures/libreoffice/README.md) and made the
/// way Excel writes them, imported into a real registry file.
final class ExcelSheetRowsTests: XCTestCase {
    typealias F = SpreadsheetFixtures
    var scratch: ScratchDirectory!
    var school: Replica!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("excel-rows")
        school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                    district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    override func tearDown() { school = nil; scratch = nil }

    func persons(_ column: String = "full_name") throws -> [[String]] {
        try school.database.rows("SELECT full_name, coalesce(\(column), '') FROM persons ORDER BY full_name").map { $0.map(\.displayText) }
    }

    func importCSV(_ table: String, _ text: String, dryRun: Bool = false) throws -> CSVImportResult {
        let url = scratch.path("\(table)-\(UUID().uuidString.prefix(6)).csv")
        try Data(text.utf8).write(to: url)
        return try CSVImporter().import(table: table, file: url, into: school, skipBad: true, dryRun: dryRun)
    }

    /// Ольга Ивановна filtered her staff list to «наставники 2026» (a standard filter in LibreOffice)
    /// and loaded it: the rows the filter hid were added too, the preview showing them as any other.
    /// A hidden row is left out and told, line by line in the preview and in a note: she sees what
    /// was not loaded and how to load it.
    func testRowsHiddenByAFilterAreLeftOutAndTold() throws {
        let book = F.url("libreoffice/filtered.xlsx")
        let preview = try CSVImporter().import(table: "persons", file: book, into: school, dryRun: true)
        XCTAssertEqual(preview.outcomes.map { "\($0.line) \($0.kind.rawValue)" }, ["2 added", "3 skipped", "4 added", "5 skipped"])
        XCTAssertEqual(preview.outcomes[1].reason, Message.importRowHidden(filtered: true).text(.current))
        XCTAssertEqual(Message.importRowHidden(filtered: true).text(.ru), "строка скрыта фильтром в Excel")
        XCTAssertEqual(preview.hiddenLines, [3, 5])
        XCTAssertEqual(preview.notes.map { $0.text(.ru) }.filter { $0.contains("фильтр") },
                       ["строки 3, 5 скрыты фильтром в Excel и не загружаются; чтобы загрузить и их, снимите фильтр (Данные → Фильтр) и загрузите список снова"])
        let r = try CSVImporter().import(table: "persons", file: book, into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0], "\(r.badRows)")
        XCTAssertEqual(try persons().map(\.[0]), ["Белова Ирина Олеговна", "Громова Алла Ивановна"])
        // A row hidden by hand, as Excel writes it (no filter on the sheet): left out and told so.
        let hand = scratch.path("скрыта.xlsx")
        try F.workbook(sheetData: F.row(1, "ФИО", "Дата рождения") + F.row(2, "Орлова Вера Павловна", "06.06.1985")
            + "<row r=\"3\" hidden=\"1\"><c t=\"inlineStr\"><is><t>Зайцева Ольга Петровна</t></is></c></row>").write(to: hand)
        let byHand = try CSVImporter().import(table: "persons", file: hand, into: school)
        XCTAssertEqual([byHand.inserted, byHand.badRows.count], [1, 0])
        XCTAssertEqual(byHand.outcomes.last?.reason, Message.importRowHidden(filtered: false).text(.current))
        XCTAssertEqual(byHand.notes.map { $0.text(.ru) }.filter { $0.contains("скрыт") }, ["строка 3 скрыта в Excel и не загружается; чтобы загрузить и её, покажите скрытые строки и загрузите список снова"])
        XCTAssertFalse(try persons().map(\.[0]).contains("Зайцева Ольга Петровна"))
        // A list formatted as a table in Excel keeps its filter in the table's part: a row hidden there
        // was told «покажите скрытые строки», which Excel does not do for a filtered row.
        let table = scratch.path("таблица.xlsx")
        try F.workbook(sheetData: F.row(1, "ФИО", "Дата рождения") + F.row(2, "Орлова Вера Павловна", "06.06.1985")
            + "<row r=\"3\" hidden=\"1\"><c t=\"inlineStr\"><is><t>Зайцева Ольга Петровна</t></is></c></row>",
            afterSheetData: "<tableParts count=\"1\"><tablePart xmlns:r=\"\(F.relNS)\" r:id=\"rId1\"/></tableParts>").write(to: table)
        let inTable = try CSVImporter().import(table: "persons", file: table, into: school, dryRun: true)
        XCTAssertEqual(inTable.outcomes.last?.reason, Message.importRowHidden(filtered: true).text(.current))
        XCTAssertEqual(inTable.filteredLines, [3])
        // A long list with every other row filtered out: the lines are named up to a dozen, then counted
        // (the page after loading carries the note in its address, which a browser and the app bound).
        let many = Message.importHiddenLines(Array(stride(from: 3, through: 401, by: 2)) + [402, 403, 404], filtered: true)
        XCTAssertEqual(many.text(.ru), "строки 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25 и ещё 191 скрыты фильтром в Excel и не загружаются; "
                       + "чтобы загрузить и их, снимите фильтр (Данные → Фильтр) и загрузите список снова")
        XCTAssertTrue(Message.importHiddenLines([3, 4, 5, 9], filtered: false).text(.en).hasPrefix("lines 3–5, 9 are hidden in Excel"))
    }

    /// «Должность» merged over two columns, and one position merged over those two columns and three
    /// rows (three teachers of the primary classes): only the first of the three got it, the other
    /// two none. A block merged over columns and rows reads in each of its rows.
    func testABlockMergedOverColumnsAndRowsReadsInEachRow() throws {
        let r = try CSVImporter().import(table: "persons", file: F.url("libreoffice/merged-block.xlsx"), into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [4, 0], "\(r.badRows)")
        XCTAssertEqual(try persons("position"), [["Белова Ирина Олеговна", "учитель начальных классов"], ["Громова Алла Ивановна", "учитель начальных классов"],
                                                ["Зайцева Ольга Петровна", "завуч"], ["Орлова Вера Павловна", "учитель начальных классов"]])
        XCTAssertEqual(r.headingLines, [])
    }

    /// A class list whose every «ФИО» cell is merged over three columns, the header's too, the names
    /// alone on their rows: every name was taken for a section's heading and left out, nothing loaded.
    /// A cell merged as the header's cell of its column is the column's value; a heading merged across
    /// the whole row is still one.
    func testNamesInCellsMergedAsTheirHeaderAreNames() throws {
        let r = try CSVImporter().import(table: "persons", file: F.url("libreoffice/names-merged.xlsx"), into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [3, 0], "\(r.badRows)")
        XCTAssertEqual(r.headingLines, [2])
        XCTAssertEqual(try persons().map(\.[0]), ["Белова Ирина Олеговна", "Громова Алла Ивановна", "Орлова Вера Павловна"])
        // The list of names alone, three columns wide, as Excel writes it: the header merged as the names.
        let merge = { (rows: ClosedRange<Int>) in "<mergeCells>" + rows.map { "<mergeCell ref=\"A\($0):C\($0)\"/>" }.joined() + "</mergeCells>" }
        let names = scratch.path("6Б.xlsx")
        try F.workbook(sheetData: F.row(1, "ФИО") + F.row(2, "Лебедева Нина Олеговна") + F.row(3, "Козлов Пётр Андреевич"), afterSheetData: merge(1...3)).write(to: names)
        let alone = try CSVImporter().import(table: "persons", file: names, into: school)
        XCTAssertEqual([alone.inserted, alone.badRows.count, alone.headingLines.count], [2, 0, 0], "\(alone.outcomes)")
        // Short sections (a heading, one person) and a signature under the list, merged across it, are
        // still no people, though they are half its lines.
        let sections = scratch.path("разделы.xlsx")
        try F.workbook(sheetData: F.row(1, "Список педагогов") + F.row(2, "ФИО", "Дата рождения", "Должность")
            + F.row(3, "Администрация") + F.row(4, "Волкова Нина Петровна", "05.05.1980", "директор")
            + F.row(5, "Учителя начальных классов") + F.row(6, "Смирнова Анна Викторовна", "14.07.1999", "учитель")
            + F.row(7, "Учителя математики") + F.row(8, "Иванова Мария Петровна", "12.03.1975", "учитель")
            + F.row(9, "Директор ____________ Волкова Н. П."),
            afterSheetData: "<mergeCells>" + [1, 3, 5, 7, 9].map { "<mergeCell ref=\"A\($0):C\($0)\"/>" }.joined() + "</mergeCells>").write(to: sections)
        let sectioned = try CSVImporter().import(table: "persons", file: sections, into: school)
        XCTAssertEqual([sectioned.inserted, sectioned.badRows.count], [3, 0], "\(sectioned.outcomes)")
        XCTAssertEqual(sectioned.headingLines, [3, 5, 7, 9])
    }

    /// A «№ п/п» line with its number alone between the filled lines (a teacher's line erased, its
    /// number left) was left out without a word, in the preview and on the receipt. It is shown as
    /// left out and said in a note; lines numbered ahead after the last filled one stay silent, as a
    /// template's empty numbered rows are.
    func testANumberAloneBetweenTheLinesIsTold() throws {
        let list = "№ п/п;ФИО;Дата рождения\n1;Белова Ирина Олеговна;03.03.1993\n2;;\n3;Орлова Вера Павловна;06.06.1985\n4;;\n5;;\n"
        let preview = try importCSV("persons", list, dryRun: true)
        XCTAssertEqual(preview.outcomes.map { "\($0.line) \($0.kind.rawValue)" }, ["2 added", "3 skipped", "4 added"])
        XCTAssertEqual(preview.outcomes[1].reason, Message.importNumberAlone("2").text(.current))
        XCTAssertEqual(Message.importNumberAlone("2").text(.ru), "заполнен только номер «2»")
        XCTAssertEqual(preview.notes.map { $0.text(.ru) }.filter { $0.contains("№") },
                       ["строка 3: заполнен только номер (№ п/п) — она пропущена; если в ней кто-то должен быть, впишите его и загрузите список снова"])
        let r = try importCSV("persons", list)
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0])
        XCTAssertEqual(r.numberAloneLines, [3])
        // Only lines numbered ahead at the end: nothing to say.
        let ahead = try importCSV("persons", "№ п/п;ФИО;Дата рождения\n1;Белова Ирина Олеговна;03.03.1993\n2;;\n3;;\n", dryRun: true)
        XCTAssertEqual(ahead.outcomes.map(\.line), [2])
        XCTAssertEqual(ahead.numberAloneLines, [])
    }

    /// Ольга Ивановна's staff template numbers its rows ahead and fills the defaults down the sheet
    /// («2;;учитель;нет»): `import-csv` refused the whole file for an empty «ФИО» on each of them
    /// (the web app loaded the others and listed them refused). A numbered line with nothing but
    /// choices and yes/no words holds nobody: left out and told, the file loaded. A line with a name
    /// forgotten but something of the person (a birth date) is refused as before.
    func testATemplatesNumberedLinesWithItsDefaultsAreNobody() throws {
        let list = "№;ФИО;Роль;Согласие\n1;Белова Ирина Олеговна;учитель;да\n2;;учитель;нет\n3;Орлова Вера Павловна;методист;да\n4;;учитель;нет\n5;;учитель;нет\n"
        let url = scratch.path("template.csv")
        try Data(list.utf8).write(to: url)
        let r = try CSVImporter().import(table: "persons", file: url, into: school, skipBad: false)
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0])
        XCTAssertEqual(r.templateLines, [3, 5, 6])
        XCTAssertEqual(r.outcomes.filter { $0.kind == .skipped }.map(\.line), [3, 5, 6])
        XCTAssertEqual(r.outcomes.first { $0.line == 3 }?.reason, Message.importTemplateDefaults("2").text(.current))
        XCTAssertEqual(r.notes.map { $0.text(.ru) }.filter { $0.contains("шаблона") },
                       ["строки 3, 5, 6: нет ни имени, ни других данных, только номер (№ п/п) и значения шаблона по умолчанию — они пропущены; если в них кто-то должен быть, впишите его и загрузите список снова"])
        let forgotten = scratch.path("forgotten.csv")
        try Data("№;ФИО;Роль;Дата рождения\n1;Лебедева Анна Сергеевна;учитель;01.01.1980\n2;;учитель;02.02.1990\n".utf8).write(to: forgotten)
        XCTAssertThrowsError(try CSVImporter().import(table: "persons", file: forgotten, into: school, skipBad: false))
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM persons")?.integer, 2)
    }

    /// A list kept in Excel ends with its totals line, «Итого: 2 человека» under the names, or «Итого»
    /// in the «№ п/п» column and the count beside it: it was added as a person named «Итого: 2
    /// человека», or «2». A line opening with «Итого» or «Всего» is the list's total: left out, shown
    /// so in the preview, and said in a note.
    func testATotalsLineIsNoPerson() throws {
        let named = try importCSV("persons", "№ п/п;ФИО;Дата рождения;Роль\n1;Белова Ирина Олеговна;03.03.1993;учитель\n2;Всеволодова Нина Ивановна;04.04.1994;учитель\n;Итого: 2 человека;;\n")
        XCTAssertEqual([named.inserted, named.badRows.count], [2, 0], "\(named.outcomes)")
        XCTAssertEqual(named.outcomes.map { "\($0.line) \($0.kind.rawValue)" }, ["2 added", "3 added", "4 skipped"])
        XCTAssertEqual(named.outcomes.last?.reason, Message.importTotalsLine("Итого: 2 человека").text(.current))
        XCTAssertEqual(Message.importTotalsLine("Итого: 2 человека").text(.ru), "итоговая строка списка («Итого: 2 человека»)")
        XCTAssertEqual(named.notes.map { $0.text(.ru) }.filter { $0.contains("итог") }, ["пропущена итоговая строка списка («Итого», «Всего»): строка 4"])
        let numbered = try importCSV("persons", "№ п/п;ФИО;Дата рождения;Роль\n1;Белова Ирина Олеговна;03.03.1993;учитель\nВСЕГО:;1;;\n2;;;\n", dryRun: true)
        XCTAssertEqual(numbered.outcomes.map { "\($0.line) \($0.kind.rawValue)" }, ["2 unchanged", "3 skipped"])
        XCTAssertEqual(numbered.numberAloneLines, [])
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM persons")?.integer, 2)
    }

    /// Ольга Ивановна adds a new teacher to last year's list, downloaded with its ids, by copying
    /// a teacher's row in LibreOffice and typing over the name: the line was refused «идентификатор …
    /// уже есть в строке 2», nothing saying what to do. The reason says it: clear the copied id.
    func testARowCopiedWithItsIdIsToldToClearTheId() throws {
        let id = "0f8fad5b-d9cb-469f-a165-70867728950e"
        let list = "id;ФИО;Дата рождения\n\(id);Белова Ирина Олеговна;03.03.1993\n\(id);Смирнова Анна Викторовна;14.07.1999\n"
        let r = try importCSV("persons", list, dryRun: true)
        XCTAssertEqual(r.badRows.map(\.line), [3])
        XCTAssertEqual(Message.importIDRepeated(id, firstLine: 2).text(.ru),
                       "идентификатор \(id) уже есть в строке 2: строка, скопированная из неё для новой записи, сохранила её идентификатор — "
                       + "очистите в этой строке ячейку «id»; если это та же запись — удалите одну из двух строк")
        XCTAssertEqual(r.badRows.first?.reason, Message.importIDRepeated(id, firstLine: 2).text(.current))
        // The id cleared: she is added beside the teacher she was copied from.
        let cleared = try importCSV("persons", list.replacingOccurrences(of: "\n\(id);Смирнова", with: "\n;Смирнова"))
        XCTAssertEqual([cleared.inserted, cleared.badRows.count], [2, 0], "\(cleared.badRows)")
    }

    /// A staff list takes «Дата приёма» from another sheet by a formula; a teacher missing there
    /// gets 0, which a date cell shows as 00.01.1900 (LibreOffice: 30.12.1899). The line was refused
    /// ««1899-12-31» — не дата (пишите ДД.ММ.ГГГГ…)», a date she never wrote, said not to be one. The
    /// reason says what the cell holds and what to do.
    func testADateCellHoldingZeroIsToldAsAFormulaThatFoundNoDate() throws {
        let book = scratch.path("штат.xlsx")
        try F.workbook(sheetData: "<row r=\"1\"><c t=\"inlineStr\"><is><t>ФИО</t></is></c><c t=\"inlineStr\"><is><t>Дата приёма</t></is></c></row>"
            + "<row r=\"2\"><c t=\"inlineStr\"><is><t>Белова Ирина Олеговна</t></is></c><c s=\"1\"><f>Кадры!B2</f><v>0</v></c></row>"
            + "<row r=\"3\"><c t=\"inlineStr\"><is><t>Орлова Вера Павловна</t></is></c><c s=\"1\"><f>Кадры!B3</f><v>45170</v></c></row>",
            styles: "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>").write(to: book)
        let r = try CSVImporter().import(table: "persons", file: book, into: school, skipBad: true, dryRun: true)
        XCTAssertEqual(r.outcomes.map { "\($0.line) \($0.kind.rawValue)" }, ["2 refused", "3 added"])
        XCTAssertEqual(r.outcomes[0].cells, ["Белова Ирина Олеговна", "00.01.1900"])
        XCTAssertEqual(Message.importLine(2, r.badRows[0].reason).text(.current), "line 2: " + Message.dateZero(.column("hired_on", table: "persons")).text(.current))
        XCTAssertEqual(Message.dateZero(.column("hired_on", table: "persons")).text(.ru),
                       "«Дата приёма»: в ячейке 0 в формате даты (Excel показывает 00.01.1900, LibreOffice — 30.12.1899) — так формула показывает дату, "
                       + "которой не нашла; впишите дату или очистите ячейку")
    }

    /// A school's staff list keeps the consent to personal data as «да» / «нет»: each line was refused
    /// ««да» — не дата (пишите ДД.ММ.ГГГГ…)», not saying that the registry keeps the day consent
    /// was given. The reason says what the column holds and what to write (and that «нет» is an empty cell).
    func testYesOrNoInADateColumnIsToldWhatTheColumnHolds() throws {
        let r = try importCSV("persons", "ФИО;Дата рождения;Согласие на обработку ПД\nБелова Ирина Олеговна;03.03.1993;да\nОрлова Вера Павловна;06.06.1985;Нет\n",
                              dryRun: true)
        XCTAssertEqual(r.badRows.map(\.line), [2, 3])
        let context = EntryContext.column("pd_consent_on", table: "persons")
        XCTAssertEqual(r.badRows.map(\.reason), [Message.yesNoForADate(context, "да").text(.current), Message.yesNoForADate(context, "Нет").text(.current)])
        XCTAssertEqual(Message.yesNoForADate(context, "да").text(.ru),
                       "«Согласие на обработку персональных данных»: «да» — не дата: здесь реестр хранит день (для согласия — день, когда оно дано); "
                       + "впишите его как ДД.ММ.ГГГГ, а если его нет — оставьте ячейку пустой")
    }

    /// A staff list gives «Педагогический стаж» in years (27): the column was left out with «такого нет
    /// (если это опечатка, исправьте название…)» — no typo to find, and the report's count of teachers
    /// under three years of teaching left without its dates. The note says what the registry keeps
    /// and what column to add.
    func testExperienceInYearsIsToldWhatTheRegistryKeeps() throws {
        let r = try importCSV("persons", "ФИО;Дата рождения;Роль;Педагогический стаж;Телефон\nБелова Ирина Олеговна;03.03.1993;учитель;7;+7 900\n", dryRun: true)
        XCTAssertEqual(r.skippedColumns, ["Педагогический стаж", "Телефон"])
        let notes = r.notes.map { $0.text(.ru) }
        XCTAssertTrue(notes.contains("столбец «Педагогический стаж» пропущен: реестр хранит не число лет стажа, а дату его начала; добавьте столбец "
                                     + "«Педагогический стаж с» с этой датой (ДД.ММ.ГГГГ) — по ней отчёт считает педагогов со стажем до 3 лет"), "\(notes)")
        XCTAssertTrue(notes.contains { $0.hasPrefix("столбец пропущен — в таблице «Люди» такого нет: «Телефон»") }, "\(notes)")
        XCTAssertFalse(notes.contains { $0.contains("такого нет") && $0.contains("«Педагогический стаж»") }, "\(notes)")
    }

    /// Ольга Ивановна starts a list in LibreOffice and saves it as Calc does, .ods: it was refused
    /// («таблица OpenDocument (.ods), а не книга Excel; сохраните его заново … как .xlsx»). A Calc
    /// spreadsheet is read as its .xlsx is — values, merged cells, rows its filter hid, headings — and
    /// loaded so.
    func testALibreOfficeSpreadsheetReadsAsItsWorkbook() throws {
        for name in ["filtered", "merged-block", "names-merged", "persons-ru"] {
            let ods = try SpreadsheetFile.read(contentsOf: F.url("libreoffice/\(name).ods"))
            let xlsx = try SpreadsheetFile.read(contentsOf: F.url("libreoffice/\(name).xlsx"))
            XCTAssertEqual(ods.records, xlsx.records, name)
            XCTAssertEqual(ods.sheet, xlsx.sheet, name)
            XCTAssertFalse(ods.records.isEmpty, name)
        }
        let r = try CSVImporter().import(table: "persons", file: F.url("libreoffice/filtered.ods"), into: school)
        XCTAssertEqual([r.inserted, r.badRows.count], [2, 0], "\(r.badRows)")
        XCTAssertEqual(r.filteredLines, [3, 5])
        XCTAssertEqual(try persons().map(\.[0]), ["Белова Ирина Олеговна", "Громова Алла Ивановна"])
        // A hidden sheet of the words its drop-down lists offer is no list; the sheet open when saved is read first.
        let ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
            + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:2.0\" "
            + "xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\""
        let cell = { (t: String) in "<table:table-cell office:value-type=\"string\"><text:p>\(t)</text:p></table:table-cell>" }
        let list = { (status: String) in "<table:table-row>\(cell("Наставник"))\(cell("Статус"))</table:table-row><table:table-row>\(cell("Иванова Мария Петровна"))\(cell(status))</table:table-row>" }
        var years = ZipWriter()
        try years.add("mimetype", F.bytes(ODSWorkbook.mimetype))
        try years.add("content.xml", F.bytes("<office:document-content \(ns)><office:automatic-styles><style:style style:name=\"ta2\" style:family=\"table\">"
            + "<style:table-properties table:display=\"false\"/></style:style></office:automatic-styles><office:body><office:spreadsheet>"
            + "<table:table table:name=\"Справочник\" table:style-name=\"ta2\">\(list("кандидат"))</table:table>"
            + "<table:table table:name=\"2024-2025\">\(list("кандидат"))</table:table><table:table table:name=\"2025-2026\">\(list("активный"))</table:table>"
            + "</office:spreadsheet></office:body></office:document-content>"))
        try years.add("settings.xml", F.bytes("<office:document-settings \(ns)><office:settings><config:config-item-set config:name=\"ooo:view-settings\">"
            + "<config:config-item config:name=\"ActiveTable\" config:type=\"string\">2025-2026</config:config-item></config:config-item-set></office:settings></office:document-settings>"))
        let book = scratch.path("наставники.ods")
        try years.finish().write(to: book)
        let read = try SpreadsheetFile.read(contentsOf: book)
        XCTAssertEqual([read.sheet ?? ""] + read.sheets, ["2025-2026", "2024-2025", "2025-2026"])
        // A row of values repeated a million times in a few bytes is refused, not made.
        var bomb = ZipWriter()
        try bomb.add("mimetype", F.bytes(ODSWorkbook.mimetype))
        try bomb.add("content.xml", F.bytes("""
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">\
            <office:body><office:spreadsheet><table:table table:name="Лист1"><table:table-row table:number-rows-repeated="1000000">\
            <table:table-cell office:value-type="string"><text:p>Иванова Мария Петровна</text:p></table:table-cell></table:table-row>\
            </table:table></office:spreadsheet></office:body></office:document-content>
            """))
        let repeated = scratch.path("много.ods")
        try bomb.finish().write(to: repeated)
        XCTAssertThrowsError(try SpreadsheetFile.read(contentsOf: repeated)) { e in
            guard case .tooLarge? = e as? XLSXError else { return XCTFail("\(e)") }
        }
        // A Writer document is no list, whatever its name says.
        var odt = ZipWriter()
        try odt.add("mimetype", F.bytes("application/vnd.oasis.opendocument.text"))
        try odt.add("content.xml", F.bytes("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>"))
        let text = scratch.path("список.ods")
        try odt.finish().write(to: text)
        XCTAssertThrowsError(try SpreadsheetFile.read(contentsOf: text)) { e in
            XCTAssertEqual((e as? XLSXError)?.message.text(.ru), "список.ods — файл OpenDocument, но не таблица (текст или презентация); " + Message.workbookAdvice.russian)
        }
    }
}

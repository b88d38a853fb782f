import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport

/// `import-csv` and `export-csv` with Excel workbooks, through the real mentorsync-school.
final class XLSXCommandsTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MentorSyncDomainTests/Fixtures")


    /// mentorsync-school in the first school's home, in a language chosen by LANG.
    func school(_ world: CLIWorld, _ env: [String: String], _ args: String...) throws -> ToolResult {
        try world.school("s001", environment: env, args)
    }

    func persons(_ world: CLIWorld) throws -> [[String: Any]] {
        let r = try world.school("s001", "list", "persons", "--json")
        expectOK(r)
        return try XCTUnwrap(try world.json(r) as? [[String: Any]])
    }

    /// A workbook LibreOffice saved imports like its CSV; its export imports back with nothing changed.
    func testImportLibreOfficeWorkbookThenItsExport() throws {
        let world = try CLIWorld(schools: ["s001"])
        let book = Self.fixtures.appendingPathComponent("libreoffice/persons.xlsx").path
        var r = try school(world, ToolLocale.english, "import-csv", "persons", book)
        expectOK(r)
        XCTAssertEqual(r.stdout, "imported 4 rows into persons from sheet 'persons' (0 updated, 4 new)\n")
        let rows = try persons(world)
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["full_name"] as? String ?? "", $0) })
        XCTAssertEqual(byName["Иванова Мария Петровна"]?["birth_date"] as? String, "1990-03-12")
        XCTAssertEqual(byName["Иванова Мария Петровна"]?["notes"] as? String, "классный руководитель 3 «Б»")
        XCTAssertEqual(byName["Ёлкина Ольга Юрьевна"]?["birth_date"] as? String, "1988-02-29")
        XCTAssertEqual(byName["Ёлкина Ольга Юрьевна"]?["notes"] as? String, "заметка; с точкой с запятой")
        XCTAssertEqual(byName["Сидорова Анна"]?["role"] as? String, "student")

        let out = world.scratch.path("выгрузка.xlsx")
        r = try school(world, ToolLocale.english, "export-csv", "persons", out.path)
        expectOK(r)
        XCTAssertEqual(r.stdout, "exported 4 rows of persons to \(out.path), an Excel workbook\n")
        XCTAssertEqual(try Data(contentsOf: out).prefix(4), Data("PK\u{3}\u{4}".utf8))
        r = try school(world, ToolLocale.english, "import-csv", "persons", out.path, "--json")
        expectOK(r)
        let o = try XCTUnwrap(try world.json(r) as? [String: Any])
        XCTAssertEqual(o["format"] as? String, "xlsx")
        XCTAssertEqual(o["sheet"] as? String, "persons")
        XCTAssertEqual(o["unchanged"] as? Int, 4)
        XCTAssertEqual(o["inserted"] as? Int, 0)
        XCTAssertEqual(try persons(world).count, 4)
    }

    /// A workbook with Russian headers and values, as LibreOffice saved it (dates with a time):
    /// imported in Russian, imported again in English without doubling anyone, exported in Russian
    /// with the same headers and words, and that export imported back unchanged.
    func testRussianWorkbookInBothLanguages() throws {
        let world = try CLIWorld(schools: ["s001"])
        let book = Self.fixtures.appendingPathComponent("libreoffice/persons-ru.xlsx").path
        var r = try school(world, ToolLocale.russian, "import-csv", "persons", book)
        expectOK(r)
        XCTAssertEqual(r.stdout, "в таблицу «Люди» загружено строк с листа «persons-ru»: 3 (изменено: 0, новых: 3)\n")
        var rows = try persons(world)
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0["full_name"] as? String ?? "", $0) })
        XCTAssertEqual(byName["Иванова Мария Петровна"]?["birth_date"] as? String, "1990-03-12")
        XCTAssertEqual(byName["Иванова Мария Петровна"]?["role"] as? String, "teacher")
        XCTAssertEqual(byName["Петров Пётр Ильич"]?["position"] as? String, "завуч")
        XCTAssertEqual(byName["Сидорова Анна"]?["role"] as? String, "student")
        XCTAssertEqual(byName["Сидорова Анна"]?["birth_date"] as? String, "2012-02-01")

        r = try school(world, ToolLocale.english, "import-csv", "persons", book)
        expectOK(r)
        XCTAssertEqual(r.stdout, "imported 3 rows into persons from sheet 'persons-ru' (0 updated, 0 new, 3 unchanged)\n")
        rows = try persons(world)
        XCTAssertEqual(rows.count, 3, "the same list imported twice adds no one")

        let out = world.scratch.path("персоны.xlsx")
        expectOK(try school(world, ToolLocale.russian, "export-csv", "persons", out.path))
        let exported = try XLSXWorkbook(contentsOf: out)
        XCTAssertEqual(exported.sheetNames, ["Люди"], "the sheet is named as its headers are, in Russian")
        let sheet = try exported.sheet()
        XCTAssertTrue(sheet.records[0].fields.contains("ФИО"), "\(sheet.records[0].fields)")
        let role = try XCTUnwrap(sheet.records[0].fields.firstIndex(of: HeaderAliases.russian("role", table: "persons") ?? "role"))
        XCTAssertEqual(Set(sheet.records.dropFirst().map { $0.fields[role] }), ["учитель", "ученик"])
        r = try school(world, ToolLocale.english, "import-csv", "persons", out.path)
        expectOK(r)
        XCTAssertEqual(r.stdout, "imported 3 rows into persons from sheet 'Люди' (0 updated, 0 new, 3 unchanged)\n")
    }

    /// Files that are not workbooks: one line on stderr saying what to do, exit 1, nothing written.
    /// A list exported under a spreadsheet's name the program does not write («список.ods», now that
    /// .ods lists are read; «список.xls») was written as CSV text under it: LibreOffice did not open it
    /// as its own, and import-csv then refused the very file as no workbook. It is a one-line error
    /// naming the two formats written, and nothing is written.
    func testAnExportNamedAsASpreadsheetItDoesNotWriteIsRefusedAndWritesNothing() throws {
        let world = try CLIWorld(schools: ["s001"])
        expectOK(try world.school("s001", "put", "persons", "--set", "full_name=Иванова Анна", "--set", "role=teacher"))
        for name in ["список.ods", "список.xls"] {
            let out = world.scratch.path(name)
            let r = try school(world, ToolLocale.russian, "export-csv", "persons", out.path)
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(".xlsx") && r.stderr.contains(".csv") && r.stderr.contains("ничего не записано"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(name) written")
        }
        let xlsx = world.scratch.path("список.xlsx")
        expectOK(try school(world, ToolLocale.russian, "export-csv", "persons", xlsx.path))
        expectOK(try school(world, ToolLocale.russian, "import-csv", "persons", xlsx.path, "--dry-run"))
    }

    func testFilesThatAreNotWorkbooksChangeNothing() throws {
        let world = try CLIWorld(schools: ["s001"])
        let cases: [(String, Data, String)] = [
            ("список.xlsx", Data("ФИО;Дата рождения\r\nИванова;12.03.1990\r\n".utf8),
             "список.xlsx cannot be read as an Excel workbook: it is not a zip file (an .xlsx workbook is one); save it again"),
            ("старый.xls", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0xFF, count: 2000)),
             "старый.xls is an old Excel 97–2003 workbook (.xls), which this program does not read; save it again"),
            ("обрезан.xlsx", try Data(contentsOf: Self.fixtures.appendingPathComponent("libreoffice/persons.xlsx")).prefix(3000),
             "обрезан.xlsx cannot be read as an Excel workbook: it is not a zip file"),
        ]
        for (name, bytes, start) in cases {
            let file = world.scratch.path(name)
            try bytes.write(to: file)
            let r = try school(world, ToolLocale.english, "import-csv", "persons", file.path)
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertEqual(r.stdout, "")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("mentorsync-school: " + start), r.stderr)
            XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no binary garbage: \(r.stderr)")
        }
        // The same refusal in Russian.
        let file = world.scratch.path("список.xlsx")
        let r = try school(world, ToolLocale.russian, "import-csv", "persons", file.path)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertEqual(r.stderr, "mentorsync-school: список.xlsx не читается как книга Excel: это не zip-архив (а книга .xlsx — это zip-архив); "
                       + "сохраните его заново в Excel или LibreOffice как .xlsx («Книга Excel») или как CSV и загрузите снова\n")
        XCTAssertEqual(try persons(world).count, 0)
    }

    /// A workbook whose sheet unpacks 1000 times its size is refused before it is unpacked.
    func testZipBombIsRefused() throws {
        let world = try CLIWorld(schools: ["s001"])
        let zeros = [UInt8](repeating: 0x20, count: 64 << 20)
        var zip = ZipWriter()
        let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        try zip.add("xl/workbook.xml", Array("<workbook xmlns:r=\"\(rels)\"><sheets><sheet name=\"a\" r:id=\"rId1\"/></sheets></workbook>".utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Type=\"\(rels)/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".utf8))
        try zip.add("xl/worksheets/sheet1.xml", zeros)
        let bomb = zip.finish()
        let file = world.scratch.path("bomb.xlsx")
        try bomb.write(to: file)
        XCTAssertLessThan(bomb.count, 200_000)
        let r = try school(world, ToolLocale.english, "import-csv", "persons", file.path)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.stderr.hasPrefix("mentorsync-school: bomb.xlsx cannot be read as an Excel workbook: it is refused: xl/worksheets/sheet1.xml would unpack"), r.stderr)
        XCTAssertTrue(r.stderr.contains("(a zip bomb?)"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1)
    }

    /// `--sheet` picks a sheet by name; an unknown one lists the sheets.
    func testSheetOption() throws {
        let world = try CLIWorld(schools: ["s001"])
        let book = Self.fixtures.appendingPathComponent("handmade.xlsx").path
        let r = try school(world, ToolLocale.english, "import-csv", "persons", book, "--sheet", "Третий")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertEqual(r.stderr, "mentorsync-school: handmade.xlsx has no sheet 'Третий'; its sheets are: 'Люди', 'Второй лист'\n")
        // The second sheet: a title («второй») above a header of one column and no rows.
        let second = try school(world, ToolLocale.english, "import-csv", "persons", book, "--sheet", "второй лист")
        XCTAssertEqual(second.exitCode, 0, second.output)
        XCTAssertTrue(second.stdout.contains("sheet 'Второй лист'") && second.stdout.contains("1 line above the column names left out (a title)"), second.stdout)
    }
}

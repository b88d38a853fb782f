import Foundation
import XCTest
import MentorSyncTestSupport

/// `import-csv --dry-run` (issue 12): what each line of a list would do — added, updated, already so,
/// refused and why — in the reader's language, and nothing written.
final class ImportDryRunTests: XCTestCase {
    var w: CLIWorld!
    var file = ""

    static let list = """
        ФИО;Дата рождения;Роль;Должность\r
        Иванова Мария Петровна;12.03.1990;учитель;завуч\r
        Петров Пётр Ильич;01.02.1985 0:00;учитель;\r
        Сидоров Николай;31.02.1990;повар;\r
        Смирнова Ольга;05.06.1985;учитель;\r

        """

    override func setUpWithError() throws {
        w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "birth_date=12.03.1990", "--set", "position=учитель"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Смирнова Ольга", "--set", "role=teacher", "--set", "birth_date=05.06.1985"))
        file = w.scratch.path("список.csv").path
        try Data(Self.list.utf8).write(to: URL(fileURLWithPath: file))
    }

    override func tearDown() { w = nil }

    func registry() throws -> String { try w.school("s001", "list", "persons", "--json").stdout }

    func testADryRunTellsEachLineInRussianAndWritesNothing() throws {
        let before = try registry()
        let r = try w.school("s001", environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }, ["import-csv", "persons", file, "--dry-run"])
        XCTAssertEqual(r.exitCode, 1, "a refused line fails the dry run as it would fail the import: \(r.output)")
        XCTAssertEqual(r.stdout.split(separator: "\n").map(String.init), [
            "проверка без записи: «Люди» из список.csv — ничего не записано",
            "строка 2: будет изменено — Иванова Мария Петровна; 12.03.1990; учитель; завуч",
            "    Должность: учитель → завуч",
            "строка 3: будет добавлено — Петров Пётр Ильич; 01.02.1985 0:00; учитель",
            "строка 4: отклонено — Сидоров Николай; 31.02.1990; повар",
            "    причина: «Дата рождения»: «31.02.1990» — не дата: в феврале 1990 года нет 31-го числа; «Роль»: «повар» — недопустимое значение; допустимо: учитель, ученик, методист, руководитель, внешний",
            "строка 5: уже так — Смирнова Ольга; 05.06.1985; учитель",
            "будет добавлено: 1, изменено: 1, без изменений: 1, отклонено: 1; чтобы загрузить, повторите команду без --dry-run",
        ])
        XCTAssertEqual(r.stderr, "mentorsync-school: в таком виде файл не будет загружен (отклонено строк: 1): исправьте их или загрузите остальные с --skip-bad\n")
        XCTAssertEqual(try registry(), before, "a dry run wrote to the registry")
    }

    func testADryRunInEnglishAndAsJSON() throws {
        let before = try registry()
        let r = try w.school("s001", environment: ToolLocale.english, ["import-csv", "persons", file, "--dry-run", "--skip-bad"])
        expectOK(r)
        XCTAssertTrue(r.stdout.hasPrefix("dry run: Persons from список.csv — nothing is written\nline 2: will be updated — Иванова"), r.stdout)
        XCTAssertTrue(r.stdout.contains("line 4: refused — Сидоров Николай; 31.02.1990; повар\n    why: Birth date (persons.birth_date): '31.02.1990' is not a date"), r.stdout)
        XCTAssertFalse(r.stdout.contains("строка") || r.stdout.contains("причина"), r.stdout)
        let json = try XCTUnwrap(try w.json(try w.school("s001", environment: ToolLocale.russian, ["import-csv", "persons", file, "--dry-run", "--skip-bad", "--json"])) as? [String: Any])
        XCTAssertEqual(json["written"] as? Bool, false)
        XCTAssertEqual((json["lines"] as? [[String: Any]])?.map { $0["outcome"] as? String }, ["updated", "added", "refused", "unchanged"])
        let change = (json["lines"] as? [[String: Any]])?.first?["changes"] as? [[String: Any]]
        XCTAssertEqual(change?.first?["column"] as? String, "position")
        XCTAssertEqual(change?.first?["old"] as? String, "учитель")
        XCTAssertEqual(change?.first?["new"] as? String, "завуч")
        XCTAssertEqual(try registry(), before, "a dry run wrote to the registry")
        // Without --dry-run the same file is imported as the dry run said.
        expectOK(try w.school("s001", "import-csv", "persons", file, "--skip-bad"))
        XCTAssertNotEqual(try registry(), before)
    }

    /// A list of four lines, its last the total: the dry run's sum said one added, one already so —
    /// two of four, the others nowhere in it. The lines left out are counted in the sum, and said.
    func testTheLinesLeftOutAreCountedInTheSum() throws {
        let listed = w.scratch.path("итог.csv").path
        try Data("№ п/п;ФИО;Дата рождения;Роль\r\n1;Смирнова Ольга;05.06.1985;учитель\r\n2;;;\r\n3;Белова Ирина Олеговна;03.03.1993;учитель\r\nИтого;2;;\r\n".utf8)
            .write(to: URL(fileURLWithPath: listed))
        let r = try w.school("s001", environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }, ["import-csv", "persons", listed, "--dry-run"])
        expectOK(r)
        XCTAssertTrue(r.stdout.contains("строка 3: будет пропущено — 2\n    причина: заполнен только номер «2»\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("строка 5: будет пропущено — Итого; 2\n    причина: итоговая строка списка («Итого»)\n"), r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("будет добавлено: 1, изменено: 0, без изменений: 1, отклонено: 0, пропущено: 2; чтобы загрузить, повторите команду без --dry-run\n"),
                      r.stdout)
        let json = try XCTUnwrap(try w.json(try w.school("s001", ["import-csv", "persons", listed, "--dry-run", "--json"])) as? [String: Any])
        XCTAssertEqual(json["skipped"] as? Int, 2)
    }
}

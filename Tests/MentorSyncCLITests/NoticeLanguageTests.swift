import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Notices on stderr (capture re-armed, rows held back, a registry put back from an older copy) and
/// the errors about homes, files and values, in the reader's language (issue 12), through the real binaries.
final class NoticeLanguageTests: XCTestCase {
    func school(_ w: CLIWorld, _ locale: [String: String], _ args: String...) throws -> ToolResult {
        try w.school("s001", environment: locale.merging(["COLUMNS": "400"]) { $1 }, args)
    }

    func testCaptureReArmedIsToldInRussian() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        try w.round()
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        // Rebuilt as DB Browser's "modify table" does: the capture triggers go with the old table.
        let create = RegistrySchema.persons.createSQL.replacingOccurrences(of: "\"persons\"", with: "\"sqlb_temp_table_1\"")
        let cols = (["id"] + RegistrySchema.persons.cellNames).map(SQL.identifier).joined(separator: ", ")
        for sql in ["BEGIN", create, "INSERT INTO sqlb_temp_table_1 (\(cols)) SELECT \(cols) FROM persons", "DROP TABLE persons",
                    "ALTER TABLE sqlb_temp_table_1 RENAME TO persons", "COMMIT"] { try db.execute(sql) }
        try db.execute("UPDATE persons SET position = 'завуч' WHERE id = 'a'")
        try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('b', 's001', 'Петров Пётр', 'teacher')")
        let sync = try school(w, ToolLocale.russian, "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("""
            mentorsync-school: внимание: запись изменений была выключена для таблицы «Люди» (другая программа пересоздала таблицу); \
            теперь она снова включена, изменения, сделанные за это время, учтены: новых записей 1, изменённых 1, удалённых 0
            """), sync.stderr)
        XCTAssertFalse(sync.stderr.contains("notice") || sync.stderr.contains("capture"), sync.stderr)
        let status = try school(w, ToolLocale.russian, "status")
        XCTAssertNotNil(status.stdout.range(of: "последний раз запись изменений восстановлена [0-9]{2}\\.[0-9]{2}\\.20[0-9]{2} [0-9:]{5}: запись изменений была выключена",
                                            options: .regularExpression), status.stdout)
    }

    func testAHeldRowIsToldInRussianByItsName() throws {
        let w = try CLIWorld(schools: ["s001"])
        let db = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        let scan = String(repeating: "скан", count: (17 << 20) / 8)
        try db.execute("INSERT INTO persons(id, org_id, full_name, role, notes) VALUES ('big', 's001', 'Большой Скан', 'teacher', ?)", [.text(scan)])
        let sync = try school(w, ToolLocale.russian, "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("mentorsync-school: не отправлено: Люди «Большой Скан» [big]: в поле notes 17.0 MiB — больше 16.0 MiB, которые переносит пакет; сократите значение"),
                      sync.stderr)
        XCTAssertFalse(sync.stderr.contains("not sent") || sync.stderr.contains("holds"), sync.stderr)
        let english = try school(w, ToolLocale.english, "sync", "--share", w.stick.path)
        XCTAssertTrue(english.stderr.contains("not sent: persons big: notes holds 17.0 MiB"), english.stderr)
    }

    func testARegistryPutBackFromAnOlderCopyIsToldInRussian() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        try w.round()
        let db = w.schoolHome("s001").appendingPathComponent("registry.db")
        let copy = w.scratch.path("registry.db.copy")
        try FileManager.default.copyItem(at: db, to: copy)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров Пётр", "--set", "role=teacher", "--id", "b"))
        try w.round()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        try FileManager.default.copyItem(at: copy, to: db)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Сидорова Анна", "--set", "role=teacher", "--id", "c"))
        let sync = try school(w, ToolLocale.russian, "sync", "--share", w.stick.path)
        expectOK(sync)
        XCTAssertTrue(sync.stderr.contains("mentorsync-school: к сведению: у управления образования есть изменения, которых этот реестр не отправлял (registry.db восстановлен из старой копии, школа заново установлена на другом компьютере или её папка скопирована на второй компьютер — тогда работайте только на одном)"),
                      sync.stderr)
        XCTAssertFalse(sync.stderr.contains("older copy"), sync.stderr)
    }

    func testErrorsAboutHomesFilesAndValuesAreInTheReadersLanguage() throws {
        let w = try CLIWorld(schools: ["s001"])
        let nowhere = w.scratch.path("nowhere").path
        let bogus = w.scratch.path("bogus.enroll")
        try Data("{}".utf8).write(to: bogus)
        let garbage = w.scratch.path("мусор.msync")
        try Data("not a bundle".utf8).write(to: garbage)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        let cases: [(args: [String], tool: String, ru: String, en: String)] = [
            (["status", "--home", nowhere], "mentorsync-school", "в папке \(nowhere) нет реестра mentorsync; сначала выполните init (школа: mentorsync-school init --enroll ФАЙЛ", "holds no mentorsync registry"),
            (["init", "--enroll", bogus.path, "--home", w.schoolHome("s001").path], "mentorsync-school",
             "файл подключения не принят: bogus.enroll — не файл подключения mentorsync", "enrollment file refused: bogus.enroll is not a mentorsync enrollment file"),
            (["status", "--home", w.schoolHome("s001").path], "mentorsync-district", "— папка школы, а не управления образования", "is a school's home, not the district's"),
            (["put", "mentors", "--set", "person_id=a", "--set", "network=5", "--home", w.schoolHome("s001").path], "mentorsync-school",
             "«Сетевой»: 5 — вне допустимого диапазона 0…1", "Network (mentors.network): 5 is outside 0..1"),
            (["import", garbage.path, "--home", w.schoolHome("s001").path], "mentorsync-school",
             "ничего не учтено: мусор.msync: это не пакет mentorsync: ", "nothing merged: мусор.msync: not a mentorsync bundle: "),
            (["backup", "--out", w.scratch.path("нет/такой/папки/копия.db").path, "--home", w.districtHome.path], "mentorsync-district",
             "папки \(w.scratch.path("нет/такой/папки").path) нет: сначала создайте её", "does not exist: create it"),
        ]
        for c in cases {
            let ru = try ToolRunner.run(c.tool, c.args, environment: ToolLocale.russian)
            XCTAssertEqual(ru.exitCode, 1, ru.output)
            XCTAssertTrue(ru.stderr.contains(c.ru), "\(c.args): \(ru.stderr)")
            XCTAssertNil(ru.stderr.range(of: "\\b(holds|refused|is not|outside|must)\\b", options: .regularExpression), ru.stderr)
            let en = try ToolRunner.run(c.tool, c.args, environment: ToolLocale.english)
            XCTAssertTrue(en.stderr.contains(c.en), "\(c.args): \(en.stderr)")
        }
    }

    func testUsageErrorsAreInTheReadersLanguage() throws {
        let w = try CLIWorld(schools: [])
        let home = ["--home", w.districtHome.path]
        let cases: [(args: [String], ru: String, en: String)] = [
            (["enroll"] + home, "mentorsync-district: нужен параметр --site: короткий код школы, например s017 — ", "--site is required: the school's short id, e.g. s017"),
            (["status", "extra"] + home, "mentorsync-district: как вызывать: status [--json] — ", "mentorsync-district: status [--json] — "),
            (["status", "--foo"] + home, "mentorsync-district: нет такого параметра: --foo (у этой команды есть: --home, --json) — ", "unknown option --foo"),
            (["serve", "--share", "x", "--interval", "0"] + home, "mentorsync-district: --interval: секунды от 1 до 86400 — ", "--interval takes seconds from 1 to 86400"),
            // ingest --settle abc was taken as the default 120 s without a word.
            (["ingest", "--share", "x", "--settle", "abc"] + home, "mentorsync-district: --settle: секунды от 0 до 86400 — ", "--settle takes seconds from 0 to 86400"),
            // A value an option does not take is a mistake in the command too (DESIGN.md: exit 2).
            (["report", "--period", "2024"] + home, "mentorsync-district: период «2024»: нужен учебный год, например 2024-2025",
             "period 2024: expected a school year like 2024-2025"),
            (["report", "--format", "pdf"] + home, "mentorsync-district: формат", "format pdf: expected one of table, csv, json, html, xlsx"),
            (["events", "--period", "2024"] + home, "mentorsync-district: период «2024»", "period 2024: expected a school year"),
        ]
        for c in cases {
            let ru = try ToolRunner.run("mentorsync-district", c.args, environment: ToolLocale.russian)
            XCTAssertEqual(ru.exitCode, 2, ru.output)
            XCTAssertTrue(ru.stderr.hasPrefix(c.ru), "\(c.args): \(ru.stderr)")
            let en = try ToolRunner.run("mentorsync-district", c.args, environment: ToolLocale.english)
            XCTAssertTrue(en.stderr.contains(c.en), "\(c.args): \(en.stderr)")
        }
    }
}

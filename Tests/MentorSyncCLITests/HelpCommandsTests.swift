import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// `--help` after any command words and `--version`, through the real binaries, in both languages.
final class HelpCommandsTests: XCTestCase {
    static let school = ["init", "rekey", "sync", "export", "import", "status", "put", "list", "delete", "report", "events",
                         "import-csv", "export-csv", "backup", "restore", "web", "web-password"]
    static let district = ["init", "enroll", "serve", "ingest", "status", "conflicts", "resync", "revoke", "put", "list", "delete",
                           "report", "events", "indicators", "seed-demo", "backup", "restore", "web", "web-password"]

    func run(_ tool: String, _ args: [String], _ env: [String: String]) throws -> ToolResult {
        try ToolRunner.run(tool, args, environment: env)
    }

    func testVersionInBothLanguagesAndAsJSON() throws {
        for tool in ["mentorsync-school", "mentorsync-district"] {
            var r = try run(tool, ["--version"], ToolLocale.english)
            XCTAssertEqual(r.exitCode, 0)
            XCTAssertEqual(r.stdout, "\(tool) \(MentorSyncVersion.version) (bundle format \(BundleLayout.formatVersion), registry schema \(RegistrySchema.version))\n")
            r = try run(tool, ["--version"], ToolLocale.russian)
            XCTAssertEqual(r.stdout, "\(tool) \(MentorSyncVersion.version) (формат пакетов \(BundleLayout.formatVersion), схема реестра \(RegistrySchema.version))\n")
            r = try run(tool, ["status", "--version", "--json"], ToolLocale.russian)
            let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(o["version"] as? String, MentorSyncVersion.version)
            XCTAssertEqual(o["schema_version"] as? Int, RegistrySchema.version)
            XCTAssertEqual(o["tool"] as? String, tool)
        }
    }

    /// Every command has help, and its help lists exactly the options the command takes: the
    /// parser's own list (in its unknown-option error) is the check, so help cannot drift from it.
    func testEveryCommandsHelpListsTheOptionsItTakes() throws {
        for (tool, commands) in [("mentorsync-school", Self.school), ("mentorsync-district", Self.district)] {
            let overview = try run(tool, ["--help"], ToolLocale.english)
            XCTAssertEqual(overview.exitCode, 0)
            for (env, start) in [(ToolLocale.english, "usage: "), (ToolLocale.russian, "вызов: ")] {
                for command in commands {
                    let r = try run(tool, [command, "--help"], env)
                    XCTAssertEqual(r.exitCode, 0, "\(tool) \(command): \(r.output)")
                    XCTAssertEqual(r.stderr, "")
                    XCTAssertTrue(r.stdout.hasPrefix("\(start)\(tool) \(command)"), r.stdout)
                    XCTAssertTrue(overview.stdout.contains("\n  \(command)"), "\(command) is in the list of commands")
                    let helped = Set(r.stdout.split(separator: "\n").filter { $0.hasPrefix("  --") }
                        .map { String($0.dropFirst(2).prefix { $0 != " " }) }).subtracting(["--help"])
                    let refused = try run(tool, [command, "--no-such-option"], ToolLocale.english)
                    XCTAssertEqual(refused.exitCode, 2, refused.output)
                    let taken = try XCTUnwrap(refused.stderr.components(separatedBy: "(this command takes ").last?.components(separatedBy: ")").first)
                    XCTAssertEqual(helped, Set(taken.components(separatedBy: ", ")), "\(tool) \(command)")
                    // The usage line names every option of the command's own (events' --period, seed-demo's --enroll-dir).
                    let usage = String(r.stdout.split(separator: "\n").first ?? "")
                    for option in helped.subtracting(["--home", "--json"]) {
                        XCTAssertTrue(usage.contains(option), "\(tool) \(command): \(option) is not in its usage line: \(usage)")
                    }
                    XCTAssertNil(usage.range(of: " P\\]", options: .regularExpression), "a placeholder the options do not use: \(usage)")
                }
            }
        }
    }

    func testPutAndImportHelpListTheTablesColumnsAndAllowedValues() throws {
        for command in [["put", "persons"], ["import-csv", "persons"], ["list", "persons"]] {
            var r = try run("mentorsync-school", command + ["--help"], ToolLocale.english)
            XCTAssertEqual(r.exitCode, 0, r.output)
            XCTAssertTrue(r.stdout.contains("columns of persons:"), r.stdout)
            for column in RegistrySchema.persons.cellNames + ["id"] {
                XCTAssertTrue(r.stdout.contains("\n  \(column) "), "\(column) in \(r.stdout)")
            }
            XCTAssertTrue(r.stdout.contains("one of: teacher (учитель), student (ученик), methodologist (методист), manager (руководитель), external (внешний)"), r.stdout)
            XCTAssertTrue(r.stdout.contains("  full_name       text; required (in Russian: ФИО)"), r.stdout)
            r = try run("mentorsync-school", command + ["--help"], ToolLocale.russian)
            XCTAssertTrue(r.stdout.contains("столбцы таблицы persons:"), r.stdout)
            XCTAssertTrue(r.stdout.contains("одно из: учитель (teacher), ученик (student)"), r.stdout)
            XCTAssertTrue(r.stdout.contains("  birth_date      «Дата рождения»: дата, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"), r.stdout)
            XCTAssertTrue(r.stdout.contains("  full_name       «ФИО»: текст; обязательно"), r.stdout)
        }
        let r = try run("mentorsync-district", ["put", "surveys", "--set", "satisfaction=3", "--help"], ToolLocale.english)
        XCTAssertTrue(r.stdout.contains("  satisfaction  a whole number from 1 to 10"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  pair_id       a pair: the mentor's full name"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  org_id        the school that owns the row (its site id, e.g. s017); a new row needs it"), r.stdout)
        let mentors = try run("mentorsync-school", ["put", "mentors", "--help"], ToolLocale.russian)
        XCTAssertNotNil(mentors.stdout.range(of: "network +«Сетевой»: да или нет", options: .regularExpression), "a yes/no column in words: \(mentors.stdout)")
        let atSchool = try run("mentorsync-school", ["put", "surveys", "--help"], ToolLocale.english)
        XCTAssertTrue(atSchool.stdout.contains("  org_id        the site that owns the row; by default this school"), atSchool.stdout)
        XCTAssertEqual(try run("mentorsync-school", ["help", "put", "persons"], ToolLocale.english).stdout,
                       try run("mentorsync-school", ["put", "persons", "--help"], ToolLocale.english).stdout)
        let bare = try run("mentorsync-school", ["put", "--help"], ToolLocale.english)
        XCTAssertTrue(bare.stdout.contains("tables: organizations, persons, mentors"), bare.stdout)
    }

    /// The Russian help writes what the person fills in as the Russian hints beside it do
    /// («--home ПАПКА», «put ТАБЛИЦА --help», «resolve КОД»), not DIR, FILE, NAME; and a usage
    /// error says its syntax in Russian too (web-password's said "the password is read as one line…").
    func testRussianHelpNamesThePlaceholdersInRussian() throws {
        let english = "\\b(DIR|FILE|NAME|SITE|TABLE|COLUMN|VALUE|TEXT|SECONDS|HOST|PORT|YYYY|COMMAND)\\b"
        for (tool, commands) in [("mentorsync-school", Self.school), ("mentorsync-district", Self.district)] {
            let overview = try run(tool, ["--help"], ToolLocale.russian)
            XCTAssertNil(overview.stdout.range(of: english, options: .regularExpression), overview.stdout)
            XCTAssertTrue(overview.stdout.contains("--home ПАПКА"), overview.stdout)
            for command in commands {
                let r = try run(tool, [command, "--help"], ToolLocale.russian)
                XCTAssertNil(r.stdout.range(of: english, options: .regularExpression), "\(tool) \(command): \(r.stdout)")
                XCTAssertTrue(r.stdout.contains("  --home ПАПКА "), r.stdout)
            }
            let usage = try run(tool, ["web-password", "extra", "--user", "x"], ToolLocale.russian)
            XCTAssertEqual(usage.exitCode, 2, usage.output)
            XCTAssertTrue(usage.stderr.hasPrefix("\(tool): как вызывать: web-password --user ИМЯ (пароль читается одной строкой со стандартного входа) — "), usage.stderr)
        }
        let conflicts = try run("mentorsync-district", ["conflicts", "--help"], ToolLocale.russian)
        XCTAssertTrue(conflicts.stdout.contains("show КОД | resolve КОД --keep mine|theirs | --value ТЕКСТ"), conflicts.stdout)
        // English keeps its own words.
        let en = try run("mentorsync-district", ["backup", "--help"], ToolLocale.english)
        XCTAssertTrue(en.stdout.hasPrefix("usage: mentorsync-district backup --out FILE|DIR [--keep N]\n"), en.stdout)
    }

    /// An .xlsx file is «книга Excel» in every Russian line (the overview, import-csv, export-csv),
    /// report's help and its error included, not «таблица Excel» (a table is what a sheet holds).
    func testAnExcelWorkbookIsCalledOneWayInRussian() throws {
        for tool in ["mentorsync-school", "mentorsync-district"] {
            let help = try run(tool, ["report", "--help"], ToolLocale.russian)
            XCTAssertTrue(help.stdout.contains("(отчёт.xlsx — книга Excel)"), help.stdout)
            XCTAssertFalse(help.stdout.contains("таблица Excel"), help.stdout)
        }
        let w = try CLIWorld(schools: [])
        let screen = try ToolRunner.run("mentorsync-district", ["report", "--format", "xlsx", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertEqual(screen.exitCode, 1, screen.output)
        XCTAssertTrue(screen.stderr.contains("книгу Excel можно только записать в файл: добавьте --out отчёт.xlsx"), screen.stderr)
    }

    func testUnknownTableOrCommandIsAUsageErrorWithAHint() throws {
        var r = try run("mentorsync-school", ["put", "people", "--help"], ToolLocale.english)
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr.split(separator: "\n"), [
            "mentorsync-school: no table 'people'; tables are: \(RegistrySchema.schema.tables.map(\.name).joined(separator: ", "))"
                + " — run 'mentorsync-school put --help' for its options",
        ])
        r = try run("mentorsync-district", ["frobnicate", "--help"], ToolLocale.russian)
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertEqual(r.stderr.split(separator: "\n"), ["mentorsync-district: нет такой команды: «frobnicate» — список команд: mentorsync-district --help"])
        r = try run("mentorsync-school", ["sync"], ToolLocale.english)
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.stderr.hasSuffix("run 'mentorsync-school sync --help' for its options\n"), r.stderr)
        // An option typed before the command is told so, not taken for a command named "--home".
        r = try run("mentorsync-district", ["--home", "/nowhere", "status"], ToolLocale.english)
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.stderr.hasPrefix("mentorsync-district: the command comes first, then its options: mentorsync-district COMMAND --home … — "), r.stderr)
        r = try run("mentorsync-school", ["--json", "status"], ToolLocale.russian)
        XCTAssertTrue(r.stderr.hasPrefix("mentorsync-school: сначала команда, потом параметры: mentorsync-school КОМАНДА --json … — "), r.stderr)
    }
}

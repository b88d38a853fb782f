import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class CSVCommandsTests: XCTestCase {
    var scratch: ScratchDirectory!
    var home: SchoolHome!
    var output: CapturedOutput!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("csv-cli")
        let enrollment = Enrollment(site: SiteID("s017")!, name: "МБОУ СОШ № 17", district: SiteID("district")!,
                                    districtName: "Дубна", key: Array(repeating: 7, count: 32))
        home = try SchoolHome.create(at: scratch.folder("home"), enrollment: enrollment)
        output = CapturedOutput()
    }

    override func tearDown() { home = nil; scratch = nil; output = nil }

    /// Parses like `mentorsync-school` will, with the options the CSV commands need.
    func run(_ argv: [String]) throws {
        let isImport = argv.first == "import-csv"
        let args = try Arguments.parse(argv + ["--home", home.url.path], options: ["home", "separator"],
                                       flags: ["json", isImport ? "skip-bad" : "no-bom"])
        if isImport { try CSVCommands.importCSV(args, home.replica, output.console) } else {
            try CSVCommands.exportCSV(args, home.replica, output.console)
        }
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.path(name)
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: url)
        return url.path
    }

    func persons() throws -> Int64 { try home.database.scalar("SELECT count(*) FROM persons")?.integer ?? -1 }

    func testImportARussianExcelFileThenReimportItsExport() throws {
        let file = try write("наставники.csv", """
            full_name;birth_date;role;teaching_since\r
            Иванова Анна Петровна;05.03.1998;teacher;01.09.2021\r
            Петров Пётр Петрович;12.12.1975;Teacher;01.09.1998\r
            Сидорова Мария;01.02.2012;student;\r

            """)
        try run(["import-csv", "persons", file])
        XCTAssertEqual(output.out, ["imported 3 rows into persons (0 updated, 3 new)"])
        XCTAssertEqual(try persons(), 3)
        XCTAssertEqual(try home.database.scalar("SELECT birth_date FROM persons WHERE full_name LIKE 'Петров%'")?.text, "1975-12-12")

        // Export, change one cell as a person would in Excel (a date typed the Russian way), import back.
        output.clear()
        let exported = scratch.path("persons-export.csv")
        try run(["export-csv", "persons", exported.path])
        XCTAssertEqual(output.out, ["exported 3 rows of persons to \(exported.path), UTF-8 with ';' — opens in Excel as it is"])
        var text = String(decoding: try Data(contentsOf: exported).dropFirst(3), as: UTF8.self)
        text = text.replacingOccurrences(of: "1975-12-12", with: "13.12.1975")
        let edited = try write("edited.csv", text)
        output.clear()
        try run(["import-csv", "persons", edited])
        XCTAssertEqual(output.out, ["imported 3 rows into persons (1 updated, 0 new, 2 unchanged)"])
        XCTAssertEqual(try persons(), 3)
        XCTAssertEqual(try home.database.scalar("SELECT birth_date FROM persons WHERE full_name LIKE 'Петров%'")?.text, "1975-12-13")
    }

    func testBadRowsWriteNothingAndSayHowToGoOn() throws {
        let file = try write("bad.csv", """
            full_name;birth_date;role
            Иванова Анна;05.03.1998;teacher
            Волшебник;01.01.2000;wizard
            Петров;31.02.2011;student

            """)
        XCTAssertThrowsError(try run(["import-csv", "persons", file])) { e in
            guard let failure = e as? CommandFailure else { return XCTFail("\(e)") }
            XCTAssertEqual(failure.exitCode, 1)
            let lines = failure.description.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(lines, [
                "2 of 3 rows of bad.csv are bad, so nothing was written to persons:",
                "line 3: Role (persons.role): 'wizard' is not one of teacher, student, methodologist, manager, external",
                "line 4: Birth date (persons.birth_date): '31.02.2011' is not a date: February 2011 has no day 31",
                "fix these rows and import the file again, or add --skip-bad to import only the 1 good row",
            ])
        }
        XCTAssertEqual(try persons(), 0)

        // The same through --json: the bad rows as data, then the failure.
        XCTAssertThrowsError(try run(["import-csv", "persons", file, "--json"])) { e in XCTAssertTrue(e is CommandFailure) }
        let json = try JSONSerialization.jsonObject(with: Data(output.out.joined().utf8)) as? [String: Any]
        XCTAssertEqual(json?["written"] as? Bool, false)
        XCTAssertEqual((json?["bad_rows"] as? [[String: Any]])?.compactMap { $0["line"] as? Int }, [3, 4])
        XCTAssertEqual(try persons(), 0)

        // --skip-bad: the good row is written, the bad ones are listed.
        output.clear()
        try run(["import-csv", "--skip-bad", "persons", file])
        XCTAssertEqual(output.out, [
            "imported 1 row into persons (0 updated, 1 new)",
            "skipped 2 bad rows, not written:",
            "  line 3: Role (persons.role): 'wizard' is not one of teacher, student, methodologist, manager, external",
            "  line 4: Birth date (persons.birth_date): '31.02.2011' is not a date: February 2011 has no day 31",
        ])
        XCTAssertEqual(try persons(), 1)
    }

    func testJSONSeparatorsAndUsage() throws {
        let file = scratch.path("plain.csv")
        try Data("full_name,role\nАнна,teacher\n".utf8).write(to: file)
        try run(["import-csv", "persons", file.path, "--json", "--separator", ","])
        let json = try JSONSerialization.jsonObject(with: Data(output.out.joined().utf8)) as? [String: Any]
        XCTAssertEqual(json?["imported"] as? Int, 1)
        XCTAssertEqual(json?["inserted"] as? Int, 1)
        XCTAssertEqual(json?["separator"] as? String, ",")
        XCTAssertEqual(json?["encoding"] as? String, "UTF-8")

        output.clear()
        let out = scratch.path("out.csv")
        try run(["export-csv", "persons", out.path, "--separator=,", "--no-bom", "--json"])
        let e = try JSONSerialization.jsonObject(with: Data(output.out.joined().utf8)) as? [String: Any]
        XCTAssertEqual(e?["rows"] as? Int, 1)
        XCTAssertEqual(e?["bom"] as? Bool, false)
        XCTAssertTrue(String(decoding: try Data(contentsOf: out), as: UTF8.self).hasPrefix("id,org_id,full_name,"))

        XCTAssertThrowsError(try run(["import-csv", "persons"])) { e in
            XCTAssertEqual((e as? UsageError)?.description, CSVCommands.importUsage)
        }
        XCTAssertThrowsError(try run(["export-csv", "persons", out.path, "--separator", "|"])) { e in
            XCTAssertTrue((e as? UsageError)?.description.contains("--separator takes ';' or ','") == true, "\(e)")
        }
        XCTAssertThrowsError(try run(["import-csv", "persons", scratch.path("missing.csv").path])) { e in
            XCTAssertTrue((e as? CommandFailure)?.description.contains("no such file") == true, "\(e)")
        }
    }

    func testAnotherSitesRowsAreRefused() throws {
        let file = try write("other.csv", "org_id;full_name\ns018;Чужой\ns017;Свой\n")
        XCTAssertThrowsError(try run(["import-csv", "persons", file])) { e in
            XCTAssertTrue("\(e)".contains("line 2: org_id is 's018': this school (s017) may import only its own rows"), "\(e)")
        }
        XCTAssertEqual(try persons(), 0)
    }
}

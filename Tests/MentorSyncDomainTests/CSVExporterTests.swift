import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class CSVExporterTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUp() { scratch = ScratchDirectory("csv-export") }
    override func tearDown() { scratch = nil }

    func school(_ name: String) throws -> Replica {
        try Replica.create(path: scratch.path("\(name).db").path, site: SiteID("s017")!, role: .school,
                           district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    func snapshot(_ replica: Replica, _ table: String) throws -> [[DatabaseValue]] {
        let t = RegistrySchema.schema.table(named: table)!
        return try replica.database.rows("SELECT \((["id"] + t.cellNames).map(SQL.identifier).joined(separator: ", ")) FROM \(table) ORDER BY id")
    }

    func fill(_ replica: Replica) throws {
        let editor = RegistryEditor(replica: replica)
        try editor.put(table: "persons", sets: [("full_name", "Иванова \"Анна\"; Петровна"), ("birth_date", "05.03.1998"), ("role", "teacher"),
                                                ("notes", "две строки\nзаметки")])
        try editor.put(table: "persons", sets: [("full_name", "Петров, Пётр"), ("role", "student")])
        try editor.put(table: "persons", sets: [("full_name", "=СУММ(A1)"), ("left_on", "2024-06-30")])
        try editor.put(table: "surveys", sets: [("respondent", "mentee"), ("satisfaction", "9"), ("answered_on", "2025-05-20"), ("comment", "ок")])
        try addIndicator(replica)
        try replica.database.execute("INSERT INTO indicator_values (id, org_id, indicator_id, period, value) VALUES ('iv1', 's017', 'ind1', '2024-2025', 4.5), ('iv2', 's017', 'ind1', '2023-2024', 100.0), ('iv3', 's017', NULL, NULL, NULL)")
    }

    /// The indicator the values point at, as every school receives it from the district: an entry
    /// must point at a row the registry holds.
    func addIndicator(_ replica: Replica) throws {
        try replica.database.execute("INSERT INTO indicators (id, org_id, code, title) VALUES ('ind1', 'district', 'I1', 'Доля')")
    }

    func testExportRoundTripsToTheSameRows() throws {
        let source = try school("a")
        try fill(source)
        for table in ["persons", "surveys", "indicator_values"] {
            for (sep, bom) in [(CSVSeparator.semicolon, true), (.comma, false)] {
                let url = scratch.path("\(table)-\(sep.symbol).csv")
                let r = try CSVExporter().export(table: table, to: url, from: source, separator: sep, bom: bom)
                XCTAssertEqual(Int64(r.rows), try source.database.scalar("SELECT count(*) FROM \(table)")?.integer)
                // Into a fresh copy of the school: the same rows, ids and owners included.
                let target = try school("b-\(table)-\(bom)")
                if table == "indicator_values" { try addIndicator(target) }
                let imported = try CSVImporter().import(table: table, file: url, into: target)
                XCTAssertEqual(imported.inserted, r.rows)
                XCTAssertEqual(try snapshot(target, table), try snapshot(source, table), "\(table) with \(sep.symbol)")
                // Into the school it came from: nothing to change.
                let again = try CSVImporter().import(table: table, file: url, into: source)
                XCTAssertEqual([again.inserted, again.updated, again.unchanged], [0, 0, r.rows], table)
            }
        }
    }

    func testDefaultIsBOMSemicolonsAndStoredDates() throws {
        let source = try school("a")
        try fill(source)
        // Spaces around a value, as another program may write them (an entry here trims them), are exported as held.
        try source.database.execute("UPDATE persons SET position = ' с пробелами ' WHERE role = 'teacher'")
        let url = scratch.path("persons.csv")
        try CSVExporter().export(table: "persons", to: url, from: source)
        let data = try Data(contentsOf: url)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("id;org_id;full_name;birth_date;role;position;subject;teaching_since;hired_on;left_on;pd_consent_on;notes\r\n"), text)
        XCTAssertTrue(text.contains(";s017;\"Иванова \"\"Анна\"\"; Петровна\";1998-03-05;teacher;\" с пробелами \";;;;;;\"две строки\nзаметки\"\r\n"), text)
        XCTAssertTrue(text.contains(";s017;Петров, Пётр;;student;"), text)
        let values = scratch.path("values.csv")
        try CSVExporter().export(table: "indicator_values", to: values, from: source)
        let v = String(decoding: try Data(contentsOf: values).dropFirst(3), as: UTF8.self)
        XCTAssertTrue(v.contains("iv1;s017;ind1;2024-2025;4,5;\r\n"), v)
        XCTAssertTrue(v.contains("iv2;s017;ind1;2023-2024;100;\r\n"), v)
        let comma = scratch.path("values-comma.csv")
        try CSVExporter().export(table: "indicator_values", to: comma, from: source, separator: .comma, bom: false)
        XCTAssertTrue(String(decoding: try Data(contentsOf: comma), as: UTF8.self).hasPrefix("id,org_id,indicator_id,period,value,note\r\niv1,s017,ind1,2024-2025,4.5,\r\n"))
    }

    func testExportRefusesAFolderOrAMissingFolder() throws {
        let source = try school("a")
        XCTAssertThrowsError(try CSVExporter().export(table: "persons", to: scratch.url, from: source))
        XCTAssertThrowsError(try CSVExporter().export(table: "persons", to: scratch.path("no/such/x.csv"), from: source)) { e in
            XCTAssertTrue("\(e)".contains("does not exist"), "\(e)")
        }
        XCTAssertThrowsError(try CSVExporter().export(table: "pupils", to: scratch.path("x.csv"), from: source))
        // An empty table still gets its header, so the file can be filled in and imported.
        let r = try CSVExporter().export(table: "mentors", to: scratch.path("mentors.csv"), from: source)
        XCTAssertEqual(r.rows, 0)
        XCTAssertEqual(try CSVReader.read(contentsOf: scratch.path("mentors.csv")).records.map(\.fields),
                       [["id", "org_id", "person_id", "status", "competencies", "trained_on", "training_course", "notes", "network"]])
    }
}

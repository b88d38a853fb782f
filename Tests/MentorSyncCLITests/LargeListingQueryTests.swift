import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// `list` and the Excel download name a whole table's references: at a district of 340,000 rows
/// (83,000 meetings, 82,000 persons) naming each row alone took 21 s for `list meetings` and 50 s for
/// the meetings' workbook. A whole table is named by reading the tables its names come from whole:
/// the questions asked do not grow with its rows. Kept by the statements run, never by a timing.
final class LargeListingQueryTests: XCTestCase {
    var scratch: ScratchDirectory!
    var home: SchoolHome!
    let meetings = 6_000

    override func setUpWithError() throws {
        scratch = ScratchDirectory("large-listing")
        let enrollment = Enrollment(site: SiteID("s017")!, name: "МБОУ СОШ № 17", district: SiteID("district")!,
                                    districtName: "Дубна", key: Array(repeating: 7, count: 32))
        home = try SchoolHome.create(at: scratch.folder("home"), enrollment: enrollment)
        // More persons than a table named whole by default (ReferenceResolver.wholeTableRows).
        let db = home.database
        try db.transaction {
            let person = try db.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, 's017', ?, 'student')")
            for i in 0...ReferenceResolver.wholeTableRows { try person.execute([.text(String(format: "p%07d", i)), .text("Ученик \(i)")]) }
            try db.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('mentor-person', 's017', 'Кузнецов Виктор Павлович', 'teacher')")
            try db.execute("INSERT INTO mentors(id, org_id, person_id, status) VALUES ('mentor', 's017', 'mentor-person', 'active')")
            try db.execute("INSERT INTO pairs(id, org_id, mentor_id, form, kind, started_on, status) VALUES ('pair', 's017', 'mentor', 'teacher-teacher', 'pair', '2026-09-01', 'active')")
            let meeting = try db.prepare("INSERT INTO meetings(id, org_id, pair_id, kind, held_on) VALUES (?, 's017', 'pair', 'other', '2026-10-01')")
            for i in 0..<meetings { try meeting.execute([.text(String(format: "m%07d", i))]) }
        }
    }

    override func tearDown() { home = nil; scratch = nil }

    func testListingAWholeTableNamesItsReferencesFromTablesReadWhole() throws {
        let output = CapturedOutput()
        let args = try Arguments.parse(["list", "meetings", "--home", home.url.path], options: ["home", "where"], flags: ["json"])
        let statements = try home.database.statementsRun { try RegistryCommands.list(args, home.replica, output.console) }
        XCTAssertTrue(output.out.contains { $0.contains("Кузнецов Виктор Павлович") }, output.out.prefix(3).joined(separator: "\n"))
        XCTAssertLessThan(statements.count, 100, "list asks once a row: \(statements.count) statements for \(meetings) meetings")
    }

    func testTheWorkbookOfAWholeTableNamesItsReferencesFromTablesReadWhole() throws {
        var rows = 0
        let statements = try home.database.statementsRun {
            rows = try CSVExporter(language: .ru).encodeWorkbook(table: "meetings", from: home.replica, namesForReferences: true).1
        }
        XCTAssertEqual(rows, meetings)
        XCTAssertLessThan(statements.count, 100, "the workbook asks once a row: \(statements.count) statements for \(meetings) meetings")
    }
}

/// A listing's columns are padded as Foundation's `padding(toLength:)` padded them (UTF-16 units:
/// a letter with its combining mark is two), without Foundation for each of a big table's cells.
final class ListingPaddingTests: XCTestCase {
    func testCellsArePaddedAsFoundationPadsThem() {
        for v in UInt32(0)...0xFFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            for text in ["\(u)", "Ив\(u)", "е\u{0308}\(u)", "😀\(u)"] {
                for length in [0, 2, 3, 6] {
                    XCTAssertEqual(Array(padded(text, length).utf16), Array(text.padding(toLength: length, withPad: " ", startingAt: 0).utf16),
                                   "U+\(String(v, radix: 16)) to \(length)")
                }
            }
        }
    }
}

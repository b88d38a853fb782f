import Foundation
import XCTest
import MentorSyncTestSupport

/// The school told what the district changed in its rows (issue 12; DESIGN.md, "Conflicts, as the
/// coordinator settles them"): after `sync` and in `status`, the row named as people know it.
final class CorrectionsCLITests: XCTestCase {
    func testTheSchoolIsToldOfTheDistrictsCorrectionInRussian() throws {
        try check(ToolLocale.russian, said: "управление образования исправило: Люди «Иванова Мария Петровна", change: ", должность: учитель → завуч")
    }

    func testTheSchoolIsToldOfTheDistrictsCorrectionInEnglish() throws {
        try check(ToolLocale.english, said: "the district corrected persons «Иванова Мария Петровна", change: ": position учитель → завуч")
    }

    func check(_ language: [String: String], said: String, change: String) throws {
        let locale = language.merging(["COLUMNS": "300"]) { $1 }  // status wraps to the terminal
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель", "--id", "p1"))
        try w.round()
        // The coordinator corrects the teacher's position; the reply carries it to the school.
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=завуч"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        expectOK(sync)
        let line = sync.stdout.split(separator: "\n").first { $0.contains(said) }.map(String.init)
        XCTAssertNotNil(line, "the correction is not told after sync: \(sync.stdout)")
        XCTAssertTrue(line?.hasSuffix(change) == true, "\(line ?? sync.stdout)")

        // Told again in status, and not again by a sync that brings nothing new.
        let status = try w.school("s001", environment: locale, ["status"])
        expectOK(status)
        XCTAssertTrue(status.stdout.contains(said) && status.stdout.contains(change), status.stdout)
        let again = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        XCTAssertFalse(again.stdout.contains(said), "an old correction is told as new: \(again.stdout)")
        // The school's own edit is not a correction.
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "position=директор"))
        try w.round()
        let last = try w.school("s001", environment: locale, ["sync", "--share", w.stick.path])
        XCTAssertFalse(last.stdout.contains("директор"), last.stdout)
    }
}

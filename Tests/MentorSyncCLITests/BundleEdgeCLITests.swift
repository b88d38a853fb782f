import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 11, the edges of bundles and merges, through the real binaries: values that must arrive
/// byte for byte, a clock pushed to the end of its range, writes to district-only tables, and
/// conflict records a school may not bring.
final class BundleEdgeCLITests: XCTestCase {
    func testATextWithAnEmbeddedNULArrivesByteForByte() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова", "--id", "p1"))
        expectOK(try w.district("put", "events", "--set", "title=Семинар", "--id", "e1"))
        try w.round()
        // Python's sqlite3 stores a str holding "\0" whole; so does SQL with a blob cast to text.
        // "а\0b" at the school, "x\0\0y" at the district.
        try SchoolHome.open(w.schoolHome("s001")).database.execute("UPDATE persons SET notes = CAST(X'D0B00062' AS TEXT) WHERE id = 'p1'")
        try DistrictHome.open(w.districtHome).database.execute("UPDATE events SET result = CAST(X'78000079' AS TEXT) WHERE id = 'e1'")
        try w.round()
        let district = try DistrictHome.open(w.districtHome).database
        XCTAssertEqual(try district.scalar("SELECT typeof(notes) || ' ' || hex(notes) FROM persons WHERE id = 'p1'")?.text, "text D0B00062")
        let school = try SchoolHome.open(w.schoolHome("s001")).database
        XCTAssertEqual(try school.scalar("SELECT typeof(result) || ' ' || hex(result) FROM events WHERE id = 'e1'")?.text, "text 78000079")
        // Nothing is left to send: both sides hold the same value, so neither sees a change to resend.
        XCTAssertEqual((try w.json(try w.school("s001", "status", "--json")) as? [String: Any])?["unacknowledged_changes"] as? Int, 0)
    }

    func testAClockPushedToTheEndOfItsRangeIsRefusedAndEveryOtherSchoolSyncs() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Часы", "--id", "c1"))
        let out = w.scratch.folder("s001-out")
        expectOK(try w.school("s001", "export", "--out", out.path))
        let genuine = try XCTUnwrap(Share.bundles(in: out).first)
        let key = try SchoolHome.open(w.schoolHome("s001")).key()
        // The school's clock near 2^53 (an edited registry.db, or a hostile holder of its key).
        let far = BundleLimits.maxCounter - 10
        var doc = try BundleDocument.read(from: genuine, key: key)
        doc.header.knowledge["s001"] = far
        doc.records = doc.records.map { record in
            guard case .row(var row) = record else { return record }
            row.version["s001"] = far
            row.cells = row.cells.map { var c = $0; if c.site == "s001" { c.counter = far }; return c }
            return .row(row)
        }
        let name = genuine.lastPathComponent
        try doc.write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(name), key: key)

        let ingest = try w.district("ingest", "--share", w.stick.path)
        XCTAssertEqual(ingest.exitCode, 3, ingest.output)
        let reason = try String(contentsOf: w.districtHome.appendingPathComponent("quarantine/\(name).reason.txt"), encoding: .utf8)
        XCTAssertTrue(reason.contains("above this site's clock"), reason)
        XCTAssertLessThan(try DistrictHome.open(w.districtHome).replica.counter(), 1 << 20, "the district's clock did not move")
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 0)

        // Every other school, and the district itself, go on as before.
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Другая школа", "--id", "d1"))
        expectOK(try w.district("put", "events", "--set", "title=После", "--id", "e2"))
        try w.round()
        let persons = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        // s001's own registry was never touched: its next genuine bundle carries its row.
        XCTAssertEqual(Set(persons.compactMap { $0["id"] as? String }), ["c1", "d1"])
        XCTAssertEqual((try w.json(try w.school("s002", "list", "events", "--json")) as? [[String: Any]])?.first?["title"] as? String, "После")
        XCTAssertLessThan(try SchoolHome.open(w.schoolHome("s002")).replica.counter(), 1 << 20)
        // The school hears why.
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (status["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        XCTAssertTrue(reasons.contains { $0.contains("above this site's clock") }, "\(reasons)")
    }

    func testASchoolsRowsInDistrictOnlyTablesAreRefusedRowByRow() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        // Another tool writes rows the school "owns" into tables only the district may write,
        // beside an ordinary row of its own.
        let db = try SchoolHome.open(w.schoolHome("s001")).database
        try db.execute("INSERT INTO indicators(id, org_id, code, title, unit, target_value) VALUES ('i1', 's001', 'students_in_mentoring', 'Взлом', 'percent', 1)")
        try db.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('o1', 's001', 'Подставная', 'school')")
        try db.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('p1', 's001', 'Своя')")
        try w.round()
        XCTAssertEqual((try w.json(try w.district("list", "indicators", "--json")) as? [Any])?.count, 0)
        let orgs = try XCTUnwrap(try w.json(try w.district("list", "organizations", "--json")) as? [[String: Any]])
        XCTAssertFalse(orgs.contains { $0["id"] as? String == "o1" }, "\(orgs)")
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])?.first?["id"] as? String, "p1")
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (status["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        XCTAssertTrue(reasons.contains { $0.contains("indicators/i1: table indicators is written by the district alone") }, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("organizations/o1: table organizations is written by the district alone") }, "\(reasons)")
    }

    func testConflictRecordsAboutOtherSchoolsRowsOrSitesAreRefused() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Своя", "--id", "own"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Чужая", "--id", "theirs"))
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--id", "own", "--set", "position=учитель"))
        let out = w.scratch.folder("s001-out")
        expectOK(try w.school("s001", "export", "--out", out.path))
        let genuine = try XCTUnwrap(Share.bundles(in: out).first)
        let key = try SchoolHome.open(w.schoolHome("s001")).key()
        var doc = try BundleDocument.read(from: genuine, key: key)
        func conflict(_ row: String, winner: String, loser: String, by detector: String) -> BundleDocument.Record {
            .conflict(BundleDocument.Conflict(table: "persons", rowID: row, column: "full_name", winnerValue: .text("А"), winnerCounter: 5,
                                              winnerSite: winner, loserValue: .text("Б"), loserCounter: 4, loserSite: loser,
                                              detectedBy: detector, detectedCounter: 9, detectedAt: 1_764_000_000))
        }
        doc.records += [
            conflict("theirs", winner: "s002", loser: "district", by: "s002"),  // another school's row, in its name
            conflict("theirs", winner: "s001", loser: "district", by: "s001"),  // another school's row
            conflict("own", winner: "s002", loser: "s001", by: "s001"),         // its own row, naming another school
            conflict("own", winner: "district", loser: "s001", by: "district"), // its own row, detected "by the district"
            conflict("own", winner: "district", loser: "s001", by: "s001"),     // what the school may say
        ]
        doc.header.counts.conflicts += 5
        try doc.write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(genuine.lastPathComponent), key: key)
        expectOK(try w.district("ingest", "--share", w.stick.path))

        let listed = try w.conflicts()
        XCTAssertEqual(listed.count, 1, "\(listed)")
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let heard = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (heard["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        XCTAssertEqual(reasons.filter { $0.contains("conflict on persons/theirs") && $0.contains("does not own") }.count, 2, "\(reasons)")
        XCTAssertEqual(reasons.filter { $0.contains("conflict on persons/own") && $0.contains("not one s001 detected") }.count, 2, "\(reasons)")
        // The rest of the bundle merged.
        let own = try XCTUnwrap(try w.json(try w.district("list", "persons", "--where", "id=own", "--json")) as? [[String: Any]])
        XCTAssertEqual(own.first?["position"] as? String, "учитель")
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Rows that change hands, and refused edits, through the real binaries and a shared stick
/// (issue 11, defects 3, 4 and 16c; Protocol/bundle.md, "Rows that move", "Refused changes").
final class OwnershipCLITests: XCTestCase {
    func registry(_ home: URL) throws -> Database {
        try Database(path: home.appendingPathComponent("registry.db").path)
    }

    /// The row's id and cells (not its clock: each site numbers the sites in it its own way).
    func row(_ home: URL, _ table: String, _ id: String) throws -> [String]? {
        let cells = try XCTUnwrap(RegistrySchema.schema.table(named: table)).cellNames.map(SQL.identifier).joined(separator: ", ")
        return try registry(home).rows("SELECT id, \(cells) FROM \(table) WHERE id = ?", [.text(id)]).first?.map(\.displayText)
    }

    /// Clocks of the row this school keeps as a row of its share (a trace of a move is not one).
    func clockCount(_ home: URL, _ id: String, site: String) throws -> Int64? {
        try registry(home).scalar("SELECT count(*) FROM msync_rows WHERE id = ? AND (alive = 1 OR org_id IN (?, 'district'))",
                                  [.text(id), .text(site)])?.integer
    }

    /// Defect 3: a person typed in sqlite3 with another school's org_id is refused by the district;
    /// once the school corrects org_id, the district gets the person with every value.
    func testARowRefusedForAWrongOrgIDThenCorrectedReachesTheDistrictWhole() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        let school = w.schoolHome("s001")
        try registry(school).execute("""
            INSERT INTO persons(id, org_id, full_name, birth_date, role, position, notes)
            VALUES ('typed-1', 's002', 'Сидоров Пётр', '1980-02-03', 'teacher', 'учитель физики', 'введено вручную')
            """)
        try w.round()
        XCTAssertNil(try row(w.districtHome, "persons", "typed-1"))
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertTrue("\(status["rejections"] ?? "")".contains("typed-1"), "the school hears of the refusal")

        try registry(school).execute("UPDATE persons SET org_id = 's001' WHERE id = 'typed-1'")
        try w.round()
        let atDistrict = try XCTUnwrap(try row(w.districtHome, "persons", "typed-1"), "the corrected row reaches the district")
        XCTAssertEqual(atDistrict, try row(school, "persons", "typed-1"))
        XCTAssertTrue(atDistrict.contains("1980-02-03") && atDistrict.contains("введено вручную"), "\(atDistrict)")
    }

    /// Defect 4: the coordinator gives a person to another school. The new school gets every value;
    /// the old school no longer lists it, and does not send a deletion back.
    func testAPersonMovedByTheCoordinatorArrivesWholeAndLeavesTheOldSchool() throws {
        let w = try CLIWorld(schools: ["s001", "s002", "s003"])
        expectOK(try w.school("s001", "put", "persons", "--id", "moved-1", "--set", "full_name=Кузнецова Анна",
                              "--set", "role=student", "--set", "birth_date=14.05.2011", "--set", "notes=переводится"))
        try w.round()
        // A correction by the coordinator first: s002 knows every write of the district up to here.
        expectOK(try w.district("put", "persons", "--id", "moved-1", "--set", "notes=переводится в s002"))
        try w.round()
        expectOK(try w.district("put", "persons", "--id", "moved-1", "--set", "org_id=s002"))
        try w.round()
        let atDistrict = try XCTUnwrap(try row(w.districtHome, "persons", "moved-1"))
        XCTAssertEqual(try row(w.schoolHome("s002"), "persons", "moved-1"), atDistrict, "the new owner holds it whole")
        XCTAssertTrue(atDistrict.contains("2011-05-14") && atDistrict.contains("переводится в s002"), "\(atDistrict)")
        let old = try XCTUnwrap(try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(old.count, 0, "the old school keeps no copy: \(old)")
        XCTAssertEqual(try clockCount(w.schoolHome("s001"), "moved-1", site: "s001"), 0)
        XCTAssertEqual(try registry(w.schoolHome("s003")).scalar("SELECT count(*) FROM msync_rows WHERE id = 'moved-1'")?.integer, 0,
                       "a third school hears nothing of it")
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0, "the removal is not a deletion to send")
        try w.round()
        XCTAssertEqual(try row(w.districtHome, "persons", "moved-1"), atDistrict)
    }

    /// Defect 16c: a school edits district reference data in sqlite3. The district refuses it and
    /// sends its own value back, so the school's registry agrees with the district's again.
    func testARefusedEditOfDistrictDataIsUndoneAtTheSchool() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.district("put", "organizations", "--id", "org-1", "--set", "name=МБОУ СОШ №1", "--set", "kind=school"))
        try w.round()
        XCTAssertEqual(try row(w.schoolHome("s001"), "organizations", "org-1"), try row(w.districtHome, "organizations", "org-1"))
        try registry(w.schoolHome("s001")).execute("UPDATE organizations SET name = 'Школа мечты' WHERE id = 'org-1'")
        try w.round()
        let atDistrict = try XCTUnwrap(try row(w.districtHome, "organizations", "org-1"))
        XCTAssertTrue(atDistrict.contains("МБОУ СОШ №1"))
        for n in ["s001", "s002"] {
            XCTAssertEqual(try row(w.schoolHome(n), "organizations", "org-1"), atDistrict, n)
        }
        XCTAssertEqual(try w.conflicts(), [])
    }
}

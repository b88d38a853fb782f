import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Rows travel whole where the recipient may not hold them, rows that change hands leave their old
/// owner, and a refused change does not stay behind at the school that made it
/// (Protocol/bundle.md, "What an export contains", "Rows that move", "Refused changes").
final class OwnershipMergeTests: XCTestCase {
    let person: [String: DatabaseValue] = ["full_name": "Иванова Мария Петровна", "birth_date": "1985-03-14", "role": "teacher",
                                           "position": "учитель", "subject": "математика", "notes": "наставник года"]

    func columns(_ r: Replica, _ table: String, _ id: String) throws -> [DatabaseValue]? {
        let t = try XCTUnwrap(r.schema.table(named: table))
        return try r.database.rows("SELECT \(t.cellNames.joined(separator: ", ")) FROM \(table) WHERE id = ?", [.text(id)]).first
    }

    func rows(_ url: URL, _ key: [UInt8]) throws -> [RowChange] {
        let reader = try BundleReader(url: url, keyFor: { _ in key })
        var rows: [RowChange] = []
        while let record = try reader.next() { if case .row(let r) = record { rows.append(r) } }
        return rows
    }

    func holdsClock(_ r: Replica, _ table: String, _ id: String) throws -> Bool {
        try r.database.scalar("SELECT count(*) FROM msync_rows WHERE tbl = ? AND id = ?",
                              [.integer(Int64(r.schema.table(named: table)!.number)), .text(id)])?.integer == 1
    }

    /// Issue 11, defect 3: a row typed with another school's org_id is refused; once its owner is
    /// corrected it must reach the district with every value, not only the corrected org_id.
    func testARowRefusedForItsOwnerThenCorrectedArrivesWhole() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s = t.school("s001")
        var values = person
        values["org_id"] = "s002"
        let p = try s.insert("persons", values)
        let refused = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(refused.refusals.count, 1)
        try t.schoolMerges("s001", try t.reply("s001"))
        try s.update("persons", p, ["org_id": "s001"])
        let upload = try t.upload("s001")
        let accepted = try t.districtMerges(upload)
        XCTAssertEqual(accepted.refusals, [])
        XCTAssertEqual(try columns(t.district, "persons", p), try columns(s, "persons", p))
        XCTAssertEqual(try t.district.value("persons", p, "notes"), .text("наставник года"))
        // Once the district has it, later edits travel as cells again.
        try t.schoolMerges("s001", try t.reply("s001"))
        try s.update("persons", p, ["notes": "x"])
        let next = try rows(try t.upload("s001"), t.keys[s.site]!)
        XCTAssertEqual(next.map(\.cells.count), [1])
    }

    /// Issue 11, defect 4: the coordinator gives a school's row to another school. The new owner
    /// receives it whole; the old owner no longer holds it (and does not send its removal back as a
    /// deletion); a third school hears nothing of it.
    func testARowMovedToAnotherSchoolArrivesWholeAndLeavesItsOldOwner() throws {
        let t = try TestDistrict(schools: ["s001", "s002", "s003"])
        let s1 = t.school("s001"), s2 = t.school("s002"), s3 = t.school("s003")
        var values = person
        values["org_id"] = "s001"
        let p = try s1.insert("persons", values)
        try t.syncAll()
        try t.district.update("persons", p, ["org_id": "s002"])
        try t.syncAll()
        XCTAssertEqual(try columns(s2, "persons", p), try columns(t.district, "persons", p))
        XCTAssertEqual(try s2.value("persons", p, "birth_date"), .text("1985-03-14"))
        XCTAssertNil(try columns(s1, "persons", p), "the old owner keeps no copy")
        XCTAssertEqual(try s1.rowState(table: "persons", id: p)?.orgID, "s002", "only a trace of the move stays")
        XCTAssertEqual(try s1.rowState(table: "persons", id: p)?.alive, false)
        XCTAssertFalse(try holdsClock(s3, "persons", p), "a third school hears nothing of it")
        XCTAssertEqual(try s1.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s1.site]!).header.rowCount, 0,
                       "the removal is not captured as a deletion")
        try t.syncAll()
        XCTAssertEqual(try t.district.value("persons", p, "org_id"), .text("s002"))
        // The new owner edits it as its own; it can move back whole.
        try s2.update("persons", p, ["notes": "у нового владельца"])
        try t.syncAll()
        XCTAssertEqual(try t.district.value("persons", p, "notes"), .text("у нового владельца"))
        try t.district.update("persons", p, ["org_id": "s001"])
        try t.syncAll()
        XCTAssertEqual(try columns(s1, "persons", p), try columns(t.district, "persons", p))
        XCTAssertNil(try columns(s2, "persons", p))
    }

    /// A row the coordinator created for one school and then gave to another: the first school holds
    /// it without ever having written it, and must still let it go.
    func testARowTheDistrictCreatedForOneSchoolLeavesItWhenMoved() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        var values = person
        values["org_id"] = "s001"
        let p = try t.district.insert("persons", values)
        try t.syncAll()
        XCTAssertNotNil(try columns(t.school("s001"), "persons", p))
        try t.district.update("persons", p, ["org_id": "s002"])
        try t.syncAll()
        XCTAssertNil(try columns(t.school("s001"), "persons", p))
        XCTAssertEqual(try columns(t.school("s002"), "persons", p), try columns(t.district, "persons", p))
    }

    /// A move alone is something the old owner has not had yet: the daemon writes it a reply
    /// (DistrictIngest asks `changedRows` whether a reply is needed).
    func testAMoveAloneCountsAsAChangeForTheOldOwner() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        var values = person
        values["org_id"] = "s001"
        let p = try t.school("s001").insert("persons", values)
        try t.syncAll()
        let before = try t.district.counter()
        try t.district.update("persons", p, ["org_id": "s002"])
        try t.district.fold()
        XCTAssertEqual(try t.district.changedRows(for: SiteID("s001")!, after: before), 1)
        XCTAssertEqual(try t.district.changedRows(for: SiteID("s002")!, after: before), 1)
        // The same counts from the district's writes read once for all schools (status).
        try t.district.readingShares {
            XCTAssertEqual(try t.district.changedRows(for: SiteID("s001")!, after: before), 1)
            XCTAssertEqual(try t.district.changedRows(for: SiteID("s002")!, after: before), 1)
        }
        try t.syncAll()
        XCTAssertEqual(try t.district.changedRows(for: SiteID("s001")!, after: try t.district.counter()), 0)
    }

    /// A district row the coordinator gives to a school leaves every other school; a late copy of
    /// an old reply that still carries it (bundles arrive in any order) does not bring it back.
    func testALateOldReplyDoesNotBringBackARowThatLeft() throws {
        let t = try TestDistrict(schools: ["s001", "s002", "s003"])
        let p = try t.district.insert("persons", ["org_id": "district", "full_name": "Методист ЦРО"])
        let old = try t.reply("s003")
        try t.district.update("persons", p, ["org_id": "s001"])
        try t.syncAll()
        XCTAssertNil(try columns(t.school("s002"), "persons", p))
        try t.schoolMerges("s003", old)
        XCTAssertNil(try columns(t.school("s003"), "persons", p), "the old reply's copy stays out")
        try t.syncAll()
        XCTAssertNil(try columns(t.school("s003"), "persons", p))
        XCTAssertEqual(try columns(t.school("s001"), "persons", p), try columns(t.district, "persons", p))
        // Given back to the district, it reaches every school again, whole.
        try t.district.update("persons", p, ["org_id": "district"])
        try t.syncAll()
        for s in ["s001", "s002", "s003"] {
            XCTAssertEqual(try columns(t.school(s), "persons", p), try columns(t.district, "persons", p), s)
        }
    }

    /// A move the school has seen is not announced again, and a late copy of an old move changes nothing.
    func testAnOldMoveArrivingLateChangesNothing() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s1 = t.school("s001")
        var values = person
        values["org_id"] = "s001"
        let p = try s1.insert("persons", values)
        try t.syncAll()
        try t.district.update("persons", p, ["org_id": "s002"])
        let away = try t.reply("s001")
        try t.district.update("persons", p, ["org_id": "s001"])
        let back = try t.reply("s001")
        try t.schoolMerges("s001", back)
        let late = try t.schoolMerges("s001", away)
        XCTAssertEqual(late.rowsMovedAway, 0)
        XCTAssertEqual(try columns(s1, "persons", p), try columns(t.district, "persons", p))
        try t.syncAll()
        XCTAssertEqual(try rows(try t.reply("s001"), t.keys[SiteID("s001")!]!).count, 0)
    }

    /// Issue 11, defect 16c: a school edits a district row (reference data). The district refuses it
    /// and writes its own value again, so the school converges without a conflict anywhere.
    func testARefusedEditOfADistrictRowIsUndoneAtTheSchool() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let org = try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО", "kind": "school"])
        try t.syncAll()
        try t.school("s001").update("organizations", org, ["name": "Взлом"])
        try t.syncAll()
        for s in ["s001", "s002"] {
            XCTAssertEqual(try columns(t.school(s), "organizations", org), try columns(t.district, "organizations", org), s)
        }
        XCTAssertEqual(try t.school("s001").value("organizations", org, "name"), .text("ЦРО"))
        XCTAssertEqual(try t.district.openConflicts().count + t.school("s001").openConflicts().count, 0)
        // Settled: nothing more travels either way.
        try t.syncAll()
        XCTAssertEqual(try t.school("s001").exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[SiteID("s001")!]!).header.rowCount, 0)
        XCTAssertEqual(try rows(try t.reply("s001"), t.keys[SiteID("s001")!]!).count, 0)
    }

    /// A school deletes a district row: refused, and the district sends the whole row back.
    func testARefusedDeletionOfADistrictRowBringsItBack() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let org = try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО", "kind": "school", "address": "ул. Ленина, 1"])
        try t.syncAll()
        try s.delete("organizations", org)
        try t.syncAll()
        XCTAssertEqual(try columns(s, "organizations", org), try columns(t.district, "organizations", org))
        XCTAssertEqual(try s.value("organizations", org, "address"), .text("ул. Ленина, 1"))
    }

    /// A school gives its own row to another school by editing org_id: refused, and the row comes
    /// back to it whole, while the other school never receives it.
    func testARefusedOwnerChangeOfAnOwnRowIsUndone() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s1 = t.school("s001")
        var values = person
        values["org_id"] = "s001"
        let p = try s1.insert("persons", values)
        try t.syncAll()
        try s1.update("persons", p, ["org_id": "s002", "notes": "передан"])
        try t.syncAll()
        XCTAssertEqual(try columns(s1, "persons", p), try columns(t.district, "persons", p))
        XCTAssertEqual(try s1.value("persons", p, "org_id"), .text("s001"))
        XCTAssertFalse(try holdsClock(t.school("s002"), "persons", p))
    }
}

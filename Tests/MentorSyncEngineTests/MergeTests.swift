import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

final class MergeTests: XCTestCase {
    func testRoundTripAndAcknowledgement() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s1 = t.school("s001")
        let p = try s1.insert("persons", ["org_id": "s001", "full_name": "Иванова Мария Петровна", "role": "teacher", "birth_date": "1990-05-01"])
        let org = try t.district.insert("organizations", ["org_id": "district", "name": "МБОУ СОШ №1", "kind": "school"])
        let r = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(r.rowsInserted, 1)
        XCTAssertEqual(try t.district.value("persons", p, "full_name"), .text("Иванова Мария Петровна"))
        try t.schoolMerges("s001", try t.reply("s001"))
        XCTAssertEqual(try s1.value("organizations", org, "name"), .text("МБОУ СОШ №1"))
        // Acknowledged: the next export carries no rows.
        let next = try s1.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s1.site]!)
        XCTAssertEqual(next.header.rowCount, 0)
        // Personal data of one school never reaches another.
        try t.schoolMerges("s002", try t.reply("s002"))
        XCTAssertNil(try t.school("s002").value("persons", p, "full_name"))
        XCTAssertEqual(try t.school("s002").value("organizations", org, "name"), .text("МБОУ СОШ №1"))
    }

    func testReplayAndOldBundlesChangeNothing() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let p = try s.insert("persons", ["org_id": "s001", "full_name": "А"])
        let first = try t.upload("s001")
        try s.update("persons", p, ["full_name": "Б"])
        let second = try t.upload("s001")
        try t.districtMerges(second)
        let old = try t.districtMerges(first)
        XCTAssertTrue(old.changedNothing)
        XCTAssertEqual(try t.district.value("persons", p, "full_name"), .text("Б"))
        let replay = try t.districtMerges(second)
        XCTAssertTrue(replay.changedNothing)
    }

    func testConcurrentEditsConvergeAndAreRecorded() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let p = try s.insert("persons", ["org_id": "s001", "full_name": "А", "notes": "x"])
        try t.syncAll()
        try s.update("persons", p, ["full_name": "School"])
        try t.district.update("persons", p, ["full_name": "District", "notes": "y"])
        try t.syncAll()
        try t.syncAll()
        let d = try t.district.value("persons", p, "full_name")
        XCTAssertEqual(d, try s.value("persons", p, "full_name"))
        XCTAssertEqual(try s.value("persons", p, "notes"), .text("y"), "a write with no rival is never lost")
        let conflicts = try t.district.openConflicts()
        XCTAssertEqual(conflicts.count, 1)
        XCTAssertEqual(conflicts[0].column, "full_name")
        XCTAssertEqual(Set([conflicts[0].winnerValue, conflicts[0].loserValue]), Set([.text("School"), .text("District")]))
    }

    func testConflictDetectedAtSchoolTravelsToDistrict() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let p = try s.insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        try s.update("persons", p, ["full_name": "School"])
        try t.district.update("persons", p, ["full_name": "District"])
        // The school hears from the district first, detects the conflict, then uploads its resolved state.
        try t.schoolMerges("s001", try t.reply("s001"))
        XCTAssertEqual(try s.openConflicts().count, 1)
        let r = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(r.conflictsReceived + r.conflictsDetected, 1)
        XCTAssertEqual(try t.district.openConflicts().count, 1)
        XCTAssertEqual(try t.district.openConflicts()[0].id, try s.openConflicts()[0].id)
    }

    func testSchoolCannotChangeRowsItDoesNotOwn() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let org = try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО"])
        try t.syncAll()
        try t.school("s001").update("organizations", org, ["name": "Взлом"])
        try t.school("s001").insert("persons", ["org_id": "s002", "full_name": "Чужой"])
        let mine = try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Свой"])
        let r = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(r.refusals.count, 2)
        XCTAssertTrue(r.refusals.allSatisfy { $0.reason.contains("change refused") })
        XCTAssertEqual(try t.district.value("organizations", org, "name"), .text("ЦРО"))
        XCTAssertEqual(try t.district.value("persons", mine, "full_name"), .text("Свой"))
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 1)
    }

    /// A refusal carries the row's cells by column (how the district names a row it does not hold),
    /// for the first `RowRefusal.valuesKept` of a bundle only: a bundle of refused rows cannot fill the memory.
    func testRefusalsCarryTheRowsValuesForTheFirst200() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        try t.syncAll()
        let org = try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО"])
        try t.syncAll()
        try t.school("s001").update("organizations", org, ["name": "Взлом"])
        for i in 0..<RowRefusal.valuesKept { try t.school("s001").insert("persons", ["org_id": "s002", "full_name": .text("Чужой \(i)")]) }
        let r = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(r.refusals.count, RowRefusal.valuesKept + 1)
        XCTAssertEqual(r.refusals.filter { !$0.values.isEmpty }.count, RowRefusal.valuesKept)
        let stranger = try XCTUnwrap(r.refusals.first { $0.table == "persons" && !$0.values.isEmpty })
        XCTAssertEqual(stranger.values["org_id"], .text("s002"))
        XCTAssertTrue(stranger.values["full_name"]?.text?.hasPrefix("Чужой ") ?? false, "\(stranger.values)")
        XCTAssertTrue(r.refusals.last!.values.isEmpty, "the refusal past the first 200 keeps no values")
    }

    func testDeleteTravelsAndConcurrentUpdateIsRecorded() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let p = try s.insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        try s.delete("persons", p)
        try t.district.update("persons", p, ["full_name": "Исправлено"])
        try t.syncAll()
        try t.syncAll()
        XCTAssertNil(try s.value("persons", p, "full_name"))
        XCTAssertNil(try t.district.value("persons", p, "full_name"))
        XCTAssertEqual(try t.district.openConflicts().count, 1)
    }

    func testMisaddressedBundleIsRefused() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "А"])
        let url = try t.upload("s001")
        XCTAssertThrowsError(try t.school("s002").importBundle(at: url, keyFor: t.key(for:))) {
            XCTAssertEqual($0 as? BundleError, .misaddressed(recipient: "district", expected: "s002"))
        }
    }

    func testEqualCountersAreOrderedBySiteSoBothSidesAgree() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let p = try s.insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        try s.update("persons", p, ["full_name": "School"])
        try t.district.update("persons", p, ["full_name": "District"])
        try s.fold(); try t.district.fold()
        let position = RegistrySchema.persons.cellNames.firstIndex(of: "full_name")! + 1
        let a = try XCTUnwrap(try s.loadRow(table: 2, id: p)?.clock.stamps[position])
        let b = try XCTUnwrap(try t.district.loadRow(table: 2, id: p)?.clock.stamps[position])
        XCTAssertEqual(a.counter, b.counter, "the scenario needs a tie of Lamport counters")
        // Each side compares the other's write against its own: the reply arrives first, then the upload.
        let reply = try t.reply("s001")
        let upload = try t.upload("s001")
        try t.schoolMerges("s001", reply)
        try t.districtMerges(upload)
        try t.syncAll()
        XCTAssertEqual(try s.value("persons", p, "full_name"), .text("School"), "s001 sorts after district")
        XCTAssertEqual(try t.district.value("persons", p, "full_name"), .text("School"))
    }

    /// The daemon and a one-shot ingest hold the same database open at once: site numbers used in
    /// row clocks must agree between them (a number assigned by one is read correctly by the other).
    func testTwoProcessesOnOneDatabaseAgreeOnSiteNumbers() throws {
        let t = try TestDistrict(schools: ["s001", "s002", "s003"])
        let second = try Replica(path: t.district.database.path, schema: RegistrySchema.schema)
        // Warm the second connection's cache, then let the first one number new sites.
        try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО"])
        try second.fold()
        let a = try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "A"])
        try t.districtMerges(try t.upload("s001"))
        let b = try t.school("s002").insert("persons", ["org_id": "s002", "full_name": "B"])
        let c = try t.school("s003").insert("persons", ["org_id": "s003", "full_name": "C"])
        try second.importBundle(at: try t.upload("s002"), keyFor: t.key(for:), policy: MergePolicies.schoolsWriteOwnRows)
        try t.districtMerges(try t.upload("s003"))
        for (id, site) in [(a, "s001"), (b, "s002"), (c, "s003")] {
            for r in [t.district, second] {
                let clock = try XCTUnwrap(try r.loadRow(table: 2, id: id)?.clock)
                XCTAssertEqual(clock.stamps[0]?.site.rawValue, site)
            }
        }
        XCTAssertEqual(try t.district.database.scalar("SELECT count(DISTINCT num) = count(*) AND count(DISTINCT site) = count(*) FROM msync_sites")?.integer, 1)
    }

    /// A write that lands after the log is folded but before the bundle is written is not in the
    /// bundle, so the bundle must not claim it: the next export still carries it.
    func testAWriteDuringExportIsNotClaimedAndTravelsNextTime() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.insert("persons", ["org_id": "s001", "full_name": "Первая"])
        // Fires inside the export's own first transaction, right after the fold.
        try s.database.execute("""
            CREATE TEMP TRIGGER sneak AFTER UPDATE OF sent_sequence ON msync_peers BEGIN
              INSERT INTO persons(id, org_id, full_name) VALUES ('late', 's001', 'Поздняя');
            END
            """)
        let first = try t.upload("s001")
        try s.database.execute("DROP TRIGGER temp.sneak")
        try t.districtMerges(first)
        XCTAssertNil(try t.district.value("persons", "late", "full_name"))
        try t.schoolMerges("s001", try t.reply("s001"))
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.value("persons", "late", "full_name"), .text("Поздняя"))
    }

    /// The owner named by a row and its org_id cell must agree; otherwise a school could pass the
    /// ownership check while giving its row (personal data) to another school.
    func testARowNamingTwoOwnersIsRefused() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let header = BundleHeader(schemaVersion: RegistrySchema.version, sender: SiteID("s001")!, recipient: t.district.site,
                                  bundleID: Array(repeating: 1, count: 16), sequence: 1, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([SiteID("s001")!: 5]), acknowledgement: VersionVector(), rowCount: 1)
        let url = t.mail.appendingPathComponent(header.fileName)
        let w = try BundleWriter(url: url, header: header, key: t.keys[SiteID("s001")!]!)
        try w.declareTable("persons", columns: RegistrySchema.persons.cellNames)
        let st = Stamp(counter: 5, site: SiteID("s001")!)
        try w.append(RowChange(table: "persons", id: "x", orgID: "s001", version: VersionVector([SiteID("s001")!: 5]),
                               cells: [CellChange(position: 0, stamp: st, value: .integer(1)), CellChange(position: 1, stamp: st, value: .text("s002")),
                                       CellChange(position: 2, stamp: st, value: .text("Иванов"))]))
        try w.finish()
        let r = try t.districtMerges(url)
        XCTAssertEqual(r.refusals.map(\.reason), ["row persons/x names two different owners; change refused"])
        XCTAssertNil(try t.district.value("persons", "x", "org_id"))
    }
}

import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A school's registry file put back from an older copy issues again the counters its lost
/// future issued, which the district has acknowledged. The district's reply names the bundle it
/// acknowledges; the copy never wrote it, so it moves its new writes above what the district
/// credits it with, and asks for a full copy.
final class RestoredCopyTests: XCTestCase {
    func testWritesOfARestoredCopyTravelAndWhatTheDistrictHeldStays() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Иванова"), "role": .text("teacher")], id: "a")
        try t.syncAll()
        let copy = t.scratch.path("copy.db").path
        try s.database.execute("VACUUM INTO ?", [.text(copy)])
        // The lost future: one edit, one sync.
        try s.update("persons", "a", ["position": .text("учитель")])
        try t.districtMerges(try t.upload("s001"))
        let lostFuture = try t.reply("s001")

        // The copy is put back and used: one edit, as many counters as the lost future used.
        let r = try Replica(path: copy, schema: RegistrySchema.schema)
        try r.update("persons", "a", ["subject": .text("физика")])
        let first = try r.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[r.site]!)
        XCTAssertEqual(first.header.knowledge[r.site], try t.district.peer(r.site).merged,
                       "the copy claims exactly what the district credits the lost future with: counters alone cannot tell")
        let report = try r.importBundle(at: lostFuture, keyFor: t.key(for:))
        XCTAssertEqual(report.restampedRows, 1)
        XCTAssertTrue(try r.peer(t.district.site).fullExchange.isRequested, "the copy asks for everything the district holds")
        // Its write travels in the next bundle, whatever happened to the first one.
        try FileManager.default.removeItem(at: first.url)
        let next = try r.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[r.site]!)
        XCTAssertEqual(next.header.rowCount, 1)
        try t.districtMerges(next.url)
        XCTAssertEqual(try t.district.value("persons", "a", "subject"), .text("физика"))
        XCTAssertEqual(try t.district.value("persons", "a", "position"), .text("учитель"), "the lost future's write stays")
        // Told once: the next reply changes nothing more.
        let again = try r.importBundle(at: try t.reply("s001"), keyFor: t.key(for:))
        XCTAssertNil(again.restampedRows)
    }

    func testAnOrdinarySchoolIsNeverTakenForACopy() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        for i in 0..<3 {
            try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Имя \(i)")])
            try t.districtMerges(try t.upload("s001"))
            try t.districtMerges(try t.upload("s001"))  // two bundles before a reply: the newest is acknowledged
            XCTAssertNil(try t.schoolMerges("s001", try t.reply("s001")).restampedRows)
        }
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The engine's bookkeeping API: what a caller records about a bundle commits with its merge,
/// and the full exchange with a peer moves only along its documented transitions.
final class PeerStateTests: XCTestCase {
    struct Injected: Error {}

    func testAFailureAfterTheMergeKeepsNeitherTheMergeNorTheRecord() throws {
        let t = try TestDistrict(schools: ["s001"])
        let p = try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Петрова А. В."])
        let bundle = try t.upload("s001")
        try t.district.database.execute("CREATE TABLE notes_about_bundles (name TEXT)")
        XCTAssertThrowsError(try t.district.importBundle(at: bundle, keyFor: t.key(for:), policy: MergePolicies.schoolsWriteOwnRows,
                                                         afterMerge: { report in
            XCTAssertEqual(report.rowsChanged, 1, "the step runs once the bundle is merged")
            try t.district.database.execute("INSERT INTO notes_about_bundles VALUES (?)", [.text(bundle.lastPathComponent)])
            throw Injected()
        })) { XCTAssertTrue($0 is Injected, "\($0)") }
        XCTAssertNil(try t.district.value("persons", p, "full_name"), "the merge was rolled back with the failed step")
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM notes_about_bundles")?.integer, 0, "and so was the record")
        XCTAssertEqual(try t.district.peer(SiteID("s001")!).merged, 0, "the sender is not credited with what was rolled back")
        XCTAssertNil(try t.district.rowState(table: "persons", id: p))

        // The same bundle merges whole once the step succeeds, the record with it.
        let r = try t.district.importBundle(at: bundle, keyFor: t.key(for:), policy: MergePolicies.schoolsWriteOwnRows, afterMerge: { _ in
            try t.district.database.execute("INSERT INTO notes_about_bundles VALUES (?)", [.text(bundle.lastPathComponent)])
        })
        XCTAssertEqual(r.rowsChanged, 1)
        XCTAssertEqual(try t.district.value("persons", p, "full_name"), .text("Петрова А. В."))
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM notes_about_bundles")?.integer, 1)
        XCTAssertEqual(try t.district.rowState(table: "persons", id: p)?.orgID, "s001")
    }

    func testAFullExchangeMovesAlongItsTransitions() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s1 = SiteID("s001")!
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        XCTAssertEqual(try t.district.peer(s1).fullExchange, FullExchange())

        // Ordered: owed and asked for; the reply is full and carries the resync command.
        try t.district.orderFullExchange(with: s1)
        try t.district.leapCounter()  // as a resync does: the full reply claims counters no school has seen
        XCTAssertEqual(try t.district.peer(s1).fullExchange.outgoing, .owed)
        XCTAssertTrue(try t.district.peer(s1).fullExchange.isRequested)
        let reply = try t.district.exportBundle(to: t.mail, recipient: s1, key: t.keys[s1]!)
        XCTAssertTrue(reply.header.isFull)
        XCTAssertTrue(reply.header.commands.contains { $0.name == BundleHeader.Command.resync })
        let through = reply.header.knowledge[t.district.site]
        XCTAssertEqual(try t.district.peer(s1).fullExchange.outgoing, .sent(through: through))

        // A bundle the school wrote before it merged the full reply changes nothing of it.
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.peer(s1).fullExchange.outgoing, .sent(through: through))
        XCTAssertTrue(try t.district.peer(s1).fullExchange.isRequested)

        // The school merges it: it owes a full re-send, once.
        let merged = try t.schoolMerges("s001", reply.url)
        XCTAssertEqual(merged.fullExchange.outgoing, .owed)
        let resend = try t.school("s001").exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s1]!)
        XCTAssertTrue(resend.header.isFull)
        XCTAssertEqual(try t.school("s001").peer(t.district.site).fullExchange.outgoing, .none, "a school's debt is paid once written")

        // The district merges the full re-send, which also covers the full reply: both ends close.
        let r = try t.districtMerges(resend.url)
        XCTAssertTrue(r.fullExchangeBefore.isRequested)
        XCTAssertEqual(r.fullExchange, FullExchange())
        XCTAssertFalse(try t.district.exportBundle(to: t.mail, recipient: s1, key: t.keys[s1]!).header.isFull)
    }

    func testASchoolAskingForEverythingIsOwedItOnceUntilItHasIt() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s1 = SiteID("s001")!
        try t.district.insert("organizations", ["org_id": "district", "name": "ЦРО"])
        try t.school("s001").requestFullCopy(from: t.district.site)
        let up = try t.upload("s001")
        let r = try t.districtMerges(up)
        XCTAssertEqual(r.fullExchange.outgoing, .owed)
        XCTAssertFalse(r.fullExchange.isRequested, "a school's request is no resync order")
        let reply = try t.reply("s001")
        let sent = try t.district.peer(s1).fullExchange.outgoing
        // Asking again while the full reply is on its way does not start over.
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.peer(s1).fullExchange.outgoing, sent)
        try t.schoolMerges("s001", reply)
        XCTAssertFalse(try t.school("s001").peer(t.district.site).fullExchange.isRequested, "a full reply answers the request")
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.peer(s1).fullExchange, FullExchange())
    }

    /// The courier's round: at each visit the school sends first and takes the reply after, so
    /// its bundle always knows one reply less than the district has written (and the district
    /// writes between visits). The district's
    /// replies go full until the school has merged one full reply, not until it has merged the
    /// latest one — which it never has at the district's next ingest, so every reply stayed full.
    func testRepliesGoBackToChangesOnceTheSchoolMergedAFullOneOnACouriersRound() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s1 = SiteID("s001")!
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        try t.district.orderFullExchange(with: s1)
        try t.district.leapCounter()
        var reply = try t.district.exportBundle(to: t.mail, recipient: s1, key: t.keys[s1]!)
        var full = [reply.header.isFull]
        for _ in 0..<4 {
            let sent = try t.upload("s001")                 // the visit: the school sends first,
            _ = try t.schoolMerges("s001", reply.url)       // then merges the reply on the stick
            try t.districtMerges(sent)
            // The coordinator works between visits (an event of the roadmap): the district's clock moves.
            try t.district.insert("events", ["org_id": "district", "title": .text("Семинар \(full.count)")])
            reply = try t.district.exportBundle(to: t.mail, recipient: s1, key: t.keys[s1]!)
            full.append(reply.header.isFull)
        }
        XCTAssertEqual(full, [true, true, false, false, false])
        XCTAssertEqual(try t.district.peer(s1).fullExchange, FullExchange())
    }

    /// A full exchange asked for without the clock leap of a resync (a school starting afresh):
    /// a bundle the school wrote before merging the full reply does not end it.
    func testABundleWrittenBeforeTheFullReplyDoesNotEndTheExchange() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s1 = SiteID("s001")!
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "А"])
        try t.syncAll()
        try t.district.orderFullExchange(with: s1)
        let full = try t.district.exportBundle(to: t.mail, recipient: s1, key: t.keys[s1]!)
        XCTAssertTrue(full.header.isFull)
        try t.districtMerges(try t.upload("s001"))  // written before the school took the full reply
        XCTAssertTrue(try t.district.peer(s1).fullExchange.sendsFull, "the full reply may be lost: replies stay full")
        _ = try t.schoolMerges("s001", full.url)
        try t.districtMerges(try t.upload("s001"))
        XCTAssertFalse(try t.district.peer(s1).fullExchange.sendsFull, "merged: replies go back to changes")
    }

    func testIdentityIsReadableWithoutOpeningAReplica() throws {
        let t = try TestDistrict(schools: ["s001"])
        let db = try Database(path: t.scratch.path("s001.db").path)
        let id = try XCTUnwrap(try Replica.identity(of: db))
        XCTAssertEqual(id.site, SiteID("s001"))
        XCTAssertEqual(id.role, .school)
        XCTAssertEqual(id.district, SiteID("district"))
        XCTAssertEqual(id.schemaVersion, RegistrySchema.schema.version)
        let plain = try Database(path: t.scratch.path("plain.db").path)
        XCTAssertNil(try Replica.identity(of: plain))
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The daemon's loop without a process, a timer or a signal: tests call `passOnce()`, and an
/// interval of 0 switches the loop off (Litestream's pattern), so nothing here sleeps.
final class DistrictDaemonTests: XCTestCase {
    var scratch: ScratchDirectory!
    var home: DistrictHome!
    var share: Share!
    let log = CapturedOutput()

    override func setUpWithError() throws {
        scratch = ScratchDirectory("daemon")
        home = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        share = try Share.prepare(scratch.folder("share"))
    }

    override func tearDown() { home = nil; share = nil; scratch = nil }

    /// A school enrolled by this district that drops a bundle of `rows` persons into the share's inbox.
    func dropBundle(from site: String, rows: Int) throws {
        let enrollment = try home.enroll(site: SiteID(site)!, name: "Школа \(site)", out: scratch.path("\(site).enroll"))
        let school = try SchoolHome.create(at: scratch.path("home-\(site)"), enrollment: enrollment)
        try school.database.transaction {
            let s = try school.database.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, ?, ?, 'teacher')")
            for i in 0..<rows { try s.execute([.text(UUID().uuidString.lowercased()), .text(site), .text("Учитель \(i)")]) }
        }
        _ = try SchoolSync(home: school).export(to: share.inbox)
    }

    func persons() throws -> Int { Int(try home.database.scalar("SELECT count(*) FROM persons")?.integer ?? -1) }

    func daemon(interval: TimeInterval) throws -> DistrictDaemon {
        DistrictDaemon(ingest: try DistrictIngest(home: home, log: log.eventLog), share: share, interval: interval)
    }

    func testIntervalZeroMakesOnePassAndReturns() throws {
        try dropBundle(from: "s001", rows: 3)
        let d = try daemon(interval: 0)
        d.run()
        XCTAssertEqual(try persons(), 3)
        XCTAssertFalse(d.stop.isSet)
        XCTAssertEqual(log.err.filter { $0.contains("event=pass_done") }.count, 1, "\(log.err)")
        XCTAssertTrue(log.err.last?.contains("event=serve_stopped reason=\"one pass\"") ?? false, "\(log.err)")
        XCTAssertFalse(Share.bundles(in: share.outbox(SiteID("s001")!)).isEmpty, "the school got its reply")
    }

    func testAPassOnAnUnmountedShareIsReportedAndTheNextGoodPassClearsIt() throws {
        try dropBundle(from: "s001", rows: 2)
        let d = try daemon(interval: 0)
        let moved = scratch.path("share-away")
        try FileManager.default.moveItem(at: share.url, to: moved)
        XCTAssertNil(d.passOnce())
        XCTAssertNotNil(try home.setting("share_problem"), "status shows the problem")
        XCTAssertTrue(log.err.contains { $0.contains("event=pass_failed") }, "\(log.err)")

        try FileManager.default.moveItem(at: moved, to: share.url)
        let o = try XCTUnwrap(d.passOnce())
        XCTAssertEqual(o.merged.count, 1)
        XCTAssertNil(try home.setting("share_problem"))
        XCTAssertEqual(try persons(), 2)
    }

    /// A stop requested during a pass (here by the log, as the first bundle is received) ends the
    /// loop after the bundle in hand, without waiting out the interval; the other bundle stays in
    /// the inbox for the next start.
    func testAStopDuringAPassFinishesTheBundleInHandThenEndsTheLoop() throws {
        try dropBundle(from: "s001", rows: 2)
        try dropBundle(from: "s002", rows: 2)
        let stop = StopFlag()
        let watched = CapturedOutput()
        let ingest = try DistrictIngest(home: home, log: EventLog { line in
            watched.writeErr(line)
            if line.contains("event=bundle_received ") { stop.set() }
        })
        let d = DistrictDaemon(ingest: ingest, share: share, interval: 3600, stop: stop)
        d.run()  // would sleep an hour if the stop did not end the loop
        XCTAssertEqual(try persons(), 2, "one bundle merged whole, the other left: \(watched.err)")
        XCTAssertEqual(Share.bundles(in: share.inbox).count, 1)
        XCTAssertTrue(watched.err.last?.contains("event=serve_stopped reason=signal") ?? false, "\(watched.err)")
        XCTAssertEqual(d.passOnce()?.merged.count, 0, "a stopped daemon takes nothing more")
        XCTAssertEqual(try daemon(interval: 0).passOnce()?.merged.count, 1, "the next start takes the rest")
        XCTAssertEqual(try persons(), 4)
    }
}

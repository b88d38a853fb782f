import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A district pass merges its bundles in one transaction, a savepoint per bundle
/// (DistrictIngest+Pass): a bundle that fails is undone alone, and the others are kept.
final class IngestPassTests: XCTestCase {
    var scratch: ScratchDirectory!
    var home: DistrictHome!
    var share: Share!
    let log = CapturedOutput()

    override func setUpWithError() throws {
        scratch = ScratchDirectory("ingest-pass")
        home = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        share = try Share.prepare(scratch.folder("share"))
    }

    override func tearDown() { home = nil; share = nil; scratch = nil }

    /// A school's bundle of `rows` persons dropped into the share's inbox; returns its file.
    @discardableResult
    func dropBundle(from site: String, rows: Int) throws -> URL {
        let enrollment = try home.enroll(site: SiteID(site)!, name: "Школа \(site)", out: scratch.path("\(site).enroll"))
        let school = try SchoolHome.create(at: scratch.path("home-\(site)"), enrollment: enrollment)
        try school.database.transaction {
            let s = try school.database.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, ?, ?, 'teacher')")
            for i in 0..<rows { try s.execute([.text(UUID().uuidString.lowercased()), .text(site), .text("Учитель \(i)")]) }
        }
        let before = Set(Share.bundles(in: share.inbox))
        _ = try SchoolSync(home: school).export(to: share.inbox)
        return try XCTUnwrap(Set(Share.bundles(in: share.inbox)).subtracting(before).first)
    }

    /// An ingest of this home that takes files at once (no settling time).
    func makeIngest() throws -> DistrictIngest {
        let ingest = try DistrictIngest(home: home, log: log.eventLog)
        ingest.settleSeconds = 0
        return ingest
    }

    func count(_ sql: String) throws -> Int { Int(try home.database.scalar(sql)?.integer ?? -1) }

    /// The names of the events logged so far, in order.
    func events() -> [String] {
        log.err.compactMap { line -> String? in
            guard let r = line.range(of: "event=") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != " " })
        }
    }

    func testABundleThatFailsMidPassIsUndoneAloneAndTheOthersAreKept() throws {
        try dropBundle(from: "s001", rows: 3)
        let damaged = try dropBundle(from: "s002", rows: 4)
        try dropBundle(from: "s003", rows: 5)
        // The last byte belongs to the authenticator: every row decodes and merges, then the check fails.
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: damaged)

        let ingest = try makeIngest()
        let o = try ingest.ingest(share: share)

        XCTAssertEqual(o.merged.count, 2, "\(o.quarantined)")
        XCTAssertEqual(o.quarantined.map(\.name), [damaged.lastPathComponent])
        XCTAssertEqual(o.rowsChanged, 8)
        XCTAssertEqual(try count("SELECT count(*) FROM persons"), 8)
        XCTAssertEqual(try count("SELECT count(*) FROM persons WHERE org_id = 's002'"), 0, "nothing of the damaged bundle is kept")
        XCTAssertEqual(try count("SELECT count(*) FROM msync_rows WHERE org_id = 's002'"), 0)
        XCTAssertEqual(try count("SELECT count(*) FROM msync_peers WHERE site = 's002' AND merged > 0"), 0)
        // Not signed as it was sent: recorded (in a savepoint of the pass) as a file naming s002 that failed its check.
        XCTAssertEqual(try count("SELECT count(*) FROM district_forgeries WHERE named_site = 's002'"), 1)
        XCTAssertFalse(home.database.isInTransaction, "the pass's transaction is committed")
        // Archived only once committed: each `merged` is logged after the last bundle was merged.
        let events = events()
        let lastStaged = try XCTUnwrap(events.lastIndex(of: "bundle_staged"))
        let earlyMerges = events.indices.filter { events[$0] == "merged" && $0 < lastStaged }
        XCTAssertEqual(earlyMerges, [], "\(events)")
        // s001 merged straight into the pass; s002 failed after writing, so the pass was rolled back
        // and s001 merged again in a savepoint, as were s002 (undone alone) and s003.
        XCTAssertEqual(events.filter { $0 == "pass_redone" }.count, 1, "\(events)")
        XCTAssertEqual(events.filter { $0 == "bundle_staged" }.count, 3, "\(events)")

        // Merging the same bundles again changes nothing.
        try dropBundle(from: "s004", rows: 1)
        let again = try ingest.ingest(share: share)
        XCTAssertEqual(again.rowsChanged, 1)
        XCTAssertEqual(try count("SELECT count(*) FROM persons"), 9)
    }

    /// Capture is off for a whole pass (switching it per bundle made SQLite prepare every statement
    /// again); after the pass — committed, or redone after a failing bundle — a local edit on the
    /// same connection is captured again.
    func testALocalEditAfterAPassIsCaptured() throws {
        try dropBundle(from: "s001", rows: 2)
        let damaged = try dropBundle(from: "s002", rows: 2)
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: damaged)
        let ingest = try makeIngest()
        XCTAssertEqual(try ingest.ingest(share: share).merged.count, 1)
        XCTAssertEqual(events().filter { $0 == "pass_redone" }.count, 1, "the redone path is not taken: \(events())")
        XCTAssertTrue(home.database.triggersEnabled)
        try home.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('d-1', 'district', 'Методист', 'methodologist')")
        XCTAssertEqual(try count("SELECT count(*) FROM msync_log WHERE id = 'd-1'"), 1, "the district's own edit was not captured")

        try dropBundle(from: "s003", rows: 2)
        XCTAssertEqual(try ingest.ingest(share: share).merged.count, 1)
        XCTAssertTrue(home.database.triggersEnabled)
        try home.database.execute("UPDATE persons SET full_name = 'Методист Иванова' WHERE id = 'd-1'")
        XCTAssertEqual(try count("SELECT count(*) FROM msync_log WHERE id = 'd-1'"), 1, "an edit after a committed pass was not captured (the pass folded the earlier one)")
    }

    func testAPassCommitsAtLeastEveryPassCommitSeconds() throws {
        for n in 1...3 { try dropBundle(from: "s00\(n)", rows: 2) }
        let ingest = try makeIngest()
        ingest.passCommitSeconds = 0
        let o = try ingest.ingest(share: share)
        XCTAssertEqual(o.merged.count, 3)
        // Each bundle commits on its own: staged, merged, staged, merged, …
        let merges = events().filter { $0 == "bundle_staged" || $0 == "merged" }
        XCTAssertEqual(merges, ["bundle_staged", "merged", "bundle_staged", "merged", "bundle_staged", "merged"])
        XCTAssertEqual(try count("SELECT count(*) FROM persons"), 6)
    }

    /// The inode of a file, and how many names it has.
    func inode(_ url: URL) throws -> (ino: UInt, links: UInt) {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return (UInt(st.st_ino), UInt(st.st_nlink))
    }

    /// Where the pass archived `name`.
    func archived(_ name: String) throws -> URL {
        let days = try FileManager.default.contentsOfDirectory(at: home.archive, includingPropertiesForKeys: nil)
        return try XCTUnwrap(days.map { $0.appendingPathComponent(name) }.first { FileManager.default.fileExists(atPath: $0.path) })
    }

    /// One pass, which must merge `bundle` (of `rows` persons) whole and take it off the share;
    /// returns the inode of the file it archived.
    func passArchiving(_ bundle: URL, rows: Int) throws -> UInt {
        let o = try makeIngest().ingest(share: share)
        XCTAssertEqual(o.merged, [bundle.lastPathComponent])
        XCTAssertEqual(try count("SELECT count(*) FROM persons"), rows)
        XCTAssertEqual(Share.bundles(in: share.inbox), [], "taken off the share")
        return try inode(archived(bundle.lastPathComponent)).ino
    }

    func testABundleOnTheHomesFileSystemIsTakenByARenameNotACopy() throws {
        let bundle = try dropBundle(from: "s001", rows: 3)
        let before = try inode(bundle)
        XCTAssertEqual(try passArchiving(bundle, rows: 3), before.ino, "the very file, moved")
    }

    func testABundleWithAnotherNameIsCopiedAndTheOtherNameLeftAlone() throws {
        let bundle = try dropBundle(from: "s001", rows: 3)
        let other = scratch.path("another-name.msync")
        XCTAssertEqual(link(bundle.path, other.path), 0)
        let original = try Data(contentsOf: bundle)
        let before = try inode(bundle)
        // Through its other name the file could still change: the district keeps a copy of its own.
        XCTAssertNotEqual(try passArchiving(bundle, rows: 3), before.ino)
        XCTAssertEqual(try inode(other).links, 1)
        XCTAssertEqual(try Data(contentsOf: other), original)
    }

    /// An open conflict the pass cannot read (one naming a site id no site may have, as a damaged
    /// registry could hold): settling the conflicts a later write replaced fails, and the pass's
    /// bundles are kept all the same (they were rolled back and retried at every pass).
    func testAConflictThatCannotBeReadCostsThePassNothing() throws {
        try home.database.execute("""
            INSERT INTO msync_conflicts(id, tbl, row_id, col, winner_value, winner_counter, winner_site, loser_value, loser_counter, loser_site,
              detected_by, detected_counter, detected_at, status) VALUES ('c-ghost', 'persons', 'ghost', 'position', 'а', 5, 'not a site!', 'б', 4, 'district', 'district', 6, 0, 'open')
            """)
        try dropBundle(from: "s001", rows: 3)
        let outcome = try makeIngest().ingest(share: share)
        XCTAssertEqual(outcome.merged.count, 1, "\(outcome.retryLater)")
        XCTAssertTrue(outcome.retryLater.isEmpty, "\(outcome.retryLater)")
        XCTAssertEqual(try count("SELECT count(*) FROM persons WHERE org_id = 's001'"), 3)
        XCTAssertTrue(events().contains("conflicts_replaced_failed"), "\(events())")
    }

    func testAPassLeavesWhatItMergedInTheDatabaseFileItself() throws {
        try dropBundle(from: "s001", rows: 3)
        XCTAssertEqual(try makeIngest().ingest(share: share).merged.count, 1)
        // The pass's checkpoint copied its pages out of the write-ahead log: the database file alone,
        // without its log, holds the rows (SQLite by itself leaves a small transaction in the log).
        let copy = scratch.path("file-alone.db")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: home.database.path), to: copy)
        let alone = try Database(path: copy.path)
        XCTAssertEqual(try alone.scalar("SELECT count(*) FROM persons")?.integer, 3)
        // And SQLite's own checkpoints are on again for whatever else the district writes.
        XCTAssertEqual(try home.database.scalar("PRAGMA wal_autocheckpoint")?.integer, 1000)
    }
}

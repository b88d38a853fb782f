import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The daemon keeps its registry open for months: every pass checks that capture is in place.
final class DaemonCaptureTests: XCTestCase {
    final class Lines: @unchecked Sendable {  // guarded by its lock
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.withLock { lines.append(s) } }
        var all: [String] { lock.withLock { lines } }
    }

    func testEveryPassReArmsCaptureAnotherProgramTookAway() throws {
        let scratch = ScratchDirectory("daemon-capture")
        let home = try DistrictHome.create(at: scratch.folder("district"), site: SiteID("district")!, name: "Район")
        let share = try Share.prepare(scratch.folder("share"))
        let lines = Lines()
        let ingest = try DistrictIngest(home: home, log: EventLog { lines.add($0) })
        _ = try ingest.ingest(share: share)
        XCTAssertFalse(lines.all.contains { $0.contains("capture_rearmed") })

        // While the daemon runs, DB Browser rebuilds a table and the coordinator adds a row in it.
        let other = try Database(path: home.replica.database.path)
        let cols = (["id"] + RegistrySchema.events.cellNames).map(SQL.identifier).joined(separator: ", ")
        try other.transaction {
            try other.execute(RegistrySchema.events.createSQL.replacingOccurrences(of: "\"events\"", with: "\"events_new\""))
            try other.execute("INSERT INTO events_new (\(cols)) SELECT \(cols) FROM events")
            try other.execute("DROP TABLE events")
            try other.execute("ALTER TABLE events_new RENAME TO events")
        }
        try other.execute("INSERT INTO events(id, org_id, title, starts_on) VALUES ('ev', 'district', 'Форум', '2026-12-01')")

        _ = try ingest.ingest(share: share)
        let line = lines.all.first { $0.contains("event=capture_rearmed") }
        XCTAssertNotNil(line, lines.all.joined(separator: "\n"))
        XCTAssertTrue(line?.contains("tables=events inserted=1") ?? false, line ?? "")
        try home.replica.fold()
        XCTAssertEqual(try home.replica.database.scalar("SELECT alive FROM msync_rows WHERE id = 'ev'")?.integer, 1)
    }
}

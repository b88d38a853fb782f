import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport
import MentorSyncDemo

/// kill -9 of the real school tool at random moments of the migration of a 100,000-row home from
/// schema 1 to schema 2 (issue 15): the home is either version 1 intact or version 2 complete,
/// passes `integrity_check`, holds every row, and the next command finishes the upgrade.
/// `MENTORSYNC_CRASH_SEED` replays a run (the seed is printed).
final class MigrationCrashTests: XCTestCase {
    static let rows = 100_000
    static let trials = 12

    func testKillingAMigrationAtRandomMomentsLeavesVersion1IntactOrVersion2Complete() throws {
        let world = try CLIWorld(schools: [])
        let template = try SchemaMigrationCLITests.makeV1School(world, "s001", persons: Self.rows)
        do {
            // Capture folded beforehand, so the command's time is the migration's.
            let replica = try Replica(path: template.appendingPathComponent("registry.db").path, schema: RegistrySchema.v1)
            _ = try replica.fold()
        }
        let seed: UInt64 = ProcessInfo.processInfo.environment["MENTORSYNC_CRASH_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0..<1_000_000_000)
        var rng = SplitMix64(seed: seed)

        func copy(_ i: Int) throws -> URL {
            let home = world.scratch.path("trial-\(i)")
            try FileManager.default.copyItem(at: template, to: home)
            return home
        }
        let calibration = try copy(-1)
        let t0 = Date()
        let r = try ToolRunner.run("mentorsync-school", ["list", "events", "--home", calibration.path])
        let duration = Date().timeIntervalSince(t0)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertEqual(try state(calibration), 2)
        print("MigrationCrashTests: MENTORSYNC_CRASH_SEED=\(seed); an uninterrupted migration of \(Self.rows) rows takes \(String(format: "%.2f", duration)) s")

        var seen: [Int: Int] = [:]
        var window = KillWindow(calibration: duration)
        var killed = 0
        for i in 0..<Self.trials {
            let home = try copy(i)
            let delay = window.delay(&rng)
            let begun = Date()
            let p = try ToolRunner.start("mentorsync-school", ["list", "events", "--home", home.path],
                                         log: world.scratch.path("trial-\(i).log"))
            usleep(UInt32(delay * 1_000_000))
            if p.isRunning && kill(p.processIdentifier, SIGKILL) == 0 { killed += 1 } else { window.finished(after: Date().timeIntervalSince(begun)) }
            p.waitUntilExit()
            let what = "trial \(i) (kill after \(String(format: "%.3f", delay)) s, seed \(seed))"
            let version = try state(home, what)
            seen[version, default: 0] += 1
            // The next command finishes the upgrade, whatever the kill left.
            let again = try ToolRunner.run("mentorsync-school", ["status", "--json", "--home", home.path])
            XCTAssertEqual(again.exitCode, 0, "\(what): \(again.output)")
            XCTAssertEqual(try state(home, what), 2, what)
            let backup = try Database(path: home.appendingPathComponent("registry.db.v1.bak").path)
            XCTAssertEqual(try backup.scalar("SELECT schema_version FROM msync_site")?.integer, 1, what)
            XCTAssertEqual(try backup.scalar("SELECT count(*) FROM persons")?.integer, Int64(Self.rows), what)
        }
        print("MigrationCrashTests: \(Self.trials) trials, \(killed) killed; left at version 1: \(seen[1] ?? 0), at version 2: \(seen[2] ?? 0)")
        XCTAssertGreaterThan(killed, Self.trials / 2, "most trials must actually kill the process")
    }

    /// The schema version the home is at, after checking it is wholly that version and lost nothing.
    private func state(_ home: URL, _ what: String = "") throws -> Int {
        let db = try Database(path: home.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try db.integrityCheck(), "ok", what)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, Int64(Self.rows), what)
        let version = Int(try db.scalar("SELECT schema_version FROM msync_site")?.integer ?? 0)
        let network = try SchemaMigrationCLITests.columns(db, "mentors").contains("network")
        let kind = try SchemaMigrationCLITests.columns(db, "events").contains("kind")
        let added = try ["diagnostics", "trainings", "contest_entries", "event_participants"].filter { try db.tableExists($0) }.count
        let triggers = try db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'diagnostics'")?.integer ?? 0
        switch version {
        case 1:
            XCTAssertFalse(network || kind || added > 0, "\(what): version 1 with parts of version 2")
        case 2:
            XCTAssertTrue(network && kind && added == 4 && triggers > 0, "\(what): version 2 incomplete")
        default:
            XCTFail("\(what): schema version \(version)")
        }
        return version
    }
}

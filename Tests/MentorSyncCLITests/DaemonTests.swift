import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class DaemonTests: XCTestCase {
    /// A bundle of `rows` persons from s001, written into `dir`.
    func bundle(_ w: CLIWorld, rows: Int, into dir: URL) throws -> URL {
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try home.database.transaction {
            let s = try home.database.prepare("INSERT INTO persons(id, org_id, full_name, role, position) VALUES (?, 's001', ?, 'teacher', 'учитель')")
            for i in 0..<rows { try s.execute([.text(UUID().uuidString.lowercased()), .text("Учитель номер \(i)")]) }
        }
        return try SchoolSync(home: home).export(to: dir).url
    }

    func persons(_ w: CLIWorld) throws -> Int {
        let db = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try db.integrityCheck(), "ok")
        return Int(try db.scalar("SELECT count(*) FROM persons")?.integer ?? -1)
    }

    func testDaemonPicksUpDroppedFilesIncludingOneWrittenSlowly() throws {
        let w = try CLIWorld(schools: ["s001"])
        let log = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: log)
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }

        let first = try bundle(w, rows: 3, into: w.scratch.folder("out1"))
        try FileManager.default.copyItem(at: first, to: w.stick.appendingPathComponent("inbox/\(first.lastPathComponent)"))
        XCTAssertTrue(try ToolRunner.waitUntil { try self.persons(w) == 3 }, (try? String(contentsOf: log, encoding: .utf8)) ?? "")

        // A naive copy straight under the final name, in pieces, with pauses between them.
        let second = try Data(contentsOf: try bundle(w, rows: 2000, into: w.scratch.folder("out2")))
        let target = w.stick.appendingPathComponent("inbox/s001-slow.msync")
        FileManager.default.createFile(atPath: target.path, contents: nil)
        let handle = try FileHandle(forWritingTo: target)
        let pieces = 4
        let size = second.count / pieces + 1
        for i in 0..<pieces {
            try handle.write(contentsOf: second[(i * size)..<min(second.count, (i + 1) * size)])
            try handle.synchronize()
            Thread.sleep(forTimeInterval: 1.2)
        }
        try handle.close()
        XCTAssertTrue(try ToolRunner.waitUntil { try self.persons(w) == 2003 }, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(text.contains("event=bundle_waiting file=s001-slow.msync"), text)
        XCTAssertFalse(text.contains("event=rejected"), text)
        XCTAssertEqual(Share.bundles(in: w.districtHome.appendingPathComponent("quarantine")).count, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: w.stick.appendingPathComponent("outbox/s001").path))
        XCTAssertFalse(Share.bundles(in: w.stick.appendingPathComponent("outbox/s001")).isEmpty, "a reply was written")

        daemon.terminate()
        daemon.waitUntilExit()
        XCTAssertEqual(daemon.terminationStatus, 0)
        XCTAssertTrue(try String(contentsOf: log, encoding: .utf8).contains("event=serve_stopped"))
    }

    func testASecondDaemonOnTheSameHomeRefuses() throws {
        let w = try CLIWorld(schools: [])
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: w.scratch.path("a.log"))
        defer { daemon.terminate(); daemon.waitUntilExit() }
        XCTAssertTrue(ToolRunner.waitUntil { (try? String(contentsOf: w.scratch.path("a.log"), encoding: .utf8))?.contains("serve_started") ?? false })
        let second = try w.district("serve", "--share", w.stick.path)
        XCTAssertEqual(second.exitCode, 1)
        XCTAssertTrue(second.stderr.contains("already running"), second.stderr)
        XCTAssertTrue(second.stderr.contains("pid \(daemon.processIdentifier)"), second.stderr)
    }

    func testSIGTERMDuringALargeMergeFinishesTheBundleThenExits() throws {
        let w = try CLIWorld(schools: ["s001"])
        let big = try bundle(w, rows: 60_000, into: w.stick.appendingPathComponent("inbox"))
        _ = big
        let log = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: log)
        XCTAssertTrue(ToolRunner.waitUntil { (try? String(contentsOf: log, encoding: .utf8))?.contains("event=bundle_received") ?? false })
        daemon.terminate()  // SIGTERM while the merge runs
        daemon.waitUntilExit()
        XCTAssertEqual(daemon.terminationStatus, 0, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        XCTAssertEqual(try persons(w), 60_000, "the bundle in hand is finished before exiting")
    }

    func testSecondSignalExitsAtOnceAndLeavesNothingHalfMerged() throws {
        let w = try CLIWorld(schools: ["s001"])
        _ = try bundle(w, rows: 60_000, into: w.stick.appendingPathComponent("inbox"))
        let log = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: log)
        XCTAssertTrue(ToolRunner.waitUntil { (try? String(contentsOf: log, encoding: .utf8))?.contains("event=bundle_received") ?? false })
        daemon.terminate()
        usleep(20_000)
        daemon.terminate()
        daemon.waitUntilExit()
        let n = try persons(w)
        XCTAssertTrue(n == 0 || n == 60_000, "all or nothing, got \(n)")
        // Whatever happened, the next pass completes the work.
        let again = try w.district("ingest", "--share", w.stick.path)
        expectOK(again)
        XCTAssertEqual(try persons(w), 60_000)
    }
}

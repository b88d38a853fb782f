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

    /// Starts `serve` on a stick whose inbox holds one large bundle, and waits until the daemon says
    /// it took the bundle: the merge runs from then on (seconds for 60,000 rows).
    func serveWithALargeMergeUnderWay(_ w: CLIWorld, rows: Int) throws -> (Process, URL) {
        _ = try bundle(w, rows: rows, into: w.stick.appendingPathComponent("inbox"))
        let log = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: log)
        XCTAssertTrue(ToolRunner.waitUntil(timeout: 60) { (try? String(contentsOf: log, encoding: .utf8))?.contains("event=bundle_received") ?? false },
                      (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        return (daemon, log)
    }

    /// The log lines holding `events`, which must appear in this order.
    func assertInOrder(_ text: String, _ events: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = text[...]
        for e in events {
            guard let r = rest.range(of: e) else { return XCTFail("'\(e)' missing or out of order in:\n\(text)", file: file, line: line) }
            rest = rest[r.upperBound...]
        }
    }

    func testSIGTERMDuringALargeMergeFinishesTheBundleThenExits() throws {
        let w = try CLIWorld(schools: ["s001"])
        let (daemon, log) = try serveWithALargeMergeUnderWay(w, rows: 60_000)
        daemon.terminate()  // SIGTERM while the merge runs
        daemon.waitUntilExit()
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertEqual(daemon.terminationReason, .exit, text)
        XCTAssertEqual(daemon.terminationStatus, 0, text)
        // The signal landed while the merge was under way (its request is logged before the merge's end),
        // and the bundle in hand was finished before the daemon stopped.
        assertInOrder(text, ["event=bundle_received", "event=stop_requested signal=TERM", "event=merged ", "event=serve_stopped reason=signal"])
        XCTAssertFalse(text.contains("event=serve_aborted"), text)
        XCTAssertEqual(try persons(w), 60_000, "the bundle in hand is finished before exiting")
    }

    func testSecondSignalExitsAtOnceAndLeavesNothingHalfMerged() throws {
        let w = try CLIWorld(schools: ["s001"])
        let (daemon, log) = try serveWithALargeMergeUnderWay(w, rows: 60_000)
        daemon.terminate()
        usleep(20_000)
        daemon.terminate()
        daemon.waitUntilExit()
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertEqual(daemon.terminationReason, .exit, text)
        XCTAssertEqual(daemon.terminationStatus, 1, "a second signal aborts: \(text)")
        assertInOrder(text, ["event=bundle_received", "event=serve_aborted reason=\"second signal\""])
        // At once: the merge under way was cut short, and SQLite rolled it back whole.
        XCTAssertFalse(text.contains("event=merged "), text)
        XCTAssertFalse(text.contains("event=serve_stopped"), text)
        XCTAssertEqual(try persons(w), 0, "nothing half-merged")
        // The next pass completes the work.
        let again = try w.district("ingest", "--share", w.stick.path)
        expectOK(again)
        XCTAssertEqual(try persons(w), 60_000)
    }
}

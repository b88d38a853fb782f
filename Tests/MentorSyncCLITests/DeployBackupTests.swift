import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Backup and restore as an administrator runs them (Deploy/BACKUP.md): online backups while the
/// daemon merges, restores that lose nothing once every school has resynced.
final class DeployBackupTests: XCTestCase {
    /// A bundle of `rows` persons from `school`, written into `dir`.
    func bundle(_ w: CLIWorld, _ school: String = "s001", rows: Int, into dir: URL) throws -> URL {
        let home = try SchoolHome.open(w.schoolHome(school))
        try home.database.transaction {
            let s = try home.database.prepare("INSERT INTO persons(id, org_id, full_name, role, position) VALUES (?, ?, ?, 'teacher', 'учитель')")
            for i in 0..<rows { try s.execute([.text(UUID().uuidString.lowercased()), .text(school), .text("Учитель номер \(i)")]) }
        }
        return try SchoolSync(home: home).export(to: dir).url
    }

    func log(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    func testABackupTakenWhileTheDaemonMergesALargeBundleRestoresConsistentlyAndResyncCompletesIt() throws {
        let w = try CLIWorld(schools: ["s001"])
        let rows = 30_000  // a merge of several seconds: many backups fall inside it
        _ = try bundle(w, rows: rows, into: w.stick.appendingPathComponent("inbox"))
        let serveLog = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: serveLog)
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        XCTAssertTrue(ToolRunner.waitUntil { self.log(serveLog).contains("event=bundle_received") }, log(serveLog))

        // Backups, one after another, while the merge runs and after it committed.
        let folder = w.scratch.folder("backups")
        var taken: [(file: URL, persons: Int, mergedBefore: Bool)] = []
        var n = 0
        while true {
            let mergedBefore = log(serveLog).contains("event=merged ")
            let out = folder.appendingPathComponent("during-\(n).db")
            let r = try w.districtBackup("--out", out.path, "--json")
            expectDone(r)
            let facts = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(facts["integrity"] as? String, "ok")
            XCTAssertEqual(try Backup.inspect(out).integrity, "ok")
            taken.append((out, try Deploy.count(out), mergedBefore))
            n += 1
            if mergedBefore { break }
            XCTAssertLessThan(n, 2000, "the merge never finished: \(log(serveLog))")
        }
        let counts = taken.map(\.persons)
        XCTAssertTrue(counts.allSatisfy { $0 == 0 || $0 == rows }, "every backup holds all of the bundle or none of it: \(counts)")
        XCTAssertEqual(counts.last, rows, "a backup after the commit has it all")
        let midMerge = try XCTUnwrap(taken.first { $0.persons == 0 }, "a backup was taken while the merge ran: \(counts)")

        // The district's disk dies just after: restore the backup taken mid-merge.
        daemon.terminate()
        daemon.waitUntilExit()
        XCTAssertEqual(daemon.terminationStatus, 0)
        let restored = try w.districtRestore(midMerge.file)
        expectDone(restored)
        XCTAssertTrue(restored.stdout.contains("resync ordered for 1 school («Школа s001» (s001))"), restored.output)
        let registry = w.districtHome.appendingPathComponent("registry.db")
        XCTAssertEqual(try Deploy.count(registry), 0, "the restored registry is the consistent moment before the commit")
        let st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((st["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, true)

        // Resync: the school re-sends everything; nothing is lost.
        try w.round()
        try w.round()
        XCTAssertEqual(try Deploy.count(registry), rows)
        let after = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((after["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, false)
    }

    func testRestoringTheDistrictThenResyncingEverySchoolLosesNothing() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Первая", "--id", "a1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Вторая", "--id", "b1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Удаляемая", "--id", "b2"))
        expectOK(try w.district("put", "events", "--set", "title=Форум наставников", "--id", "e1"))
        try w.round()
        try w.round()
        let backup = w.scratch.path("district-backup.db")
        expectDone(try w.districtBackup("--out", backup.path))

        // Work after the backup, on every side.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Первая (исправлено)", "--id", "a1"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Новая", "--id", "a2"))
        expectOK(try w.school("s002", "delete", "persons", "b2"))
        expectOK(try w.district("put", "persons", "--id", "b1", "--set", "position=методист"))  // a coordinator's correction
        try w.round()
        try w.round()
        let before = try w.rows(district: "persons")
        XCTAssertEqual(Set(before.keys), ["a1", "a2", "b1"])

        // The district's disk dies; the backup comes back.
        let restored = try w.districtRestore(backup)
        expectDone(restored)
        XCTAssertTrue(restored.stdout.contains("resync ordered for 2 schools («Школа s001» (s001), «Школа s002» (s002))"), restored.output)
        XCTAssertEqual(Set(try w.rows(district: "persons").keys), ["a1", "b1", "b2"], "the backup's moment")
        try w.round()
        try w.round()

        let now = try w.rows(district: "persons")
        XCTAssertEqual(Set(now.keys), ["a1", "a2", "b1"], "every school's rows, the deletion included")
        XCTAssertEqual(now["a1"]?["full_name"] as? String, "Первая (исправлено)")
        XCTAssertEqual(now["a2"]?["full_name"] as? String, "Новая")
        XCTAssertEqual(now["b1"]?["position"] as? String, "методист", "the correction came back with s002's full re-send")
        XCTAssertEqual(Set(try w.rows(district: "events").keys), ["e1"])
        for s in ["s001", "s002"] {
            let mine = try w.rows(school: s, "persons")
            for (id, row) in mine { XCTAssertEqual(row["full_name"] as? String, now[id]?["full_name"] as? String, "\(s) \(id)") }
        }
        let st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((st["schools"] as? [[String: Any]])?.compactMap { $0["resync_pending"] as? Bool }, [false, false])
        // New work flows as usual, and the replaced registry was kept.
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=После восстановления", "--id", "b3"))
        try w.round()
        XCTAssertNotNil(try w.rows(district: "persons")["b3"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: w.districtHome.path).filter { $0.hasPrefix("registry.db.before-restore-") }
        XCTAssertFalse(kept.isEmpty)
    }

    func testRestoringASchoolThenResyncingLosesNothingEvenWithEditsBeforeTheFirstSync() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Старая запись", "--id", "p1"))
        try w.round()
        let backups = w.scratch.folder("school-backups")
        let taken = try w.schoolBackup("s001", "--out", backups.path, "--keep", "3", "--json")
        expectDone(taken)
        let file = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(taken.stdout.utf8)) as? [String: Any])?["file"] as? String)

        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Старая запись (исправлено)", "--id", "p1"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Запись после копии", "--id", "p2"))
        try w.round()

        // The school's disk dies; the backup comes back; someone types before anything else.
        let restored = try w.schoolRestore("s001", URL(fileURLWithPath: file))
        expectDone(restored)
        XCTAssertTrue(restored.stdout.contains("mentorsync-district resync --site s001"), restored.output)
        // An edit of a row the district already holds newer writes of: without moving the counter
        // ahead it would reuse a counter the district has seen, and be dropped as already known.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Исправлено после восстановления", "--id", "p1"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Набрано сразу после восстановления", "--id", "p3"))
        expectOK(try w.district("resync", "--site", "s001"))
        try w.round()
        try w.round()

        let district = try w.rows(district: "persons")
        let school = try w.rows(school: "s001", "persons")
        for rows in [district, school] {
            XCTAssertEqual(Set(rows.keys), ["p1", "p2", "p3"])
            XCTAssertEqual(rows["p1"]?["full_name"] as? String, "Исправлено после восстановления", "the latest edit wins")
            XCTAssertEqual(rows["p2"]?["full_name"] as? String, "Запись после копии")
            XCTAssertEqual(rows["p3"]?["full_name"] as? String, "Набрано сразу после восстановления")
        }
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0)
    }

    func testBackupAndRestoreCommandsSpeakPlainlyAndInJSON() throws {
        let w = try CLIWorld(schools: ["s001"])
        let out = CapturedOutput()
        let file = w.scratch.path("plain.db")
        try BackupCommands.backup(["backup", "--out", file.path, "--home", w.districtHome.path], role: .district, console: out.console)
        XCTAssertTrue(out.out.first?.hasPrefix("backup of district written to \(file.path): ") ?? false, "\(out.out)")
        XCTAssertTrue(out.out.first?.contains("integrity ok") ?? false, "\(out.out)")
        XCTAssertTrue(out.out.last?.contains("off this machine") ?? false, "\(out.out)")

        let json = CapturedOutput()
        try BackupCommands.backup(["backup", "--json", "--out", w.scratch.path("j.db").path, "--home", w.schoolHome("s001").path], role: .school, console: json.console)
        let o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.joined(separator: "\n").utf8)) as? [String: Any])
        XCTAssertEqual(o["site"] as? String, "s001")
        XCTAssertEqual(o["role"] as? String, "school")
        XCTAssertEqual(o["integrity"] as? String, "ok")
        XCTAssertEqual(Set(o.keys), ["file", "site", "role", "bytes", "rows", "integrity", "taken_at", "seconds", "pruned"])

        // Usage errors exit 2; failures are one line and exit 1.
        var r = try w.districtBackup()
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.stderr.contains("--out is required"), r.stderr)
        r = try w.districtBackup("--out", w.scratch.path("k.db").path, "--keep", "zero")
        XCTAssertEqual(r.exitCode, 2)
        r = try w.districtBackup("--out", file.path)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("refusing to overwrite a backup"), r.stderr)
        r = try Deploy.command(.district, ["backup", "--out", w.scratch.path("s.db").path, "--home", w.schoolHome("s001").path])
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("holds a school's registry, not a district's; use mentorsync-school"), r.stderr)
        r = try w.schoolRestore("s001", file)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("not a school's"), r.stderr)

        // Restore is refused while the daemon runs on the home.
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: w.scratch.path("serve.log"))
        defer { if daemon.isRunning { daemon.terminate() }; daemon.waitUntilExit() }
        XCTAssertTrue(ToolRunner.waitUntil { self.log(w.scratch.path("serve.log")).contains("serve_started") })
        r = try w.districtRestore(file)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("already running") && r.stderr.contains("pid \(daemon.processIdentifier)"), r.stderr)
        // A backup is fine meanwhile.
        expectDone(try w.districtBackup("--out", w.scratch.path("online.db").path))
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 6 at the command line: who is let in, and what a coordinator is told.
final class SecurityCLITests: XCTestCase {
    /// A school whose reply waits on the stick when the district revokes it (its computer lost).
    func replyWaitingThenRevoked() throws -> CLIWorld {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))  // its reply waits on the stick
        expectOK(try w.district("revoke", "--site", "s001"))
        return w
    }

    func quarantineReason(_ w: CLIWorld, containing name: String) throws -> String {
        let dir = w.districtHome.appendingPathComponent("quarantine")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(name) && $0.hasSuffix(".reason.txt") }
        guard let f = files.first else { return "" }
        return try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
    }

    /// A school's code typed again by mistake changes nothing: no new name, no new key; `--again` does it.
    func testEnrollingAnEnrolledSchoolAgainNeedsAgain() throws {
        let w = try CLIWorld(schools: ["s001"])
        let other = w.scratch.path("typo.enroll")
        let r = try ToolRunner.run("mentorsync-district", ["enroll", "--site", "s001", "--name", "МБОУ Богородская СОШ", "--out", other.path,
                                                           "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertEqual(r.stderr, "mentorsync-district: школа s001 («Школа s001») уже подключена; чтобы выдать ей новый ключ (новый компьютер, потерянный файл), повторите команду с --again, а если её компьютер украден или потерян — сначала «mentorsync-district revoke --site s001»; ничего не изменено\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.path), "no enrollment file is written")
        let schools = try XCTUnwrap((try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]])
        XCTAssertEqual(schools.first?["name"] as? String, "Школа s001", "the school keeps its name")
        // Its key is the one it has: its files are taken as before.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=После опечатки", "--id", "t1"))
        try w.round()
        XCTAssertTrue(try w.district("list", "persons").stdout.contains("После опечатки"))
        // Enrolled again, the school keeps its name when none is given.
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--out", other.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.path))
        let after = try XCTUnwrap((try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]])
        XCTAssertEqual(after.first?["name"] as? String, "Школа s001")
    }

    /// A reply waiting on the share for a school revoked since is taken away by the next pass: the
    /// stolen computer syncing there reads nothing of it. Another school's reply stays.
    func testTheNextPassTakesARevokedSchoolsRepliesOffTheShare() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=До кражи"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.school("s002", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        func replies(_ site: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: w.stick.appendingPathComponent("outbox/\(site)").path).filter { $0.hasSuffix(".msync") }
        }
        XCTAssertEqual(try replies("s001").count, 1)
        expectOK(try w.district("revoke", "--site", "s001"))
        let pass = try w.district("ingest", "--share", w.stick.path, "--json")
        expectOK(pass)
        let removed = (try XCTUnwrap(try w.json(pass) as? [String: Any]))["revoked_replies_removed"] as? [String]
        XCTAssertEqual(removed?.count, 1, pass.output)
        XCTAssertEqual(try replies("s001"), [], "the revoked school's reply is gone")
        XCTAssertEqual(try replies("s002").count, 1, "another school's reply stays")
        let stolen = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertTrue(stolen.stdout.contains("no reply from the district on this share yet"), stolen.output)
        // Enrolled again: the replies of its new key are left alone.
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", w.scratch.path("s001-new.enroll").path))
        expectOK(try w.district("resync", "--site", "s001"))
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3, "the stolen computer's file is quarantined")
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertEqual(try replies("s001").count, 1, "a reply with the new key stays")
    }

    /// Enrolled again for a new computer, the old one still syncing in its grace period is answered
    /// with the old key; revoked then (the old one was stolen), that reply goes off the share too.
    func testARevokeTakesOffRepliesSignedWithTheKeyInItsGracePeriod() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", w.scratch.path("new.enroll").path))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Со старого компьютера"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let outbox = w.stick.appendingPathComponent("outbox/s001")
        func replies() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix(".msync") } }
        XCTAssertEqual(try replies().count, 1, "answered with the old key")
        expectOK(try w.district("revoke", "--site", "s001"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertEqual(try replies(), [], "the reply signed with the key of its grace period is gone too")
    }

    func testRevokedSchoolIsRefusedAtOnceWithAReasonNamingTheFix() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=До кражи"))
        try w.round()
        let revoked = try w.district("revoke", "--site", "s001")
        expectOK(revoked)
        XCTAssertTrue(revoked.stdout.hasPrefix("Школа s001 (s001) revoked: "), "the school by its name: \(revoked.stdout)")
        XCTAssertTrue(revoked.stdout.contains("to give the school a new key: mentorsync-district enroll --again --site s001 --out s001.enroll"),
                      "the way back, as a command she can type: \(revoked.stdout)")
        let advice = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertTrue("\(advice)".contains("enroll --again --site"), "\(advice)")
        // Nothing is sent to it: its «not yet there» is a dash, not a backlog.
        expectOK(try w.district("put", "events", "--set", "title=Форум наставников"))
        let table = try w.district("status").stdout.split(separator: "\n").first { $0.contains(" s001 ") }.map(String.init) ?? ""
        XCTAssertNotNil(table.range(of: #"\s[0-9]+\s+—\s+[0-9]+$"#, options: .regularExpression), "rows, a dash, conflicts: \(table)")
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=После кражи", "--id", "stolen"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let r = try w.district("ingest", "--share", w.stick.path)
        XCTAssertEqual(r.exitCode, 3)
        XCTAssertTrue(try quarantineReason(w, containing: "s001").contains("was revoked on"), r.output)
        XCTAssertTrue(try quarantineReason(w, containing: "s001").contains("re-enroll the school"))
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertFalse(rows.contains { $0["id"] as? String == "stolen" })
        // Re-enrolling gives a new key; the stolen machine's key gets no grace period.
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))  // still the stolen key
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        try w.round()
        let after = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(after.contains { $0["id"] as? String == "stolen" })
        // Enrolled again and synced: the school is no longer told it was revoked.
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertFalse("\(status["rejections"] ?? "")".contains("was revoked"), "\(status["rejections"] ?? "")")
    }

    /// A file the district merged before the school's key was revoked, dropped on the share again
    /// (an old stick carried back): archived again as the replay it is, no stolen-computer alarm.
    func testAnOldMergedFileReplayedAfterARevokeRaisesNoAlarm() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=До кражи"))
        try w.round()
        let archived = try XCTUnwrap(FileManager.default.enumerator(at: w.districtHome.appendingPathComponent("archive"), includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.first { $0.lastPathComponent.hasPrefix("s001-") && $0.pathExtension == "msync" })
        let old = w.scratch.path("old-\(archived.lastPathComponent)")
        try FileManager.default.copyItem(at: archived, to: old)
        expectOK(try w.district("revoke", "--site", "s001"))
        Thread.sleep(forTimeInterval: 1.1)  // the district tells «accepted since the revocation» by the second
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path))
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        try w.round()
        Thread.sleep(forTimeInterval: 1.1)
        try FileManager.default.copyItem(at: old, to: w.stick.appendingPathComponent("inbox").appendingPathComponent(archived.lastPathComponent))
        let r = try w.district("ingest", "--share", w.stick.path)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stderr.contains("event=bundle_replayed"), r.stderr)
        let json = try XCTUnwrap(((try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]])?.first)
        XCTAssertEqual(json["stray_computer_files"] as? Int, 0, "\(json)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: w.districtHome.appendingPathComponent("quarantine").path).filter { $0.hasSuffix(".msync") }, [])
        // A file of the revoked key the district never merged is still the lost computer's.
        var bytes = try Data(contentsOf: old)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(archived.lastPathComponent))
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
    }

    /// The stolen computer goes on writing after the school was enrolled again: its files are
    /// refused, the coordinator reads where they come from, and the school is not told of them
    /// (it was told «re-enroll the school», which it had just done).
    func testTheStolenComputersFilesAfterReEnrollingAreToldToTheCoordinatorAlone() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=До кражи"))
        try w.round()
        // The thief's copy of the school's home.
        let stolen = w.scratch.path("stolen-home")
        try FileManager.default.copyItem(at: w.schoolHome("s001"), to: stolen)
        expectOK(try w.district("revoke", "--site", "s001"))
        Thread.sleep(forTimeInterval: 1.1)  // the district tells «accepted since the revocation» by the second
        let fresh = w.scratch.path("s001-new.enroll")
        let again = try ToolRunner.run("mentorsync-district", ["enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path,
                                                               "--home", w.districtHome.path], environment: ToolLocale.russian)
        expectOK(again)
        XCTAssertTrue(again.stdout.contains("В школе: «Состояние» → «Новый файл подключения» в её веб-приложении, выберите s001-new.enroll и нажмите «Установить» (данные школы останутся)."), again.stdout)
        XCTAssertTrue(again.stdout.contains("подключена заново (новый ключ; школа была отключена, поэтому старый ключ не принимается)"), again.stdout)
        // Until the school installs it, the coordinator is told the new file waits (the old key refused).
        let waiting = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian.merging(["COLUMNS": "400"]) { $1 })
        XCTAssertTrue(waiting.stdout.contains("школе выдан новый файл подключения, а она его ещё не установила; старый ключ не принимается"), waiting.stdout)
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        try w.round()
        Thread.sleep(forTimeInterval: 1.1)  // files are told apart by the second they were written in
        expectOK(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=С украденного", "--id", "thief", "--home", stolen.path]))
        _ = try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", stolen.path])
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        let reason = try quarantineReason(w, containing: "s001")
        XCTAssertTrue(reason.contains("signed with the key s001 had when it was revoked on") && reason.contains("lost or stolen computer"), reason)
        XCTAssertTrue(reason.contains("причина: пакет подписан ключом, который был у школы s001, когда её отключили"), reason)
        XCTAssertFalse(((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]]) ?? []).contains { $0["id"] as? String == "thief" })
        let russian = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 })
        XCTAssertTrue(russian.stdout.contains("пакет подписан ключом, который был у школы s001, когда её отключили"), russian.stdout)
        // The school syncs on, and hears nothing of the thief's files.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=После кражи"))
        try w.round()
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual((status["rejections"] as? [Any])?.count, 0, "\(status["rejections"] ?? "")")
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0)
        // The coordinator is still told of the stolen computer after the school's next good bundle
        // (it sent with its new key before the thief's file came: the file is not the school's).
        let still = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian.merging(["COLUMNS": "400"]) { $1 })
        XCTAssertTrue(still.stdout.contains("с отключённого (потерянного или украденного) компьютера школы за 30 дней пришло файлов: 1"), still.stdout)
        let json = try XCTUnwrap(((try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]])?.first)
        XCTAssertEqual(json["stray_computer_files"] as? Int, 1, "\(json)")

        // A second computer stolen later: revoked and enrolled again once more. Both thieves' files are
        // told as files of revoked keys — the first key is not forgotten.
        let second = w.scratch.path("second-stolen-home")
        try FileManager.default.copyItem(at: w.schoolHome("s001"), to: second)
        expectOK(try w.district("revoke", "--site", "s001"))
        Thread.sleep(forTimeInterval: 1.1)  // the district tells «accepted since the revocation» by the second
        let third = w.scratch.path("s001-third.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", third.path))
        // The school's own computer, before it installs the new file, writes once more with the key
        // now revoked (that file goes another way); then it installs the file and syncs. Both its files
        // and the second thief's, written later, come in one pass, in any order: only the thief's is
        // the stolen computer's.
        let aside = w.scratch.folder("aside"), elsewhere = w.scratch.folder("elsewhere")
        for folder in [aside, elsewhere] { expectOK(try w.district("ingest", "--share", folder.path)) }  // folders made ready
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Перед новым файлом"))
        _ = try w.school("s001", "sync", "--share", aside.path)
        expectOK(try w.school("s001", "rekey", "--enroll", third.path))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        Thread.sleep(forTimeInterval: 1.1)
        expectOK(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Ещё с украденного", "--id", "thief-3", "--home", second.path]))
        _ = try ToolRunner.run("mentorsync-school", ["sync", "--share", elsewhere.path, "--home", second.path])
        // Taken in their names' order: the school's own old file before its new bundle, the thief's after.
        for (folder, prefix) in [(aside, "carried-own-"), (elsewhere, "zz-carried-")] {
            for f in Share.bundles(in: folder.appendingPathComponent("inbox")) {
                try FileManager.default.moveItem(at: f, to: w.stick.appendingPathComponent("inbox").appendingPathComponent(prefix + f.lastPathComponent))
            }
        }
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let schools = try XCTUnwrap((try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]])
        XCTAssertEqual(schools.first?["stray_computer_files"] as? Int, 2, "the school's own old-key file is not counted: \(schools)")
        // The first thief writes again, with the first revoked key.
        expectOK(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Ещё с украденного", "--id", "thief-2", "--home", stolen.path]))
        _ = try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", stolen.path])
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        let reasons = try FileManager.default.contentsOfDirectory(at: w.districtHome.appendingPathComponent("quarantine"), includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasSuffix(".reason.txt") }.map { try String(contentsOf: $0, encoding: .utf8) }
        XCTAssertEqual(reasons.filter { $0.contains("signed with the key s001 had when it was revoked") }.count, 4, "\(reasons)")
        XCTAssertFalse(reasons.contains { $0.contains("bad_signature") || $0.contains("not signed with") }, "\(reasons)")
    }

    /// A reply written before the school's new enrollment file, found on the stick after it installed
    /// the file, is left alone with «nothing to do» (it told her to install the file she had just installed).
    func testAReplyWrittenBeforeReEnrollingIsLeftAloneWithNothingToDo() throws {
        let w = try replyWaitingThenRevoked()
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path))
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        let sync = try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        let said = sync.stdout + sync.stderr
        XCTAssertTrue(said.contains("записан до нового файла подключения школы и подписан прежним ключом: пропущен, делать ничего не нужно"), said)
        XCTAssertFalse(said.contains("установите новый файл подключения"), said)
        try w.round()
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0, "\(status)")
    }

    /// The school set up anew on another computer (the old one stolen) finds the district's last
    /// reply to the old computer on the stick: left alone, nothing to do, and the sync succeeds.
    func testANewComputerLeavesTheOldComputersReplyAlone() throws {
        let w = try replyWaitingThenRevoked()
        Thread.sleep(forTimeInterval: 1.1)  // the new file is issued after that reply, by the second
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path))
        let home = w.scratch.path("new-computer")
        expectOK(try ToolRunner.run("mentorsync-school", ["init", "--enroll", fresh.path, "--home", home.path]))
        let sync = try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", home.path], environment: ToolLocale.russian)
        XCTAssertEqual(sync.exitCode, 0, sync.stdout + sync.stderr)
        XCTAssertTrue((sync.stdout + sync.stderr).contains("делать ничего не нужно"), sync.stdout + sync.stderr)
        XCTAssertFalse((sync.stdout + sync.stderr).contains("установите новый файл подключения"), sync.stdout + sync.stderr)
    }

    /// A new key without a revoke (the old one has its grace period): the school syncs with the old key
    /// before it installs the file, the district answers with that key; once installed, that reply is
    /// left alone as well, and the next exchange goes with the new key.
    func testAReplySignedWithTheKeyInItsGracePeriodIsLeftAloneAfterTheNewFile() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))  // accepted with the old key; answered with it
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        let sync = try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        XCTAssertEqual(sync.exitCode, 0, sync.stdout + sync.stderr)
        XCTAssertTrue((sync.stdout + sync.stderr).contains("подписан прежним ключом: пропущен, делать ничего не нужно"), sync.stdout + sync.stderr)
        try w.round()
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0, "\(status)")
        // A reply signed with neither key is still a problem: testAReplyMovedToAnotherSchoolsOutboxIsRefused.
    }

    /// Two machines writing as one school (a copy of its home) write bundles of the same name: the
    /// second takes a free name beside the first instead of replacing it.
    func testASecondMachineDoesNotReplaceTheSchoolsBundleOfTheSameName() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let copy = w.scratch.path("copy-home")
        try FileManager.default.copyItem(at: w.schoolHome("s001"), to: copy)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Настоящая запись", "--id", "real"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Из копии", "--id", "copy", "--home", copy.path]))
        expectOK(try ToolRunner.run("mentorsync-school", ["sync", "--share", w.stick.path, "--home", copy.path]))
        let inbox = Share.bundles(in: w.stick.appendingPathComponent("inbox")).map(\.lastPathComponent)
        XCTAssertEqual(inbox.count, 2, "\(inbox)")
        XCTAssertTrue(inbox.contains { $0.hasSuffix("-2.msync") }, "\(inbox)")
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "real" }, "the school's own change arrived: \(rows)")
    }

    /// A stranger's file naming the school (another district's school of the same code, a forgery)
    /// is the coordinator's to know. Once the school's own bundles are accepted after it, its key is
    /// evidently right: the school no longer hears «подключите школу заново» at every exchange.
    func testAStrangersFileIsNoLongerToldToTheSchoolOnceItsOwnBundlesAreAccepted() throws {
        let w = try CLIWorld(schools: ["s001"])
        let other = w.scratch.path("other-district"), enroll = w.scratch.path("other-s001.enroll"), stranger = w.scratch.path("other-s001")
        expectOK(try ToolRunner.run("mentorsync-district", ["init", "--name", "Чужое управление", "--home", other.path]))
        expectOK(try ToolRunner.run("mentorsync-district", ["enroll", "--site", "s001", "--name", "Чужая школа", "--out", enroll.path, "--home", other.path]))
        expectOK(try ToolRunner.run("mentorsync-school", ["init", "--enroll", enroll.path, "--home", stranger.path]))
        expectOK(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Чужой", "--home", stranger.path]))
        expectOK(try ToolRunner.run("mentorsync-school", ["export", "--out", w.stick.appendingPathComponent("inbox").path, "--home", stranger.path]))
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        // Heard once, before any bundle of the school's own came: it may be the school's key.
        let first = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(first)
        XCTAssertTrue(flat(first.stdout).contains("подпись не совпадает"), first.stdout)
        try w.round()
        try w.round()
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(sync)
        XCTAssertFalse(flat(sync.stdout).contains("подпись не совпадает"), sync.stdout)
        let status = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertFalse(flat(status.stdout).contains("подпись не совпадает"), status.stdout)
        // The coordinator still sees it.
        let district = try w.district("status")
        XCTAssertTrue(district.stdout.contains("s001-000001-to-district.msync"), district.stdout)
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertFalse(rows.contains { $0["full_name"] as? String == "Чужой" }, "\(rows)")
    }

    func flat(_ text: String) -> String { text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }

    /// An enrollment file older than the one installed (its key replaced since, perhaps revoked) is
    /// refused: installed, the school would sign with a key the district no longer takes.
    func testAnOlderEnrollmentFileIsRefused() throws {
        let w = try CLIWorld(schools: ["s001"])
        Thread.sleep(forTimeInterval: 1.1)  // issue times are kept to the second
        let older = w.scratch.path("older.enroll"), newer = w.scratch.path("newer.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", older.path))
        Thread.sleep(forTimeInterval: 1.1)
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", newer.path))
        expectOK(try w.school("s001", "rekey", "--enroll", newer.path))
        let refused = try w.school("s001", environment: ToolLocale.russian, ["rekey", "--enroll", older.path])
        XCTAssertEqual(refused.exitCode, 1, refused.output)
        XCTAssertTrue(refused.stderr.contains("файл подключения не принят: он выдан") && refused.stderr.contains("раньше установленного"), refused.stderr)
        XCTAssertEqual(Hex.encode(try SchoolHome.open(w.schoolHome("s001")).key()), try Enrollment.read(from: newer).key)
    }

    func testRotatedKeyHasAGracePeriodThenIsRefusedNamingTheFix() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        // s001: rotated with the default grace; its old key still works, replies stay readable.
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", w.scratch.path("n1.enroll").path))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=В льготный период", "--id", "g1"))
        try w.round()
        XCTAssertTrue((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]] ?? []).contains { $0["id"] as? String == "g1" })
        XCTAssertEqual((try w.json(try w.school("s001", "status", "--json")) as? [String: Any])?["unacknowledged_changes"] as? Int, 0)
        // The coordinator is told the new file waits to be installed, and until when the old key is taken.
        func advice(_ site: String) throws -> String {
            let schools = (try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]] ?? []
            return schools.first { $0["site"] as? String == site }?["advice"] as? String ?? ""
        }
        let pending = try advice("s001")
        XCTAssertTrue(pending.hasPrefix("a new enrollment file was issued and the school does not use it yet"), pending)
        // s002: rotated with no grace; its old key is refused with the fix in the reason.
        expectOK(try w.district("enroll", "--again", "--site", "s002", "--name", "Школа s002", "--out", w.scratch.path("n2.enroll").path, "--grace-days", "0"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Старый ключ", "--id", "g2"))
        expectOK(try w.school("s002", "sync", "--share", w.stick.path))
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        XCTAssertTrue(try quarantineReason(w, containing: "s002").contains("mentorsync-school rekey --enroll FILE"))
        // Not «all is well» while its files are refused.
        let refused = try advice("s002")
        XCTAssertTrue(refused.contains("refused since its last accepted bundle"), refused)
        // The school cannot read replies signed with the new key until it installs it: a clear error.
        let sync = try w.school("s002", "sync", "--share", w.stick.path)
        XCTAssertEqual(sync.exitCode, 1)
        XCTAssertTrue(sync.stderr.contains("rekey --enroll"), sync.stderr)
        XCTAssertFalse(sync.stdout.contains("no reply from the district"), "a reply it cannot read is not «no reply»: \(sync.stdout)")
        Thread.sleep(forTimeInterval: 1.1)  // the status tells «since the last accepted bundle» by the second
        expectOK(try w.school("s002", "rekey", "--enroll", w.scratch.path("n2.enroll").path))
        try w.round()
        XCTAssertTrue((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]] ?? []).contains { $0["id"] as? String == "g2" })
        XCTAssertEqual(try advice("s002"), "ok")
        // The school's own status no longer tells it to install the file it installed.
        let told = try XCTUnwrap(try w.json(try w.school("s002", "status", "--json")) as? [String: Any])
        XCTAssertFalse("\(told["rejections"] ?? "")".contains("rekey"), "\(told["rejections"] ?? "")")
        expectOK(try w.school("s001", "rekey", "--enroll", w.scratch.path("n1.enroll").path))
        try w.round()
        XCTAssertEqual(try advice("s001"), "ok", "installed: nothing waits")
    }

    func testAReplyMovedToAnotherSchoolsOutboxIsRefused() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.district("put", "events", "--set", "title=Семинар"))
        try w.round()
        let outbox2 = w.stick.appendingPathComponent("outbox/s002")
        for f in Share.bundles(in: outbox2) { try FileManager.default.removeItem(at: f) }
        // s001's reply, moved to s002's folder and (as if the keys were the same) signed with s002's key:
        // only the recipient in its header can refuse it now.
        let reply = Share.bundles(in: w.stick.appendingPathComponent("outbox/s001"))[0]
        let doc = try BundleDocument.read(from: reply, key: try SchoolHome.open(w.schoolHome("s001")).key())
        let moved = outbox2.appendingPathComponent(reply.lastPathComponent)
        try doc.write(to: moved, key: try SchoolHome.open(w.schoolHome("s002")).key())
        let r = try w.school("s002", "import", moved.path)
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("addressed to 's001', not to 's002'"), r.stderr)
    }

    func testAClockYearsAheadShowsInStatusAndWinsNothing() throws {
        let w = try CLIWorld(schools: ["s001"])
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try RegistryEditor(replica: home.replica).put(table: "persons", sets: [("full_name", "Школа")], id: "p")
        // The school's computer believes it is ten years later.
        let future = Date().addingTimeInterval(3650 * 86400)
        _ = try home.replica.exportBundle(to: w.stick.appendingPathComponent("inbox"), recipient: home.district, key: try home.key(), now: future)
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        let s = try XCTUnwrap((st["schools"] as? [[String: Any]])?.first)
        XCTAssertEqual(s["clock_skew_days"] as? Int, 3650)
        XCTAssertTrue((s["advice"] as? String ?? "").contains("clock off by 3650 days"))
        // The coordinator corrects the row after seeing the school's version: the correction wins
        // everywhere, although the school's clock says its write is from the future.
        expectOK(try w.district("put", "persons", "--id", "p", "--set", "full_name=Координатор"))
        try w.round()
        try w.round()
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.first?["full_name"] as? String, "Координатор")
    }

    func testADamagedRegistryIsNeverServedNorOverwritten() throws {
        let w = try CLIWorld(schools: [])
        let db = w.districtHome.appendingPathComponent("registry.db")
        var bytes = try Data(contentsOf: db)
        for i in 100..<min(bytes.count, 4096) { bytes[i] = 0xA5 }
        try bytes.write(to: db)
        let serve = try w.district("serve", "--share", w.stick.path)
        XCTAssertEqual(serve.exitCode, 1)
        XCTAssertTrue(serve.stderr.contains("restore it from the latest backup"), serve.stderr)
        XCTAssertEqual(serve.stderr.split(separator: "\n").count, 1, serve.stderr)
        XCTAssertEqual(try Data(contentsOf: db), bytes, "the damaged file is left exactly as it was")
    }

    /// The units run the daemon with MENTORSYNC_LANG=ru; its key=value lines stay English all the
    /// same (DESIGN.md: the log lines are the machine interface, never translated).
    func testTheDaemonsLogLineOfAnUnmountedShareIsNotTranslated() throws {
        let w = try CLIWorld(schools: ["s001"])
        let log = w.scratch.path("serve-ru.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path],
                                          log: log, environment: ["MENTORSYNC_LANG": "ru"])
        defer { daemon.terminate(); daemon.waitUntilExit() }
        // Between passes (one moved away mid-pass fails on its own reply, not on the missing share).
        XCTAssertTrue(ToolRunner.waitUntil { (try? String(contentsOf: log, encoding: .utf8))?.contains("event=pass_done") ?? false })
        try FileManager.default.moveItem(at: w.stick, to: w.scratch.path("stick-away"))
        try FileManager.default.createDirectory(at: w.stick, withIntermediateDirectories: true)
        var line = ""
        XCTAssertTrue(ToolRunner.waitUntil {
            line = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").first { $0.contains("event=pass_failed") }.map(String.init) ?? ""
            return !line.isEmpty
        }, "no pass_failed line")
        XCTAssertTrue(line.contains("is not a mentorsync share"), line)
        XCTAssertNil(line.range(of: "[А-Яа-яЁё]", options: .regularExpression), "a translated log line: \(line)")
    }

    func testAnUnmountedShareShowsInStatusAndNothingIsSyncedEmpty() throws {
        let w = try CLIWorld(schools: ["s001"])
        let log = w.scratch.path("serve.log")
        let daemon = try ToolRunner.start("mentorsync-district", ["serve", "--share", w.stick.path, "--interval", "1", "--home", w.districtHome.path], log: log)
        defer { daemon.terminate(); daemon.waitUntilExit() }
        // Between passes (one the folder leaves mid-pass may have its last file in hand).
        XCTAssertTrue(ToolRunner.waitUntil { (try? String(contentsOf: log, encoding: .utf8))?.contains("event=pass_done") ?? false })
        // The network folder goes away; an empty mount point is left behind.
        let away = w.scratch.path("stick-away")
        try FileManager.default.moveItem(at: w.stick, to: away)
        try FileManager.default.createDirectory(at: w.stick, withIntermediateDirectories: true)
        var st: [String: Any] = [:]
        let said = try ToolRunner.waitUntil {
            st = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
            return (st["share_problem"] as? String ?? "").contains("not a mentorsync share")
        }
        XCTAssertTrue(said, "\(st)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: w.stick.path), [], "nothing written into the empty mount point")
        // The line names the likely cause (the network folder is not mounted), not only "prepare it", which
        // would lay a share out in the empty mount point; a school's sync says the same (OPERATIONS.md).
        XCTAssertTrue((st["share_problem"] as? String ?? "").contains("not connected (mounted)"), "\(st)")
        let sync = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertEqual(sync.exitCode, 1, sync.output)
        XCTAssertTrue(sync.stderr.contains("a network folder that is not connected (mounted) right now looks like this"), sync.stderr)
    }
}

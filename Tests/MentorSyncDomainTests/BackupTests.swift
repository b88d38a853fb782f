import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class BackupTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUp() { scratch = ScratchDirectory("backup") }
    override func tearDown() { scratch = nil }

    func district(_ schools: [String] = ["s001"]) throws -> DistrictHome {
        let h = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        for s in schools { try h.enroll(site: SiteID(s)!, name: "Школа \(s)", out: scratch.path("\(s).enroll")) }
        return h
    }

    func school(_ site: String = "s001", home: String? = nil) throws -> SchoolHome {
        let e = Enrollment(site: SiteID(site)!, name: "Школа \(site)", district: SiteID("district")!, districtName: "Управление",
                           key: Array(repeating: 7, count: 32))
        return try SchoolHome.create(at: scratch.path(home ?? "home-\(site)"), enrollment: e)
    }

    func addPersons(_ r: Replica, _ n: Int, org: String, prefix: String = "Учитель") throws {
        try r.database.transaction {
            let s = try r.database.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, ?, ?, 'teacher')")
            for i in 0..<n { try s.execute([.text(UUID().uuidString.lowercased()), .text(org), .text("\(prefix) \(i)")]) }
        }
    }

    func count(_ file: URL, _ table: String = "persons") throws -> Int {
        var o = Database.Options()
        o.readOnly = true
        let db = try Database(path: file.path, options: o)
        return Int(try db.scalar("SELECT count(*) FROM \(table)")?.integer ?? -1)
    }

    func testBackupIsAConsistentPrivateSingleFileCopy() throws {
        let h = try district()
        try addPersons(h.replica, 25, org: "district")
        let out = scratch.path("copy.db")
        let s = try Backup.take(home: h.url, role: .district, out: out)
        XCTAssertEqual(s.file, out)
        XCTAssertEqual(s.site, "district")
        XCTAssertEqual(s.role, "district")
        XCTAssertEqual(s.integrity, "ok")
        XCTAssertGreaterThan(s.bytes, 0)
        XCTAssertGreaterThanOrEqual(s.rows, 27, "25 persons and 2 organizations")
        XCTAssertEqual(try count(out), 25)
        // One self-contained file, readable by its owner only, no temporary left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        XCTAssertFalse(names.contains { $0.hasPrefix(".copy.db") || $0 == "copy.db-wal" }, "\(names)")
        let mode = (try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? NSNumber)?.intValue
        XCTAssertEqual(mode, 0o600)
        var o = Database.Options()
        o.readOnly = true
        XCTAssertEqual(try Database(path: out.path, options: o).scalar("PRAGMA journal_mode")?.text, "delete")
        let facts = try Backup.inspect(out)
        XCTAssertEqual(facts.site, "district")
        XCTAssertEqual(facts.role, "district")
        XCTAssertEqual(facts.schemaVersion, RegistrySchema.version)
        // The school's key travels in the backup: the restored district still authenticates it.
        XCTAssertEqual(try Database(path: out.path, options: o).scalar("SELECT count(*) FROM district_schools")?.integer, 1)
        // Inspecting never changes the backup.
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path + "-wal"))
    }

    func testBackupRefusesWhatWouldHurt() throws {
        let h = try district()
        let s = try school()
        let existing = scratch.path("exists.db")
        XCTAssertTrue(FileManager.default.createFile(atPath: existing.path, contents: Data("keep me".utf8)))
        XCTAssertThrowsError(try Backup.take(home: h.url, out: existing)) { e in
            XCTAssertEqual(e as? BackupError, .exists(existing.path))
        }
        XCTAssertEqual(try String(contentsOf: existing, encoding: .utf8), "keep me")
        let nowhere = scratch.path("no/such/folder/x.db")
        XCTAssertThrowsError(try Backup.take(home: h.url, out: nowhere)) { e in
            XCTAssertTrue("\(e)".contains("does not exist"), "\(e)")
        }
        XCTAssertThrowsError(try Backup.take(home: h.url, out: scratch.path("y.db"), keep: 3)) { e in
            XCTAssertTrue("\(e)".contains("--keep"), "\(e)")
        }
        XCTAssertThrowsError(try Backup.take(home: s.url, role: .district, out: scratch.path("z.db"))) { e in
            XCTAssertEqual("\(e)", "\(s.url.path) holds a school's registry, not a district's; use mentorsync-school for it")
        }
        XCTAssertThrowsError(try Backup.take(home: scratch.folder("empty"), out: scratch.path("w.db"))) { e in
            XCTAssertTrue(e is HomeError, "\(e)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path("z.db").path))
    }

    func testBackupsIntoAFolderGetDatedNamesAndKeepRemovesTheOldest() throws {
        let h = try district()
        let folder = scratch.folder("backups")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("mentorsync-s001-20200101-000000Z.db").path, contents: Data()))
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("notes.txt").path, contents: Data()))
        var made: [URL] = []
        for day in 0..<4 {
            let when = Date(timeIntervalSince1970: 1_790_000_000 + Double(day) * 86_400)
            let s = try Backup.take(home: h.url, out: folder, keep: 2, now: when)
            XCTAssertEqual(s.file.lastPathComponent, Backup.fileName(site: "district", at: when))
            XCTAssertFalse(s.file.lastPathComponent.contains(":"), "names must be valid on FAT sticks")
            made.append(s.file)
            XCTAssertEqual(s.pruned.count, day >= 2 ? 1 : 0)
        }
        XCTAssertEqual(Backup.backups(in: folder, site: "district"), Array(made.suffix(2)))
        // A folder not made yet is made for `--keep` (its parent is there).
        let fresh = folder.appendingPathComponent("weekly")
        XCTAssertEqual(try Backup.take(home: h.url, out: fresh, keep: 2).file.deletingLastPathComponent().lastPathComponent, "weekly")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        XCTAssertTrue(left.contains("notes.txt") && left.contains("mentorsync-s001-20200101-000000Z.db"), "other files are never pruned: \(left)")
        XCTAssertThrowsError(try Backup.take(home: h.url, out: folder, now: Date(timeIntervalSince1970: 1_790_000_000 + 3 * 86_400))) { e in
            XCTAssertTrue(e is BackupError, "a second backup in the same second does not overwrite the first")
            // A folder was given: the line does not tell the person to give one.
            XCTAssertFalse("\(e)".contains("give a folder"), "\(e)")
            XCTAssertTrue("\(e)".contains("run the backup again in a moment"), "\(e)")
        }
    }

    /// A dead CMOS battery puts the clock back years (or a fast clock is put right): the backup just
    /// taken is named as the oldest. `--keep` never deletes it, and backups named after the clock's
    /// now (taken before the clock went wrong, or while it ran ahead) go first.
    func testKeepNeverDeletesTheBackupJustTakenWhenTheClockWentWrong() throws {
        let h = try district()
        let folder = scratch.folder("clock")
        let day = { (n: Double) in Date(timeIntervalSince1970: 1_790_000_000 + n * 86_400) }
        var made: [URL] = []
        for n in 0..<3 { made.append(try Backup.take(home: h.url, out: folder, keep: 3, now: day(Double(n))).file) }
        // The clock is reset to 2000: the new backup is kept, and so are the real ones named after
        // the clock's now (the names cannot tell them from a clock that ran ahead).
        let reset = try Backup.take(home: h.url, out: folder, keep: 3, now: Date(timeIntervalSince1970: 946_684_800))
        XCTAssertTrue(FileManager.default.fileExists(atPath: reset.file.path), "the backup just taken was deleted: \(reset.pruned)")
        XCTAssertEqual(reset.pruned, [])
        for m in made { XCTAssertTrue(FileManager.default.fileExists(atPath: m.path)) }
        // Put right: the next backup is kept, the oldest by name go down to the number kept.
        let fixed = try Backup.take(home: h.url, out: folder, keep: 3, now: day(4))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fixed.file.path))
        XCTAssertEqual(fixed.pruned, [reset.file, made[0]])
        // A clock that ran ahead and was put right: the backups named in the future are the newest
        // in fact — none is removed (it removed them first, the newest real copies).
        let ahead = scratch.folder("ahead")
        var future: [URL] = []
        for n in 0..<3 { future.append(try Backup.take(home: h.url, out: ahead, keep: 3, now: day(3650 + Double(n))).file) }
        let now = try Backup.take(home: h.url, out: ahead, keep: 3, now: day(5))
        XCTAssertTrue(FileManager.default.fileExists(atPath: now.file.path), "the backup just taken was deleted: \(now.pruned)")
        XCTAssertEqual(now.pruned, [])
        for f in future { XCTAssertTrue(FileManager.default.fileExists(atPath: f.path)) }
    }

    /// Another connection holds a large write transaction open while backups are taken:
    /// every copy has either none or all of its rows, and passes its integrity check.
    func testBackupDuringALargeTransactionHasAllOrNothing() throws {
        let h = try district()
        try addPersons(h.replica, 10, org: "district")
        let path = DistrictHome.databaseURL(h.url).path
        let opened = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let writerError = Locked<Error?>(nil)
        let writer = Thread {
            do {
                let db = try Database(path: path)
                try db.transaction {
                    let s = try db.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, 'district', ?, 'teacher')")
                    for i in 0..<20_000 {
                        try s.execute([.text(UUID().uuidString.lowercased()), .text("Новый \(i)")])
                        if i == 100 { opened.signal() }
                        if i % 5_000 == 0 { usleep(300_000) }  // keep the transaction open a while
                    }
                }
            } catch { writerError.withLock { $0 = error } }
            done.signal()
        }
        writer.start()
        opened.wait()
        var counts: [Int] = []
        var n = 0
        repeat {
            let s = try Backup.take(home: h.url, out: scratch.path("during-\(n).db"))
            XCTAssertEqual(s.integrity, "ok")
            counts.append(try count(s.file))
            n += 1
        } while done.wait(timeout: .now()) == .timedOut
        let after = try Backup.take(home: h.url, out: scratch.path("after.db"))
        counts.append(try count(after.file))
        XCTAssertNil(writerError.current)
        XCTAssertTrue(counts.allSatisfy { $0 == 10 || $0 == 20_010 }, "all or nothing: \(counts)")
        XCTAssertEqual(counts.first, 10, "a backup taken while the transaction was open does not see it")
        XCTAssertEqual(counts.last, 20_010)
    }

    /// A backup taken before the district enrolled the school again (a stolen computer: revoke, then
    /// enroll --again, rekey) holds the old key — revoked: restored as it was, every bundle was
    /// refused as the stolen computer's and the coordinator told a thief was at work. The key of the
    /// registry it replaces, installed later, stays.
    func testRestoringABackupFromBeforeARekeyKeepsTheNewerKey() throws {
        let url: URL, backup: URL, newKey: [UInt8]
        do {
            let s = try school()
            try addPersons(s.replica, 2, org: "s001")
            backup = try Backup.take(home: s.url, role: .school, out: scratch.path("before-rekey.db")).file
            newKey = Array(repeating: 9, count: 32)
            try s.rekey(Enrollment(site: SiteID("s001")!, name: "Школа s001", district: SiteID("district")!, districtName: "Управление",
                                   key: newKey, issuedAt: Date().addingTimeInterval(60)))
            url = s.url
        }
        _ = try Backup.restore(from: backup, into: url, role: .school)
        let restored = try SchoolHome.open(url)
        XCTAssertEqual(try restored.key(), newKey, "the restored school signs with the key the district holds now")
        XCTAssertEqual(try restored.previousKey(), Array(repeating: 7, count: 32))
        XCTAssertEqual(try count(DistrictHome.databaseURL(url)), 2)
    }

    func testRestoreOfASchoolMovesItsCounterAheadAndResendsEverything() throws {
        let url: URL, backup: URL, counterBefore: Int64
        do {  // every connection is closed before the restore, as the procedure demands
            let s = try school()
            try addPersons(s.replica, 3, org: "s001", prefix: "До")
            backup = try Backup.take(home: s.url, role: .school, out: scratch.path("school.db")).file
            try addPersons(s.replica, 2, org: "s001", prefix: "После")
            counterBefore = try s.replica.counter()
            url = s.url
        }

        let r = try Backup.restore(from: backup, into: url, role: .school)
        XCTAssertEqual(r.site, "s001")
        XCTAssertEqual(r.resyncOrdered, [])
        let kept = try XCTUnwrap(r.previousKeptAs)
        XCTAssertEqual(try count(kept), 5, "the replaced registry is kept, complete, and still opens")
        XCTAssertEqual(try count(DistrictHome.databaseURL(url)), 3)
        let restored = try SchoolHome.open(url)
        XCTAssertGreaterThan(try restored.replica.counter(), counterBefore + 500_000,
                             "a write before the next sync never reuses a counter the district has seen")
        XCTAssertEqual(r.counter, try restored.replica.counter())
        XCTAssertTrue(try restored.replica.peer(SiteID("district")!).fullExchange.sendsFull)
        XCTAssertEqual(try restored.database.integrityCheck(), "ok")
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.appendingPathComponent("serve.lock").path))
    }

    /// A district backup taken before a stolen computer's school was revoked, or before a school was
    /// enrolled again: restored as it was, the thief's key was accepted again and the school's new key
    /// refused. The registry it replaces, when it is there, keeps its revocations and newer keys.
    func testRestoringTheDistrictKeepsRevocationsAndNewKeysMadeSince() throws {
        let url: URL, backup: URL, newKey: [UInt8]
        do {
            let h = try district(["s001", "s002"])
            backup = try Backup.take(home: h.url, out: scratch.path("district.db")).file
            try h.revoke(SiteID("s002")!)
            Thread.sleep(forTimeInterval: 1.1)  // enrollment times are kept to the second
            newKey = try h.enroll(site: SiteID("s001")!, name: "Школа s001", out: scratch.path("s001-again.enroll")).keyBytes
            url = h.url
        }
        let r = try Backup.restore(from: backup, into: url, role: .district)
        XCTAssertEqual(r.resyncOrdered, ["s001"], "a revoked school is not ordered to resync")
        let restored = try DistrictHome.open(url)
        XCTAssertNotNil(try restored.schoolKeys(SiteID("s002")!).revokedAt, "the stolen computer's school stays revoked")
        XCTAssertEqual(try restored.schoolKeys(SiteID("s001")!).current, newKey, "the school's new key is taken")
    }

    func testRestoreOfTheDistrictOrdersAResyncOfEverySchoolAndWaitsForTheDaemon() throws {
        let url: URL, backup: URL, counterBefore: Int64
        do {
            let h = try district(["s001", "s002"])
            backup = try Backup.take(home: h.url, out: scratch.path("district.db")).file
            try h.enroll(site: SiteID("s003")!, name: "Школа после копии", out: scratch.path("s003.enroll"))
            url = h.url
            counterBefore = try h.replica.counter()
        }

        let lock = try DistrictDaemon.lock(home: url)  // as `serve` does
        XCTAssertThrowsError(try Backup.restore(from: backup, into: url, role: .district)) { e in
            XCTAssertTrue("\(e)".contains("already running"), "\(e)")
        }
        close(lock)
        XCTAssertEqual(try count(DistrictHome.databaseURL(url), "district_schools"), 3, "nothing changed while refused")

        let r = try Backup.restore(from: backup, into: url, role: .district)
        XCTAssertEqual(r.resyncOrdered, ["s001", "s002", "s003"])
        XCTAssertEqual(r.keptSinceBackup, ["s003"], "enrolled after the backup: kept from the registry it replaces")
        let restored = try DistrictHome.open(url)
        XCTAssertEqual(try restored.schools().map(\.site.rawValue), ["s001", "s002", "s003"])
        for s in ["s001", "s002", "s003"] {
            XCTAssertTrue(try restored.replica.peer(SiteID(s)!).fullExchange.isRequested)
            XCTAssertTrue(try restored.replica.peer(SiteID(s)!).fullExchange.sendsFull)
        }
        XCTAssertGreaterThan(try restored.replica.counter(), counterBefore)
        XCTAssertEqual(try count(try XCTUnwrap(r.previousKeptAs), "district_schools"), 3)
        // The daemon may start again afterwards.
        close(try DistrictDaemon.lock(home: url))
    }

    /// The district's disk was put back from last week's backup; a school enrolled since was dropped
    /// (every file of it refused as an unknown school's until enrolled again, and set up again).
    /// The registry the restore replaces keeps it: its key, its organization, its resync — its next
    /// exchanges are taken and its teachers come back.
    func testRestoringTheDistrictKeepsASchoolEnrolledSinceTheBackup() throws {
        let url: URL, backup: URL, school: SchoolHome
        let share = try Share.prepare(scratch.folder("share"))
        func exchange(_ district: DistrictHome) throws {
            _ = try SchoolSync(home: school).sync(share: share)
            let ingest = try DistrictIngest(home: district, log: CapturedOutput().eventLog)
            ingest.settleSeconds = 0
            _ = try ingest.ingest(share: share)
        }
        do {
            let h = try district(["s001"])
            backup = try Backup.take(home: h.url, out: scratch.path("district.db")).file
            school = try SchoolHome.create(at: scratch.path("home-s002"),
                                           enrollment: try h.enroll(site: SiteID("s002")!, name: "Школа после копии", out: scratch.path("s002.enroll")))
            try addPersons(school.replica, 3, org: "s002")
            try exchange(h)
            url = h.url
        }
        let r = try Backup.restore(from: backup, into: url, role: .district)
        XCTAssertEqual(r.keptSinceBackup, ["s002"])
        XCTAssertEqual(r.resyncOrdered, ["s001", "s002"])
        let restored = try DistrictHome.open(url)
        XCTAssertEqual(try restored.database.scalar("SELECT name FROM organizations WHERE id = 's002'")?.text, "Школа после копии")
        XCTAssertEqual(try restored.database.scalar("SELECT count(*) FROM persons WHERE org_id = 's002'")?.integer, 0, "its rows were after the backup")
        for _ in 0..<3 { try exchange(restored) }
        XCTAssertEqual(try restored.database.scalar("SELECT count(*) FROM persons WHERE org_id = 's002'")?.integer, 3, "its resync brought them back")
        XCTAssertEqual(try restored.database.scalar("SELECT count(*) FROM district_rejections WHERE site = 's002' OR site IS NULL")?.integer, 0)
    }

    func testRestoreRefusesAnotherSitesBackupADamagedFileAndTheWrongTool() throws {
        let a = try school("s001")
        let b = try school("s002")
        try addPersons(b.replica, 4, org: "s002")
        let backupA = try Backup.take(home: a.url, out: scratch.path("a.db")).file
        XCTAssertThrowsError(try Backup.restore(from: backupA, into: b.url)) { e in
            XCTAssertEqual("\(e)", "this backup is of site 's001' but \(b.url.path) holds site 's002'; refusing to mix them up")
        }
        XCTAssertThrowsError(try Backup.restore(from: backupA, into: b.url, role: .district)) { e in
            XCTAssertTrue("\(e)".contains("holds a school's registry, not a district's"), "\(e)")
        }
        var bytes = try Data(contentsOf: backupA)
        bytes.replaceSubrange(0..<16, with: Data(repeating: 0x41, count: 16))
        let garbage = scratch.path("garbage.db")
        try bytes.write(to: garbage)
        XCTAssertThrowsError(try Backup.restore(from: garbage, into: a.url)) { e in
            XCTAssertTrue("\(e)".contains("is not a mentorsync backup"), "\(e)")
            // SQLite's words in Russian for a Russian reader (they stood in English in brackets).
            XCTAssertTrue((e as? BackupError)?.message.russian.hasSuffix("— не резервная копия mentorsync (это не файл базы данных)") ?? false, "\(e)")
        }
        XCTAssertThrowsError(try Backup.restore(from: scratch.path("missing.db"), into: a.url)) { e in
            XCTAssertEqual(e as? BackupError, .missing(scratch.path("missing.db").path))
        }
        XCTAssertEqual(try count(DistrictHome.databaseURL(b.url)), 4, "a refused restore changes nothing")
        let left = try FileManager.default.contentsOfDirectory(atPath: b.url.path)
        XCTAssertFalse(left.contains { $0.contains("restore") }, "\(left)")
    }

    func testRestoreOntoAnEmptyFolderAfterTheDiskDied() throws {
        let s = try school()
        try addPersons(s.replica, 2, org: "s001")
        let backup = try Backup.take(home: s.url, out: scratch.path("b.db")).file
        let fresh = scratch.path("new-disk/school")
        let r = try Backup.restore(from: backup, into: fresh)
        XCTAssertNil(r.previousKeptAs)
        XCTAssertEqual(try count(DistrictHome.databaseURL(fresh)), 2)
        XCTAssertEqual(try SchoolHome.open(fresh).site.rawValue, "s001")
    }
}

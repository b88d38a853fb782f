import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport
import MentorSyncDemo

/// kill -9 of the real tools at random moments (issue 6, "Crash tests with real processes").
///
/// The district: `mentorsync-district ingest` merging a large bundle is killed with SIGKILL at a
/// random moment between its start and the measured length of an uninterrupted run. After each
/// kill the registry passes `PRAGMA integrity_check`, holds either none or all of the bundle's
/// rows (and their sync bookkeeping), the bundle is still somewhere it will be taken up from (the
/// share's inbox, the district's work/ folder, or archive/ once merged — never vanished, never in
/// quarantine), and a following `ingest` completes with everything merged exactly once.
///
/// The school: `mentorsync-school export` / `sync` killed at random moments of a large export never
/// leaves a partial bundle under a final `.msync` name, and the next export carries everything.
///
/// `MENTORSYNC_CRASH_SEED` replays a run (the seed is printed), `MENTORSYNC_CRASH_TRIALS` sets
/// the number of district trials.
final class CrashTests: XCTestCase {
    static let rows = 20_000
    static let districtTrials = Int(ProcessInfo.processInfo.environment["MENTORSYNC_CRASH_TRIALS"] ?? "") ?? 20
    static let schoolTrials = 8

    /// A district home with s001 enrolled that has merged nothing yet, the school's home holding
    /// `rows` unacknowledged persons, and the bundle it exported; built once, copied for each trial.
    final class Fixture {
        let world: CLIWorld
        let districtTemplate: URL
        let schoolTemplate: URL
        let bundle: URL
        let key: [UInt8]
        let sender = "s001"

        init() throws {
            world = try CLIWorld(schools: ["s001"])
            let home = try SchoolHome.open(world.schoolHome("s001"))
            try home.database.transaction {
                let s = try home.database.prepare("INSERT INTO persons(id, org_id, full_name, role, position, notes) VALUES (?, 's001', ?, 'teacher', 'учитель', ?)")
                for i in 0..<CrashTests.rows {
                    try s.execute([.text(String(format: "c0000000-0000-4000-8000-%012d", i)), .text("Учитель номер \(i)"), .text("заметка \(i % 97)")])
                }
            }
            key = try home.key()
            bundle = try SchoolSync(home: home).export(to: world.scratch.folder("bundle")).url
            districtTemplate = world.scratch.path("district-template")
            schoolTemplate = world.scratch.path("school-template")
            try FileManager.default.copyItem(at: world.districtHome, to: districtTemplate)
            try FileManager.default.copyItem(at: world.schoolHome("s001"), to: schoolTemplate)
        }
    }

    nonisolated(unsafe) static var cached: Fixture?
    static func fixture() throws -> Fixture {
        if let cached { return cached }
        let f = try Fixture()
        cached = f
        return f
    }

    static let seed: UInt64 = {
        if let s = ProcessInfo.processInfo.environment["MENTORSYNC_CRASH_SEED"], let v = UInt64(s) { return v }
        var g = SystemRandomNumberGenerator()
        return g.next() % 1_000_000_000
    }()

    // MARK: The district

    func testKillingIngestAtRandomMomentsLosesNothingAndMergesAllOrNothing() throws {
        let fx = try Self.fixture()
        var rng = SplitMix64(seed: Self.seed)
        let name = fx.bundle.lastPathComponent
        let started = Date()

        // An uninterrupted run sets the window the kills are spread over.
        let calibration = try CrashTrial(fx, index: -1, mode: .share)
        let t0 = Date()
        let r = try ToolRunner.run("mentorsync-district", calibration.ingestArguments)
        let duration = Date().timeIntervalSince(t0)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertEqual(try calibration.persons(), Self.rows)
        print("CrashTests: MENTORSYNC_CRASH_SEED=\(Self.seed); an uninterrupted ingest of \(Self.rows) rows takes \(String(format: "%.2f", duration)) s; \(Self.districtTrials) trials")

        var window = KillWindow(calibration: duration)
        var killedBeforeCommit = 0, killedAfterCommit = 0, finished = 0
        var places: [String: Int] = [:]
        var staleCopies: [String] = []
        for i in 0..<Self.districtTrials {
            let mode: CrashTrial.Mode = i % 4 == 3 ? .files : .share
            let trial = try CrashTrial(fx, index: i, mode: mode)
            let delay = window.delay(&rng)
            let log = trial.dir.appendingPathComponent("ingest.log")
            let begun = Date()
            let p = try ToolRunner.start("mentorsync-district", trial.ingestArguments, log: log)
            usleep(UInt32(delay * 1_000_000))
            let killed = p.isRunning && kill(p.processIdentifier, SIGKILL) == 0
            p.waitUntilExit()
            if !killed { window.finished(after: Date().timeIntervalSince(begun)) }
            let what = "trial \(i) (\(mode), kill after \(String(format: "%.3f", delay)) s, seed \(Self.seed))"

            // The registry is sound and holds all of the bundle or none of it.
            let n = try trial.persons()
            let tracked = try trial.trackedPersons()
            XCTAssertTrue(n == 0 || n == Self.rows, "\(what): \(n) persons, not all or nothing")
            XCTAssertEqual(tracked, n, "\(what): sync bookkeeping (\(tracked) rows) disagrees with the table (\(n))")
            if killed { if n == 0 { killedBeforeCommit += 1 } else { killedAfterCommit += 1 } } else { finished += 1 }

            // The bundle is still on its way.
            let whereabouts = trial.whereabouts(of: name)
            for w in whereabouts { places[w.place, default: 0] += 1 }
            XCTAssertFalse(whereabouts.isEmpty, "\(what): the bundle vanished")
            XCTAssertFalse(whereabouts.contains { $0.place == "quarantine" }, "\(what): the bundle was quarantined: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            for w in whereabouts where w.place != "inbox-claimed" {
                XCTAssertEqual(try Data(contentsOf: w.url), try Data(contentsOf: fx.bundle), "\(what): the copy in \(w.place) is not the bundle")
            }

            // The next ingest completes the work, and merges everything exactly once.
            let again = try ToolRunner.run("mentorsync-district", trial.ingestArguments)
            XCTAssertEqual(again.exitCode, 0, "\(what): \(again.output)")
            XCTAssertEqual(try trial.persons(), Self.rows, "\(what): not everything merged after the next ingest (bundle was at \(whereabouts.map(\.place)))")
            XCTAssertEqual(try trial.trackedPersons(), Self.rows, what)
            XCTAssertEqual(try trial.conflicts(), 0, "\(what): merging again made conflicts")
            XCTAssertEqual(try trial.merged(from: fx.sender), try trial.knowledge(of: fx.bundle, key: fx.key), "\(what): the school's bundle is not recorded as merged")
            let after = trial.whereabouts(of: name)
            if mode == .share {
                XCTAssertEqual(after.map(\.place), ["archive"], "\(what): after the next ingest the bundle is at \(after.map(\.place)), not archived once")
            } else {
                XCTAssertTrue(after.contains { $0.place == "loose" }, "\(what): the loose file given to ingest was touched")
            }
            if mode == .share {
                XCTAssertTrue(trial.leftoversInWork().isEmpty, "\(what): work/ still holds \(trial.leftoversInWork())")
            } else if !trial.leftoversInWork().isEmpty {
                // `ingest FILE` does not look at work folders of dead processes (only `ingest --share`
                // and `serve` do), so the killed run's copy stays until the next pass over a share,
                // which merges it again (to no change) and archives it a second time.
                staleCopies.append("trial \(i): \(trial.leftoversInWork())")
            }
            trial.remove()
        }
        let elapsed = Date().timeIntervalSince(started)
        print("CrashTests: \(Self.districtTrials) trials in \(String(format: "%.1f", elapsed)) s: killed before the commit \(killedBeforeCommit), after it \(killedAfterCommit), finished before the kill \(finished); the bundle was found at \(places.sorted { $0.key < $1.key }); copies left in work/ by killed `ingest FILE` runs: \(staleCopies)")
        XCTAssertGreaterThan(killedBeforeCommit + killedAfterCommit, Self.districtTrials / 2, "most trials must actually kill the process")
    }

    /// The narrowest window of a claim by copy: the process dies after taking the bundle out of
    /// the inbox under its claimed name and before finishing its copy into the work folder. The test
    /// watches the inbox and kills `ingest` the moment the claimed name appears (retrying until a
    /// kill lands inside the window). The next pass must take the bundle up again, since its
    /// claimer is dead — not leave it hidden in the inbox. (A bundle with a second name is claimed
    /// by copy even on the home's file system, where a plain one is simply moved.)
    func testABundleClaimedByAKilledIngestIsTakenUpByTheNextPass() throws {
        let fx = try Self.fixture()
        let name = fx.bundle.lastPathComponent
        var caught: (CrashTrial, String)?
        for attempt in 0..<12 where caught == nil {
            let trial = try CrashTrial(fx, index: 2000 + attempt, mode: .share)
            let inbox = trial.share.appendingPathComponent("inbox")
            XCTAssertEqual(link(inbox.appendingPathComponent(name).path, trial.dir.appendingPathComponent("second-name").path), 0)
            let p = try ToolRunner.start("mentorsync-district", trial.ingestArguments, log: trial.dir.appendingPathComponent("ingest.log"))
            var claimedName: String?
            while p.isRunning && claimedName == nil {
                claimedName = ((try? FileManager.default.contentsOfDirectory(atPath: inbox.path)) ?? []).first { $0.hasPrefix(".\(name).claimed-") }
            }
            if claimedName != nil { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
            if let c = claimedName, FileManager.default.fileExists(atPath: inbox.appendingPathComponent(c).path) {
                caught = (trial, c)
            } else {
                trial.remove()
            }
        }
        let (trial, claimed) = try XCTUnwrap(caught, "no kill landed between the claim and the end of the copy in 12 attempts")
        XCTAssertEqual(try trial.persons(), 0)
        let r = try ToolRunner.run("mentorsync-district", trial.ingestArguments)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertEqual(try trial.persons(), Self.rows,
                       "a bundle claimed by a killed ingest stays hidden in the inbox as \(claimed) (DistrictIngest.restoreStaleClaims waits until it is an hour old)")
        XCTAssertEqual(trial.whereabouts(of: name).map(\.place), ["archive"],
                       "after the next pass the killed run's claimed copy \(claimed) is still hidden in the inbox; restoreStaleClaims puts it back only when it is an hour old, and then it is merged (and archived) a second time")
        XCTAssertTrue(Share.bundles(in: trial.home.appendingPathComponent("quarantine")).isEmpty, "a partial work copy of the killed claim was quarantined")
        trial.remove()
    }

    // MARK: The school

    func testKillingSchoolExportAtRandomMomentsLeavesNoPartialBundle() throws {
        let fx = try Self.fixture()
        var rng = SplitMix64(seed: Self.seed ^ 0x5C400)
        let started = Date()

        // Calibration: an uninterrupted export.
        let cal = try SchoolTrial(fx, index: -1)
        let t0 = Date()
        let r = try ToolRunner.run("mentorsync-school", cal.arguments(sync: false))
        let duration = Date().timeIntervalSince(t0)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertEqual(try cal.finalBundles().map { try cal.rowCount($0, key: fx.key) }, [Self.rows])
        print("CrashTests: an uninterrupted school export of \(Self.rows) rows takes \(String(format: "%.2f", duration)) s; \(Self.schoolTrials) trials")
        cal.remove()

        var window = KillWindow(calibration: duration)
        var killed = 0, tempLeft = 0
        for i in 0..<Self.schoolTrials {
            let trial = try SchoolTrial(fx, index: i)
            let sync = i % 2 == 1
            let delay = window.delay(&rng)
            let begun = Date()
            let p = try ToolRunner.start("mentorsync-school", trial.arguments(sync: sync), log: trial.dir.appendingPathComponent("school.log"))
            usleep(UInt32(delay * 1_000_000))
            if p.isRunning && kill(p.processIdentifier, SIGKILL) == 0 { killed += 1 } else { window.finished(after: Date().timeIntervalSince(begun)) }
            p.waitUntilExit()
            let what = "school trial \(i) (\(sync ? "sync" : "export"), kill after \(String(format: "%.3f", delay)) s, seed \(Self.seed))"

            // Under a final name: only complete, genuine bundles; anything partial has a temporary name.
            for url in try trial.finalBundles() {
                XCTAssertNoThrow(try trial.rowCount(url, key: fx.key), "\(what): \(url.lastPathComponent) is visible but not a complete bundle")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: trial.out.path)
            XCTAssertTrue(names.allSatisfy { $0.hasPrefix(".") || $0.hasSuffix(".msync") }, "\(what): \(names)")
            tempLeft += names.filter { $0.hasPrefix(".") }.count
            XCTAssertEqual(try trial.integrity(), "ok", what)

            // The next export succeeds and carries every row.
            let again = try ToolRunner.run("mentorsync-school", trial.arguments(sync: sync))
            XCTAssertEqual(again.exitCode, 0, "\(what): \(again.output)")
            let newest = try XCTUnwrap(try trial.finalBundles().max { try trial.sequence($0) < trial.sequence($1) }, what)
            XCTAssertEqual(try trial.rowCount(newest, key: fx.key), Self.rows, "\(what): the next export does not carry everything")
            trial.remove()
        }
        print("CrashTests: \(Self.schoolTrials) school trials in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, \(killed) killed; temporary files left behind by the kills: \(tempLeft)")
        XCTAssertGreaterThan(killed, Self.schoolTrials / 2)
    }
}

// MARK: - Helpers

/// One district trial: a copy of the template home, and a share whose inbox holds the bundle
/// (or, in `files` mode, a loose copy given to `ingest FILE`).
final class CrashTrial {
    enum Mode: String { case share, files }
    let dir: URL
    let home: URL
    let share: URL
    let loose: URL
    let mode: Mode

    init(_ fx: CrashTests.Fixture, index: Int, mode: Mode) throws {
        self.mode = mode
        dir = fx.world.scratch.path("trial-\(index)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        home = dir.appendingPathComponent("district")
        try FileManager.default.copyItem(at: fx.districtTemplate, to: home)
        share = dir.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: share.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        loose = dir.appendingPathComponent("loose").appendingPathComponent(fx.bundle.lastPathComponent)
        if mode == .share {
            try FileManager.default.copyItem(at: fx.bundle, to: share.appendingPathComponent("inbox/\(fx.bundle.lastPathComponent)"))
        } else {
            try FileManager.default.createDirectory(at: loose.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fx.bundle, to: loose)
        }
    }

    var ingestArguments: [String] {
        mode == .share ? ["ingest", "--share", share.path, "--home", home.path] : ["ingest", loose.path, "--home", home.path]
    }

    private func database() throws -> Database { try Database(path: home.appendingPathComponent("registry.db").path) }

    func persons() throws -> Int {
        let db = try database()
        let check = try db.integrityCheck()
        guard check == "ok" else { throw BundleError.damaged("integrity_check: \(check)") }
        return Int(try db.scalar("SELECT count(*) FROM persons")?.integer ?? -1)
    }

    /// Rows of `persons` in the sync bookkeeping (msync_rows), which must move with the table.
    func trackedPersons() throws -> Int {
        Int(try database().scalar("SELECT count(*) FROM msync_rows WHERE id LIKE 'c0000000-%'")?.integer ?? -1)
    }

    func conflicts() throws -> Int { Int(try database().scalar("SELECT count(*) FROM msync_conflicts")?.integer ?? -1) }

    func merged(from site: String) throws -> Int64 {
        try database().scalar("SELECT merged FROM msync_peers WHERE site = ?", [.text(site)])?.integer ?? 0
    }

    func knowledge(of bundle: URL, key: [UInt8]) throws -> Int64 {
        let h = try BundleReader.peekHeader(at: bundle).header
        return h.knowledge[h.sender]
    }

    /// Every place the bundle (by name) is found: the inbox, a claimed name in the inbox, a work
    /// folder, the archive, the quarantine, or the loose file.
    func whereabouts(of name: String) -> [(place: String, url: URL)] {
        var found: [(String, URL)] = []
        let fm = FileManager.default
        let inbox = share.appendingPathComponent("inbox")
        for n in (try? fm.contentsOfDirectory(atPath: inbox.path)) ?? [] {
            if n == name { found.append(("inbox", inbox.appendingPathComponent(n))) }
            if n.hasPrefix(".\(name).claimed-") { found.append(("inbox-claimed", inbox.appendingPathComponent(n))) }
        }
        for (place, root) in [("work", home.appendingPathComponent("work")), ("archive", home.appendingPathComponent("archive")),
                              ("quarantine", home.appendingPathComponent("quarantine"))] {
            for sub in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
                let d = root.appendingPathComponent(sub)
                if sub == name || sub.hasPrefix(name + ".") && !sub.hasSuffix(".reason.txt") { found.append((place, d)); continue }
                for n in (try? fm.contentsOfDirectory(atPath: d.path)) ?? [] where n == name || n.hasPrefix(name + ".") && !n.hasSuffix(".reason.txt") {
                    found.append((place, d.appendingPathComponent(n)))
                }
            }
        }
        if mode == .files, fm.fileExists(atPath: loose.path) { found.append(("loose", loose)) }
        return found
    }

    func leftoversInWork() -> [String] {
        let work = home.appendingPathComponent("work")
        var left: [String] = []
        for sub in (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? [] {
            for n in (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent(sub).path)) ?? [] { left.append("\(sub)/\(n)") }
        }
        return left
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

/// One school trial: a copy of the school's home, exporting into `out` (a share's inbox for `sync`).
final class SchoolTrial {
    let dir: URL
    let home: URL
    let share: URL
    var out: URL { share.appendingPathComponent("inbox") }

    init(_ fx: CrashTests.Fixture, index: Int) throws {
        dir = fx.world.scratch.path("school-trial-\(index)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        home = dir.appendingPathComponent("school")
        try FileManager.default.copyItem(at: fx.schoolTemplate, to: home)
        share = dir.appendingPathComponent("share")
        try FileManager.default.createDirectory(at: share.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share.appendingPathComponent("outbox/s001"), withIntermediateDirectories: true)
    }

    func arguments(sync: Bool) -> [String] {
        sync ? ["sync", "--share", share.path, "--home", home.path] : ["export", "--out", out.path, "--home", home.path]
    }

    func finalBundles() throws -> [URL] { Share.bundles(in: out) }

    /// Reads a bundle completely (every record, both authenticator checks) and returns its rows.
    func rowCount(_ url: URL, key: [UInt8]) throws -> Int {
        let reader = try BundleReader(url: url, keyFor: { _ in key })
        var n = 0
        while let r = try reader.next() { if case .row = r { n += 1 } }
        return n
    }

    func sequence(_ url: URL) throws -> Int64 { try BundleReader.peekHeader(at: url).header.sequence }

    func integrity() throws -> String { try Database(path: home.appendingPathComponent("registry.db").path).integrityCheck() }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A full disk (issue 6, "Faults"), with the real tools.
///
/// Where the machine allows it (root, as in CI), the district's home or the stick is a small
/// tmpfs mounted for the test (`mount -t tmpfs -o size=…`), so writes fail with ENOSPC exactly as
/// on a full disk, and "freeing space" is `mount -o remount,size=…`. Where mounting is refused,
/// the tools run under a small RLIMIT_FSIZE (`ulimit -f` in a child shell, with SIGXFSZ ignored),
/// so writes past the limit fail (EFBIG, or a short write that SQLite reports as SQLITE_FULL);
/// `MENTORSYNC_FULLDISK_FALLBACK=1` forces that path. Each test prints which one it used.
/// Mounts are undone in tearDown.
final class FullDiskTests: XCTestCase {
    private var mounts: [URL] = []

    override func tearDown() {
        for m in mounts.reversed() {
            if Self.command("/usr/bin/umount", [m.path]) != 0 { _ = Self.command("/usr/bin/umount", ["-l", m.path]) }
            try? FileManager.default.removeItem(at: m)
        }
        mounts.removeAll()
        super.tearDown()
    }

    // MARK: The district

    /// The district's home is on a disk with room for the bundle's copy but not for the merge.
    func testIngestOnAFullDiskSaysSoKeepsTheBundleAndSucceedsOnceThereIsRoom() throws {
        let w = try CLIWorld(schools: ["s001"])
        let rows = 4000
        let bundle = try Self.bundle(w, rows: rows, into: w.stick.appendingPathComponent("inbox"))
        let bundleSize = Self.size(bundle)
        let homeSize = Self.size(w.districtHome)

        let (home, disk) = try place(w.districtHome, label: "district", kib: (homeSize + bundleSize) / 1024 + 256)
        print("FullDiskTests: district home of \(homeSize / 1024) KiB on \(disk); bundle of \(bundleSize / 1024) KiB with \(rows) rows")
        let r = try run(disk, "mentorsync-district", ["ingest", "--share", w.stick.path, "--home", home.path])
        print("FullDiskTests: ingest on a full disk: exit \(r.exitCode); stdout: \(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)); stderr: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.output.contains("disk is full") || Self.fallbackWording(r.output, disk), "no clear 'disk is full' in: \(r.output)")

        // Consistent, unchanged, and the bundle is still on its way.
        XCTAssertEqual(try Self.persons(home), 0)
        let kept = Self.whereabouts(bundle.lastPathComponent, share: w.stick, home: home)
        XCTAssertFalse(kept.isEmpty, "the bundle that did not fit was deleted: it is neither in the inbox nor in the district's work/ (DistrictIngest deletes its work folder, retry-later bundles included, when it ends)")
        XCTAssertFalse(kept.contains("quarantine"), "a bundle that met a full disk was quarantined")

        // Room again: the next pass merges it (or, if it was lost, the school's next bundle does).
        try grow(disk, home, kib: 256 * 1024)
        if kept.isEmpty { try Self.bundle(w, rows: 0, into: w.stick.appendingPathComponent("inbox")) }
        let again = try run(disk, "mentorsync-district", ["ingest", "--share", w.stick.path, "--home", home.path], unlimited: true)
        XCTAssertEqual(again.exitCode, 0, again.output)
        XCTAssertEqual(try Self.persons(home), rows)
    }

    /// The district's home has no room even for the copy of the bundle it takes from the share.
    func testIngestWithNoRoomForTheBundleLeavesItInTheInboxAndSaysWhy() throws {
        let w = try CLIWorld(schools: ["s001"])
        let bundle = try Self.bundle(w, rows: 4000, into: w.stick.appendingPathComponent("inbox"))
        let homeSize = Self.size(w.districtHome)
        let (home, disk) = try place(w.districtHome, label: "district-tiny", kib: homeSize / 1024 + 24, fileLimitKiB: 64)
        // Without a mount the share and the home share one file system, where a bundle is claimed by
        // a rename that needs no room at all.
        try Self.skipUnlessMounted(disk)
        let r = try run(disk, "mentorsync-district", ["ingest", "--share", w.stick.path, "--home", home.path])
        print("FullDiskTests: ingest with no room for the bundle (\(disk)): exit \(r.exitCode); stdout: \(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)); stderr: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        XCTAssertEqual(try Self.persons(home), 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: bundle.path), "the bundle is back in the inbox under its own name")
        XCTAssertNotEqual(r.exitCode, 0, "a pass that could not take a bundle for lack of space reports success: \(r.output)")
        XCTAssertTrue(Self.saysFull(r.output) || Self.fallbackWording(r.output, disk), "the reason is not given: \(r.output)")
    }

    /// The share is full when the district writes its reply: the merge stands, no partial reply is
    /// visible, the error is clear, and the reply is written on the next pass once there is room.
    func testReplyOntoAFullShareIsWrittenLaterAndNeverHalfWritten() throws {
        let w = try CLIWorld(schools: ["s001"])
        // Many district rows, so the reply is large.
        do {
            let dh = try DistrictHome.open(w.districtHome)
            try dh.database.transaction {
                let s = try dh.database.prepare("INSERT INTO events(id, org_id, title, status) VALUES (?, 'district', ?, 'planned')")
                for i in 0..<3000 { try s.execute([.text(String(format: "e0000000-0000-4000-8000-%012d", i)), .text("Мероприятие \(UUID().uuidString)")]) }
            }
        }
        let (stick, disk) = try place(w.stick, label: "share", kib: 64, fileLimitKiB: 64)
        try Self.skipUnlessMounted(disk)
        let bundle = try Self.bundle(w, rows: 3, into: stick.appendingPathComponent("inbox"))
        XCTAssertLessThan(Self.size(bundle), 16 * 1024)
        let r = try run(disk, "mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path])
        print("FullDiskTests: reply onto a full share (\(disk)): exit \(r.exitCode); stderr: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines).suffix(400))")
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(Self.saysFull(r.output) || Self.fallbackWording(r.output, disk), r.output)
        XCTAssertEqual(try Self.persons(w.districtHome), 3, "the merge stands")
        let outbox = stick.appendingPathComponent("outbox/s001")
        XCTAssertTrue(Share.bundles(in: outbox).isEmpty, "a partial reply is visible under a final name")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? [], [], "the temporary reply was left behind")

        try grow(disk, stick, kib: 64 * 1024)
        let again = try run(disk, "mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path], unlimited: true)
        XCTAssertEqual(again.exitCode, 0, again.output)
        let replies = Share.bundles(in: outbox)
        XCTAssertEqual(replies.count, 1, "the reply is written once there is room")
        let key = try SchoolHome.open(w.schoolHome("s001")).key()
        if let reply = replies.first {
            let reader = try BundleReader(url: reply, keyFor: { _ in key })
            var events = 0
            while let rec = try reader.next() { if case .row(let row) = rec, row.table == "events" { events += 1 } }
            XCTAssertEqual(events, 3000)
        }
    }

    // MARK: The school

    /// The school writes its bundle onto a stick that is full: a clear error, no file under a final
    /// name (and no temporary one left), the school's database sound, and after room is made the
    /// next sync carries everything.
    func testSchoolSyncOntoAFullStickFailsClearlyAndLeavesNoPartialFile() throws {
        let w = try CLIWorld(schools: ["s001"])
        let rows = 4000
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try Self.addPersons(home, rows)
        let (stick, disk) = try place(w.stick, label: "stick", kib: 48, fileLimitKiB: 64)
        try Self.skipUnlessMounted(disk)
        let r = try run(disk, "mentorsync-school", ["sync", "--share", stick.path, "--home", w.schoolHome("s001").path])
        print("FullDiskTests: school sync onto a full stick (\(disk)): exit \(r.exitCode); stderr: \(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line on stderr: \(r.stderr)")
        XCTAssertTrue(Self.saysFull(r.stderr) || Self.fallbackWording(r.stderr, disk), r.stderr)
        let inbox = stick.appendingPathComponent("inbox")
        XCTAssertTrue(Share.bundles(in: inbox).isEmpty, "a partial bundle is visible under a final name")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [], "the temporary file was left on the stick")
        XCTAssertEqual(try home.database.integrityCheck(), "ok")

        try grow(disk, stick, kib: 64 * 1024)
        let again = try run(disk, "mentorsync-school", ["sync", "--share", stick.path, "--home", w.schoolHome("s001").path], unlimited: true)
        XCTAssertEqual(again.exitCode, 0, again.output)
        let bundles = Share.bundles(in: inbox)
        XCTAssertEqual(bundles.count, 1)
        if let b = bundles.first { XCTAssertEqual(try BundleReader.peekHeader(at: b).header.rowCount, rows) }
    }

    // MARK: Helpers: a small disk, or a small file-size limit

    enum Disk: CustomStringConvertible {
        case tmpfs(URL)
        case fileSizeLimit(kib: Int)
        var description: String {
            switch self {
            case .tmpfs(let u): return "a tmpfs at \(u.path)"
            case .fileSizeLimit(let k): return "RLIMIT_FSIZE of \(k) KiB (mounting was refused)"
            }
        }
    }

    /// Moves `folder` onto a small disk of `kib` KiB (a tmpfs), or, when mounting is refused,
    /// leaves it where it is and says the tools run with a file-size limit of `fileLimitKiB`.
    func place(_ folder: URL, label: String, kib: Int, fileLimitKiB: Int? = nil) throws -> (URL, Disk) {
        if ProcessInfo.processInfo.environment["MENTORSYNC_FULLDISK_FALLBACK"] != "1", let mount = try tmpfs(label, kib: kib) {
            let target = mount.appendingPathComponent(folder.lastPathComponent)
            try FileManager.default.copyItem(at: folder, to: target)
            return (target, .tmpfs(mount))
        }
        return (folder, .fileSizeLimit(kib: fileLimitKiB ?? max(64, kib / 4)))
    }

    func tmpfs(_ label: String, kib: Int) throws -> URL? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("msync-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        guard Self.command("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kib)k", "tmpfs", dir.path]) == 0 else {
            try? FileManager.default.removeItem(at: dir)
            return nil
        }
        mounts.append(dir)
        return dir
    }

    /// Frees space: a bigger tmpfs (its files stay), or no limit on the next run.
    func grow(_ disk: Disk, _ folder: URL, kib: Int) throws {
        if case .tmpfs(let m) = disk {
            XCTAssertEqual(Self.command("/usr/bin/mount", ["-o", "remount,size=\(kib)k", m.path]), 0, "remount")
        }
    }

    /// Runs a tool on the disk: as is on a tmpfs, under the file-size limit otherwise (unless `unlimited`).
    struct RunResult {
        var exitCode: Int32
        var stdout: String
        var stderr: String
        var output: String { stdout + stderr }
    }

    func run(_ disk: Disk, _ tool: String, _ args: [String], unlimited: Bool = false, environment: [String: String] = [:]) throws -> RunResult {
        guard case .fileSizeLimit(let kib) = disk, !unlimited else {
            let r = try ToolRunner.run(tool, args, environment: environment)
            return RunResult(exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr)
        }
        // dash counts `ulimit -f` in 512-byte blocks; SIGXFSZ ignored, so the write fails instead of killing.
        let script = "trap '' XFSZ; ulimit -f \(kib * 2); exec \"$0\" \"$@\""
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, ToolRunner.executable(tool).path] + args
        var env = ProcessInfo.processInfo.environment
        env["MENTORSYNC_HOME"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(exitCode: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// The words a person reads for "the disk is full": ours (a full stick or share), SQLite's, and Foundation's on Linux for
    /// ENOSPC ("There isn’t enough space") and EFBIG ("too large").
    static func saysFull(_ text: String) -> Bool {
        ["disk is full", "is full:", "No space left", "enough space", "too large"].contains { text.contains($0) }
    }

    /// Under RLIMIT_FSIZE a write past the limit fails with EFBIG, which SQLite reports as an I/O
    /// error, not as a full disk: accepted only on that path.
    static func fallbackWording(_ text: String, _ disk: Disk) -> Bool {
        if case .fileSizeLimit = disk { return text.contains("disk I/O error") || text.contains("cannot copy from the share") }
        return false
    }

    /// A file-size limit applies to every file the tool writes, its own database included, so it
    /// cannot stand for a full share or stick while the tool's own disk has room.
    static func skipUnlessMounted(_ disk: Disk) throws {
        if case .fileSizeLimit = disk {
            throw XCTSkip("needs a small tmpfs (root): a file-size limit cannot make only the share full")
        }
    }

    static func command(_ path: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    static func addPersons(_ home: SchoolHome, _ rows: Int) throws {
        try home.database.transaction {
            let s = try home.database.prepare("INSERT INTO persons(id, org_id, full_name, role, position) VALUES (?, 's001', ?, 'teacher', 'учитель')")
            for i in 0..<rows { try s.execute([.text(UUID().uuidString.lowercased()), .text("Учитель номер \(i) с длинной фамилией")]) }
        }
    }

    /// A bundle from s001 carrying `rows` new persons (and whatever it has not had acknowledged).
    @discardableResult
    static func bundle(_ w: CLIWorld, rows: Int, into dir: URL) throws -> URL {
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try addPersons(home, rows)
        return try SchoolSync(home: home).export(to: dir).url
    }

    static func persons(_ home: URL) throws -> Int {
        let db = try Database(path: home.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try db.integrityCheck(), "ok")
        return Int(try db.scalar("SELECT count(*) FROM persons")?.integer ?? -1)
    }

    static func size(_ url: URL) -> Int {
        guard let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.fileSizeKey]) else {
            return (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        var total = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        for case let f as URL in e { total += (try? f.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0 }
        return total
    }

    /// Where a bundle is: the share's inbox (under its name or claimed), the district's work/, archive/ or quarantine/.
    static func whereabouts(_ name: String, share: URL, home: URL) -> [String] {
        var found: [String] = []
        let fm = FileManager.default
        for n in (try? fm.contentsOfDirectory(atPath: share.appendingPathComponent("inbox").path)) ?? [] where n == name || n.hasPrefix(".\(name).claimed-") {
            found.append("inbox")
        }
        for place in ["work", "archive", "quarantine"] {
            let root = home.appendingPathComponent(place)
            for sub in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] {
                if sub == name { found.append(place) }
                for n in (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(sub).path)) ?? [] where n == name { found.append(place) }
            }
        }
        return found
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport

/// Deploy/install.sh staged into a scratch root (DESTDIR), with the binaries of this build
/// (MENTORSYNC_PREBUILT_BIN; a real install builds release binaries itself). No root is needed.
final class DeployInstallTests: XCTestCase {
    var scratch: ScratchDirectory!
    override func setUp() { scratch = ScratchDirectory("install") }
    override func tearDown() { scratch = nil }

    func install(_ root: URL, prefix: String? = nil, prebuilt: URL = ToolRunner.productsDirectory, _ args: [String] = []) throws -> Ran {
        var env = ["DESTDIR": root.path, "MENTORSYNC_PREBUILT_BIN": prebuilt.path]
        if let prefix { env["PREFIX"] = prefix }
        return try Deploy.run("/bin/bash", [Deploy.folder.appendingPathComponent("install.sh").path] + args, environment: env)
    }

    struct Entry: Equatable, CustomStringConvertible {
        var kind: String
        var mode: Int
        var sha256: String
        var modified: Date?
        var description: String { "\(kind) \(String(mode, radix: 8)) \(sha256.prefix(12)) \(modified.map { "\($0.timeIntervalSince1970)" } ?? "")" }
    }

    /// SHA-256 of files, by sha256sum (fast on the large debug binaries).
    func checksums(_ files: [String]) throws -> [String: String] {
        guard !files.isEmpty else { return [:] }
        let r = try Deploy.run(try XCTUnwrap(Deploy.which("sha256sum"), "sha256sum (coreutils) is needed"), ["--"] + files)
        XCTAssertEqual(r.exitCode, 0, r.stderr)
        var sums: [String: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            sums[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        return sums
    }

    /// Every path under `root`: its kind, mode, content checksum and (for files) modification time.
    func tree(_ root: URL) throws -> [String: Entry] {
        var result: [String: Entry] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root.path) else { return result }
        var files: [String] = []
        for case let rel as String in walker {
            let path = root.appendingPathComponent(rel).path
            let a = try fm.attributesOfItem(atPath: path)
            let mode = (a[.posixPermissions] as? NSNumber)?.intValue ?? -1
            let type = a[.type] as? FileAttributeType
            if type == .typeDirectory {
                var st = stat()
                stat(path, &st)
                result[rel] = Entry(kind: "dir", mode: Int(st.st_mode) & 0o7777, sha256: "", modified: nil)
            } else {
                files.append(path)
                result[rel] = Entry(kind: type == .typeSymbolicLink ? "link" : "file", mode: mode, sha256: "", modified: a[.modificationDate] as? Date)
            }
        }
        let sums = try checksums(files)
        for (rel, entry) in result where entry.kind != "dir" {
            result[rel]?.sha256 = try XCTUnwrap(sums[root.appendingPathComponent(rel).path], rel)
        }
        return result
    }

    func testInstallingTwiceIntoAScratchRootGivesTheSameTree() throws {
        let root = scratch.folder("root")
        let first = try install(root)
        expectDone(first)
        XCTAssertTrue(first.stdout.contains("installed /usr/local/bin/mentorsync-district"), first.output)
        let before = try tree(root)
        Thread.sleep(forTimeInterval: 1.1)  // a rewrite would show in the times
        let second = try install(root)
        expectDone(second)
        XCTAssertTrue(second.stdout.contains("nothing to change"), second.output)
        let after = try tree(root)
        XCTAssertEqual(Set(after.keys), Set(before.keys), "the same files")
        for (path, entry) in before { XCTAssertEqual(after[path], entry, path) }

        // What an administrator finds after the install.
        let bin = ToolRunner.productsDirectory
        for tool in ["mentorsync-district", "mentorsync-school"] {
            let e = try XCTUnwrap(after["usr/local/bin/\(tool)"], tool)
            XCTAssertEqual(e.mode, 0o755)
            let built = bin.appendingPathComponent(tool).path
            XCTAssertEqual(e.sha256, try checksums([built])[built], "the installed \(tool) is the built one")
        }
        XCTAssertEqual(after["usr/local/sbin/mentorsync-usb-sync"]?.mode, 0o755)
        for unit in DeployUnitFilesTests.services + DeployUnitFilesTests.timers {
            let installed = try String(contentsOf: root.appendingPathComponent("etc/systemd/system/\(unit)"), encoding: .utf8)
            XCTAssertEqual(installed, try String(contentsOf: Deploy.folder.appendingPathComponent(unit), encoding: .utf8), unit)
            XCTAssertEqual(after["etc/systemd/system/\(unit)"]?.mode, 0o644, unit)
        }
        XCTAssertNotNil(after["etc/udev/rules.d/90-mentorsync-usb.rules"])
        XCTAssertNotNil(after["etc/mentorsync/usb.conf"])
        for doc in ["INSTALL.md", "BACKUP.md", "UPGRADE.md", "USB.md", "OPERATIONS.md", "UNINSTALL.md"] {
            XCTAssertNotNil(after["usr/local/share/doc/mentorsync/\(doc)"], doc)
        }
        for home in ["var/lib/mentorsync", "var/lib/mentorsync/district", "var/lib/mentorsync/school",
                     "var/backups/mentorsync/district", "var/backups/mentorsync/school"] {
            XCTAssertEqual(after[home]?.kind, "dir", home)
            XCTAssertEqual(after[home]?.mode, 0o750, "\(home) holds keys and personal data")
        }
        XCTAssertEqual(after["srv/mentorsync-share"]?.mode, 0o2770)
        XCTAssertTrue(first.stdout.contains("DESTDIR"), "a staged install says it created no user: \(first.stdout)")
    }

    func testPrefixEditedSettingsAndARepairedUnit() throws {
        let root = scratch.folder("root")
        expectDone(try install(root, prefix: "/opt/mentorsync"))
        let units = root.appendingPathComponent("etc/systemd/system")
        let district = try String(contentsOf: units.appendingPathComponent("mentorsync-district.service"), encoding: .utf8)
        XCTAssertTrue(district.contains("ExecStart=/opt/mentorsync/bin/mentorsync-district serve"), district)
        for unit in try FileManager.default.contentsOfDirectory(atPath: units.path) {
            let text = try String(contentsOf: units.appendingPathComponent(unit), encoding: .utf8)
            XCTAssertFalse(text.contains("/usr/local/"), "\(unit) still names /usr/local")
        }
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent("opt/mentorsync/bin/mentorsync-school").path))
        let script = try String(contentsOf: root.appendingPathComponent("opt/mentorsync/sbin/mentorsync-usb-sync"), encoding: .utf8)
        XCTAssertTrue(script.contains("/opt/mentorsync/bin/mentorsync-school"))
        // The installed documents name the programs where they are (UNINSTALL.md said PREFIX=/usr/local).
        let docs = root.appendingPathComponent("opt/mentorsync/share/doc/mentorsync")
        for doc in try FileManager.default.contentsOfDirectory(atPath: docs.path) {
            let text = try String(contentsOf: docs.appendingPathComponent(doc), encoding: .utf8)
            XCTAssertFalse(text.contains("/usr/local"), "\(doc) still names /usr/local")
        }
        // The installed programs point to the installed documents, not to the source tree's Deploy/.
        let installed = URL(fileURLWithPath: root.appendingPathComponent("opt/mentorsync/bin/mentorsync-district").path)
        let home = scratch.path("installed-home"), copies = scratch.folder("installed-backups")
        XCTAssertEqual(try ToolRunner.runProgram(installed, ["init", "--name", "Управление", "--home", home.path]).exitCode, 0)
        let backup = try ToolRunner.runProgram(installed, ["backup", "--out", copies.path, "--home", home.path])
        XCTAssertTrue(backup.stdout.contains("(see \(root.appendingPathComponent("opt/mentorsync/share/doc/mentorsync/BACKUP.md").path))"), backup.output)

        // The administrator's settings survive a reinstall; a damaged unit is put right.
        let conf = root.appendingPathComponent("etc/mentorsync/usb.conf")
        try "MENTORSYNC_USB_LABEL=MENTORSYNC\n".write(to: conf, atomically: true, encoding: .utf8)
        try "broken".write(to: units.appendingPathComponent("mentorsync-district.service"), atomically: true, encoding: .utf8)
        let again = try install(root, prefix: "/opt/mentorsync")
        expectDone(again)
        XCTAssertTrue(again.stdout.contains("installed /etc/systemd/system/mentorsync-district.service"), again.output)
        XCTAssertTrue(again.stdout.contains("done: 1 changes"), again.output)
        XCTAssertEqual(try String(contentsOf: units.appendingPathComponent("mentorsync-district.service"), encoding: .utf8), district)
        XCTAssertEqual(try String(contentsOf: conf, encoding: .utf8), "MENTORSYNC_USB_LABEL=MENTORSYNC\n")
        XCTAssertTrue(try install(root, prefix: "/opt/mentorsync").stdout.contains("nothing to change"))
    }

    func testClearErrorsAndHelp() throws {
        let root = scratch.folder("root")
        let missing = try install(root, prebuilt: scratch.folder("empty-bin"))
        XCTAssertEqual(missing.exitCode, 1)
        XCTAssertTrue(missing.stderr.contains("mentorsync-district is missing: build first"), missing.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), [], "nothing staged on failure")
        let bogus = try install(root, ["--frobnicate"])
        XCTAssertEqual(bogus.exitCode, 1)
        XCTAssertTrue(bogus.stderr.contains("unknown option --frobnicate"), bogus.stderr)
        let help = try install(root, ["--help"])
        expectDone(help)
        XCTAssertTrue(help.stdout.contains("--static-swift-stdlib") || help.stdout.contains("release"), help.stdout)
        XCTAssertTrue(help.stdout.contains("DESTDIR"), help.stdout)
        XCTAssertFalse(help.stdout.contains("set -euo"), "--help prints the header comment, not the script's code: \(help.stdout)")
        XCTAssertTrue(help.stdout.hasSuffix("says \"nothing to change\".\n"), help.stdout)
        if getuid() != 0 {
            let r = try Deploy.run("/bin/bash", [Deploy.folder.appendingPathComponent("install.sh").path],
                                   environment: ["MENTORSYNC_PREBUILT_BIN": ToolRunner.productsDirectory.path])
            XCTAssertEqual(r.exitCode, 1)
            XCTAssertTrue(r.stderr.contains("needs root"), r.stderr)
        }
    }

    /// install.sh's default path really builds: with no prebuilt binaries it runs a release build
    /// with --static-swift-stdlib (checked by reading the script; the build itself takes minutes).
    func testTheScriptAsksForStaticReleaseBinariesAndChecksTheLibraries() throws {
        let script = try String(contentsOf: Deploy.folder.appendingPathComponent("install.sh"), encoding: .utf8)
        XCTAssertTrue(script.contains("build -c release --static-swift-stdlib"), "install.sh must build release binaries with the stdlib linked in")
        XCTAssertTrue(script.contains("libsqlite3") && script.contains("zlib"), "install.sh checks the two C libraries")
    }
}

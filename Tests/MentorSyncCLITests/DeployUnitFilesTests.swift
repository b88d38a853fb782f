import Foundation
import XCTest
import MentorSyncTestSupport

/// The systemd units and the udev rule of Deploy/: `systemd-analyze verify` accepts every unit
/// (with its programs really present), the hardening the district daemon promises is there, and
/// every path a unit's command writes to is one its sandbox lets it write.
final class DeployUnitFilesTests: XCTestCase {
    static let services = ["mentorsync-district.service", "mentorsync-district-backup.service",
                           "mentorsync-school-sync.service", "mentorsync-school-backup.service", "mentorsync-usb-sync@.service",
                           "mentorsync-district-web.service", "mentorsync-school-web.service"]
    static let timers = ["mentorsync-district-backup.timer", "mentorsync-school-sync.timer", "mentorsync-school-backup.timer"]

    func text(_ name: String) throws -> String {
        try String(contentsOf: Deploy.folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// `[section] key=value` lines, in order (repeated keys kept).
    func parse(_ name: String) throws -> [String: [(String, String)]] {
        var result: [String: [(String, String)]] = [:]
        var section = ""
        for raw in try text(name).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") { section = String(line.dropFirst().dropLast()); continue }
            guard let eq = line.firstIndex(of: "=") else { XCTFail("\(name): not key=value: \(line)"); continue }
            result[section, default: []].append((String(line[..<eq]), String(line[line.index(after: eq)...])))
        }
        return result
    }

    func value(_ unit: [String: [(String, String)]], _ section: String, _ key: String) -> String? {
        unit[section]?.last { $0.0 == key }?.1
    }

    func testEveryUnitPassesSystemdAnalyzeVerify() throws {
        guard let analyze = Deploy.which("systemd-analyze") else {
            XCTFail("systemd-analyze is not installed, so the unit files cannot be verified: install the 'systemd' package (apt-get install systemd; scripts/ensure-deps does it when CI=true)")
            return
        }
        // The units name /usr/local/bin and /usr/local/sbin; point them at the programs built for
        // this test run, so verify also checks that each command exists and is executable.
        let scratch = ScratchDirectory("units")
        let bin = ToolRunner.productsDirectory.path
        let usbScript = Deploy.folder.appendingPathComponent("mentorsync-usb-sync").path
        for name in Self.services + Self.timers {
            let rewritten = try text(name)
                .replacingOccurrences(of: "/usr/local/sbin/mentorsync-usb-sync", with: usbScript)
                .replacingOccurrences(of: "/usr/local/bin/", with: bin + "/")
            try rewritten.write(to: scratch.path(name), atomically: true, encoding: .utf8)
        }
        for name in Self.services + Self.timers {
            // A template is verified through an instance, as udev starts it.
            let target = name.replacingOccurrences(of: "@.service", with: "@sdb1.service")
            let r = try Deploy.run(analyze, ["verify", "--man=no", scratch.path(target).path],
                                   environment: ["SYSTEMD_LOG_COLOR": "0", "SYSTEMD_PAGER": ""])
            XCTAssertEqual(r.exitCode, 0, "\(name): \(r.output)")
            XCTAssertEqual(r.output.trimmingCharacters(in: .whitespacesAndNewlines), "", "\(name): systemd-analyze warns: \(r.output)")
        }
    }

    func testTheDistrictDaemonIsHardenedAsPromised() throws {
        let u = try parse("mentorsync-district.service")
        let expected: [(String, String)] = [
            ("Type", "simple"), ("User", "mentorsync"), ("Group", "mentorsync"), ("Restart", "on-failure"),
            ("KillSignal", "SIGTERM"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"), ("PrivateTmp", "yes"),
            ("ProtectHome", "yes"), ("PrivateDevices", "yes"), ("CapabilityBoundingSet", ""),
            ("ReadWritePaths", "/var/lib/mentorsync/district /srv/mentorsync-share"),
        ]
        for (k, v) in expected { XCTAssertEqual(value(u, "Service", k), v, k) }
        let exec = try XCTUnwrap(value(u, "Service", "ExecStart"))
        XCTAssertTrue(exec.hasPrefix("/usr/local/bin/mentorsync-district serve "), exec)
        XCTAssertTrue(exec.contains("--home /var/lib/mentorsync/district") && exec.contains("--share /srv/mentorsync-share"), exec)
        XCTAssertEqual(value(u, "Install", "WantedBy"), "multi-user.target")
        XCTAssertNil(value(u, "Service", "ExecStop"), "serve stops on SIGTERM by itself")
    }

    /// With ProtectSystem=strict, a path the command writes to but the unit does not list in
    /// ReadWritePaths fails at run time only; catch it here.
    func testEveryPathACommandWritesIsWritableInItsSandbox() throws {
        for name in Self.services {
            let u = try parse(name)
            let exec = try XCTUnwrap(value(u, "Service", "ExecStart"), name)
            guard value(u, "Service", "ProtectSystem") == "strict" else {
                XCTAssertEqual(name, "mentorsync-usb-sync@.service", "\(name) should be sandboxed")
                continue
            }
            let writable = (value(u, "Service", "ReadWritePaths") ?? "").split(separator: " ").map(String.init)
            let words = exec.split(separator: " ").map(String.init)
            for (i, w) in words.enumerated() where ["--home", "--share", "--out"].contains(w) && i + 1 < words.count {
                let path = words[i + 1]
                XCTAssertTrue(writable.contains { path == $0 || path.hasPrefix($0 + "/") }, "\(name): \(w) \(path) is not in ReadWritePaths \(writable)")
            }
            XCTAssertEqual(value(u, "Service", "User"), "mentorsync", name)
            XCTAssertEqual(value(u, "Service", "NoNewPrivileges"), "yes", name)
            for d in ["ReadWritePaths", "RequiresMountsFor"] {
                for p in (value(u, d == "ReadWritePaths" ? "Service" : "Unit", d) ?? "").split(separator: " ") {
                    // A path may start with "-" (systemd: left alone where it does not exist, /run/media on some systems).
                    XCTAssertTrue(p.hasPrefix("/") || (d == "ReadWritePaths" && p.hasPrefix("-/")), "\(name): \(d) \(p)")
                }
            }
        }
    }

    /// A web app told (by the unit's own comment) to listen on 0.0.0.0 accepts the machine's own
    /// addresses in Host, which it reads with getifaddrs(): glibc asks the kernel over a netlink
    /// socket, so the sandbox must allow AF_NETLINK, or every browser reaching it by IP is refused.
    func testTheWebAppsMayReadTheMachinesAddresses() throws {
        for name in ["mentorsync-district-web.service", "mentorsync-school-web.service"] {
            let u = try parse(name)
            let families = (value(u, "Service", "RestrictAddressFamilies") ?? "").split(separator: " ").map(String.init)
            XCTAssertTrue(families.contains("AF_INET"), "\(name): \(families)")
            XCTAssertTrue(families.contains("AF_NETLINK"), "\(name): getifaddrs() needs AF_NETLINK: \(families)")
            XCTAssertTrue(try text(name).contains("--listen 0.0.0.0:"), "\(name) shows how to serve other computers")
        }
    }

    func testTimersStartServicesThatExist() throws {
        for name in Self.timers {
            let u = try parse(name)
            let unit = try XCTUnwrap(value(u, "Timer", "Unit"), name)
            XCTAssertTrue(Self.services.contains(unit), "\(name) starts \(unit), which Deploy/ does not have")
            XCTAssertEqual(value(u, "Install", "WantedBy"), "timers.target", name)
            XCTAssertEqual(value(u, "Timer", "Persistent"), "true", "\(name): a computer switched off at the time catches up")
        }
    }

    /// udev rules have no verifier before systemd 253 (`udevadm verify`): check the syntax here,
    /// and that the rule only asks systemd to start the template unit (udev must not run long jobs).
    func testTheUdevRuleIsWellFormedAndOnlyStartsTheTemplateUnit() throws {
        let rule = try text("90-mentorsync-usb.rules")
        let pair = try NSRegularExpression(pattern: #"^[A-Z_]+(\{[A-Za-z0-9_]+\})?(==|!=|\+=|-=|:=|=)"[^"]*"$"#)
        var wants: [String] = []
        var labels: [String] = [], gotos: [String] = []
        for raw in rule.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            for item in line.components(separatedBy: ", ") {
                let range = NSRange(item.startIndex..., in: item)
                XCTAssertNotNil(pair.firstMatch(in: item, range: range), "not a udev KEY op \"value\" item: \(item)")
                XCTAssertFalse(item.hasPrefix("RUN"), "udev must not run the sync itself: \(item)")
                if item.hasPrefix("ENV{SYSTEMD_WANTS}") { wants.append(item) }
                if item.hasPrefix("LABEL=") { labels.append(item.dropFirst(6).trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
                if item.hasPrefix("GOTO=") { gotos.append(item.dropFirst(5).trimmingCharacters(in: CharacterSet(charactersIn: "\""))) }
            }
        }
        XCTAssertEqual(wants, [#"ENV{SYSTEMD_WANTS}+="mentorsync-usb-sync@%k.service""#])
        XCTAssertTrue(rule.contains(#"TAG+="systemd""#))
        XCTAssertTrue(Set(gotos).isSubset(of: Set(labels)), "every GOTO has its LABEL: \(gotos) \(labels)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: Deploy.folder.appendingPathComponent("mentorsync-usb-sync@.service").path))
        let unit = try parse("mentorsync-usb-sync@.service")
        XCTAssertEqual(value(unit, "Service", "Type"), "oneshot")
        XCTAssertEqual(value(unit, "Service", "ExecStart"), "/usr/local/sbin/mentorsync-usb-sync /dev/%I")
        XCTAssertEqual(value(unit, "Unit", "BindsTo"), "dev-%i.device", "pulling the stick stops the job")
    }
}

import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Helpers of the Deploy tests: where the repository and Deploy/ are, running shell scripts,
/// and the backup/restore commands (through the real binary once it is wired, in process before).
/// What a script or a command did (ToolResult of the test support cannot be built outside it).
struct Ran {
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }
    init(exitCode: Int32, stdout: String, stderr: String) { self.exitCode = exitCode; self.stdout = stdout; self.stderr = stderr }
    init(_ r: ToolResult) { self.init(exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr) }
}

func expectDone(_ r: Ran, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.exitCode, 0, "failed: \(r.output)", file: file, line: line)
}

enum Deploy {
    /// The repository root, found from this file's place in it.
    static let repo: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repo.appendingPathComponent("Deploy")

    /// Runs a program (a shell script here) to completion with extra environment.
    static func run(_ executable: String, _ args: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> Ran {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: executable), args, environment: environment,
                                          removing: { $0.hasPrefix("MENTORSYNC_") || $0 == "DESTDIR" || $0 == "PREFIX" }, cwd: cwd)
        return Ran(exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr)
    }

    /// Finds a program on PATH (and in the sbin folders a non-root PATH may lack).
    static func which(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/sbin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// `backup`/`restore` of one tool: through the binary when the command is wired into it,
    /// otherwise the same function in process (`BackupCommands`), with the tool's exit codes.
    static func command(_ role: Replica.Role, _ argv: [String]) throws -> Ran {
        let tool = "mentorsync-\(role.rawValue)"
        let real = Ran(try ToolRunner.run(tool, argv))
        guard real.exitCode == 2, real.stderr.contains("unknown command '\(argv[0])'") else { return real }
        let captured = CapturedOutput()
        let code: Int32
        do {
            if argv[0] == "backup" { try BackupCommands.backup(argv, role: role, console: captured.console) } else {
                try BackupCommands.restore(argv, role: role, console: captured.console)
            }
            code = 0
        } catch let e as UsageError {
            captured.console.err("\(tool): \(e.description)")
            code = 2
        } catch let e as CommandFailure {
            captured.console.err("\(tool): \(e.description)")
            code = e.exitCode
        } catch {
            captured.console.err("\(tool): \(error)")
            code = 1
        }
        return Ran(exitCode: code, stdout: captured.out.map { $0 + "\n" }.joined(), stderr: captured.err.map { $0 + "\n" }.joined())
    }

    /// Counts rows in a registry file with a connection of its own (and checks it is sound).
    static func count(_ db: URL, _ sql: String = "SELECT count(*) FROM persons") throws -> Int {
        let d = try Database(path: db.path)
        XCTAssertEqual(try d.integrityCheck(), "ok")
        return Int(try d.scalar(sql)?.integer ?? -1)
    }
}

extension CLIWorld {
    @discardableResult
    func districtBackup(_ args: String...) throws -> Ran {
        try Deploy.command(.district, ["backup"] + args + ["--home", districtHome.path])
    }

    @discardableResult
    func districtRestore(_ file: URL) throws -> Ran {
        try Deploy.command(.district, ["restore", "--from", file.path, "--home", districtHome.path])
    }

    @discardableResult
    func schoolBackup(_ n: String, _ args: String...) throws -> Ran {
        try Deploy.command(.school, ["backup"] + args + ["--home", schoolHome(n).path])
    }

    @discardableResult
    func schoolRestore(_ n: String, _ file: URL) throws -> Ran {
        try Deploy.command(.school, ["restore", "--from", file.path, "--home", schoolHome(n).path])
    }

    /// Rows of a table as the tool lists them, keyed by id.
    func rows(district table: String) throws -> [String: [String: Any]] {
        let list = try XCTUnwrap(try json(try district("list", table, "--json")) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })
    }

    func rows(school n: String, _ table: String) throws -> [String: [String: Any]] {
        let list = try XCTUnwrap(try json(try school(n, "list", table, "--json")) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport

/// A district and schools set up through the real binaries, each with its own home folder.
final class CLIWorld {
    let scratch = ScratchDirectory("cli")
    let districtHome: URL
    let stick: URL
    var schools: [String] = []

    init(schools names: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        districtHome = scratch.path("district")
        stick = scratch.folder("stick")
        try expectOK(district("init", "--name", "Управление образования"), file: file, line: line)
        for n in names { try addSchool(n, file: file, line: line) }
        // The district prepares the stick once.
        try expectOK(district("ingest", "--share", stick.path), file: file, line: line)
    }

    func addSchool(_ n: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let enroll = scratch.path("\(n).enroll")
        try expectOK(district("enroll", "--site", n, "--name", "Школа \(n)", "--out", enroll.path), file: file, line: line)
        try expectOK(school(n, "init", "--enroll", enroll.path), file: file, line: line)
        schools.append(n)
    }

    func schoolHome(_ n: String) -> URL { scratch.path("home-\(n)") }

    @discardableResult
    func district(_ args: String...) throws -> ToolResult { try district(args) }

    @discardableResult
    func district(_ args: [String]) throws -> ToolResult {
        try ToolRunner.run("mentorsync-district", args + ["--home", districtHome.path])
    }

    /// The district's tool with variables added to its environment (a language: `ToolLocale`).
    @discardableResult
    func district(environment: [String: String], _ args: [String]) throws -> ToolResult {
        try ToolRunner.run("mentorsync-district", args + ["--home", districtHome.path], environment: environment)
    }

    @discardableResult
    func school(_ n: String, _ args: String...) throws -> ToolResult {
        try ToolRunner.run("mentorsync-school", args + ["--home", schoolHome(n).path])
    }

    /// A school's tool with variables added to its environment (a language: `ToolLocale`).
    @discardableResult
    func school(_ n: String, environment: [String: String], _ args: [String]) throws -> ToolResult {
        try ToolRunner.run("mentorsync-school", args + ["--home", schoolHome(n).path], environment: environment)
    }

    /// The district's conflicts, open ones only unless `all`, as `conflicts list --json` prints them.
    func conflicts(all: Bool = false) throws -> [ListedConflict] {
        let r = try district(all ? ["conflicts", "list", "--all", "--json"] : ["conflicts", "list", "--json"])
        XCTAssertEqual(r.exitCode, 0, r.output)
        return try ListedConflict.list(r)
    }

    func json(_ r: ToolResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Everyone syncs through the stick: schools, district, schools again.
    func round() throws {
        for n in schools { try expectOK(school(n, "sync", "--share", stick.path)) }
        try expectOK(district("ingest", "--share", stick.path))
        for n in schools { try expectOK(school(n, "sync", "--share", stick.path)) }
    }
}

func expectOK(_ r: ToolResult, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(r.exitCode, 0, "tool failed: \(r.output)", file: file, line: line)
}

import Foundation
import MentorSyncTestSupport

/// The previous release's real binaries: the last commit before registry schema 2, built in release
/// from a `git worktree` of this repository under `.build/previous-release/<commit>/`, only its two
/// products (mentorsync-school, mentorsync-district). The binaries are kept in `bin/` there, keyed by
/// the commit, so a second run does not build again; the worktree is removed once they are copied.
struct PreviousRelease {
    /// The file the schema 2 commit added: the commit before it is the previous release.
    static let schema2File = "Sources/MentorSyncDomain/Schema/RegistrySchema+Version2.swift"

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let commit: String
    let bin: URL

    func executable(_ name: String) -> URL { bin.appendingPathComponent(name) }

    /// The package's root folder (this file is Tests/MentorSyncCLITests/PreviousRelease.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Finds the commit and builds it unless its binaries are already kept. Every failure (no git,
    /// a shallow clone, a build that fails) is thrown with what went wrong, never skipped.
    static func prepare(log: (String) -> Void = { print($0) }) throws -> PreviousRelease {
        let root = packageRoot
        let added = try git(root, ["log", "--diff-filter=A", "--format=%H", "--", schema2File])
            .split(separator: "\n").map(String.init)
        guard let schema2 = added.last else {
            throw Failure(description: "no commit adds \(schema2File) in \(root.path): a clone without history? (git fetch --unshallow)")
        }
        let commit = try git(root, ["rev-parse", "\(schema2)^"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = root.appendingPathComponent(".build/previous-release/\(commit)")
        let bin = folder.appendingPathComponent("bin")
        let release = PreviousRelease(commit: commit, bin: bin)
        let products = ["mentorsync-school", "mentorsync-district"]
        if products.allSatisfy({ FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent($0).path) }) {
            log("previous release \(commit.prefix(10)): binaries kept in \(bin.path)")
            return release
        }

        let src = folder.appendingPathComponent("src")
        try removeWorktree(root, src)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try git(root, ["worktree", "add", "--detach", src.path, commit])
        defer { try? removeWorktree(root, src) }
        let started = Date()
        log("previous release \(commit.prefix(10)): building \(products.joined(separator: ", ")) in release in \(src.path)")
        for product in products {
            let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/env"),
                                              ["swift", "build", "-c", "release", "--product", product], cwd: src)
            guard r.exitCode == 0 else {
                throw Failure(description: "the release build of \(product) at \(commit) failed (exit \(r.exitCode)):\n"
                              + String(r.output.suffix(4000)))
            }
        }
        let binPath = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["swift", "build", "-c", "release", "--show-bin-path"], cwd: src)
        let built = URL(fileURLWithPath: binPath.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let staging = folder.appendingPathComponent("bin.partial")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        for product in products {
            try FileManager.default.copyItem(at: built.appendingPathComponent(product), to: staging.appendingPathComponent(product))
        }
        try? FileManager.default.removeItem(at: bin)
        try FileManager.default.moveItem(at: staging, to: bin)
        log("previous release \(commit.prefix(10)): built in \(Int(Date().timeIntervalSince(started))) s, kept in \(bin.path)")
        return release
    }

    private static func removeWorktree(_ root: URL, _ src: URL) throws {
        if FileManager.default.fileExists(atPath: src.path) {
            _ = try? git(root, ["worktree", "remove", "--force", src.path])
            try? FileManager.default.removeItem(at: src)
        }
        _ = try git(root, ["worktree", "prune"])
    }

    @discardableResult
    private static func git(_ root: URL, _ args: [String]) throws -> String {
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["git", "-C", root.path] + args)
        guard r.exitCode == 0 else {
            throw Failure(description: "git \(args.joined(separator: " ")) failed (exit \(r.exitCode)): \(r.output)")
        }
        return r.stdout
    }
}

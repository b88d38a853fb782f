import Foundation

/// Runs the real command-line tools as child processes.
public struct ToolResult: Sendable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public var output: String { stdout + stderr }
}

public enum ToolRunner {
    /// The folder holding the built executables (next to the test bundle).
    public static var productsDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("mentorsync-district").path) { return url }
        }
        for b in Bundle.allBundles where FileManager.default.fileExists(atPath: b.bundleURL.deletingLastPathComponent().appendingPathComponent("mentorsync-district").path) {
            return b.bundleURL.deletingLastPathComponent()
        }
        fatalError("cannot find the built mentorsync-district next to the tests")
    }

    public static func executable(_ name: String) -> URL { productsDirectory.appendingPathComponent(name) }

    /// Runs a tool to completion; both pipes are read before waiting, so a chatty tool never blocks.
    @discardableResult
    public static func run(_ tool: String, _ args: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> ToolResult {
        try runProgram(executable(tool), args, environment: environment, removing: { $0 == "MENTORSYNC_HOME" }, cwd: cwd)
    }

    /// Runs any program to completion, with `environment` added and the variables `removing` names taken out.
    public static func runProgram(_ executable: URL, _ args: [String], environment: [String: String] = [:],
                                  removing: (String) -> Bool = { _ in false }, cwd: URL? = nil) throws -> ToolResult {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        for k in env.keys where removing(k) { env[k] = nil }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // stderr is drained on another thread while this one drains stdout.
        let errData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errData.withLock { $0 = data }
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return ToolResult(exitCode: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData.current, as: UTF8.self))
    }

    /// Starts a long-running tool (the daemon); its stderr goes to `log`.
    public static func start(_ tool: String, _ args: [String], log: URL, environment: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = executable(tool)
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        p.standardOutput = handle
        p.standardError = handle
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Waits (polling, bounded) until `condition` holds.
    public static func waitUntil(timeout: TimeInterval = 20, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }
}

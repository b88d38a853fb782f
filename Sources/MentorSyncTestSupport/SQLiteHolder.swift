import Foundation

/// Another process holding a database file open through SQLite (Python's sqlite3 module), as any
/// program using the file does: an earlier version's service, a database browser.
public final class SQLiteHolder {
    public let process = Process()

    /// Nil when python3 with its sqlite3 module cannot be run here.
    public init?(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1])
            c.execute("SELECT count(*) FROM sqlite_master").fetchall()
            print("open", flush=True)
            time.sleep(120)
            """, path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: out.fileHandleForReading.readData(ofLength: 5), as: UTF8.self)
        guard line.hasPrefix("open") else { stop(); return nil }
    }

    public var pid: Int32 { process.processIdentifier }

    /// Kills it (SIGKILL: nothing of it runs after; the kernel, closing its files, drops its locks)
    /// and waits for it to end.
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

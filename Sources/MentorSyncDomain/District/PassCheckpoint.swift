import Dispatch
import Foundation
import MentorSyncEngine

/// After a pass commits, the pages it wrote are copied from the write-ahead log into the database
/// file (SQLite's checkpoint, https://www.sqlite.org/wal.html#ckpt) by a connection of its own on
/// another thread, while the pass goes on to archive its bundles and write replies; the pass waits
/// for it before it returns, so no work outlives the pass. Run inside the COMMIT, as SQLite does by
/// default, the copy was a quarter of a daily pass. A PASSIVE checkpoint never blocks a writer:
/// what the replies write meanwhile is copied by a later checkpoint.
final class PassCheckpoint: @unchecked Sendable {
    // Sendable by its protocol: `connection` and `failure` are used by the worker thread only
    // between `start()` and its signal of `done`, and by the caller only after waiting for it.
    private let connection: Database
    private let done = DispatchSemaphore(value: 0)
    private var running = false
    private var failure: Error?

    init(path: String) throws {
        var options = Database.Options()
        options.create = false
        options.cacheSizeKiB = 2 * 1024  // a checkpoint reads the log and writes pages; it needs no cache
        connection = try Database(path: path, options: options)
    }

    /// Starts copying what the log holds into the database file.
    func start() {
        precondition(!running, "one checkpoint at a time")
        running = true
        Thread.detachNewThread { [self] in
            do { try connection.execute("PRAGMA wal_checkpoint(PASSIVE)") } catch { failure = error }
            done.signal()
        }
    }

    /// Waits for a running checkpoint; returns the error it failed with, if any.
    func wait() -> Error? {
        guard running else { return nil }
        done.wait()
        running = false
        defer { failure = nil }
        return failure
    }
}

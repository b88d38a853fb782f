import XCTest
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// The write-ahead log's writes are gathered (`LogWriteVFS`): what a connection commits is in the
/// log file before another connection can see it, and nothing is lost or reordered.
final class LogWriteVFSTests: XCTestCase {
    var scratches: [ScratchDirectory] = []
    override func tearDown() { scratches = [] }

    /// A new database file with a table t; its path and a connection that writes.
    func newDatabase(_ label: String) throws -> (path: String, writer: Database) {
        let scratch = ScratchDirectory(label)
        scratches.append(scratch)
        let path = scratch.path("log.db").path
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
        return (path, writer)
    }

    func insert(_ db: Database, id: Int, _ v: String) throws {
        try db.execute("INSERT INTO t (id, v) VALUES (?, ?)", [.integer(Int64(id)), .text(v)])
    }

    func testCommitsAreWholeForAnotherConnectionAfterEachCommit() throws {
        let (path, writer) = try newDatabase("log-vfs")
        let reader = try Database(path: path)
        let before = LogWriteVFS.counts
        for round in 0..<20 {
            try writer.transaction {
                for i in 0..<500 { try insert(writer, id: round * 500 + i, String(repeating: "x", count: 100 + i % 50)) }
            }
            XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t")?.integer, Int64((round + 1) * 500))
        }
        let after = LogWriteVFS.counts
        print("LogWriteVFSTests: \(after.asked - before.asked) writes asked, \(after.made - before.made) made")
        XCTAssertLessThan(after.made - before.made, (after.asked - before.asked) / 4, "the log's writes were not gathered")
        XCTAssertEqual(try reader.integrityCheck(), "ok")
    }

    /// A reader on another thread, with its own connection, while a writer commits: it always sees
    /// whole transactions, never fewer rows than before, and never a short or damaged log.
    func testAReaderBesideTheWriterSeesWholeTransactions() throws {
        let (path, writer) = try newDatabase("log-vfs-threads")
        let batch = 300, batches = 60
        let done = Locked(false)
        let seen = Locked<[Int64]>([])
        let failure = Locked<String?>(nil)
        let reader = Thread {
            do {
                let db = try Database(path: path)
                while !done.current {
                    let n = try db.scalar("SELECT count(*) FROM t")?.integer ?? -1
                    seen.withLock { $0.append(n) }
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
        }
        reader.start()
        for b in 0..<batches {
            let readsBefore = seen.current.count
            try writer.transaction {
                for i in 0..<batch { try insert(writer, id: b * batch + i, String(repeating: "w", count: 300)) }
            }
            // Every few commits, let the reader look (up to a second), so it sees many of them.
            if b % 5 == 0 {
                let until = Date().addingTimeInterval(1)
                while seen.current.count < readsBefore + 2 && Date() < until && failure.current == nil { Thread.sleep(forTimeInterval: 0.001) }
            }
        }
        done.withLock { $0 = true }
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertNil(failure.current)
        let counts = seen.current
        XCTAssertGreaterThan(Set(counts).count, 3, "the reader saw too few commits to prove anything: \(Set(counts).sorted())")
        XCTAssertTrue(counts.allSatisfy { $0 % Int64(batch) == 0 }, "a transaction seen in part")
        XCTAssertEqual(counts, counts.sorted(), "a commit seen, then not")
        XCTAssertEqual(try writer.integrityCheck(), "ok")
    }

    func testATransactionLargerThanTheBufferCommits() throws {
        let (path, writer) = try newDatabase("log-vfs-large")
        // A small page cache: the transaction spills pages into the log before it commits and
        // reads them back from there.
        try writer.execute("PRAGMA cache_size = 50")
        try writer.transaction {
            for i in 0..<100_000 { try insert(writer, id: i, String(repeating: "y", count: 200)) }
        }
        let reader = try Database(path: path)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t")?.integer, 100_000)
        XCTAssertEqual(try reader.scalar("SELECT sum(length(v)) FROM t")?.integer, 100_000 * 200)
        XCTAssertEqual(try reader.integrityCheck(), "ok")
        try writer.execute("UPDATE t SET v = 'z' WHERE id % 7 = 0")
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t WHERE v = 'z'")?.integer, 14_286)
    }
}

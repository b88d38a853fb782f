import XCTest
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// `forEachRow` keeps its prepared statement for the next call, and still works when the same query
/// runs inside its own loop (the outer one is still stepping the kept statement).
final class DatabaseStatementTests: XCTestCase {
    func testForEachRowNestedInTheSameQueryAndRunAgain() throws {
        let scratch = ScratchDirectory("statements")
        let db = try Database(path: scratch.path("s.db").path)
        try db.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)")
        for n in 1...4 { try db.execute("INSERT INTO t (n) VALUES (?)", [.integer(Int64(n))]) }
        let sql = "SELECT n FROM t WHERE n >= ? ORDER BY n"
        var pairs: [String] = []
        try db.forEachRow(sql, [.integer(2)]) { outer in
            let a = outer.int64(at: 0)
            try db.forEachRow(sql, [.integer(a)]) { inner in pairs.append("\(a)\(inner.int64(at: 0))") }
        }
        XCTAssertEqual(pairs, ["22", "23", "24", "33", "34", "44"])
        // Run again, and stopped midway by an error: the next run starts afresh.
        struct Stop: Error {}
        var seen: [Int64] = []
        XCTAssertThrowsError(try db.forEachRow(sql, [.integer(1)]) { s in seen.append(s.int64(at: 0)); if seen.count == 2 { throw Stop() } })
        var all: [Int64] = []
        try db.forEachRow(sql, [.integer(1)]) { all.append($0.int64(at: 0)) }
        XCTAssertEqual(all, [1, 2, 3, 4])
        // Nothing holds a read open: another connection can write and checkpoint fully.
        let other = try Database(path: scratch.path("s.db").path)
        try other.execute("INSERT INTO t (n) VALUES (5)")
        XCTAssertEqual(try other.rows("PRAGMA wal_checkpoint(TRUNCATE)").first?.first?.integer, 0, "a reader is still open")
    }
}

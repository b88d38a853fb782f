import XCTest
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A defined function's closure: released when the name is defined again or the connection
/// closes, kept while statements call it.
final class DefinedFunctionLifetimeTests: XCTestCase {
    final class Token {}

    func testRedefiningOrClosingReleasesTheClosure() throws {
        let scratch = ScratchDirectory("merge-functions")
        weak var first: Token?, second: Token?
        do {
            let db = try Database(path: scratch.path("f.db").path)
            do {
                let a = Token(), b = Token()
                first = a; second = b
                try db.defineFunction("answer", arguments: 0, deterministic: false) { result, _ in _ = a; result.result(Int64(1)) }
                try db.defineFunction("answer", arguments: 0, deterministic: false) { result, _ in _ = b; result.result(Int64(2)) }
            }
            XCTAssertNil(first, "the first closure outlived its replacement")
            XCTAssertNotNil(second)
            for _ in 0..<20_000 { XCTAssertEqual(try db.scalar("SELECT answer()"), .integer(2)) }
            // A statement prepared anew each time (not kept), and many calls in one statement.
            for _ in 0..<200 { XCTAssertEqual(try db.prepare("SELECT answer() + 1").step(), true) }
            XCTAssertEqual(try db.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT sum(answer()) FROM n"),
                           .integer(200_000))
            XCTAssertNotNil(second)
        }
        XCTAssertNil(second, "closing the connection kept the closure")
    }

    func testAnErrorResultFailsTheStatementWithItsMessage() throws {
        let scratch = ScratchDirectory("merge-functions")
        let db = try Database(path: scratch.path("f.db").path)
        try db.defineFunction("refuse", arguments: -1, deterministic: true) { result, args in
            result.resultError("refused \(args.count) arguments")
        }
        XCTAssertThrowsError(try db.scalar("SELECT refuse(1, 'два')")) { error in
            XCTAssertTrue("\(error)".contains("refused 2 arguments"), "\(error)")
        }
        // A name SQLite refuses (longer than 255 bytes): an error, and the closure is not kept.
        weak var kept: Token?
        do {
            let t = Token()
            kept = t
            XCTAssertThrowsError(try db.defineFunction(String(repeating: "x", count: 300), arguments: 0, deterministic: true) { _, _ in _ = t })
        }
        XCTAssertNil(kept)
    }
}

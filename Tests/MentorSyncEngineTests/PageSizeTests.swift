import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// New database files get 2 KiB pages (a changed row rewrites less); a file made before keeps its
/// own page size and opens as always.
final class PageSizeTests: XCTestCase {
    func testANewFileHasTwoKiBPages() throws {
        let scratch = ScratchDirectory("page-size")
        let db = try Database(path: scratch.path("new.db").path)
        try db.execute("CREATE TABLE t (x)")
        XCTAssertEqual(try db.scalar("PRAGMA page_size")?.integer, 2048)
        XCTAssertEqual(Database.newFilePageSize, 2048)
    }

    func testAFileWithOtherPagesKeepsThemAndStillWorks() throws {
        let scratch = ScratchDirectory("page-size")
        let path = scratch.path("old.db").path
        do {
            // A file as earlier releases made it: 4 KiB pages, in WAL mode, with rows.
            let db = try Database(path: path)
            try db.execute("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL")
            try db.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
            XCTAssertEqual(try db.scalar("PRAGMA page_size")?.integer, 4096)
        }
        let db = try Database(path: path)
        XCTAssertEqual(try db.scalar("PRAGMA page_size")?.integer, 4096)
        XCTAssertEqual(try db.scalar("PRAGMA journal_mode")?.text, "wal")
        try db.execute("INSERT INTO t VALUES (2)")
        XCTAssertEqual(try db.scalar("SELECT sum(x) FROM t")?.integer, 3)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }
}

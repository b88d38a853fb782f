import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Right after an upgrade, a registry still in the earlier layout that another program has open
/// (the earlier version's service, not restarted yet) is left as it is: the command says so in the
/// reader's language, with what to do, and works once that program has gone.
final class UpgradeWindowCLITests: XCTestCase {
    func testACommandWaitsForTheEarlierServiceToBeRestarted() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария", "--set", "role=teacher", "--id", "a"))
        let path = w.schoolHome("s001").appendingPathComponent("registry.db").path
        // The earlier layout of one table: no clock columns in it (and its triggers, which name them, gone with them).
        do {
            let db = try Database(path: path)
            for t in try db.rows("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'persons'") {
                try db.execute("DROP TRIGGER \(SQL.identifier(t[0].displayText))")
            }
            for c in TableSchema.clockColumns { try db.execute("ALTER TABLE persons DROP COLUMN \(c)") }
        }
        let moved = "SELECT count(*) FROM pragma_table_info('persons') WHERE name = 'msync_clock'"
        guard let other = try SQLiteHolder(path: path) else {
            throw XCTSkip("python3 with its sqlite3 module is needed to hold the file open from another process")
        }
        let russian = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertNotEqual(russian.exitCode, 0)
        XCTAssertTrue(russian.stderr.contains("\(path) открыт другой программой (процесс \(other.pid)) — скорее всего, службой прежней версии"), russian.stderr)
        XCTAssertTrue(russian.stderr.contains("ничего не изменено"), russian.stderr)
        XCTAssertFalse(russian.stderr.contains("open in another program"), russian.stderr)
        let english = try w.school("s001", environment: ToolLocale.english, ["status"])
        XCTAssertTrue(english.stderr.contains("is open in another program (process \(other.pid))"), english.stderr)
        XCTAssertEqual(try Database(path: path).scalar(moved), .integer(0), "nothing changed")

        other.stop()
        expectOK(try w.school("s001", "status"))
        XCTAssertEqual(try Database(path: path).scalar(moved), .integer(1))
        // Capture goes on in the moved table.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров Пётр", "--set", "role=teacher", "--id", "b"))
        try w.round()
        let list = try w.district("list", "persons")
        expectOK(list)
        XCTAssertTrue(list.stdout.contains("Иванова Мария") && list.stdout.contains("Петров Пётр"), list.stdout)
    }
}

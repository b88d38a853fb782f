import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// The clocks of a home in the earlier layout are not moved while another process has the file
/// open (an earlier version's service, still running after the upgrade): the open is refused with
/// that process named and nothing changed; once it has gone, they move. This process's own
/// connections do not count.
final class ClockMoveWaitsTests: XCTestCase {
    private func holder(_ path: String) throws -> SQLiteHolder {
        guard let h = try SQLiteHolder(path: path) else {
            throw XCTSkip("python3 with its sqlite3 module is needed to hold the file open from another process")
        }
        return h
    }

    func testTheMoveWaitsWhileAnotherProcessHasTheFileOpen() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        var ids: [String] = []
        for i in 0..<4 { ids.append(try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Учитель \(i)"), "role": .text("teacher")])) }
        try t.syncAll()
        try s.update("persons", ids[1], ["notes": .text("заметка")])
        try t.syncAll()
        try t.district.fold()
        let path = t.district.database.path
        let before = try ClockMigrationTests.clocks(t.district, ids)
        try ClockMigrationTests.writeEarlierLayout(path)
        let moved = "SELECT count(*) FROM pragma_table_info('persons') WHERE name = 'msync_clock'"

        let other = try holder(path)
        XCTAssertThrowsError(try Replica(path: path, schema: RegistrySchema.schema)) { error in
            XCTAssertEqual(error as? ReplicaError, .openElsewhere(path: path, pid: other.pid))
        }
        XCTAssertEqual(try Database(path: path).scalar(moved), .integer(0), "nothing changed")

        other.stop()
        // The district's own connection is still open here: this process's connections do not count.
        let reopened = try Replica(path: path, schema: RegistrySchema.schema)
        XCTAssertEqual(try reopened.database.scalar(moved), .integer(1))
        XCTAssertEqual(try ClockMigrationTests.clocks(reopened, ids), before)
    }

    /// The probe itself: nobody, another process, and no `-shm` file at all.
    func testTheProbeSeesOtherProcessesOnly() throws {
        let scratch = ScratchDirectory("other-connections")
        let path = scratch.path("r.db").path
        XCTAssertNil(OtherConnections.process(holding: path), "no file")
        let own = try Database(path: path)
        try own.execute("CREATE TABLE msync_rows (x)")
        XCTAssertNil(OtherConnections.process(holding: path), "this process's own connection")
        let other = try holder(path)
        XCTAssertEqual(OtherConnections.process(holding: path), other.pid)
        other.stop()
        XCTAssertNil(OtherConnections.process(holding: path))
        XCTAssertEqual(try own.scalar("SELECT count(*) FROM msync_rows"), .integer(0), "the own connection still works")
    }
}

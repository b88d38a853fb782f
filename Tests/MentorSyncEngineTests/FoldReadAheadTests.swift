import XCTest
@testable import MentorSyncEngine
import MentorSyncDomain
import MentorSyncTestSupport

/// A long capture log is read ahead on a second connection (`FoldReadAhead`): the clocks and
/// fingerprints it stores are the ones the fold stores alone, and it is not used where the second
/// connection would read other values than the fold's own.
final class FoldReadAheadTests: XCTestCase {
    private let persons = Int64(RegistrySchema.persons.number)

    private func insertPerson(_ s: Replica, _ id: String, _ i: Int) throws {
        try s.database.execute("INSERT INTO persons(id, org_id, full_name, role, notes, position) VALUES (?, ?, ?, ?, ?, ?)",
                               [.text(id), .text("s001"), .text("Иванова Мария Петровна \(i)"), .text(i % 3 == 0 ? "student" : "teacher"),
                                i % 5 == 0 ? .null : .text("заметка № \(i) — «кавычки»"), i % 7 == 0 ? .null : .text("учитель \(i % 11)")])
    }

    /// Inserts `count` persons with new ids (inside the caller's transaction, if any); their ids.
    private func insertPersons(_ s: Replica, _ count: Int) throws -> [String] {
        try (0..<count).map { i in
            let id = UUID().uuidString.lowercased()
            try insertPerson(s, id, i)
            return id
        }
    }

    private func clockRows(_ r: Replica) throws -> [[DatabaseValue]] {
        // A live row's clock and fingerprint are in its row (persons: the only table these tests write).
        try r.database.rows("SELECT r.tbl, r.id, r.org_id, r.alive, r.local, r.clock, r.fp, p.msync_clock, p.msync_fp FROM msync_rows r LEFT JOIN persons p ON r.alive = 1 AND p.id = r.id ORDER BY r.tbl, r.id")
    }

    /// Every live person's stored fingerprint is the one of the values its row holds.
    private func assertFingerprintsMatchValues(_ r: Replica, file: StaticString = #filePath, line: UInt = #line) throws {
        var checked = 0
        // In the row, or in the entry of a row inserted here and not changed since (Replica+RowStore).
        for row in try r.database.rows("SELECT r.id, coalesce(p.msync_fp, r.fp) FROM msync_rows r LEFT JOIN persons p ON r.alive = 1 AND p.id = r.id WHERE r.tbl = ? AND r.alive = 1", [.integer(persons)]) {
            let values = try XCTUnwrap(try r.readValues(RegistrySchema.persons, id: row[0].displayText), file: file, line: line)
            XCTAssertEqual(row[1], .blob(RowFingerprint(values: values).bytes), row[0].displayText, file: file, line: line)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 4000, file: file, line: line)
    }

    func testALongLogReadAheadIsFoldedIntoTheClocksTheFoldAloneStores() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        // Rows folded before: one deleted and inserted again under its id, one updated in the long log.
        let reused = "00000000-0000-4000-8000-00000000000a", updated = "00000000-0000-4000-8000-00000000000b"
        try insertPerson(s, reused, 1)
        try insertPerson(s, updated, 2)
        try s.fold()
        try s.database.execute("DELETE FROM persons WHERE id = ?", [.text(reused)])
        try s.fold()
        XCTAssertEqual(s.batchesReadAhead, 0, "a short log is folded on the caller's thread")

        try s.database.transaction {
            let ids = try insertPersons(s, 5000)
            for (i, id) in ids.enumerated() where i % 17 == 0 {
                try s.database.execute("UPDATE persons SET notes = ? WHERE id = ?", [.text("исправлено \(i)"), .text(id)])
            }
            for (i, id) in ids.enumerated() where i % 50 == 1 {
                try s.database.execute("DELETE FROM persons WHERE id = ?", [.text(id)])
            }
            try insertPerson(s, reused, 3)
            try s.database.execute("UPDATE persons SET full_name = ? WHERE id = ?", [.text("Петрова Анна"), .text(updated)])
        }
        // The same file folded without a read-ahead.
        let copyPath = t.scratch.path("copy.db").path
        _ = try s.database.backup(to: copyPath)
        let copy = try Replica(path: copyPath, schema: RegistrySchema.schema)

        XCTAssertEqual(try s.fold(), 5000 + 5000 / 17 + 1 + 5000 / 50 + 2)
        XCTAssertGreaterThanOrEqual(s.batchesReadAhead, 2, "5,000 entries are read ahead in batches of 4,096")
        try copy.writeTransaction { try copy.foldLog(readsAhead: false) }
        XCTAssertEqual(copy.batchesReadAhead, 0)

        let ahead = try clockRows(s), alone = try clockRows(copy)
        XCTAssertEqual(ahead.count, 5002)
        XCTAssertEqual(ahead, alone)
        try assertFingerprintsMatchValues(s)
        XCTAssertEqual(try s.database.scalar("SELECT count(*) FROM msync_log"), .integer(0))
        XCTAssertEqual(try s.database.scalar("SELECT alive FROM msync_rows WHERE id = ?", [.text(reused)]), .integer(1))
    }

    /// A restore renames a registry aside and puts another in its place, while a web app may still
    /// hold the first open: a fold there reads ahead nothing of the file now at the path (it folded
    /// that file's log and deleted its own unfolded: 8,000 rows left without clocks).
    func testAFileNowAtThePathIsNotReadAhead() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let path = s.database.path, otherPath = t.scratch.path("other.db").path
        try s.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try FileManager.default.copyItem(atPath: path, toPath: otherPath)
        do {
            let other = try Replica(path: otherPath, schema: RegistrySchema.schema)
            _ = try other.database.transaction { try insertPersons(other, 9000) }
        }
        let mine = try s.database.transaction { try insertPersons(s, 8000) }
        for suffix in ["-wal", "-shm", ""] where FileManager.default.fileExists(atPath: path + suffix) {
            XCTAssertEqual(rename(path + suffix, path + ".aside" + suffix), 0)
        }
        XCTAssertEqual(rename(otherPath, path), 0)

        XCTAssertEqual(try s.fold(), 8000)
        XCTAssertEqual(s.batchesReadAhead, 0)
        let clocked = try s.database.rows("SELECT id FROM msync_rows WHERE tbl = ? AND alive = 1", [.integer(persons)]).map(\.[0].displayText)
        XCTAssertEqual(Set(clocked), Set(mine))
    }

    /// A district pass merges bundles in one transaction, writing rows without capture: a fold in
    /// it must fingerprint the values as that transaction holds them, which a second connection
    /// does not see.
    func testAFoldAfterUncapturedWritesInItsTransactionDoesNotReadAhead() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let ids = try s.database.transaction { try insertPersons(s, 5000) }
        try s.database.transaction {
            try s.database.setTriggersEnabled(false)
            for (i, id) in ids.enumerated() where i % 3 == 0 {
                try s.database.execute("UPDATE persons SET notes = ? WHERE id = ?", [.text("слито \(i)"), .text(id)])
            }
            try s.database.setTriggersEnabled(true)
            try s.foldLog()
        }
        XCTAssertEqual(s.batchesReadAhead, 0)
        try assertFingerprintsMatchValues(s)
    }
}

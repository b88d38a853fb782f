import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A merge reads the bundle's records on a second thread, a batch ahead (`BundleReadAhead`): every
/// record arrives once and in order, a damaged or forged file still merges nothing, and stopping
/// early gives the reader back at once.
final class BundleReadAheadTests: XCTestCase {
    /// A district and school s001 whose bundle holds `rows` new persons (many read-ahead batches).
    func bigBundle(rows: Int) throws -> (TestDistrict, URL) {
        let t = try TestDistrict(schools: ["s001"])
        let s001 = t.school("s001")
        try s001.database.transaction {
            for n in 0..<rows {
                try s001.insert("persons", ["org_id": "s001", "full_name": .text("Учитель \(n)"), "role": "teacher"],
                                id: String(format: "p-%05d", n))
            }
        }
        return (t, try t.upload("s001"))
    }

    func testEveryRecordArrivesOnceInOrder() throws {
        // 3,000 rows are read on the second thread, 20 (a daily bundle) on the caller's.
        for rows in [3000, 20] {
            let (t, url) = try bigBundle(rows: rows)
            var plain: [BundleRecord] = []
            let direct = try BundleReader(url: url, keyFor: t.key(for:))
            while let r = try direct.next() { plain.append(r) }

            let reader = try BundleReader(url: url, keyFor: t.key(for:))
            let ahead = BundleReadAhead(reader)
            XCTAssertEqual(ahead.readsAhead, rows >= BundleReadAhead.minimumRows)
            var read: [BundleRecord] = []
            while let r = try ahead.next() { read.append(r) }
            XCTAssertNil(try ahead.next(), "after the end, the end again")
            ahead.stop()
            XCTAssertEqual(read.count, rows)
            XCTAssertTrue(read == plain, "\(rows) rows: the records read ahead differ from the records read directly")
            XCTAssertEqual(ahead.tableColumns["persons"], direct.tableColumns["persons"])
        }
    }

    /// Batches the merge is done with are freed by the reading thread as it goes, not kept.
    func testSpentBatchesAreFreedAsReadingGoesOn() throws {
        let (t, url) = try bigBundle(rows: 6000)
        let ahead = BundleReadAhead(try BundleReader(url: url, keyFor: t.key(for:)))
        var most = 0, read = 0
        while try ahead.next() != nil {
            read += 1
            most = max(most, ahead.spentWaiting)
        }
        ahead.stop()
        XCTAssertEqual(read, 6000)
        XCTAssertLessThanOrEqual(most, 3, "spent batches pile up (\(6000 / BundleReadAhead.batchSize) batches read)")
    }

    func testStoppingEarlyGivesTheReaderBack() throws {
        let (t, url) = try bigBundle(rows: 3000)
        for taken in [0, 1, 300, 700] {
            let reader = try BundleReader(url: url, keyFor: t.key(for:))
            let ahead = BundleReadAhead(reader)
            for _ in 0..<taken { XCTAssertNotNil(try ahead.next()) }
            ahead.stop()
            // The reader is the caller's again: it tells whether the rest of the file is genuine.
            let error = BundleError.io("stopped by the test")
            XCTAssertEqual("\(reader.failure(explaining: error))", "\(error)", "taken \(taken)")
        }
    }

    func testADamagedBigBundleMergesNothing() throws {
        let (t, url) = try bigBundle(rows: 3000)
        var bytes = try Data(contentsOf: url)
        let size = bytes.count
        for (n, at) in [size / 2, size - 40].enumerated() {
            let damaged = t.mail.appendingPathComponent("damaged-\(n).msync")
            var copy = bytes
            copy[at] ^= 0x5a
            try copy.write(to: damaged)
            XCTAssertThrowsError(try t.districtMerges(damaged)) { error in
                XCTAssertTrue(error is BundleError, "not reported as the file's fault: \(error)")
            }
            XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 0)
            XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM msync_rows")?.integer, 0)
        }
        bytes.removeLast(100)
        let cut = t.mail.appendingPathComponent("cut.msync")
        try bytes.write(to: cut)
        XCTAssertThrowsError(try t.districtMerges(cut))
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 0)
        XCTAssertEqual(try t.districtMerges(url).rowsInserted, 3000, "the whole bundle still merges")
    }
}

import XCTest
import MentorSyncDemo
@testable import MentorSyncEngine

/// A row clock's stored bytes: the layout written out plainly (sites numbered, the vector, each
/// stamp in position order, former owners sorted), and the same bytes again after a decode into
/// stamps sized for any table (`decode(_:slots:)`).
final class ClockCodecTests: XCTestCase {
    /// The layout, written plainly: what the codec's shortcuts must keep byte for byte.
    func plainEncode(_ clock: RowClock, number: (SiteID) throws -> Int) rethrows -> [UInt8] {
        var w = ByteWriter(capacity: 16 + clock.stamps.count * 6)
        let entries = clock.version.sortedEntries
        w.varint(entries.count)
        for e in entries { w.varint(try number(e.site)); w.counter(e.counter) }
        w.varint(clock.stamps.count)
        for (pos, stamp) in clock.stamps { w.varint(pos); w.counter(stamp.counter); w.varint(try number(stamp.site)) }
        if !clock.formerOwners.isEmpty {
            let numbers = try clock.formerOwners.map { try number($0) }.sorted()
            w.varint(numbers.count)
            for n in numbers { w.varint(n) }
        }
        return w.bytes
    }

    func testClocksEncodeAsTheLayoutSaysAndDecodeIntoAnyRoom() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clock-codec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Database(path: dir.appendingPathComponent("c.db").path)
        for sql in CaptureSQL.metadata { try db.execute(sql) }
        let codec = RowClockCodec(database: db)
        let sites = ["s001", "s002", "district", "s010"].map { SiteID($0)! }
        var g = SplitMix64(seed: 7)
        try db.transaction {
            for _ in 0..<3000 {
                var clock = RowClock()
                for _ in 0..<g.int(0...4) { clock.version.advance(g.pick(sites), to: Int64(g.int(1...100_000))) }
                for pos in 0..<g.int(0...20) where g.chance(0.6) { clock.stamps[pos] = Stamp(counter: Int64(g.int(1...100_000)), site: g.pick(sites)) }
                if g.chance(0.2) { clock.formerOwners = Set((0..<g.int(1...3)).map { _ in g.pick(sites) }) }
                let a = try codec.encode(clock), b = try plainEncode(clock, number: codec.number)
                XCTAssertEqual(a, b)
                for slots in [0, 1, 5, 12, 25, 64] {
                    let d = try codec.decode(a, slots: slots)
                    XCTAssertEqual(d, clock)
                    XCTAssertEqual(try codec.encode(d), a)
                    XCTAssertEqual(d.stamps.count, clock.stamps.count)
                    XCTAssertEqual(d.stamps.keys, clock.stamps.keys)
                }
            }
        }
    }
}

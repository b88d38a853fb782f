import XCTest
import MentorSyncDemo
@testable import MentorSyncEngine

/// A row clock's stored bytes: the layout written out plainly (sites numbered, the vector, the
/// stamps in runs in position order, former owners sorted), and the same bytes again after a decode into
/// stamps sized for any table (`decode(_:slots:)`).
final class ClockCodecTests: XCTestCase {
    /// The layout, written plainly: what the codec's shortcuts must keep byte for byte.
    func plainEncode(_ clock: RowClock, number: (SiteID) throws -> Int) rethrows -> [UInt8] {
        var w = ByteWriter(capacity: 16 + clock.stamps.count * 6)
        let entries = clock.version.sortedEntries
        w.varint(entries.count)
        for e in entries { w.varint(try number(e.site)); w.counter(e.counter) }
        // Runs: consecutive positions of one stamp, as long as they go; their count plus 64 first.
        var runs: [(position: Int, length: Int, stamp: Stamp)] = []
        for (pos, stamp) in clock.stamps {
            if let last = runs.last, last.position + last.length == pos, last.stamp == stamp { runs[runs.count - 1].length += 1 } else {
                runs.append((pos, 1, stamp))
            }
        }
        w.varint(runs.isEmpty ? 0 : 64 + runs.count)
        for r in runs { w.varint(r.position); w.varint(r.length); w.counter(r.stamp.counter); w.varint(try number(r.stamp.site)) }
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
                // Half of them mostly one stamp (a row written whole, some cells since), so runs are long.
                let whole = g.chance(0.5) ? Stamp(counter: Int64(g.int(1...100_000)), site: g.pick(sites)) : nil
                for pos in 0..<g.int(0...20) where g.chance(whole == nil ? 0.6 : 0.9) {
                    clock.stamps[pos] = whole.flatMap { g.chance(0.8) ? $0 : nil } ?? Stamp(counter: Int64(g.int(1...100_000)), site: g.pick(sites))
                }
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

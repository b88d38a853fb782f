import XCTest
import MentorSyncDemo
@testable import MentorSyncEngine

/// The row clock's containers (a version vector as a sorted list, cell stamps as an array by
/// position) against the dictionaries they replaced, over random operations.
final class ClockStorageTests: XCTestCase {
    let sites = ["district", "s001", "s002", "s010", "a", "z9"].map { SiteID($0)! }

    /// A version vector as a dictionary, the obvious way.
    struct Model {
        var entries: [SiteID: Int64] = [:]
        mutating func advance(_ s: SiteID, _ c: Int64) { if c > (entries[s] ?? 0) { entries[s] = c } }
        func compare(_ o: Model) -> VersionVector.Order {
            var less = false, greater = false
            for s in Set(entries.keys).union(o.entries.keys) {
                let a = entries[s] ?? 0, b = o.entries[s] ?? 0
                if a < b { less = true } else if a > b { greater = true }
            }
            return less && greater ? .concurrent : less ? .before : greater ? .after : .equal
        }
    }

    func randomPair(_ g: inout SplitMix64) -> (VersionVector, Model) {
        var v = VersionVector(), m = Model()
        for _ in 0..<g.int(0...5) {
            let s = g.pick(sites), c = Int64(g.int(0...6))
            if g.chance(0.2) {
                v[s] = c
                m.entries[s] = c > 0 ? c : nil
            } else {
                v.advance(s, to: c)
                if c > 0 { m.advance(s, c) }
            }
        }
        return (v, m)
    }

    func testVersionVectorAgreesWithADictionary() {
        var g = SplitMix64(seed: 0x7663)
        for _ in 0..<3_000 {
            let (x, mx) = randomPair(&g)
            let (y, my) = randomPair(&g)
            XCTAssertEqual(x.entries, mx.entries)
            XCTAssertEqual(x.sortedEntries.map(\.site), mx.entries.keys.sorted())
            XCTAssertEqual(x.compare(y), mx.compare(my), "\(x) vs \(y)")
            XCTAssertEqual(x.dominates(y), [.equal, .after].contains(mx.compare(my)))
            var mu = mx
            for (s, c) in my.entries { mu.advance(s, c) }
            XCTAssertEqual(x.union(y).entries, mu.entries)
            XCTAssertEqual(x.union(y), y.union(x), "union is the same either way round")
            XCTAssertEqual(x == y, mx.entries == my.entries)
            XCTAssertEqual(VersionVector(mx.entries), x, "built from its entries, the same vector")
            for s in sites {
                XCTAssertEqual(x[s], mx.entries[s] ?? 0)
                XCTAssertEqual(x.covers(Stamp(counter: 3, site: s)), (mx.entries[s] ?? 0) >= 3)
            }
        }
    }

    func testVectorsOfManySitesStaySorted() {
        var v = VersionVector()
        var g = SplitMix64(seed: 9)
        var model: [SiteID: Int64] = [:]
        for _ in 0..<2_000 {
            let s = SiteID("s\(g.int(0...499))")!
            let c = Int64(g.int(1...1_000))
            v.advance(s, to: c)
            model[s] = max(model[s] ?? 0, c)
        }
        XCTAssertEqual(v.entries, model)
        XCTAssertEqual(v.sortedEntries.map(\.site), model.keys.sorted())
    }

    func testCellStampsAgreeWithADictionary() {
        var g = SplitMix64(seed: 0x5354)
        for _ in 0..<2_000 {
            var stamps = CellStamps(), model: [Int: Stamp] = [:]
            for _ in 0..<g.int(0...20) {
                let pos = g.int(0...40)
                let stamp: Stamp? = g.chance(0.2) ? nil : Stamp(counter: Int64(g.int(1...9)), site: g.pick(sites))
                stamps[pos] = stamp
                model[pos] = stamp
            }
            XCTAssertEqual(stamps.count, model.count)
            XCTAssertEqual(stamps.isEmpty, model.isEmpty)
            XCTAssertEqual(stamps.keys, model.keys.sorted())
            XCTAssertEqual(stamps.map(\.key), model.keys.sorted(), "iteration is in position order")
            XCTAssertEqual(stamps.map(\.value), model.sorted { $0.key < $1.key }.map(\.value))
            for pos in 0...45 { XCTAssertEqual(stamps[pos], model[pos]) }
            var rebuilt = CellStamps()
            for (pos, s) in model.sorted(by: { $0.key > $1.key }) { rebuilt[pos] = s }
            XCTAssertEqual(rebuilt, stamps, "equal whatever order the stamps were set in")
            if let pos = model.keys.first {
                rebuilt[pos] = Stamp(counter: 99, site: sites[0])
                XCTAssertNotEqual(rebuilt, stamps)
            }
        }
    }

    func testClocksRoundTripThroughTheirEncoding() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try Database(path: dir.appendingPathComponent("c.db").path)
        for sql in CaptureSQL.metadata { try db.execute(sql) }
        let codec = RowClockCodec(database: db)
        var g = SplitMix64(seed: 42)
        XCTAssertTrue(codec.namesFormerOwners([0x05]), "a clock cut short is left to decode to refuse")
        try db.transaction {
            for _ in 0..<500 {
                var clock = RowClock()
                for _ in 0..<g.int(1...4) { clock.version.advance(g.pick(sites), to: Int64(g.int(1...1_000))) }
                // Half of them rows written whole by one write, some cells since (runs of one stamp).
                let whole = g.chance(0.5) ? Stamp(counter: Int64(g.int(1...1_000)), site: g.pick(sites)) : nil
                for pos in 0..<g.int(1...14) where whole != nil || g.chance(0.7) {
                    clock.stamps[pos] = whole.flatMap { g.chance(0.8) ? $0 : nil } ?? Stamp(counter: Int64(g.int(1...1_000)), site: g.pick(sites))
                }
                if g.chance(0.1) { clock.formerOwners = [g.pick(sites)] }
                XCTAssertEqual(try codec.decode(try codec.encode(clock)), clock)
                // Clocks stored before runs (a stamp per position) still read as they were.
                XCTAssertEqual(try codec.decode(try ClockModel.firstLayout(clock, number: codec.number)), clock)
                codec.forget()
                XCTAssertEqual(try codec.decode(try codec.encode(clock)), clock, "the same after the numbers are read back from the table")
                // Whether a row moved is read without decoding its clock (the district's status asks it of every row).
                XCTAssertEqual(codec.namesFormerOwners(try codec.encode(clock)), !clock.formerOwners.isEmpty)
                XCTAssertEqual(codec.namesFormerOwners(try ClockModel.firstLayout(clock, number: codec.number)), !clock.formerOwners.isEmpty)
            }
            // A row inserted whole: one run, the bytes folding an insert writes straight.
            let s001 = SiteID("s001")!
            var inserted = RowClock()
            inserted.write(0..<13, stamp: Stamp(counter: 70_000, site: s001))
            let number = try codec.number(s001)
            let bytes = try codec.encode(inserted)
            XCTAssertEqual(bytes, RowClockCodec.encodeInsert(cells: 13, counter: 70_000, siteNumber: number))
            XCTAssertEqual(bytes.count, 12, "version (1 + 1 + 3), run count, one run (0, 13, counter, site)")
            XCTAssertEqual(try codec.decode(bytes), inserted)
            // Runs that overlap, are empty or reach past position 64 are refused.
            for bad: [UInt8] in [[1, UInt8(number), 3, 66, 0, 2, 3, UInt8(number), 1, 1, 3, UInt8(number)],
                                 [1, UInt8(number), 3, 65, 0, 0, 3, UInt8(number)],
                                 [1, UInt8(number), 3, 65, 60, 6, 3, UInt8(number)]] {
                XCTAssertThrowsError(try codec.decode(bad), "\(bad)")
            }
        }
    }
}

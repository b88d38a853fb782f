import XCTest
import MentorSyncDemo
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Random row clocks and the Swift merge's answer for them, in the codec's bytes.
struct ClockModel {
    /// Site numbers out of the sites' text order on purpose: a version's entries follow the text.
    static let numbers: [SiteID: Int] = ["s001": 4, "s002": 1, "district": 7, "s010": 2, "a": 300, "zz": 0]
        .reduce(into: [:]) { $0[SiteID($1.key)!] = $1.value }
    let sites = Array(numbers.keys).sorted()

    func encode(_ clock: RowClock) -> [UInt8] { RowClockCodec.encode(clock, number: { Self.numbers[$0]! }) }

    /// The clock in the first layout, a stamp per position (what files written before runs hold).
    func encodeFirstLayout(_ clock: RowClock) -> [UInt8] { Self.firstLayout(clock, number: { Self.numbers[$0]! }) }

    /// `clock` in the first layout, sites numbered by `number`.
    static func firstLayout(_ clock: RowClock, number: (SiteID) throws -> Int) rethrows -> [UInt8] {
        var w = ByteWriter()
        w.varint(clock.version.count)
        try clock.version.forEachEntry { site, counter in w.varint(try number(site)); w.counter(counter) }
        w.varint(clock.stamps.count)
        for (pos, stamp) in clock.stamps { w.varint(pos); w.counter(stamp.counter); w.varint(try number(stamp.site)) }
        if !clock.formerOwners.isEmpty {
            w.varint(clock.formerOwners.count)
            for n in try clock.formerOwners.map({ try number($0) }).sorted() { w.varint(n) }
        }
        return w.bytes
    }

    /// What RowMerger's covered path decides for `patch` on `held`: nil when it is not that path
    /// (the patch does not cover, claims other counters of this site, or carries a stamp older than
    /// held), else whether the blobs' fast path takes it and the clock the Swift merge stores.
    /// `keptHeldOnTie`: the Swift merge kept a held stamp of the same counter by a later site (the
    /// blobs cannot order such a tie: they take the patch's, and `advances` says no to it).
    func swiftMerge(held: RowClock, patch: RowClock, own: SiteID) -> (advances: Bool, merged: RowClock, keptHeldOnTie: Bool)? {
        let order = patch.version.compare(held.version)
        guard order == .equal || order == .after, patch.version[own] == held.version[own] else { return nil }
        var row = held
        var changed = false, tie = false, keptHeldOnTie = false
        for (pos, stamp) in patch.stamps {
            if let ls = held.stamps[pos] {
                if stamp.counter < ls.counter { return nil }
                if stamp.counter == ls.counter && stamp.site != ls.site { tie = true; keptHeldOnTie = keptHeldOnTie || ls > stamp }
            }
            if let ls = row.stamps[pos], ls >= stamp { continue }
            row.stamps[pos] = stamp
            changed = true
        }
        if order == .after { row.version = patch.version; changed = true }
        return (changed && !tie && held.formerOwners.isEmpty, row, keptHeldOnTie)
    }

    func randomClock(_ g: inout SplitMix64, positions: Int) -> RowClock {
        var clock = RowClock()
        for _ in 0..<g.int(1...4) { clock.version.advance(g.pick(sites), to: Int64(g.int(1...12))) }
        // Mostly a row written whole by one write (one run), some cells written since; or any stamps.
        let whole = g.chance(0.5) ? Stamp(counter: Int64(g.int(1...12)), site: g.pick(sites)) : nil
        for pos in 0..<positions where whole != nil || g.chance(0.7) {
            clock.stamps[pos] = whole.flatMap { g.chance(0.8) ? $0 : nil } ?? Stamp(counter: Int64(g.int(1...12)), site: g.pick(sites))
        }
        if g.chance(0.1) { clock.formerOwners = [g.pick(sites), g.pick(sites)] }
        return clock
    }

    /// A sender's clock for the row: mostly a later state (its version covers, its stamps the same
    /// or newer), sometimes behind, concurrent, claiming other counters of the receiver, or stale.
    func randomPatch(_ g: inout SplitMix64, held: RowClock, own: SiteID, positions: Int) -> RowClock {
        var patch = RowClock(version: g.chance(0.8) ? held.version : VersionVector())
        for _ in 0..<g.int(0...2) { patch.version.advance(g.pick(sites), to: Int64(g.int(1...14))) }
        if g.chance(0.6) { patch.version[own] = held.version[own] }
        if g.chance(0.1), let site = held.version.sortedEntries.first?.site { patch.version[site] = held.version[site] - 1 }
        // Sometimes one write of several cells (a run of one stamp in the patch).
        let write = g.chance(0.3) ? Stamp(counter: Int64(g.int(13...15)), site: g.pick(sites)) : nil
        for pos in 0..<positions + 2 where g.chance(0.5) {
            let ls = held.stamps[pos]
            if let write { patch.stamps[pos] = write; patch.version.advance(write.site, to: write.counter); continue }
            switch g.int(0...9) {
            case 0: patch.stamps[pos] = Stamp(counter: max(0, (ls?.counter ?? 1) - 1), site: g.pick(sites))  // stale
            case 1: patch.stamps[pos] = Stamp(counter: ls?.counter ?? 3, site: g.pick(sites))  // a tie of counters
            case 2...4: if let ls { patch.stamps[pos] = ls }
            default: patch.stamps[pos] = Stamp(counter: (ls?.counter ?? 0) + Int64(g.int(1...3)), site: g.pick(sites))
            }
            if let s = patch.stamps[pos] { patch.version.advance(s.site, to: s.counter) }
        }
        return patch
    }
}

/// `msync_clock_advances` and `msync_clock_merge`, called through SQL on stored clock bytes, agree
/// with the Swift merge of a covered update (RowMerger's common case) on random clocks, and say
/// no (0 or NULL) to damaged bytes.
final class ClockBlobTests: XCTestCase {
    let model = ClockModel()

    func testAdvancesAndMergeAgreeWithTheSwiftMerge() throws {
        let scratch = ScratchDirectory("clock-blob")
        let db = try Database(path: scratch.path("c.db").path)
        try MergeFunctions.install(on: db)
        let s = try db.prepare("SELECT msync_clock_advances(?1, ?2, ?3), msync_clock_merge(?1, ?2)")
        var g = SplitMix64(seed: 0xc10c)
        // The merge of other blobs than the ones just asked about is its own, not the one kept.
        let other = try db.prepare("SELECT msync_clock_advances(?1, ?2, ?3), msync_clock_merge(?4, ?5)")
        var previous: (held: [UInt8], patch: [UInt8])?
        var seen = (advances: 0, covered: 0, slow: 0)
        for _ in 0..<5000 {
            let positions = g.int(0...10)
            let held = model.randomClock(&g, positions: positions)
            let own = g.pick(model.sites)
            let patch = model.randomPatch(&g, held: held, own: own, positions: positions)
            let number = DatabaseValue.integer(Int64(ClockModel.numbers[own]!))
            // Held clocks in either layout (files hold both); merged ones come out in runs.
            let heldBytes = g.chance(0.5) ? model.encode(held) : model.encodeFirstLayout(held)
            try s.bind([.blob(heldBytes), .blob(model.encode(patch)), number])
            XCTAssertTrue(try s.step())
            let advances = s.int64(at: 0), merged = s.value(at: 1)
            s.reset()
            if let (h, p) = previous {
                try other.bind([.blob(heldBytes), .blob(model.encode(patch)), number, .blob(h), .blob(p)])
                XCTAssertTrue(try other.step())
                XCTAssertEqual(other.value(at: 1), ClockBlob.merged(held: h, patch: p).map { .blob($0) } ?? .null)
                other.reset()
            }
            previous = (heldBytes, model.encode(patch))
            let expected = model.swiftMerge(held: held, patch: patch, own: own)
            XCTAssertEqual(advances, expected?.advances == true ? 1 : 0, "held \(held) patch \(patch) own \(own)")
            if let expected {
                // Covered, no stale stamp: the merged bytes are the codec's of the Swift merge's clock.
                if !expected.keptHeldOnTie { XCTAssertEqual(merged, .blob(model.encode(expected.merged)), "held \(held) patch \(patch)") }
                seen.covered += 1
                if expected.advances { seen.advances += 1 }
            } else {
                seen.slow += 1
            }
        }
        // Each kind of case came up often enough to count.
        XCTAssertGreaterThan(seen.advances, 800)
        XCTAssertGreaterThan(seen.covered - seen.advances, 100)
        XCTAssertGreaterThan(seen.slow, 800)
    }

    /// Clocks of 64 stamps: the merged one's run count is known after its runs, in room left for
    /// a two-byte varint — needed for 64 runs, closed when two runs need one byte.
    func testTheWidestClocksMerge() {
        func blob(version: [(UInt64, UInt64)], stamps: [(UInt64, UInt64, UInt64)]) -> [UInt8] {
            var w = ByteWriter()
            w.varint(version.count)
            for (site, counter) in version { w.varint(site); w.varint(counter) }
            w.varint(stamps.count)
            for (position, counter, site) in stamps { w.varint(position); w.varint(counter); w.varint(site) }
            return w.bytes
        }
        func runs(version: [(UInt64, UInt64)], runs: [(UInt64, UInt64, UInt64, UInt64)]) -> [UInt8] {
            var w = ByteWriter()
            w.varint(version.count)
            for (site, counter) in version { w.varint(site); w.varint(counter) }
            w.varint(ClockBlob.runsMark + UInt64(runs.count))
            for (position, length, counter, site) in runs { w.varint(position); w.varint(length); w.varint(counter); w.varint(site) }
            return w.bytes
        }
        let held = blob(version: [(4, 3)], stamps: (0..<64).map { ($0, 1, 4) })
        let patches = [blob(version: [(4, 3), (5, 200)], stamps: (1...64).map { ($0, 200, 5) }),
                       blob(version: [(4, 3), (5, 200)], stamps: (0..<32).map { (2 * $0 + 1, 200, 5) })]
        let expected = [runs(version: [(4, 3), (5, 200)], runs: [(0, 1, 1, 4), (1, 64, 200, 5)]),
                        runs(version: [(4, 3), (5, 200)], runs: (0..<64).map { $0 % 2 == 0 ? ($0, 1, 1, 4) : ($0, 1, 200, 5) })]
        XCTAssertEqual(expected[1][6...7], [0x80, 0x01], "64 runs: a count of two bytes")
        for (patch, expected) in zip(patches, expected) {
            XCTAssertEqual(ClockBlob.merged(held: held, patch: patch), expected)
            var out: [UInt8] = [9, 9]
            let advances = held.withUnsafeBytes { h in
                patch.withUnsafeBytes { ClockBlob.mergedIfAdvances(held: h, patch: $0, ownSite: 9, into: &out) }
            }
            XCTAssertTrue(advances)
            XCTAssertEqual(out, expected)
        }
    }

    func testDamagedBlobsGiveNoAndNull() throws {
        let scratch = ScratchDirectory("clock-blob")
        let db = try Database(path: scratch.path("c.db").path)
        try MergeFunctions.install(on: db)
        let s = try db.prepare("SELECT msync_clock_advances(?1, ?2, ?3), msync_clock_merge(?1, ?2)")
        func call(_ held: DatabaseValue, _ patch: DatabaseValue, own: DatabaseValue = .integer(4)) throws -> (Int64, DatabaseValue) {
            try s.bind([held, patch, own])
            defer { s.reset() }
            XCTAssertTrue(try s.step())
            return (s.int64(at: 0), s.value(at: 1))
        }
        let s001 = SiteID("s001")!, s002 = SiteID("s002")!
        let held = RowClock(version: VersionVector([s001: 3]), stamps: [0: Stamp(counter: 1, site: s001), 2: Stamp(counter: 3, site: s001)])
        var patchClock = held
        patchClock.write([2, 3], stamp: Stamp(counter: 5, site: s002))
        let good = model.encode(held), patch = model.encode(patchClock)
        XCTAssertEqual(try call(.blob(good), .blob(patch)).0, 1)
        XCTAssertEqual(try call(.blob(good), .blob(patch)).1, .blob(model.encode(patchClock)))

        let bad: [[UInt8]] = [
            [], [0x80], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],  // cut short, past 64 bits
            [1, 4, 3],                                  // no stamp count
            [2, 4, 3, 4, 5, 0],                         // one site twice in the version
            [1, 4, 0, 0],                               // a counter of 0 in the version
            [1, 4, 3, 2, 2, 3, 4, 0, 1, 4],             // positions descending
            [1, 4, 3, 1, 65, 1, 4],                     // a position past 64
            [1, 4, 3, 130] + [UInt8](repeating: 1, count: 400),  // more runs than positions
            [1, 4, 3, 65, 0, 0, 3, 4],                  // an empty run
            [1, 4, 3, 66, 0, 2, 3, 4, 1, 1, 3, 4],      // runs overlapping
            [1, 4, 3, 65, 60, 6, 3, 4],                 // a run past position 64
            [1, 4, 3, 65, 65, 1, 3, 4],                 // a run starting past 64
            [1, 4, 3, 0, 0],                            // former owners: none listed
            [1, 4, 3, 0, 2, 7, 4],                      // former owners descending
            [1, 4, 3, 0, 1, 7, 9],                      // bytes after the former owners
            [129, 1] + [UInt8](repeating: 1, count: 600),  // a version wider than the fast path takes
        ] + (0..<good.count).map { Array(good[..<$0]) }  // every cut of a good clock
        for b in bad {
            XCTAssertEqual(try call(.blob(b), .blob(patch)).0, 0, "\(b)")
            XCTAssertEqual(try call(.blob(b), .blob(patch)).1, .null, "\(b)")
            XCTAssertEqual(try call(.blob(good), .blob(b)).0, 0, "\(b)")
            XCTAssertEqual(try call(.blob(good), .blob(b)).1, .null, "\(b)")
        }
        // A patch naming former owners, a held clock naming some: no (the merge keeps the held ones).
        var moved = held
        moved.formerOwners = [s002]
        XCTAssertEqual(try call(.blob(good), .blob(model.encode(moved))).0, 0)
        XCTAssertEqual(try call(.blob(model.encode(moved)), .blob(patch)).0, 0)
        var movedMerged = patchClock
        movedMerged.formerOwners = [s002]
        XCTAssertEqual(try call(.blob(model.encode(moved)), .blob(patch)).1, .blob(model.encode(movedMerged)))
        // Not blobs at all.
        for v: DatabaseValue in [.null, .text("1,4,3"), .integer(7), .real(1.5)] {
            XCTAssertEqual(try call(v, .blob(patch)).0, 0)
            XCTAssertEqual(try call(v, .blob(patch)).1, .null)
            XCTAssertEqual(try call(.blob(good), v).0, 0)
            XCTAssertEqual(try call(.blob(good), v).1, .null)
        }
        XCTAssertEqual(try call(.blob(good), .blob(patch), own: .null).0, 0)
        XCTAssertEqual(try call(.blob(good), .blob(patch), own: .integer(-1)).0, 0)
        // Random bytes: any answer, but no crash and no blob the codec could not read back.
        var g = SplitMix64(seed: 0xbad)
        for _ in 0..<20_000 {
            let noise = g.bytes(g.int(0...24))
            let (_, merged) = try call(g.chance(0.5) ? .blob(noise) : .blob(good), g.chance(0.5) ? .blob(noise) : .blob(patch))
            if case .blob(let m) = merged { XCTAssertNotNil(ClockBlob.merged(held: m, patch: [0, 0]), "\(noise)") }
        }
    }
}

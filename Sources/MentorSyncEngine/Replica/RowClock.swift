/// The clock of one row: its version vector and the stamp of the last write to each cell position
/// (0 is the row's existence, 1 is org_id, then the table's columns).
public struct RowClock: Equatable, Sendable {
    public var version: VersionVector
    public var stamps: [Int: Stamp]

    public init(version: VersionVector = VersionVector(), stamps: [Int: Stamp] = [:]) {
        self.version = version; self.stamps = stamps
    }

    /// Records a write by `stamp` to the given positions.
    public mutating func write(_ positions: [Int], stamp: Stamp) {
        for p in positions { stamps[p] = stamp }
        version.advance(stamp.site, to: stamp.counter)
    }
}

/// Encodes row clocks as compact blobs, with sites as small local numbers (`msync_sites`).
struct RowClockCodec {
    private(set) var numberOf: [SiteID: Int] = [:]
    private(set) var siteOf: [Int: SiteID] = [:]
    private(set) var newSites: [(Int, SiteID)] = []

    init(known: [(Int, SiteID)]) {
        for (n, s) in known { numberOf[s] = n; siteOf[n] = s }
    }

    mutating func number(_ site: SiteID) -> Int {
        if let n = numberOf[site] { return n }
        let n = (siteOf.keys.max() ?? 0) + 1
        numberOf[site] = n; siteOf[n] = site
        newSites.append((n, site))
        return n
    }

    mutating func takeNewSites() -> [(Int, SiteID)] {
        defer { newSites.removeAll() }
        return newSites
    }

    mutating func encode(_ clock: RowClock) -> [UInt8] {
        var w = ByteWriter(capacity: 16 + clock.stamps.count * 6)
        let entries = clock.version.sortedEntries
        w.varint(entries.count)
        for e in entries { w.varint(number(e.site)); w.counter(e.counter) }
        w.varint(clock.stamps.count)
        for (pos, stamp) in clock.stamps.sorted(by: { $0.key < $1.key }) {
            w.varint(pos); w.counter(stamp.counter); w.varint(number(stamp.site))
        }
        return w.bytes
    }

    func decode(_ bytes: [UInt8]) throws -> RowClock {
        var r = ByteReader(bytes)
        do {
            var clock = RowClock()
            let n = try r.count("clock sites", limit: BundleLimits.maxSites)
            for _ in 0..<n {
                let site = try lookup(try r.count("clock site", limit: Int(Int32.max)))
                clock.version.advance(site, to: try r.counter("clock counter"))
            }
            let m = try r.count("clock stamps", limit: 64)
            for _ in 0..<m {
                let pos = try r.count("stamp position", limit: 64)
                let counter = try r.counter("stamp counter")
                clock.stamps[pos] = Stamp(counter: counter, site: try lookup(try r.count("stamp site", limit: Int(Int32.max))))
            }
            return clock
        } catch is NeedMoreBytes {
            throw ReplicaError.corruptMetadata("a row clock is cut short")
        }
    }

    private func lookup(_ n: Int) throws -> SiteID {
        guard let s = siteOf[n] else { throw ReplicaError.corruptMetadata("a row clock names unknown site number \(n)") }
        return s
    }
}

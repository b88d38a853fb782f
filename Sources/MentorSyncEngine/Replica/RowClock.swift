/// The clock of one row: its version vector and the stamp of the last write to each cell position
/// (0 is the row's existence, 1 is org_id, then the table's columns).
public struct RowClock: Equatable, Sendable {
    public var version: VersionVector
    public var stamps: CellStamps
    /// At the district: the sites that owned the row before it moved to its present owner. They may
    /// still hold it as their own, so they are told of the move (Protocol/bundle.md, "Rows that move").
    public var formerOwners: Set<SiteID>

    public init(version: VersionVector = VersionVector(), stamps: CellStamps = [:], formerOwners: Set<SiteID> = []) {
        self.version = version; self.stamps = stamps; self.formerOwners = formerOwners
    }

    /// Notes that the row moved from `old` to `new`; a site it comes back to is no longer a former owner.
    public mutating func noteMove(from old: String, to new: String) {
        guard old != new else { return }
        if let o = SiteID(old) { formerOwners.insert(o) }
        if let n = SiteID(new) { formerOwners.remove(n) }
    }

    /// Records a write by `stamp` to the given positions.
    public mutating func write<Positions: Sequence<Int>>(_ positions: Positions, stamp: Stamp) {
        for p in positions { stamps[p] = stamp }
        version.advance(stamp.site, to: stamp.counter)
    }
}

/// Encodes row clocks as compact blobs, with sites as small numbers kept in `msync_sites`.
///
/// Several processes share one database (the daemon, a one-shot ingest, the CLI), so a number is
/// assigned inside the caller's write transaction from the table itself, an unknown number is
/// looked up there, and the cache is dropped whenever a transaction fails (`forget()`).
final class RowClockCodec {
    private let database: Database
    private var numberOf: [SiteID: Int] = [:]
    /// The last sites numbered, most recent first: nearly every clock names the same one or two,
    /// and comparing short texts costs less than hashing them.
    private var recent: [(site: SiteID, number: Int)] = []
    /// Sites by number (numbers are small: one per site the replica has heard of).
    private var siteOf: [SiteID?] = []

    init(database: Database) { self.database = database }

    /// Drops everything cached: after a rollback, numbers assigned in it no longer exist.
    func forget() {
        numberOf.removeAll()
        recent.removeAll()
        siteOf.removeAll()
    }

    /// The number of a site; assigns one if needed (only inside a write transaction).
    func number(_ site: SiteID) throws -> Int {
        for r in recent where r.site == site { return r.number }
        if let n = numberOf[site] { noteRecent(site, n); return n }
        if let n = try database.scalar("SELECT num FROM msync_sites WHERE site = ?", [.text(site.rawValue)])?.integer {
            remember(Int(n), site)
            return Int(n)
        }
        try database.execute("INSERT INTO msync_sites(site) VALUES (?)", [.text(site.rawValue)])
        guard let n = try database.scalar("SELECT num FROM msync_sites WHERE site = ?", [.text(site.rawValue)])?.integer else {
            throw ReplicaError.corruptMetadata("cannot number site \(site)")
        }
        remember(Int(n), site)
        return Int(n)
    }

    private func remember(_ n: Int, _ site: SiteID) {
        numberOf[site] = n
        if n >= 0 && n < 1 << 20 {
            if n >= siteOf.count { siteOf += [SiteID?](repeating: nil, count: n + 1 - siteOf.count) }
            siteOf[n] = site
        }
        noteRecent(site, n)
    }

    private func noteRecent(_ site: SiteID, _ n: Int) {
        recent.insert((site, n), at: 0)
        if recent.count > 3 { recent.removeLast() }
    }

    private func lookup(_ n: Int) throws -> SiteID {
        if n >= 0 && n < siteOf.count, let s = siteOf[n] { return s }
        guard let raw = try database.scalar("SELECT site FROM msync_sites WHERE num = ?", [.integer(Int64(n))])?.text,
              let site = SiteID(raw) else {
            throw ReplicaError.corruptMetadata("a row clock names unknown site number \(n)")
        }
        remember(n, site)
        return site
    }

    func encode(_ clock: RowClock) throws -> [UInt8] {
        try RowClockCodec.encode(clock, number: number)
    }

    /// The sites' numbers as assigned now, for encoding clocks on another thread (`RowPreparer`).
    func assignedNumbers() throws -> [SiteID: Int] {
        var numbers: [SiteID: Int] = [:]
        for r in try database.rows("SELECT num, site FROM msync_sites") {
            if let n = r[0].integer, let raw = r[1].text, let site = SiteID(raw) { numbers[site] = Int(n) }
        }
        return numbers
    }

    /// The clock of a row just inserted by one site: `encode` of a version {site: counter} and every
    /// cell 0..<cells stamped (counter, site) — one run — written without making the clock.
    static func encodeInsert(cells: Int, counter: Int64, siteNumber: Int) -> [UInt8] {
        var w = ByteWriter(capacity: 16)
        w.varint(1); w.varint(siteNumber); w.counter(counter)
        guard cells > 0 else { w.varint(0); return w.bytes }
        w.varint(ClockBlob.runsMark + 1)
        w.varint(0); w.varint(cells); w.counter(counter); w.varint(siteNumber)
        return w.bytes
    }

    /// Encodes a clock with sites numbered by `number`, its stamps in runs (`ClockBlob`'s layout).
    static func encode(_ clock: RowClock, number: (SiteID) throws -> Int) rethrows -> [UInt8] {
        var w = ByteWriter(capacity: 24)
        w.varint(clock.version.count)
        try clock.version.forEachEntry { site, counter in w.varint(try number(site)); w.counter(counter) }
        // Runs of consecutive positions holding the same stamp, counted first (the count comes before them).
        var runs = 0
        var previous: (position: Int, stamp: Stamp)?
        for (pos, stamp) in clock.stamps {
            if let p = previous, p.position + 1 == pos, p.stamp == stamp {} else { runs += 1 }
            previous = (pos, stamp)
        }
        w.varint(runs == 0 ? 0 : ClockBlob.runsMark + UInt64(runs))
        // A row's cells were mostly written by one or two sites: the last site's number is kept at hand.
        var last: (site: SiteID, number: Int)?
        var stamps = clock.stamps.makeIterator()
        var pending = stamps.next()
        while let (pos, stamp) = pending {
            var length = 1
            pending = stamps.next()
            while let p = pending, p.key == pos + length, p.value == stamp { length += 1; pending = stamps.next() }
            w.varint(pos); w.varint(length); w.counter(stamp.counter)
            if let l = last, l.site == stamp.site { w.varint(l.number); continue }
            let n = try number(stamp.site)
            last = (stamp.site, n)
            w.varint(n)
        }
        // Former owners follow only when there are any, so the clocks of rows that never moved
        // (nearly all) are unchanged, and clocks written before this section existed still decode.
        if !clock.formerOwners.isEmpty {
            let numbers = try clock.formerOwners.map { try number($0) }.sorted()
            w.varint(numbers.count)
            for n in numbers { w.varint(n) }
        }
        return w.bytes
    }

    /// Whether a stored clock names former owners (a row that moved), read without decoding it:
    /// hardly any row ever moves, and the district asks this of every row it wrote since a school's
    /// last reply, for every school its status lists. A damaged clock answers yes (`decode` says why).
    func namesFormerOwners(_ bytes: [UInt8]) -> Bool {
        // A live row's entry in `msync_rows` keeps no clock: it did not move (Replica+RowStore).
        if bytes.isEmpty { return false }
        var r = ByteReader(bytes)
        do {
            let sites = try r.varint("clock sites")
            guard sites <= UInt64(bytes.count) else { return true }
            for _ in 0..<sites { _ = try r.varint("clock site"); _ = try r.varint("clock counter") }
            let stamps = try r.varint("clock stamps")
            guard stamps <= ClockBlob.runsMark + ClockBlob.positions else { return true }
            let inRuns = stamps > ClockBlob.runsMark
            for _ in 0..<(inRuns ? stamps - ClockBlob.runsMark : stamps) {
                _ = try r.varint("stamp position")
                if inRuns { _ = try r.varint("run length") }
                _ = try r.varint("stamp counter"); _ = try r.varint("stamp site")
            }
            return !r.isAtEnd
        } catch {
            return true
        }
    }

    /// `slots`: room for the stamps of positions 0..<slots made at once (the row's table's cells;
    /// growing the stamps position by position was a twentieth of a merge of updates).
    func decode(_ bytes: [UInt8], slots: Int = 0) throws -> RowClock {
        var r = ByteReader(bytes)
        do {
            var clock = RowClock()
            let n = try r.count("clock sites", limit: BundleLimits.maxSites)
            for _ in 0..<n {
                let site = try lookup(try r.count("clock site", limit: Int(Int32.max)))
                clock.version.advance(site, to: try r.counter("clock counter"))
            }
            let m = try r.count("clock stamps", limit: Int(ClockBlob.runsMark + ClockBlob.positions))
            let inRuns = m > Int(ClockBlob.runsMark)
            if slots > 0 { clock.stamps = CellStamps(positions: slots) }
            // The stamps mostly name one site: the last one looked up is kept at hand.
            var last: (number: Int, site: SiteID)?
            var next = 0  // the first position the next run may start at
            for _ in 0..<(inRuns ? m - Int(ClockBlob.runsMark) : m) {
                let pos = try r.count("stamp position", limit: Int(ClockBlob.positions) - 1)
                let length = inRuns ? try r.count("run length", limit: Int(ClockBlob.positions) - pos) : 1
                guard length >= 1, pos >= next || !inRuns else { throw ReplicaError.corruptMetadata("a row clock's runs overlap") }
                next = pos + length
                let counter = try r.counter("stamp counter")
                let number = try r.count("stamp site", limit: Int(Int32.max))
                let site: SiteID
                if let l = last, l.number == number { site = l.site } else {
                    site = try lookup(number)
                    last = (number, site)
                }
                let stamp = Stamp(counter: counter, site: site)
                for p in pos..<(pos + length) { clock.stamps[p] = stamp }
            }
            if !r.isAtEnd {
                let k = try r.count("former owners", limit: BundleLimits.maxSites)
                for _ in 0..<k { clock.formerOwners.insert(try lookup(try r.count("former owner", limit: Int(Int32.max)))) }
            }
            return clock
        } catch is NeedMoreBytes {
            throw ReplicaError.corruptMetadata("a row clock is cut short")
        }
    }
}

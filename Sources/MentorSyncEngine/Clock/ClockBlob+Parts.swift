extension ClockBlob {
    /// Where the sections of a well-formed clock blob lie, checked once: counts and numbers within
    /// what `RowClockCodec.decode` accepts, no site twice in the version, positions ascending
    /// (runs neither empty, overlapping nor past position 64), former owners (one or more)
    /// ascending, nothing after them. Stamps are read as runs in both layouts (a stamp of the first
    /// layout is a run of one position).
    struct Parts {
        let bytes: UnsafeRawBufferPointer
        private(set) var entryCount = 0
        /// Stamps (positions that hold one) and the runs they are kept in.
        private(set) var stampCount = 0, runCount = 0
        private var entriesStart = 0, stampsStart = 0
        private var inRuns = false
        private(set) var tailStart = 0
        private(set) var hasTail = false

        init?(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
            var r = BlobReader(bytes, at: 0)
            guard let n = r.varint(), n <= UInt64(ClockBlob.widestVersion) else { return nil }
            entryCount = Int(n)
            entriesStart = r.offset
            for i in 0..<entryCount {
                guard let site = r.varint(), site <= UInt64(Int32.max),
                      let counter = r.varint(), counter >= 1, counter <= UInt64(BundleLimits.maxCounter) else { return nil }
                var before = BlobReader(bytes, at: entriesStart)
                for _ in 0..<i {
                    guard before.varint() != site else { return nil }
                    _ = before.varint()
                }
            }
            guard let m = r.varint(), m <= ClockBlob.runsMark + ClockBlob.positions else { return nil }
            inRuns = m > ClockBlob.runsMark
            runCount = Int(inRuns ? m - ClockBlob.runsMark : m)
            stampsStart = r.offset
            var next: UInt64 = 0  // the first position the next run may start at
            for _ in 0..<runCount {
                guard let position = r.varint(), position >= next, position < ClockBlob.positions,
                      let length = inRuns ? r.varint() : 1, length >= 1, length <= ClockBlob.positions - position,
                      let counter = r.varint(), counter <= UInt64(BundleLimits.maxCounter),
                      let site = r.varint(), site <= UInt64(Int32.max) else { return nil }
                next = position + length
                stampCount += Int(length)
            }
            tailStart = r.offset
            guard !r.isAtEnd else { return }
            hasTail = true
            guard let k = r.varint(), k >= 1, k <= UInt64(BundleLimits.maxSites) else { return nil }
            var previous: UInt64?
            for _ in 0..<k {
                guard let site = r.varint(), site <= UInt64(Int32.max), previous.map({ $0 < site }) ?? true else { return nil }
                previous = site
            }
            guard r.isAtEnd else { return nil }
        }

        /// The version's entries, in the blob's order.
        var entries: Entries { Entries(reader: BlobReader(bytes, at: entriesStart), left: entryCount) }
        /// The stamps, positions ascending.
        var stamps: Stamps { Stamps(reader: BlobReader(bytes, at: stampsStart), runsLeft: runCount, inRuns: inRuns) }

        /// The version's counter of a site; nil when it has none.
        func counter(of site: UInt64) -> UInt64? {
            var e = entries
            while let entry = e.next() { if entry.site == site { return entry.counter } }
            return nil
        }
    }

    struct Entries: IteratorProtocol {
        fileprivate var reader: BlobReader
        fileprivate var left: Int
        mutating func next() -> (site: UInt64, counter: UInt64)? {
            guard left > 0, let site = reader.varint(), let counter = reader.varint() else { return nil }
            left -= 1
            return (site, counter)
        }
    }

    /// The stamps one position at a time, each run's stamp given for every position it covers.
    struct Stamps: IteratorProtocol {
        fileprivate var reader: BlobReader
        fileprivate var runsLeft: Int
        fileprivate let inRuns: Bool
        private var run = (position: UInt64(0), left: UInt64(0), counter: UInt64(0), site: UInt64(0))

        fileprivate init(reader: BlobReader, runsLeft: Int, inRuns: Bool) {
            self.reader = reader; self.runsLeft = runsLeft; self.inRuns = inRuns
        }

        mutating func next() -> (position: UInt64, counter: UInt64, site: UInt64)? {
            if run.left == 0 {
                guard runsLeft > 0, let position = reader.varint(), let length = inRuns ? reader.varint() : 1,
                      let counter = reader.varint(), let site = reader.varint() else { return nil }
                runsLeft -= 1
                run = (position, length, counter, site)
            }
            defer { run.position += 1; run.left -= 1 }
            return (run.position, run.counter, run.site)
        }
    }

    /// Unsigned LEB128 varints (as `ByteWriter.varint` writes them), read in place; nil when cut
    /// short or past 64 bits.
    struct BlobReader {
        let bytes: UnsafeRawBufferPointer
        private(set) var offset: Int

        init(_ bytes: UnsafeRawBufferPointer, at offset: Int) { self.bytes = bytes; self.offset = offset }

        var isAtEnd: Bool { offset >= bytes.count }

        mutating func varint() -> UInt64? {
            // Most numbers in a clock (positions, counts, site numbers, small counters) take one byte.
            if offset < bytes.count, bytes[offset] < 0x80 {
                offset += 1
                return UInt64(bytes[offset - 1])
            }
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count {
                let b = bytes[offset]
                offset += 1
                if shift == 63 && b > 1 { return nil }
                result |= UInt64(b & 0x7f) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
    }
}

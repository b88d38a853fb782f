import Foundation

/// Stored row clocks (`RowClockCodec`'s bytes) read and merged as they are, sites as their numbers:
/// what the SQL functions of a one-statement merge need (`MergeFunctions`), without a database.
///
/// Layout (varints): the count of the version's entries, then each (site number, counter) in byte
/// order of the sites' ids; the stamps; then, only when there are any, the count of former owners
/// and their numbers ascending. The stamps are kept in one of two layouts, told by their count:
/// - up to 64 (`runsMark`): that many stamps (position, counter, site number), positions
///   ascending — the first layout, still read;
/// - above 64: that count less 64 runs (first position, how many positions, counter, site
///   number), positions ascending, not overlapping, the last position at most 64: a run is one
///   stamp held by consecutive positions. A row written whole by one write is one run (6 bytes for
///   a 13-cell row, where the first layout took 65), an update of one cell splits it in three.
///   `RowClockCodec` writes runs as long as they go, none empty, a clock without stamps as a count of 0.
///
/// Site ids are unknown here, so two stamps of one counter by different sites cannot be ordered:
/// `mergedIfAdvances` says no to such a patch and the Swift merge, which knows the ids, decides it.
enum ClockBlob {
    /// More sites than this in a version, and the row goes the slow way (versions are compared
    /// entry by entry, each a walk over the other: a row's version names the few sites that wrote it).
    static let widestVersion = 128

    /// A stamp count above this is `runsMark` plus the count of runs that follow.
    static let runsMark: UInt64 = 64
    /// Cell positions are 0..<`positions` (a table has at most 64 columns besides existence).
    static let positions: UInt64 = 65

    /// Whether the update carried by `patch` (the sender's row version and the stamps of the cells
    /// it sends) can be taken as a plain overwrite of the row held as `held`, by this site `ownSite`.
    ///
    /// True exactly when all hold:
    /// - the patch's version covers the held one (every held entry ≤ the patch's);
    /// - the patch has this site's counter as held (absent is 0): a sender claiming writes of this
    ///   site that it does not hold here, or missing some, goes the slow way;
    /// - something changes: a version entry of the patch is greater, or a patch stamp is newer than
    ///   the held stamp at its position (a greater counter, or a position held without a stamp);
    /// - no patch stamp is older (a smaller counter) or of the same counter by another site than the
    ///   held stamp at its position — under coverage an honest sender's stamp is never older, and
    ///   a tie of counters needs the sites' ids to order: both go the slow way;
    /// - the held clock names no former owners (a row that moved goes the slow way);
    /// - both blobs are well formed (a patch has no former owners).
    ///
    /// Then `merged(held:patch:)` is put into `out` (its bytes replaced, its storage kept), each
    /// blob read once; when not, `out` is emptied.
    static func mergedIfAdvances(held: UnsafeRawBufferPointer, patch: UnsafeRawBufferPointer, ownSite: Int,
                                 into out: inout [UInt8]) -> Bool {
        out.removeAll(keepingCapacity: true)
        guard let h = Parts(held), let p = Parts(patch), advances(h, p, ownSite: ownSite) else { return false }
        merge(h, p, into: &out)
        return true
    }

    /// `mergedIfAdvances`'s decision, on blobs read once.
    private static func advances(_ h: Parts, _ p: Parts, ownSite: Int) -> Bool {
        guard !p.hasTail, !h.hasTail, ownSite >= 0 else { return false }
        var newer = false
        var entries = h.entries
        while let e = entries.next() {
            guard let mine = p.counter(of: e.site), mine >= e.counter else { return false }
        }
        guard (h.counter(of: UInt64(ownSite)) ?? 0) == (p.counter(of: UInt64(ownSite)) ?? 0) else { return false }
        entries = p.entries
        while !newer, let e = entries.next() { newer = e.counter > h.counter(of: e.site) ?? 0 }
        var heldStamps = h.stamps, patchStamps = p.stamps
        var heldStamp = heldStamps.next()
        while let s = patchStamps.next() {
            while let hs = heldStamp, hs.position < s.position { heldStamp = heldStamps.next() }
            guard let hs = heldStamp, hs.position == s.position else { newer = true; continue }
            if s.counter < hs.counter || (s.counter == hs.counter && s.site != hs.site) { return false }
            if s.counter > hs.counter { newer = true }
        }
        return newer
    }

    /// The held clock after taking `patch` as `advances` allows: the patch's version, the held stamps
    /// with those the patch carries put in where newer (a greater counter, or the same counter by
    /// another site: `advances` lets no such tie through), the held former owners kept.
    /// The bytes `RowClockCodec.encode` gives the clock the Swift merge makes; nil if a blob is malformed.
    static func merged(held: UnsafeRawBufferPointer, patch: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let h = Parts(held), let p = Parts(patch), !p.hasTail else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(held.count + patch.count)
        merge(h, p, into: &out)
        return out
    }

    /// Appends the merged clock's bytes to `out`, its stamps in runs.
    ///
    /// Written into room made first. The merged clock is at most three times as long as the two
    /// blobs together: its version is the patch's; its stamps change only where a run of either
    /// blob starts or ends, so it has at most twice as many runs as the two together, each
    /// written with the counter and site of a run of theirs and no more than two bytes besides
    /// (a position and a length, each below 128); its count takes at most two bytes; its former
    /// owners are the held clock's.
    private static func merge(_ h: Parts, _ p: Parts, into out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: 3 * (h.bytes.count + p.bytes.count) + 2))
        let end = out.withUnsafeMutableBytes { room -> Int in
            var w = VarintWriter(room: room, offset: start)
            w.varint(UInt64(p.entryCount))
            var entries = p.entries
            while let e = entries.next() { w.varint(e.site); w.varint(e.counter) }
            // The count comes before the runs and is known after them: room for its varint is
            // left (one byte below 128, two for more), closed if unused.
            let countAt = w.offset, countRoom = runsMark + UInt64(min(h.stampCount + p.stampCount, Int(positions))) < 128 ? 1 : 2
            w.offset += countRoom
            var runs: UInt64 = 0
            var run: (position: UInt64, length: UInt64, counter: UInt64, site: UInt64)?
            mergeStamps(h, p) { s in
                if let r = run, r.position + r.length == s.position, r.counter == s.counter, r.site == s.site {
                    run!.length += 1
                    return
                }
                if let r = run { w.varint(r.position); w.varint(r.length); w.varint(r.counter); w.varint(r.site); runs += 1 }
                run = (s.position, 1, s.counter, s.site)
            }
            if let r = run { w.varint(r.position); w.varint(r.length); w.varint(r.counter); w.varint(r.site); runs += 1 }
            var c = VarintWriter(room: room, offset: countAt)
            c.varint(runs == 0 ? 0 : runsMark + runs)
            if c.offset < countAt + countRoom {
                let gap = countAt + countRoom - c.offset
                memmove(room.baseAddress! + c.offset, room.baseAddress! + countAt + countRoom, w.offset - countAt - countRoom)
                w.offset -= gap
            }
            if h.hasTail {
                var tail = BlobReader(h.bytes, at: h.tailStart)
                while let n = tail.varint() { w.varint(n) }  // the count, then the owners: checked by `Parts`
            }
            return w.offset
        }
        out.removeLast(out.count - end)
    }

    /// `ByteWriter.varint` into room made beforehand.
    private struct VarintWriter {
        let room: UnsafeMutableRawBufferPointer
        var offset: Int

        mutating func varint(_ value: UInt64) {
            var v = value
            repeat {
                precondition(offset < room.count, "a merged clock longer than the room made for it")
                room[offset] = v >= 0x80 ? UInt8(v & 0x7f) | 0x80 : UInt8(v)
                offset += 1
                v >>= 7
            } while v > 0
        }
    }

    /// The stamps of both, positions ascending; at a position both hold, the patch's where newer
    /// (a greater counter, or the same counter by another site: `advances` lets no such tie through).
    private static func mergeStamps(_ h: Parts, _ p: Parts, _ take: ((position: UInt64, counter: UInt64, site: UInt64)) -> Void) {
        var heldStamps = h.stamps, patchStamps = p.stamps
        var hs = heldStamps.next(), ps = patchStamps.next()
        while hs != nil || ps != nil {
            if let a = hs, ps == nil || a.position < ps!.position {
                take(a); hs = heldStamps.next()
            } else if let b = ps, hs == nil || b.position < hs!.position {
                take(b); ps = patchStamps.next()
            } else {
                let a = hs!, b = ps!
                take(b.counter > a.counter || (b.counter == a.counter && b.site != a.site) ? b : a)
                hs = heldStamps.next(); ps = patchStamps.next()
            }
        }
    }

    static func merged(held: [UInt8], patch: [UInt8]) -> [UInt8]? {
        held.withUnsafeBytes { h in patch.withUnsafeBytes { merged(held: h, patch: $0) } }
    }
}

/// A version vector: for each site, the largest counter of its writes that are included.
///
/// Kept as a short array sorted by site (a row's vector names one or two sites, a header's a few
/// hundred at most): every row merged compares and unites vectors, and a dictionary keyed by site
/// would hash the site's text each time.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    private struct Entry: Hashable, Sendable {
        var site: SiteID
        var counter: Int64
    }

    /// Sorted by site, counters ≥ 1, each site once.
    private var items: [Entry]

    public init(_ entries: [SiteID: Int64] = [:]) {
        items = entries.filter { $0.value > 0 }.map { Entry(site: $0.key, counter: $0.value) }.sorted { $0.site < $1.site }
    }

    /// The entries as a dictionary (counters ≥ 1).
    public var entries: [SiteID: Int64] {
        Dictionary(uniqueKeysWithValues: items.map { ($0.site, $0.counter) })
    }

    /// Where `site` is, or where it would go.
    private func index(of site: SiteID) -> (at: Int, found: Bool) {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            let s = items[mid].site
            if s == site { return (mid, true) }
            if s < site { low = mid + 1 } else { high = mid }
        }
        return (low, false)
    }

    public subscript(site: SiteID) -> Int64 {
        get {
            // One or two entries: a scan compares the short texts directly.
            if items.count <= 4 {
                for e in items where e.site == site { return e.counter }
                return 0
            }
            let (i, found) = index(of: site)
            return found ? items[i].counter : 0
        }
        set {
            let (i, found) = index(of: site)
            if newValue > 0 {
                if found { items[i].counter = newValue } else { items.insert(Entry(site: site, counter: newValue), at: i) }
            } else if found {
                items.remove(at: i)
            }
        }
    }

    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// True when this vector includes the write `stamp`.
    public func covers(_ stamp: Stamp) -> Bool { self[stamp.site] >= stamp.counter }

    /// Raises `site`'s entry to at least `counter`.
    public mutating func advance(_ site: SiteID, to counter: Int64) {
        guard counter > 0 else { return }
        // Writers list sites in ascending order: an entry past the last one is appended.
        if items.last.map({ $0.site < site }) ?? true {
            items.append(Entry(site: site, counter: counter))
            return
        }
        let (i, found) = index(of: site)
        if found {
            if counter > items[i].counter { items[i].counter = counter }
        } else {
            items.insert(Entry(site: site, counter: counter), at: i)
        }
    }

    /// Entry-wise maximum.
    public mutating func formUnion(_ other: VersionVector) {
        if other.items.isEmpty || other.items == items { return }
        if items.isEmpty { items = other.items; return }
        var merged: [Entry] = []
        merged.reserveCapacity(items.count + other.items.count)
        var i = 0, j = 0
        while i < items.count || j < other.items.count {
            if j == other.items.count || (i < items.count && items[i].site < other.items[j].site) {
                merged.append(items[i]); i += 1
            } else if i == items.count || other.items[j].site < items[i].site {
                merged.append(other.items[j]); j += 1
            } else {
                merged.append(Entry(site: items[i].site, counter: max(items[i].counter, other.items[j].counter)))
                i += 1; j += 1
            }
        }
        items = merged
    }

    public func union(_ other: VersionVector) -> VersionVector {
        var v = self
        v.formUnion(other)
        return v
    }

    public enum Order: Equatable, Sendable { case equal, before, after, concurrent }

    /// How `self` relates to `other`: `.before` when every entry is ≤ and one is <.
    public func compare(_ other: VersionVector) -> Order {
        var less = false, greater = false
        var i = 0, j = 0
        // A walk over both sorted lists; a site missing on one side counts as 0 there.
        while i < items.count || j < other.items.count {
            if j == other.items.count || (i < items.count && items[i].site < other.items[j].site) {
                greater = true; i += 1
            } else if i == items.count || other.items[j].site < items[i].site {
                less = true; j += 1
            } else {
                let a = items[i].counter, b = other.items[j].counter
                if a < b { less = true } else if a > b { greater = true }
                i += 1; j += 1
            }
            if less && greater { return .concurrent }
        }
        switch (less, greater) {
        case (false, false): return .equal
        case (true, false): return .before
        case (false, true): return .after
        default: return .concurrent
        }
    }

    /// True when `self` includes everything `other` does.
    public func dominates(_ other: VersionVector) -> Bool {
        let o = compare(other)
        return o == .equal || o == .after
    }

    /// Calls `body` with each site and counter in byte order of the sites (what `sortedEntries`
    /// lists, without making the list: a row's clock is encoded for every row merged).
    func forEachEntry(_ body: (SiteID, Int64) throws -> Void) rethrows {
        for e in items { try body(e.site, e.counter) }
    }

    /// The largest counter of any site (0 when empty).
    var largestCounter: Int64 { items.reduce(0) { max($0, $1.counter) } }

    /// Sites in byte order, for deterministic encodings.
    public var sortedEntries: [(site: SiteID, counter: Int64)] {
        items.map { ($0.site, $0.counter) }
    }

    public var description: String {
        "{" + sortedEntries.map { "\($0.site):\($0.counter)" }.joined(separator: ",") + "}"
    }
}

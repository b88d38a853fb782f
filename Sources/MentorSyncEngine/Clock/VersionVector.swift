/// A version vector: for each site, the largest counter of its writes that are included.
public struct VersionVector: Hashable, Sendable, CustomStringConvertible {
    public private(set) var entries: [SiteID: Int64]

    public init(_ entries: [SiteID: Int64] = [:]) {
        self.entries = entries.filter { $0.value > 0 }
    }

    public subscript(site: SiteID) -> Int64 {
        get { entries[site] ?? 0 }
        set {
            if newValue > 0 { entries[site] = newValue } else { entries[site] = nil }
        }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// True when this vector includes the write `stamp`.
    public func covers(_ stamp: Stamp) -> Bool { self[stamp.site] >= stamp.counter }

    /// Raises `site`'s entry to at least `counter`.
    public mutating func advance(_ site: SiteID, to counter: Int64) {
        if counter > self[site] { self[site] = counter }
    }

    /// Entry-wise maximum.
    public mutating func formUnion(_ other: VersionVector) {
        for (site, counter) in other.entries { advance(site, to: counter) }
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
        for site in Set(entries.keys).union(other.entries.keys) {
            let a = self[site], b = other[site]
            if a < b { less = true } else if a > b { greater = true }
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

    /// Sites in byte order, for deterministic encodings.
    public var sortedEntries: [(site: SiteID, counter: Int64)] {
        entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var description: String {
        "{" + sortedEntries.map { "\($0.site):\($0.counter)" }.joined(separator: ",") + "}"
    }
}

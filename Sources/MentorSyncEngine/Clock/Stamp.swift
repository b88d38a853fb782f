/// The causal stamp of one write: a Lamport counter and the site that made the write.
/// Ordered by counter, then by site id: a total order consistent with causality
/// (a write made after seeing another always has a larger counter). Wall clocks play no part.
public struct Stamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var counter: Int64
    public var site: SiteID

    public init(counter: Int64, site: SiteID) {
        self.counter = counter
        self.site = site
    }

    public static func < (a: Stamp, b: Stamp) -> Bool {
        a.counter != b.counter ? a.counter < b.counter : a.site < b.site
    }

    public var description: String { "\(counter)@\(site)" }
}

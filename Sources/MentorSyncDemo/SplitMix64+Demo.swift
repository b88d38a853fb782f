/// What the demo draws beyond `SplitMix64`'s basics.
extension SplitMix64 {
    /// A generator for one part of the demo (a school), independent of how much the others drew.
    init(seed: UInt64, stream: String) {
        // FNV-1a: Swift's own hashing is seeded per process, so it cannot be used here.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in stream.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        self.init(seed: seed ^ h)
        _ = next()
    }

    /// A number in [low, high).
    mutating func between(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }
}

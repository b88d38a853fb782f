/// Bytes from the system's generator (getrandom), eight per call: keys, nonces, bundle ids.
/// (A byte at a time cost one system call per byte: 16 for every bundle id a pass wrote.)
public enum RandomBytes {
    public static func make(_ count: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        var out: [UInt8] = []
        out.reserveCapacity(count + 7)
        while out.count < count {
            let word = g.next()
            for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) }
        }
        return Array(out.prefix(count))
    }
}

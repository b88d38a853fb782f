import CZlib

/// One-shot zlib compression (RFC 1950 framing), as a plain tool would compress a file.
/// https://www.zlib.net/manual.html#Utility
enum Zlib {
    static let defaultLevel: Int32 = 6

    static func compress(_ input: [UInt8], level: Int32 = defaultLevel) throws -> [UInt8] {
        var size = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let rc = input.withUnsafeBytes { src in
            out.withUnsafeMutableBytes { dst in
                compress2(dst.baseAddress!.assumingMemoryBound(to: Bytef.self), &size,
                          src.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(src.count), level)
            }
        }
        guard rc == Z_OK else { throw BenchError.zlib("compress2 failed (\(rc))") }
        out.removeSubrange(Int(size)...)
        return out
    }
}

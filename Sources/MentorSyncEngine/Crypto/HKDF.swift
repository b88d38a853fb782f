// HKDF (RFC 5869) instantiated with HMAC-SHA-256:
//   PRK = HMAC-Hash(salt, IKM)                                   (section 2.2, "extract")
//   T(0) = empty; T(i) = HMAC-Hash(PRK, T(i-1) | info | i)       (section 2.3, "expand")
//   OKM = first L octets of T(1) | T(2) | ... | T(N), N = ceil(L / HashLen), L <= 255 * HashLen

/// HMAC-based Extract-and-Expand Key Derivation Function (RFC 5869) with SHA-256.
public enum HKDF {
    /// HashLen: the SHA-256 output length in bytes.
    public static let hashByteCount = SHA256.digestByteCount
    /// The largest output `expand` can produce: 255 * HashLen = 8160 bytes.
    public static let maximumOutputByteCount = 255 * SHA256.digestByteCount

    /// HKDF-Extract (RFC 5869 section 2.2): the 32-byte pseudorandom key HMAC-SHA-256(salt, ikm).
    /// An empty `salt` stands for "not provided" and is replaced by HashLen zero bytes.
    public static func extract(salt: [UInt8], ikm: [UInt8]) -> [UInt8] {
        let key = salt.isEmpty ? [UInt8](repeating: 0, count: hashByteCount) : salt
        return HMACSHA256.authenticate(ikm, key: key)
    }

    /// HKDF-Expand (RFC 5869 section 2.3): `length` bytes of output keying material from `prk`
    /// (normally the result of `extract`) bound to the context `info`.
    ///
    /// - Precondition: `0 <= length <= 255 * 32`.
    public static func expand(prk: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        precondition(length >= 0 && length <= maximumOutputByteCount,
                     "HKDF-SHA256 output length must be between 0 and \(maximumOutputByteCount) bytes")
        var okm = [UInt8]()
        okm.reserveCapacity(length)
        let keyed = HMACSHA256(key: prk)
        var previous: [UInt8] = []   // T(i-1); T(0) is the empty string
        var blockIndex: UInt8 = 1
        while okm.count < length {
            var mac = keyed
            mac.update(previous)
            mac.update(info)
            mac.update([blockIndex])
            previous = mac.finalize()
            okm.append(contentsOf: previous.prefix(length - okm.count))
            blockIndex &+= 1   // never wraps: at most 255 blocks are produced
        }
        return okm
    }

    /// Extract-then-expand in one call: `expand(prk: extract(salt: salt, ikm: ikm), info: info, length: length)`.
    ///
    /// - Precondition: `0 <= length <= 255 * 32`.
    public static func deriveKey(ikm: [UInt8], salt: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
        expand(prk: extract(salt: salt, ikm: ikm), info: info, length: length)
    }
}

// HMAC (RFC 2104) instantiated with SHA-256 (FIPS 180-4), as in RFC 4231:
//   HMAC(K, m) = H((K0 xor opad) || H((K0 xor ipad) || m))
// where K0 is the key hashed if longer than the 64-byte block, then zero-padded to 64 bytes.

/// Incremental HMAC-SHA-256 (RFC 2104 with SHA-256).
///
/// `finalize()` returns the 32-byte tag and resets the authenticator to its keyed initial state,
/// so the same value can authenticate another message with the same key.
public struct HMACSHA256: Sendable {
    /// Tag length in bytes.
    public static let tagByteCount = SHA256.digestByteCount

    /// SHA-256 after absorbing K0 xor ipad / K0 xor opad; kept to restart after `finalize()`.
    private let keyedInner: SHA256
    private let keyedOuter: SHA256
    private var inner: SHA256

    public init(key: [UInt8]) {
        var k0 = key.count > SHA256.blockByteCount ? SHA256.hash(key) : key
        k0.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - k0.count))

        var innerPad = k0
        var outerPad = k0
        for i in 0..<SHA256.blockByteCount {
            innerPad[i] ^= 0x36
            outerPad[i] ^= 0x5c
        }
        var inner = SHA256()
        inner.update(innerPad)
        var outer = SHA256()
        outer.update(outerPad)
        keyedInner = inner
        keyedOuter = outer
        self.inner = inner
    }

    /// Adds the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        inner.update(buffer)
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    /// Returns the 32-byte tag and resets to the keyed initial state.
    public mutating func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = keyedOuter
        outer.update(innerDigest)
        inner = keyedInner
        return outer.finalize()
    }

    /// One-shot HMAC-SHA-256 of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }
}

/// Compares two byte strings in time that depends only on their lengths, not their contents
/// (for comparing MACs). Returns false when the lengths differ.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            for i in 0..<x.count {
                difference |= x[i] ^ y[i]
            }
        }
    }
    return difference == 0
}

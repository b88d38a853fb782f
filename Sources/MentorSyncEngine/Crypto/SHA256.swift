// SHA-256 as specified in FIPS 180-4 (Secure Hash Standard), sections 4.1.2, 4.2.2, 5.1.1, 5.3.3
// and 6.2. Hand-written so the engine depends on nothing beyond Foundation and zlib.
//
// Performance notes: whole 64-byte blocks are compressed straight from the caller's buffer; the
// message schedule lives in a stack-allocated temporary (withUnsafeTemporaryAllocation), and the
// partial-block buffer is inline storage in the struct, so hashing performs no heap allocation
// except for the 32-byte digest array returned by `finalize()`.

/// Incremental SHA-256 (FIPS 180-4).
///
/// Feed data with `update`, then call `finalize()` to obtain the 32-byte digest. `finalize()`
/// resets the hasher to its initial state, so the value can be reused for a new message.
public struct SHA256: Sendable {
    /// Digest length in bytes.
    public static let digestByteCount = 32
    /// Block length in bytes.
    public static let blockByteCount = 64

    /// The eight 32-bit working hash words H(i)0 ... H(i)7.
    fileprivate struct State: Sendable {
        var h0: UInt32 = 0x6a09e667
        var h1: UInt32 = 0xbb67ae85
        var h2: UInt32 = 0x3c6ef372
        var h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f
        var h5: UInt32 = 0x9b05688c
        var h6: UInt32 = 0x1f83d9ab
        var h7: UInt32 = 0x5be0cd19
    }

    private var state = State()
    /// Inline storage for a partial block (64 bytes); only the first `pendingCount` bytes are valid.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    /// Total message length so far, in bytes (the bit length is this times 8, modulo 2^64).
    private var byteCount: UInt64 = 0

    public init() {}

    /// Adds the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var source = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        byteCount &+= UInt64(remaining)

        // Top up a partial block first.
        if pendingCount > 0 {
            let take = min(Self.blockByteCount - pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + offset).copyMemory(from: source, byteCount: take)
            }
            pendingCount += take
            source += take
            remaining -= take
            guard pendingCount == Self.blockByteCount else { return }
            withUnsafeBytes(of: pending) { block in
                sha256Compress(&state, block.baseAddress!, blockCount: 1)
            }
            pendingCount = 0
        }

        // Whole blocks straight from the caller's buffer.
        let wholeBlocks = remaining / Self.blockByteCount
        if wholeBlocks > 0 {
            sha256Compress(&state, source, blockCount: wholeBlocks)
            source += wholeBlocks * Self.blockByteCount
            remaining -= wholeBlocks * Self.blockByteCount
        }

        // Keep the tail.
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Adds `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Pads the message (FIPS 180-4 section 5.1.1), returns the 32-byte digest, and resets the
    /// hasher to its initial state.
    public mutating func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        let used = pendingCount
        // 0x80, zero padding, then the 64-bit big-endian length: one block if it fits, else two.
        let paddedLength = used + 1 + 8 <= Self.blockByteCount ? Self.blockByteCount : 2 * Self.blockByteCount
        let pendingCopy = pending
        withUnsafeTemporaryAllocation(byteCount: 2 * Self.blockByteCount, alignment: 8) { tail in
            let base = tail.baseAddress!
            withUnsafeBytes(of: pendingCopy) { block in
                base.copyMemory(from: block.baseAddress!, byteCount: used)
            }
            base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            (base + used + 1).initializeMemory(as: UInt8.self, repeating: 0, count: paddedLength - used - 1 - 8)
            base.storeBytes(of: bitLength.bigEndian, toByteOffset: paddedLength - 8, as: UInt64.self)
            sha256Compress(&state, UnsafeRawPointer(base), blockCount: paddedLength / Self.blockByteCount)
        }
        let s = state
        let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { out, initialized in
            let raw = UnsafeMutableRawPointer(out.baseAddress!)
            raw.storeBytes(of: s.h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: s.h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: s.h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: s.h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: s.h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: s.h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: s.h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: s.h7.bigEndian, toByteOffset: 28, as: UInt32.self)
            initialized = Self.digestByteCount
        }
        self = SHA256()
        return digest
    }

    /// One-shot SHA-256 of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

// MARK: - Compression function (FIPS 180-4 section 6.2.2)

/// The 64 round constants K{256}0 ... K{256}63 (FIPS 180-4 section 4.2.2); PBKDF2 uses them too.
let sha256RoundConstants: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]

/// ROTR^n(x) (FIPS 180-4 section 3.2).
@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

/// Processes `blockCount` consecutive 64-byte blocks starting at `blocks` (any alignment).
private func sha256Compress(_ state: inout SHA256.State, _ blocks: UnsafeRawPointer, blockCount: Int) {
    guard blockCount > 0 else { return }
    sha256RoundConstants.withUnsafeBufferPointer { k in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            var h0 = state.h0, h1 = state.h1, h2 = state.h2, h3 = state.h3
            var h4 = state.h4, h5 = state.h5, h6 = state.h6, h7 = state.h7
            var block = blocks
            for _ in 0..<blockCount {
                // Message schedule W0 ... W63 (section 6.2.2 step 1).
                for t in 0..<16 {
                    w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                }
                for t in 16..<64 {
                    let x = w[t &- 15], y = w[t &- 2]
                    let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
                    let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
                    w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                }

                // Steps 2-3.
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                for t in 0..<64 {
                    let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = h &+ bigSigma1 &+ ch &+ k[t] &+ w[t]
                    let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = bigSigma0 &+ maj
                    h = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }

                // Step 4.
                h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                block += 64
            }
            state.h0 = h0; state.h1 = h1; state.h2 = h2; state.h3 = h3
            state.h4 = h4; state.h5 = h5; state.h6 = h6; state.h7 = h7
        }
    }
}

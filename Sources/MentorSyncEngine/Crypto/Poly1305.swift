// Poly1305 as specified in RFC 8439 section 2.5:
//   r = le(key[0..<16]) clamped with 0x0ffffffc0ffffffc0ffffffc0fffffff, s = le(key[16..<32]),
//   p = 2^130 - 5, acc = 0; for each 16-byte block (the last may be shorter):
//   acc = ((acc + le(block | 0x01)) * r) mod p;  tag = (acc + s) mod 2^128, little-endian.
//
// Arithmetic: five 26-bit limbs (the "donna-32" representation). Limb products are at most
// 2^26 * 5 * 2^26 < 2^55, and a row of five sums stays below 2^58, so UInt64 never overflows.
// 2^130 = 5 (mod p), which is why the high partial products are multiplied by 5*r. The only
// branches depend on lengths, never on key or message bytes; the final reduction of acc into
// [0, p) is a masked select (see `finalize`), which RFC 8439 Appendix A.3 vectors #5-#11 exercise.
//
// Performance notes: whole blocks are read straight from the caller's buffer; the partial-block
// buffer is inline storage in the struct, so authenticating performs no heap allocation except for
// the 16-byte tag returned by `finalize()`.

/// Incremental Poly1305 one-time authenticator (RFC 8439 section 2.5).
///
/// A Poly1305 key must authenticate only one message. After `finalize()` the value refuses further
/// use (a precondition fails).
public struct Poly1305: Sendable {
    /// One-time key length in bytes (r then s).
    public static let keyByteCount = 32
    /// Tag length in bytes.
    public static let tagByteCount = 16
    /// Block length in bytes.
    public static let blockByteCount = 16

    private static let limbMask: UInt32 = 0x3ff_ffff

    // r, clamped, in 26-bit limbs.
    private var r0: UInt32, r1: UInt32, r2: UInt32, r3: UInt32, r4: UInt32
    // The accumulator h in 26-bit limbs (partially reduced: below 2^130 + small between blocks).
    private var h0: UInt32 = 0, h1: UInt32 = 0, h2: UInt32 = 0, h3: UInt32 = 0, h4: UInt32 = 0
    // s as four little-endian 32-bit words.
    private var s0: UInt32, s1: UInt32, s2: UInt32, s3: UInt32

    /// Inline storage for a partial block (16 bytes); only the first `pendingCount` bytes are valid.
    private var pending: (UInt64, UInt64) = (0, 0)
    private var pendingCount = 0
    private var finalized = false

    /// Keys the authenticator with a 32-byte one-time key (r | s).
    ///
    /// - Throws: `CryptoError.invalidKeyLength` unless `key` has 32 bytes.
    public init(key: [UInt8]) throws {
        guard key.count == Self.keyByteCount else { throw CryptoError.invalidKeyLength }
        self = key.withUnsafeBytes { Poly1305(key: $0.baseAddress!) }
    }

    /// `key` points at 32 bytes.
    init(key: UnsafeRawPointer) {
        // r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, split into 26-bit limbs.
        r0 = polyLoad(key, 0) & 0x3ff_ffff
        r1 = (polyLoad(key, 3) >> 2) & 0x3ff_ff03
        r2 = (polyLoad(key, 6) >> 4) & 0x3ff_c0ff
        r3 = (polyLoad(key, 9) >> 6) & 0x3f0_3fff
        r4 = (polyLoad(key, 12) >> 8) & 0x00f_ffff
        s0 = polyLoad(key, 16)
        s1 = polyLoad(key, 20)
        s2 = polyLoad(key, 24)
        s3 = polyLoad(key, 28)
    }

    /// Adds the bytes of `buffer` to the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        precondition(!finalized, "Poly1305: the authenticator was already finalized (one-time key)")
        guard var source = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count

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
            let block = pending
            withUnsafeBytes(of: block) { b in
                processBlocks(b.baseAddress!, blockCount: 1, highBit: 1 << 24)
            }
            pendingCount = 0
        }

        // Whole blocks straight from the caller's buffer.
        let wholeBlocks = remaining / Self.blockByteCount
        if wholeBlocks > 0 {
            processBlocks(source, blockCount: wholeBlocks, highBit: 1 << 24)
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

    /// Adds `count` zero bytes to the message (the AEAD padding of RFC 8439 section 2.8).
    mutating func updateWithZeros(count: Int) {
        precondition(count >= 0 && count < Self.blockByteCount)
        guard count > 0 else { return }
        withUnsafeTemporaryAllocation(byteCount: Self.blockByteCount, alignment: 8) { zeros in
            zeros.initializeMemory(as: UInt8.self, repeating: 0)
            update(UnsafeRawBufferPointer(rebasing: zeros[0..<count]))
        }
    }

    /// Returns the 16-byte tag. The authenticator cannot be used afterwards.
    public mutating func finalize() -> [UInt8] {
        precondition(!finalized, "Poly1305: the authenticator was already finalized (one-time key)")

        // The last, short block: its bytes, then 0x01, then zeros; no 2^128 bit.
        if pendingCount > 0 {
            var block = pending
            let used = pendingCount
            withUnsafeMutableBytes(of: &block) { b in
                b[used] = 1
                for i in (used + 1)..<Self.blockByteCount { b[i] = 0 }
            }
            withUnsafeBytes(of: block) { b in
                processBlocks(b.baseAddress!, blockCount: 1, highBit: 0)
            }
        }

        let mask = Self.limbMask
        var h0 = self.h0, h1 = self.h1, h2 = self.h2, h3 = self.h3, h4 = self.h4

        // Fully carry h, so every limb is below 2^26 (h < 2^130; the carry out of h4 folds back as *5).
        var c: UInt32
        c = h1 >> 26; h1 &= mask
        h2 &+= c; c = h2 >> 26; h2 &= mask
        h3 &+= c; c = h3 >> 26; h3 &= mask
        h4 &+= c; c = h4 >> 26; h4 &= mask
        h0 &+= c &* 5; c = h0 >> 26; h0 &= mask
        h1 &+= c

        // g = h + 5 - 2^130 = h - p. If h >= p, g is non-negative (bit 31 of g4 clear) and is the
        // reduced value; otherwise g4 borrowed (bit 31 set) and h is already reduced. h < 2p here,
        // so one conditional subtraction suffices.
        var g0 = h0 &+ 5; c = g0 >> 26; g0 &= mask
        var g1 = h1 &+ c; c = g1 >> 26; g1 &= mask
        var g2 = h2 &+ c; c = g2 >> 26; g2 &= mask
        var g3 = h3 &+ c; c = g3 >> 26; g3 &= mask
        var g4 = h4 &+ c &- (1 << 26)

        // Select without branching: selectG is all ones if h >= p, zero otherwise.
        let selectG = (g4 >> 31) &- 1
        g0 &= selectG; g1 &= selectG; g2 &= selectG; g3 &= selectG; g4 &= selectG
        let selectH = ~selectG
        h0 = (h0 & selectH) | g0
        h1 = (h1 & selectH) | g1
        h2 = (h2 & selectH) | g2
        h3 = (h3 & selectH) | g3
        h4 = (h4 & selectH) | g4

        // h mod 2^128 as four 32-bit words.
        let w0 = h0 | (h1 &<< 26)
        let w1 = (h1 >> 6) | (h2 &<< 20)
        let w2 = (h2 >> 12) | (h3 &<< 14)
        let w3 = (h3 >> 18) | (h4 &<< 8)

        // tag = (h + s) mod 2^128.
        var f = UInt64(w0) &+ UInt64(s0)
        let t0 = UInt32(truncatingIfNeeded: f)
        f = UInt64(w1) &+ UInt64(s1) &+ (f >> 32)
        let t1 = UInt32(truncatingIfNeeded: f)
        f = UInt64(w2) &+ UInt64(s2) &+ (f >> 32)
        let t2 = UInt32(truncatingIfNeeded: f)
        f = UInt64(w3) &+ UInt64(s3) &+ (f >> 32)
        let t3 = UInt32(truncatingIfNeeded: f)

        let tag = [UInt8](unsafeUninitializedCapacity: Self.tagByteCount) { out, initialized in
            let raw = UnsafeMutableRawPointer(out.baseAddress!)
            raw.storeBytes(of: t0.littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: t1.littleEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: t2.littleEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: t3.littleEndian, toByteOffset: 12, as: UInt32.self)
            initialized = Self.tagByteCount
        }

        // Forget the key and the state (best effort) and refuse further use.
        r0 = 0; r1 = 0; r2 = 0; r3 = 0; r4 = 0
        s0 = 0; s1 = 0; s2 = 0; s3 = 0
        self.h0 = 0; self.h1 = 0; self.h2 = 0; self.h3 = 0; self.h4 = 0
        pending = (0, 0)
        pendingCount = 0
        finalized = true
        return tag
    }

    /// One-shot Poly1305 tag of `message` under the 32-byte one-time `key`.
    ///
    /// - Throws: `CryptoError.invalidKeyLength` unless `key` has 32 bytes.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) throws -> [UInt8] {
        var mac = try Poly1305(key: key)
        mac.update(message)
        return mac.finalize()
    }

    /// acc = ((acc + block + highBit * 2^104 ... ) * r) mod' p for `blockCount` 16-byte blocks,
    /// where `highBit` (1 << 24 in the top limb) is the 2^128 bit of full blocks and 0 for the
    /// already padded last short block. The result is only partially reduced.
    private mutating func processBlocks(_ message: UnsafeRawPointer, blockCount: Int, highBit: UInt32) {
        let mask = Self.limbMask
        let r0 = UInt64(self.r0), r1 = UInt64(self.r1), r2 = UInt64(self.r2), r3 = UInt64(self.r3), r4 = UInt64(self.r4)
        // 2^130 = 5 (mod p): the partial products that land at 2^130 and above fold back times 5.
        let s1 = r1 &* 5, s2 = r2 &* 5, s3 = r3 &* 5, s4 = r4 &* 5
        var h0 = self.h0, h1 = self.h1, h2 = self.h2, h3 = self.h3, h4 = self.h4

        var m = message
        for _ in 0..<blockCount {
            // acc += block (26-bit limbs of the little-endian 128-bit number, plus the 2^128 bit).
            h0 &+= polyLoad(m, 0) & mask
            h1 &+= (polyLoad(m, 3) >> 2) & mask
            h2 &+= (polyLoad(m, 6) >> 4) & mask
            h3 &+= (polyLoad(m, 9) >> 6) & mask
            h4 &+= (polyLoad(m, 12) >> 8) | highBit

            // acc *= r (schoolbook on limbs, high products folded with *5).
            let a0 = UInt64(h0), a1 = UInt64(h1), a2 = UInt64(h2), a3 = UInt64(h3), a4 = UInt64(h4)
            let d0 = a0 &* r0 &+ a1 &* s4 &+ a2 &* s3 &+ a3 &* s2 &+ a4 &* s1
            var d1 = a0 &* r1 &+ a1 &* r0 &+ a2 &* s4 &+ a3 &* s3 &+ a4 &* s2
            var d2 = a0 &* r2 &+ a1 &* r1 &+ a2 &* r0 &+ a3 &* s4 &+ a4 &* s3
            var d3 = a0 &* r3 &+ a1 &* r2 &+ a2 &* r1 &+ a3 &* r0 &+ a4 &* s4
            var d4 = a0 &* r4 &+ a1 &* r3 &+ a2 &* r2 &+ a3 &* r1 &+ a4 &* r0

            // Partial reduction: carry through the limbs, fold the carry out of the top times 5.
            var c = d0 >> 26; h0 = UInt32(truncatingIfNeeded: d0) & mask
            d1 &+= c; c = d1 >> 26; h1 = UInt32(truncatingIfNeeded: d1) & mask
            d2 &+= c; c = d2 >> 26; h2 = UInt32(truncatingIfNeeded: d2) & mask
            d3 &+= c; c = d3 >> 26; h3 = UInt32(truncatingIfNeeded: d3) & mask
            d4 &+= c; c = d4 >> 26; h4 = UInt32(truncatingIfNeeded: d4) & mask
            let e0 = UInt64(h0) &+ c &* 5   // in 64 bits: c * 5 need not fit 32 bits
            h0 = UInt32(truncatingIfNeeded: e0) & mask
            h1 &+= UInt32(truncatingIfNeeded: e0 >> 26)

            m += Self.blockByteCount
        }
        self.h0 = h0; self.h1 = h1; self.h2 = h2; self.h3 = h3; self.h4 = h4
    }
}

/// The little-endian 32-bit word at `pointer + offset` (no alignment required).
@inline(__always)
private func polyLoad(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

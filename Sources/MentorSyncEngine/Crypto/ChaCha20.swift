// ChaCha20 as specified in RFC 8439 ("ChaCha20 and Poly1305 for IETF Protocols"):
//   section 2.1  the quarter round          a += b; d ^= a; d <<<= 16;  c += d; b ^= c; b <<<= 12;
//                                           a += b; d ^= a; d <<<= 8;   c += d; b ^= c; b <<<= 7;
//   section 2.3  the block function: state = constants | key | 32-bit counter | 96-bit nonce (all
//                little-endian words), 10 double rounds (column + diagonal), add the input state,
//                serialize little-endian -> 64 keystream bytes
//   section 2.4  the stream cipher: keystream blocks for counter, counter+1, ... XORed with the input
//
// Hand-written so the engine depends on nothing beyond Foundation and zlib. Hand-written crypto
// carries risk: this code is checked against every RFC 8439 vector in AEADTests.swift.
//
// Performance notes: the state lives in sixteen UInt32 locals (registers), whole 64-byte blocks are
// XORed straight from the caller's input into the caller's output, and the partial keystream block
// kept between calls is inline storage in the struct, so encryption performs no heap allocation.

/// The ChaCha20 block function and one-shot stream cipher (RFC 8439 sections 2.3 and 2.4).
public enum ChaCha20 {
    /// Key length in bytes (256 bits).
    public static let keyByteCount = 32
    /// Nonce length in bytes (96 bits).
    public static let nonceByteCount = 12
    /// Keystream block length in bytes.
    public static let blockByteCount = 64

    /// The ChaCha20 block function (RFC 8439 section 2.3): the 64 serialized keystream bytes for
    /// `counter` under `key` and `nonce`.
    ///
    /// - Throws: `CryptoError.invalidKeyLength` unless `key` has 32 bytes,
    ///   `CryptoError.invalidNonceLength` unless `nonce` has 12 bytes.
    public static func block(key: [UInt8], counter: UInt32, nonce: [UInt8]) throws -> [UInt8] {
        var core = try ChaCha20Core(key: key, nonce: nonce, counter: counter)
        var out = [UInt8](repeating: 0, count: blockByteCount)
        out.withUnsafeMutableBytes { buffer in
            core.xorBlocks(UnsafeRawPointer(buffer.baseAddress!), buffer.baseAddress!, blockCount: 1)
        }
        return out
    }

    /// ChaCha20 encryption (RFC 8439 section 2.4): `input` XORed with the keystream that starts at
    /// block `counter`. Decryption is the same operation.
    ///
    /// - Throws: `CryptoError.invalidKeyLength` / `CryptoError.invalidNonceLength`.
    /// - Precondition: the input fits in the blocks left before the 32-bit counter would wrap.
    public static func encrypt(_ input: [UInt8], key: [UInt8], nonce: [UInt8], counter: UInt32) throws -> [UInt8] {
        var core = try ChaCha20Core(key: key, nonce: nonce, counter: counter)
        return core.process(input)
    }

    /// The quarter round of RFC 8439 section 2.1 (exposed for its test vector).
    static func quarterRound(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32) {
        chachaQuarterRound(&a, &b, &c, &d)
    }
}

/// Incremental ChaCha20 (RFC 8439 section 2.4): encrypts or decrypts (the same operation) successive
/// chunks of any size, keeping the keystream position between calls, so processing a message in
/// chunks gives exactly the bytes that processing it in one call gives.
///
/// This is a class so that the keystream position cannot be duplicated by copying: two copies
/// would reuse the same keystream for different data. Not thread-safe; use from one task at a time.
public final class ChaCha20Stream {
    private var core: ChaCha20Core

    /// Starts the keystream at block `counter` (RFC 8439 section 2.4: usually 0, or 1 when block 0
    /// keys a one-time authenticator as in the AEAD of section 2.8).
    ///
    /// - Throws: `CryptoError.invalidKeyLength` unless `key` has 32 bytes,
    ///   `CryptoError.invalidNonceLength` unless `nonce` has 12 bytes.
    public init(key: [UInt8], nonce: [UInt8], counter: UInt32 = 0) throws {
        core = try ChaCha20Core(key: key, nonce: nonce, counter: counter)
    }

    /// XORs the next `input.count` keystream bytes with `input` into the start of `output`.
    /// `output` may be the very same memory as `input` (in place) or disjoint from it, but must
    /// not partially overlap it.
    ///
    /// - Precondition: `output.count >= input.count`; the keystream (2^32 blocks from the initial
    ///   counter, minus the blocks before it) is not exhausted.
    public func process(_ input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= input.count, "ChaCha20Stream: output buffer is smaller than the input")
        guard input.count > 0 else { return }
        core.process(input.baseAddress!, output.baseAddress!, count: input.count)
    }

    /// Returns `input` XORed with the next `input.count` keystream bytes.
    public func process(_ input: [UInt8]) -> [UInt8] {
        core.process(input)
    }

    deinit {
        core.wipe()
    }
}

// MARK: - Core

/// The ChaCha20 input state (RFC 8439 section 2.3) plus the unused rest of the last keystream block.
/// Shared by `ChaCha20`, `ChaCha20Stream` and the AEAD of ChaChaPoly.swift.
struct ChaCha20Core: Sendable {
    // Words 4-11: the key, read as eight little-endian 32-bit integers.
    private var k0: UInt32, k1: UInt32, k2: UInt32, k3: UInt32
    private var k4: UInt32, k5: UInt32, k6: UInt32, k7: UInt32
    /// Word 12: the block counter of the next block to generate.
    private var counter: UInt32
    /// Set after the block with counter 2^32-1 was generated: another block would repeat keystream.
    private var counterExhausted = false
    // Words 13-15: the nonce, read as three little-endian 32-bit integers.
    private var n0: UInt32, n1: UInt32, n2: UInt32

    /// The last keystream block generated for a partial block (64 bytes, inline storage); bytes
    /// from `keystreamOffset` on are not used yet. `keystreamOffset == 64` means none are left.
    private var keystream: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    private var keystreamOffset = ChaCha20.blockByteCount

    init(key: [UInt8], nonce: [UInt8], counter: UInt32) throws {
        guard key.count == ChaCha20.keyByteCount else { throw CryptoError.invalidKeyLength }
        guard nonce.count == ChaCha20.nonceByteCount else { throw CryptoError.invalidNonceLength }
        self = key.withUnsafeBytes { k in
            nonce.withUnsafeBytes { n in
                ChaCha20Core(key: k.baseAddress!, nonce: n.baseAddress!, counter: counter)
            }
        }
    }

    /// `key` points at 32 bytes, `nonce` at 12.
    init(key: UnsafeRawPointer, nonce: UnsafeRawPointer, counter: UInt32) {
        k0 = chachaLoad(key, 0); k1 = chachaLoad(key, 4); k2 = chachaLoad(key, 8); k3 = chachaLoad(key, 12)
        k4 = chachaLoad(key, 16); k5 = chachaLoad(key, 20); k6 = chachaLoad(key, 24); k7 = chachaLoad(key, 28)
        self.counter = counter
        n0 = chachaLoad(nonce, 0); n1 = chachaLoad(nonce, 4); n2 = chachaLoad(nonce, 8)
    }

    /// Overwrites the key, nonce and buffered keystream (best effort).
    mutating func wipe() {
        k0 = 0; k1 = 0; k2 = 0; k3 = 0; k4 = 0; k5 = 0; k6 = 0; k7 = 0
        n0 = 0; n1 = 0; n2 = 0; counter = 0
        keystream = (0, 0, 0, 0, 0, 0, 0, 0)
        keystreamOffset = ChaCha20.blockByteCount
    }

    /// Returns `input` XORed with the next keystream bytes.
    mutating func process(_ input: [UInt8]) -> [UInt8] {
        guard !input.isEmpty else { return [] }
        return [UInt8](unsafeUninitializedCapacity: input.count) { out, initialized in
            input.withUnsafeBytes { source in
                process(source.baseAddress!, UnsafeMutableRawPointer(out.baseAddress!), count: input.count)
            }
            initialized = input.count
        }
    }

    /// XORs `count` bytes at `input` with the next keystream bytes into `output` (which may equal
    /// `input`, or be disjoint from it).
    mutating func process(_ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, count: Int) {
        var source = input
        var destination = output
        var remaining = count

        // Use up the keystream left from a previous partial block.
        if keystreamOffset < ChaCha20.blockByteCount && remaining > 0 {
            let take = min(ChaCha20.blockByteCount - keystreamOffset, remaining)
            let offset = keystreamOffset
            withUnsafeBytes(of: keystream) { ks in
                for i in 0..<take {
                    destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self) ^ ks[offset + i],
                                           toByteOffset: i, as: UInt8.self)
                }
            }
            keystreamOffset += take
            source += take
            destination += take
            remaining -= take
        }

        // Whole blocks straight from input to output.
        let wholeBlocks = remaining / ChaCha20.blockByteCount
        if wholeBlocks > 0 {
            xorBlocks(source, destination, blockCount: wholeBlocks)
            source += wholeBlocks * ChaCha20.blockByteCount
            destination += wholeBlocks * ChaCha20.blockByteCount
            remaining -= wholeBlocks * ChaCha20.blockByteCount
        }

        // A final partial block: generate one keystream block, keep what is not used.
        if remaining > 0 {
            var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &block) { ks in
                // Zero XOR keystream = keystream.
                xorBlocks(UnsafeRawPointer(ks.baseAddress!), ks.baseAddress!, blockCount: 1)
                for i in 0..<remaining {
                    destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self) ^ ks[i],
                                           toByteOffset: i, as: UInt8.self)
                }
            }
            keystream = block
            keystreamOffset = remaining
        }
    }

    /// XORs `blockCount` whole 64-byte blocks at `input` with the keystream blocks for the next
    /// counters into `output` (which may equal `input`). Buffered partial keystream is not used.
    mutating func xorBlocks(_ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, blockCount: Int) {
        // RFC 8439 section 2.3: one (key, nonce) gives 2^32 blocks; refuse to wrap the counter.
        let available: UInt64 = counterExhausted ? 0 : (1 << 32) - UInt64(counter)
        precondition(UInt64(blockCount) <= available,
                     "ChaCha20: the 32-bit block counter would wrap (at most 2^32 blocks per key and nonce)")

        // Words 0-3: the constants "expand 32-byte k".
        let j0: UInt32 = 0x6170_7865, j1: UInt32 = 0x3320_646e, j2: UInt32 = 0x7962_2d32, j3: UInt32 = 0x6b20_6574
        let j4 = k0, j5 = k1, j6 = k2, j7 = k3, j8 = k4, j9 = k5, j10 = k6, j11 = k7
        var j12 = counter
        let j13 = n0, j14 = n1, j15 = n2

        var source = input
        var destination = output
        for _ in 0..<blockCount {
            var x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7
            var x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15
            for _ in 0..<10 {
                // Column round.
                chachaQuarterRound(&x0, &x4, &x8, &x12)
                chachaQuarterRound(&x1, &x5, &x9, &x13)
                chachaQuarterRound(&x2, &x6, &x10, &x14)
                chachaQuarterRound(&x3, &x7, &x11, &x15)
                // Diagonal round.
                chachaQuarterRound(&x0, &x5, &x10, &x15)
                chachaQuarterRound(&x1, &x6, &x11, &x12)
                chachaQuarterRound(&x2, &x7, &x8, &x13)
                chachaQuarterRound(&x3, &x4, &x9, &x14)
            }
            // Add the input state, serialize little-endian, XOR with the input block.
            chachaStore((x0 &+ j0) ^ chachaLoad(source, 0), destination, 0)
            chachaStore((x1 &+ j1) ^ chachaLoad(source, 4), destination, 4)
            chachaStore((x2 &+ j2) ^ chachaLoad(source, 8), destination, 8)
            chachaStore((x3 &+ j3) ^ chachaLoad(source, 12), destination, 12)
            chachaStore((x4 &+ j4) ^ chachaLoad(source, 16), destination, 16)
            chachaStore((x5 &+ j5) ^ chachaLoad(source, 20), destination, 20)
            chachaStore((x6 &+ j6) ^ chachaLoad(source, 24), destination, 24)
            chachaStore((x7 &+ j7) ^ chachaLoad(source, 28), destination, 28)
            chachaStore((x8 &+ j8) ^ chachaLoad(source, 32), destination, 32)
            chachaStore((x9 &+ j9) ^ chachaLoad(source, 36), destination, 36)
            chachaStore((x10 &+ j10) ^ chachaLoad(source, 40), destination, 40)
            chachaStore((x11 &+ j11) ^ chachaLoad(source, 44), destination, 44)
            chachaStore((x12 &+ j12) ^ chachaLoad(source, 48), destination, 48)
            chachaStore((x13 &+ j13) ^ chachaLoad(source, 52), destination, 52)
            chachaStore((x14 &+ j14) ^ chachaLoad(source, 56), destination, 56)
            chachaStore((x15 &+ j15) ^ chachaLoad(source, 60), destination, 60)
            j12 &+= 1   // wraps only after the last permitted block (checked above)
            source += ChaCha20.blockByteCount
            destination += ChaCha20.blockByteCount
        }
        counter = j12
        if UInt64(blockCount) == available { counterExhausted = true }
    }
}

// MARK: - Helpers

/// RFC 8439 section 2.1: the quarter round on four state words.
@inline(__always)
private func chachaQuarterRound(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32) {
    a &+= b; d ^= a; d = chachaRotateLeft(d, 16)
    c &+= d; b ^= c; b = chachaRotateLeft(b, 12)
    a &+= b; d ^= a; d = chachaRotateLeft(d, 8)
    c &+= d; b ^= c; b = chachaRotateLeft(b, 7)
}

/// x <<< n (an n-bit left roll), 0 < n < 32.
@inline(__always)
private func chachaRotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &<< n) | (x &>> (32 &- n))
}

/// The little-endian 32-bit word at `pointer + offset` (no alignment required).
@inline(__always)
private func chachaLoad(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 {
    UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

/// Stores `value` little-endian at `pointer + offset` (no alignment required).
@inline(__always)
private func chachaStore(_ value: UInt32, _ pointer: UnsafeMutableRawPointer, _ offset: Int) {
    pointer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
}

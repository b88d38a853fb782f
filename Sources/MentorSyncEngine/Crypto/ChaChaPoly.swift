// AEAD_CHACHA20_POLY1305 as specified in RFC 8439 section 2.8:
//   otk        = first 32 bytes of ChaCha20 block 0 under (key, nonce)          (section 2.6)
//   ciphertext = ChaCha20(key, nonce, initial counter 1) XOR plaintext           (section 2.4)
//   tag        = Poly1305(otk, aad | pad16(aad) | ciphertext | pad16(ciphertext)
//                              | le64(aad.count) | le64(ciphertext.count))       (section 2.5)
// where pad16(x) is 0-15 zero bytes bringing x to a multiple of 16 bytes. The MAC always covers
// the ciphertext, when sealing and when opening.
//
// Two ways to use it:
// * One-shot `ChaChaPoly.seal` / `ChaChaPoly.open`: `open` verifies the tag (in constant time)
//   before decrypting anything and returns no plaintext at all if it does not match.
// * Streaming `ChaChaPolySealer` / `ChaChaPolyOpener` for bodies too large to hold twice: the
//   opener decrypts chunk by chunk and can only verify the tag at the end, in
//   `finish(expectedTag:)`. SEE THE WARNING ON `ChaChaPolyOpener`: its plaintext is unauthenticated
//   until `finish` returns, and everything done with it must be undone if `finish` throws.

/// Errors of the hand-written cryptography (AEAD, ChaCha20, Poly1305).
public enum CryptoError: Error, Equatable {
    /// The tag does not match the key, nonce, associated data and ciphertext: the message was
    /// corrupted or forged, or the wrong key, nonce or associated data was used.
    case authenticationFailed
    /// A key is not 32 bytes long.
    case invalidKeyLength
    /// A nonce is not 12 bytes long.
    case invalidNonceLength
}

/// AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8), one-shot.
///
/// The nonce MUST NOT repeat for the same key: a repeated nonce reveals the XOR of the plaintexts
/// and the one-time Poly1305 key, which allows forgeries. A key seals at most 2^32 - 1 blocks of
/// 64 bytes (274,877,906,880 bytes) per nonce; beyond that a precondition fails.
public enum ChaChaPoly {
    /// Key length in bytes (256 bits).
    public static let keyByteCount = 32
    /// Nonce length in bytes (96 bits).
    public static let nonceByteCount = 12
    /// Tag length in bytes (128 bits).
    public static let tagByteCount = 16

    /// Encrypts `plaintext` and authenticates it together with `aad`.
    ///
    /// - Returns: the ciphertext (as long as the plaintext) and the 16-byte tag.
    /// - Throws: `CryptoError.invalidKeyLength` / `CryptoError.invalidNonceLength`.
    public static func seal(key: [UInt8], nonce: [UInt8], plaintext: [UInt8],
                            aad: [UInt8] = []) throws -> (ciphertext: [UInt8], tag: [UInt8]) {
        var state = try ChaChaPolyState(key: key, nonce: nonce, aad: aad)
        let ciphertext = state.cipher.process(plaintext)
        ciphertext.withUnsafeBytes { state.authenticate(ciphertext: $0) }
        let tag = state.tag()
        state.cipher.wipe()
        return (ciphertext, tag)
    }

    /// Verifies `tag` over `aad` and `ciphertext` and only then decrypts.
    ///
    /// - Returns: the plaintext, which is authentic.
    /// - Throws: `CryptoError.authenticationFailed` when the tag does not match (compared in
    ///   constant time; a tag that is not 16 bytes never matches), in which case nothing is
    ///   decrypted; `CryptoError.invalidKeyLength` / `CryptoError.invalidNonceLength`.
    public static func open(key: [UInt8], nonce: [UInt8], ciphertext: [UInt8],
                            aad: [UInt8] = [], tag: [UInt8]) throws -> [UInt8] {
        var state = try ChaChaPolyState(key: key, nonce: nonce, aad: aad)
        ciphertext.withUnsafeBytes { state.authenticate(ciphertext: $0) }
        let expected = state.tag()
        guard constantTimeEquals(expected, tag) else {
            state.cipher.wipe()
            throw CryptoError.authenticationFailed
        }
        let plaintext = state.cipher.process(ciphertext)
        state.cipher.wipe()
        return plaintext
    }
}

extension ChaChaPoly {
    /// The one-time Poly1305 key of RFC 8439 section 2.6 for `key` and `nonce` (exposed for its
    /// test vectors; the AEAD derives it internally by the same code).
    static func poly1305Key(key: [UInt8], nonce: [UInt8]) throws -> [UInt8] {
        var cipher = try ChaCha20Core(key: key, nonce: nonce, counter: 0)
        defer { cipher.wipe() }
        return ChaChaPolyState.withOneTimeKey(&cipher) { otk in
            Array(UnsafeRawBufferPointer(start: otk, count: Poly1305.keyByteCount))
        }
    }
}

/// Streaming AEAD_CHACHA20_POLY1305 encryption (RFC 8439 section 2.8) of a body too large to hold
/// in memory at once: feed the plaintext in chunks of any sizes to `update`, then call `finish()`
/// for the tag. The ciphertext and tag are exactly those `ChaChaPoly.seal` produces for the whole
/// body; the associated data is given up front.
///
/// A class so that its state cannot be duplicated by copying (two copies would encrypt different
/// data with the same keystream). Not thread-safe; use from one task at a time.
public final class ChaChaPolySealer {
    private var state: ChaChaPolyState
    private var finished = false

    /// - Throws: `CryptoError.invalidKeyLength` / `CryptoError.invalidNonceLength`.
    public init(key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws {
        state = try ChaChaPolyState(key: key, nonce: nonce, aad: aad)
    }

    /// Encrypts the next chunk of plaintext into the start of `output`, which may be the same
    /// memory as `plaintext` (in-place) or disjoint from it, but must not partially overlap it.
    ///
    /// - Precondition: `output.count >= plaintext.count`; `finish()` was not called yet.
    public func update(_ plaintext: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) {
        precondition(!finished, "ChaChaPolySealer: update after finish")
        precondition(output.count >= plaintext.count, "ChaChaPolySealer: output buffer is smaller than the input")
        guard plaintext.count > 0 else { return }
        let input = plaintext.baseAddress!
        let out = output.baseAddress!
        // Slices small enough to still be in cache when the MAC reads back the ciphertext.
        var offset = 0
        while offset < plaintext.count {
            let n = min(ChaChaPolyState.sliceByteCount, plaintext.count - offset)
            state.cipher.process(input + offset, out + offset, count: n)
            state.authenticate(ciphertext: UnsafeRawBufferPointer(start: out + offset, count: n))
            offset += n
        }
    }

    /// Encrypts the next chunk of plaintext and returns its ciphertext.
    public func update(_ plaintext: [UInt8]) -> [UInt8] {
        guard !plaintext.isEmpty else {
            precondition(!finished, "ChaChaPolySealer: update after finish")
            return []
        }
        return [UInt8](unsafeUninitializedCapacity: plaintext.count) { out, initialized in
            plaintext.withUnsafeBytes { update($0, output: UnsafeMutableRawBufferPointer(out)) }
            initialized = plaintext.count
        }
    }

    /// Returns the 16-byte tag over the associated data and all the ciphertext. Call once.
    public func finish() -> [UInt8] {
        precondition(!finished, "ChaChaPolySealer: finish called twice")
        finished = true
        let tag = state.tag()
        state.cipher.wipe()
        return tag
    }

    deinit {
        state.cipher.wipe()
    }
}

/// Streaming AEAD_CHACHA20_POLY1305 decryption (RFC 8439 section 2.8) of a body too large to hold
/// in memory at once: feed the ciphertext in chunks of any sizes to `update`, which decrypts each
/// chunk while accumulating the MAC over the ciphertext, then call `finish(expectedTag:)`.
///
/// - Warning: Streaming releases plaintext BEFORE the tag is verified. Until
///   `finish(expectedTag:)` returns without throwing, every byte `update` produced is
///   unauthenticated: it may have been forged or corrupted by anyone who could alter the
///   ciphertext, tag or associated data. Callers must treat it as untrusted input (parse it
///   defensively, act on nothing irreversible) and must be able to roll back everything they did
///   with it. If `finish` throws, or is never reached because of another error, discard the
///   plaintext and undo its effects. This is how the bundle merge uses it: the whole body is
///   applied inside one SQLite transaction, which is committed only after `finish` succeeds and
///   rolled back on any failure. When the body fits in memory, prefer `ChaChaPoly.open`, which
///   verifies before decrypting.
///
/// A class so that its state cannot be duplicated by copying. Not thread-safe; use from one task
/// at a time.
public final class ChaChaPolyOpener {
    private var state: ChaChaPolyState
    private var finished = false

    /// - Throws: `CryptoError.invalidKeyLength` / `CryptoError.invalidNonceLength`.
    public init(key: [UInt8], nonce: [UInt8], aad: [UInt8] = []) throws {
        state = try ChaChaPolyState(key: key, nonce: nonce, aad: aad)
    }

    /// Authenticates the next chunk of ciphertext and decrypts it into the start of `output`, which
    /// may be the same memory as `ciphertext` (in-place) or disjoint from it, but must not
    /// partially overlap it. The plaintext is UNAUTHENTICATED until `finish(expectedTag:)` succeeds.
    ///
    /// - Precondition: `output.count >= ciphertext.count`; `finish` was not called yet.
    public func update(_ ciphertext: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) {
        precondition(!finished, "ChaChaPolyOpener: update after finish")
        precondition(output.count >= ciphertext.count, "ChaChaPolyOpener: output buffer is smaller than the input")
        guard ciphertext.count > 0 else { return }
        let input = ciphertext.baseAddress!
        let out = output.baseAddress!
        var offset = 0
        while offset < ciphertext.count {
            let n = min(ChaChaPolyState.sliceByteCount, ciphertext.count - offset)
            // MAC first: with in-place decryption the ciphertext is overwritten next.
            state.authenticate(ciphertext: UnsafeRawBufferPointer(start: input + offset, count: n))
            state.cipher.process(input + offset, out + offset, count: n)
            offset += n
        }
    }

    /// Authenticates and decrypts the next chunk of ciphertext; the returned plaintext is
    /// UNAUTHENTICATED until `finish(expectedTag:)` succeeds.
    public func update(_ ciphertext: [UInt8]) -> [UInt8] {
        guard !ciphertext.isEmpty else {
            precondition(!finished, "ChaChaPolyOpener: update after finish")
            return []
        }
        return [UInt8](unsafeUninitializedCapacity: ciphertext.count) { out, initialized in
            ciphertext.withUnsafeBytes { update($0, output: UnsafeMutableRawBufferPointer(out)) }
            initialized = ciphertext.count
        }
    }

    /// Compares the tag over the associated data and all the ciphertext with `expectedTag`, in
    /// constant time. Call once, after the last `update`.
    ///
    /// - Throws: `CryptoError.authenticationFailed` if they differ (a tag that is not 16 bytes never
    ///   matches): all plaintext released by `update` must then be discarded and its effects
    ///   rolled back.
    public func finish(expectedTag: [UInt8]) throws {
        precondition(!finished, "ChaChaPolyOpener: finish called twice")
        finished = true
        let tag = state.tag()
        state.cipher.wipe()
        guard constantTimeEquals(tag, expectedTag) else { throw CryptoError.authenticationFailed }
    }

    deinit {
        state.cipher.wipe()
    }
}

// MARK: - Shared state

/// The cipher (from block 1) and the MAC (keyed from block 0) of one AEAD message.
struct ChaChaPolyState: Sendable {
    /// Chunk size the streaming types encrypt and then MAC while it is still in cache.
    static let sliceByteCount = 16 * 1024

    var cipher: ChaCha20Core
    private var mac: Poly1305
    private let aadLength: UInt64
    private var ciphertextLength: UInt64 = 0

    init(key: [UInt8], nonce: [UInt8], aad: [UInt8]) throws {
        var cipher = try ChaCha20Core(key: key, nonce: nonce, counter: 0)
        let mac = Self.withOneTimeKey(&cipher) { Poly1305(key: $0) }
        self.cipher = cipher
        self.mac = mac
        self.aadLength = UInt64(aad.count)
        // aad | pad16(aad)
        self.mac.update(aad)
        self.mac.updateWithZeros(count: Self.padding(aadLength))
    }

    /// Section 2.6: the one-time Poly1305 key is the first 32 bytes of ChaCha20 block 0. `cipher`
    /// must be at counter 0; generating the whole block leaves it at counter 1, where section 2.8
    /// starts the encryption. `body` gets a pointer to the 32 key bytes, overwritten afterwards
    /// (best effort: the optimizer may elide the store).
    static func withOneTimeKey<R>(_ cipher: inout ChaCha20Core, _ body: (UnsafeRawPointer) -> R) -> R {
        var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let result = withUnsafeMutableBytes(of: &block) { otk in
            cipher.xorBlocks(UnsafeRawPointer(otk.baseAddress!), otk.baseAddress!, blockCount: 1)
            return body(UnsafeRawPointer(otk.baseAddress!))
        }
        block = (0, 0, 0, 0, 0, 0, 0, 0)
        return result
    }

    /// The next chunk of ciphertext, in order.
    mutating func authenticate(ciphertext: UnsafeRawBufferPointer) {
        mac.update(ciphertext)
        ciphertextLength &+= UInt64(ciphertext.count)
    }

    /// pad16(ciphertext) | le64(aad length) | le64(ciphertext length), then the Poly1305 tag.
    mutating func tag() -> [UInt8] {
        mac.updateWithZeros(count: Self.padding(ciphertextLength))
        let lengths: (UInt64, UInt64) = (aadLength.littleEndian, ciphertextLength.littleEndian)
        withUnsafeBytes(of: lengths) { mac.update($0) }
        return mac.finalize()
    }

    /// The number of zero bytes that brings `length` to a multiple of 16.
    private static func padding(_ length: UInt64) -> Int {
        Int((16 - length % 16) % 16)
    }
}

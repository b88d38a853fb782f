// PBKDF2 (RFC 8018 section 5.2) with HMAC-SHA-256, the first 32-byte block, as the web app's
// passwords are kept. RFC 7914 section 11 gives its vectors.
//
// A password checked at 600,000 iterations is 1.2 million SHA-256 compressions of one block each:
// the loop keeps the keyed inner and outer states (each HMAC is two compressions, not four), the
// block, schedule and states in one buffer of words, and makes no array or closure per round, so
// it is quick in a debug build too (the tests log in through it).

public enum PBKDF2 {
    /// PBKDF2-HMAC-SHA256(password, salt, iterations), 32 bytes.
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        var mac = HMACSHA256(key: password)
        mac.update(salt + [0, 0, 0, 1])
        let first = mac.finalize()  // U1
        var k0 = password.count > SHA256.blockByteCount ? SHA256.hash(password) : password
        k0.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - k0.count))
        return sha256RoundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            // w: the block and its schedule (64 words); then the keyed inner and outer states, the
            // state being worked, the last U and the sum of the U's (8 words each).
            let words = UnsafeMutablePointer<UInt32>.allocate(capacity: 64 + 5 * 8)
            defer { words.deallocate() }
            let w = words, inner = words + 64, outer = words + 72, state = words + 80, u = words + 88, sum = words + 96
            for (keyed, pad) in [(inner, UInt8(0x36)), (outer, UInt8(0x5c))] {
                for i in 0..<8 { keyed[i] = initialHash[i] }
                for i in 0..<16 { w[i] = word(k0, at: 4 * i) ^ UInt32(pad) &* 0x01010101 }
                compressBlock(keyed, w, k)
            }
            for i in 0..<8 { u[i] = word(first, at: 4 * i); sum[i] = u[i] }
            var n = 1
            while n < iterations {
                // U(n+1) = HMAC(P, U(n)): the inner hash of the 32-byte U, then the outer of that hash,
                // each one block (the message, 0x80, zeros, the length of 64 + 32 bytes in bits).
                hashDigest(from: inner, of: u, into: state, w, k)
                for i in 0..<8 { u[i] = state[i] }
                hashDigest(from: outer, of: u, into: state, w, k)
                var i = 0
                while i < 8 { u[i] = state[i]; sum[i] ^= state[i]; i &+= 1 }
                n &+= 1
            }
            var out = [UInt8]()
            out.reserveCapacity(32)
            for i in 0..<8 { withUnsafeBytes(of: sum[i].bigEndian) { out.append(contentsOf: $0) } }
            return out
        }
    }

    private static let initialHash: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]

    private static func word(_ bytes: [UInt8], at i: Int) -> UInt32 {
        UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }

    /// The hash of a 32-byte message (8 words at `message`) after a keyed 64-byte block (`keyed`), into `state`.
    @inline(__always)
    private static func hashDigest(from keyed: UnsafeMutablePointer<UInt32>, of message: UnsafeMutablePointer<UInt32>,
                                   into state: UnsafeMutablePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
        var i = 0
        while i < 8 { w[i] = message[i]; state[i] = keyed[i]; i &+= 1 }
        w[8] = 0x8000_0000
        i = 9
        while i < 15 { w[i] = 0; i &+= 1 }
        w[15] = (64 + 32) * 8
        compressBlock(state, w, k)
    }

    /// FIPS 180-4 section 6.2.2 on the block in w[0..<16], adding into the 8 words of `s`.
    @inline(__always)
    private static func compressBlock(_ s: UnsafeMutablePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
        var t = 16
        while t < 64 {
            let x = w[t &- 15], y = w[t &- 2]
            let s0 = ((x &>> 7) | (x &<< 25)) ^ ((x &>> 18) | (x &<< 14)) ^ (x &>> 3)
            let s1 = ((y &>> 17) | (y &<< 15)) ^ ((y &>> 19) | (y &<< 13)) ^ (y &>> 10)
            w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
            t &+= 1
        }
        var a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7]
        t = 0
        while t < 64 {
            let bigSigma1 = ((e &>> 6) | (e &<< 26)) ^ ((e &>> 11) | (e &<< 21)) ^ ((e &>> 25) | (e &<< 7))
            let t1 = h &+ bigSigma1 &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
            let bigSigma0 = ((a &>> 2) | (a &<< 30)) ^ ((a &>> 13) | (a &<< 19)) ^ ((a &>> 22) | (a &<< 10))
            let t2 = bigSigma0 &+ ((a & b) ^ (a & c) ^ (b & c))
            h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
            t &+= 1
        }
        s[0] &+= a; s[1] &+= b; s[2] &+= c; s[3] &+= d; s[4] &+= e; s[5] &+= f; s[6] &+= g; s[7] &+= h
    }
}

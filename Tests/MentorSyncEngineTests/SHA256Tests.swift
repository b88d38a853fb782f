import XCTest
@testable import MentorSyncEngine
import MentorSyncTestSupport

final class SHA256Tests: XCTestCase {
    // MARK: SHA-256 — FIPS 180-4 / NIST CSRC "Cryptographic Standards and Guidelines: Examples
    // with Intermediate Values" (SHA256.pdf), plus the standard empty and million-'a' vectors.

    /// FIPS 180-4 example, one-block message "abc".
    func testFIPS180_4_OneBlockMessageABC() {
        XCTAssertEqual(Hex.encode(SHA256.hash(Array("abc".utf8))),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// FIPS 180-4 example, two-block 448-bit message.
    func testFIPS180_4_TwoBlockMessage448Bits() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(message.utf8.count * 8, 448)
        XCTAssertEqual(Hex.encode(SHA256.hash(Array(message.utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// NIST CSRC SHA-256 example vector, 896-bit message.
    func testNIST_Message896Bits() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(message.utf8.count * 8, 896)
        XCTAssertEqual(Hex.encode(SHA256.hash(Array(message.utf8))),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    /// FIPS 180-4 SHA-256 of the empty (0-bit) message.
    func testFIPS180_4_EmptyMessage() {
        XCTAssertEqual(Hex.encode(SHA256.hash([])),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        XCTAssertEqual(Hex.encode(hasher.finalize()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// FIPS 180-2 / NIST vector: one million repetitions of 'a', one-shot and in uneven updates.
    func testFIPS180_OneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(Hex.encode(SHA256.hash(message)), expected)

        var hasher = SHA256()
        var offset = 0
        var step = 1
        while offset < message.count {
            let end = min(offset + step, message.count)
            message[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
            step = step % 997 + 13
        }
        XCTAssertEqual(Hex.encode(hasher.finalize()), expected)
    }

    /// FIPS 180-4 SHA-256 computed incrementally: a 131-byte message split at every offset 0...130
    /// (and into three pieces) gives the same digest as the one-shot hash.
    func testIncrementalUpdatesMatchOneShot() {
        let message = (0..<131).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let oneShot = SHA256.hash(message)
        for split in 0...130 {
            var hasher = SHA256()
            hasher.update(Array(message[0..<split]))
            message[split...].withUnsafeBytes { hasher.update($0) }
            XCTAssertEqual(hasher.finalize(), oneShot, "split at \(split)")

            var three = SHA256()
            let second = min(split + 64, message.count)
            three.update(Array(message[0..<split]))
            three.update(Array(message[split..<second]))
            three.update(Array(message[second...]))
            XCTAssertEqual(three.finalize(), oneShot, "three pieces at \(split)")
        }
    }

    /// FIPS 180-4 padding boundaries (5.1.1): lengths around 55/56/63/64 bytes, checked against a
    /// byte-at-a-time feed and against one-shot; finalize resets the hasher for reuse.
    func testPaddingBoundariesAndReuse() {
        var reused = SHA256()
        for length in [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &+ length) }
            let oneShot = SHA256.hash(message)
            for byte in message { reused.update([byte]) }
            XCTAssertEqual(reused.finalize(), oneShot, "length \(length)")
        }
        // "abc" after all that reuse still gives the FIPS 180-4 digest.
        reused.update(Array("abc".utf8))
        XCTAssertEqual(Hex.encode(reused.finalize()),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    // MARK: HMAC-SHA-256 — RFC 4231 section 4 (Test Vectors), test cases 1-7.

    private struct HMACVector {
        let name: String
        let key: [UInt8]
        let data: [UInt8]
        let hmacSHA256: String
        let truncatedToBits: Int?
    }

    /// RFC 4231 section 4, "Test Vectors": test cases 4.2 - 4.8 (cases 1-7), HMAC-SHA-256 results.
    private var rfc4231Vectors: [HMACVector] {
        [
            // 4.2. Test Case 1
            HMACVector(name: "Test Case 1",
                       key: [UInt8](repeating: 0x0b, count: 20),
                       data: Array("Hi There".utf8),
                       hmacSHA256: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                       truncatedToBits: nil),
            // 4.3. Test Case 2: key shorter than the length of the HMAC output
            HMACVector(name: "Test Case 2",
                       key: Array("Jefe".utf8),
                       data: Array("what do ya want for nothing?".utf8),
                       hmacSHA256: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                       truncatedToBits: nil),
            // 4.4. Test Case 3: combined length of key and data larger than 64 bytes
            HMACVector(name: "Test Case 3",
                       key: [UInt8](repeating: 0xaa, count: 20),
                       data: [UInt8](repeating: 0xdd, count: 50),
                       hmacSHA256: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
                       truncatedToBits: nil),
            // 4.5. Test Case 4: key 0x0102...19 (25 bytes)
            HMACVector(name: "Test Case 4",
                       key: Hex.bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                       data: [UInt8](repeating: 0xcd, count: 50),
                       hmacSHA256: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
                       truncatedToBits: nil),
            // 4.6. Test Case 5: truncation of output to 128 bits
            HMACVector(name: "Test Case 5",
                       key: [UInt8](repeating: 0x0c, count: 20),
                       data: Array("Test With Truncation".utf8),
                       hmacSHA256: "a3b6167473100ee06e0c796c2955552b",
                       truncatedToBits: 128),
            // 4.7. Test Case 6: key larger than 128 bytes (131 bytes; hashed first)
            HMACVector(name: "Test Case 6",
                       key: [UInt8](repeating: 0xaa, count: 131),
                       data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                       hmacSHA256: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                       truncatedToBits: nil),
            // 4.8. Test Case 7: key and data larger than 128 bytes
            HMACVector(name: "Test Case 7",
                       key: [UInt8](repeating: 0xaa, count: 131),
                       data: Array(("This is a test using a larger than block-size key and a larger than "
                           + "block-size data. The key needs to be hashed before being used by the HMAC "
                           + "algorithm.").utf8),
                       hmacSHA256: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                       truncatedToBits: nil),
        ]
    }

    /// RFC 4231 section 4, test cases 1-7, one-shot.
    func testHMACSHA256_RFC4231_Cases1To7() {
        let vectors = rfc4231Vectors
        XCTAssertEqual(vectors.count, 7)
        for vector in vectors {
            let tag = HMACSHA256.authenticate(vector.data, key: vector.key)
            XCTAssertEqual(tag.count, 32, vector.name)
            if let bits = vector.truncatedToBits {
                XCTAssertEqual(Hex.encode(Array(tag.prefix(bits / 8))), vector.hmacSHA256, vector.name)
            } else {
                XCTAssertEqual(Hex.encode(tag), vector.hmacSHA256, vector.name)
            }
        }
    }

    /// RFC 4231 section 4, test cases 1-7, fed incrementally (split at every offset), with the
    /// authenticator reused after each finalize.
    func testHMACSHA256_RFC4231_Incremental() {
        for vector in rfc4231Vectors {
            var mac = HMACSHA256(key: vector.key)
            let full = HMACSHA256.authenticate(vector.data, key: vector.key)
            for split in 0...vector.data.count {
                mac.update(Array(vector.data[0..<split]))
                vector.data[split...].withUnsafeBytes { mac.update($0) }
                XCTAssertEqual(mac.finalize(), full, "\(vector.name) split at \(split)")
            }
            let prefix = vector.truncatedToBits.map { $0 / 8 } ?? 32
            XCTAssertEqual(Hex.encode(Array(full.prefix(prefix))), vector.hmacSHA256, vector.name)
        }
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals([], []))
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([0, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2]))
        XCTAssertFalse(constantTimeEquals([], [0]))
        let tag = HMACSHA256.authenticate(Array("message".utf8), key: Array("key".utf8))
        XCTAssertTrue(constantTimeEquals(tag, HMACSHA256.authenticate(Array("message".utf8), key: Array("key".utf8))))
        XCTAssertFalse(constantTimeEquals(tag, HMACSHA256.authenticate(Array("message".utf8), key: Array("kez".utf8))))
    }
}

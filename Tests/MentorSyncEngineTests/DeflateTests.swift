import XCTest
@testable import MentorSyncEngine
import MentorSyncDemo

final class DeflateTests: XCTestCase {
    // MARK: Helpers

    /// Compresses `data`, feeding it in chunks whose sizes cycle through `chunkSizes`.
    private func compress(_ data: [UInt8], chunkSizes: [Int] = [Int.max], level: Int32 = 1) throws -> [UInt8] {
        let deflater = try DeflateStream(level: level)
        var compressed: [UInt8] = []
        var offset = 0
        var i = 0
        try data.withUnsafeBytes { all in
            while offset < all.count {
                let end = offset + min(chunkSizes[i % chunkSizes.count], all.count - offset)
                try deflater.compress(UnsafeRawBufferPointer(rebasing: all[offset..<end])) { piece in
                    XCTAssertLessThanOrEqual(piece.count, 64 * 1024)
                    compressed.append(contentsOf: piece)
                }
                offset = end
                i += 1
            }
        }
        try deflater.finish { compressed.append(contentsOf: $0) }
        return compressed
    }

    /// Decompresses `compressed`, feeding it in chunks whose sizes cycle through `chunkSizes`.
    /// Returns the output and the number of input bytes consumed.
    private func decompress(_ compressed: [UInt8], chunkSizes: [Int] = [Int.max], limit: Int = .max) throws -> (output: [UInt8], consumed: Int, finished: Bool) {
        let inflater = try InflateStream()
        var output: [UInt8] = []
        var offset = 0
        var i = 0
        try compressed.withUnsafeBytes { all in
            while offset < all.count {
                let end = offset + min(chunkSizes[i % chunkSizes.count], all.count - offset)
                let used = try inflater.decompress(UnsafeRawBufferPointer(rebasing: all[offset..<end]), limit: limit) { piece in
                    XCTAssertLessThanOrEqual(piece.count, 64 * 1024)
                    output.append(contentsOf: piece)
                }
                let given = end - offset
                offset += used
                if used < given { break }  // The stream ended inside this chunk.
                i += 1
            }
        }
        XCTAssertEqual(inflater.totalOut, output.count)
        return (output, offset, inflater.isFinished)
    }

    /// About 5 MiB of mixed text: repetitive records, words, numbers and some pseudo-random noise.
    private func mixedText(byteCount: Int) -> [UInt8] {
        let words = ["mentor", "school", "district", "sync", "replica", "bundle", "clock", "merge",
                     "Ångström", "naïve", "日本語", "emoji 🎓", "\t", "\n", ",", "0", "42", "3.14159"]
        var generator = SplitMix64(seed: 0x5eed)
        var out: [UInt8] = []
        out.reserveCapacity(byteCount + 64)
        var record = 0
        while out.count < byteCount {
            switch generator.next() % 4 {
            case 0:
                out.append(contentsOf: "record \(record): id=\(generator.next() % 100_000) name=\"".utf8)
                record += 1
            case 1:
                for _ in 0..<(generator.next() % 12) {
                    out.append(contentsOf: words[Int(generator.next() % UInt64(words.count))].utf8)
                    out.append(0x20)
                }
            case 2:
                for _ in 0..<(generator.next() % 40) {
                    out.append(UInt8(truncatingIfNeeded: generator.next()))
                }
            default:
                out.append(contentsOf: "\"\n".utf8)
            }
        }
        return Array(out.prefix(byteCount))
    }

    // MARK: Round trips

    func testRoundTripEmpty() throws {
        let compressed = try compress([])
        XCTAssertFalse(compressed.isEmpty, "even an empty raw deflate stream has a final block")
        let result = try decompress(compressed)
        XCTAssertEqual(result.output, [])
        XCTAssertEqual(result.consumed, compressed.count)
        XCTAssertTrue(result.finished)
    }

    func testRoundTripSmall() throws {
        let data = Array("Hello, mentorsync! Hello, mentorsync! Hello, mentorsync!".utf8)
        for level in [0, 1, 6, 9] as [Int32] {
            let compressed = try compress(data, level: level)
            let result = try decompress(compressed)
            XCTAssertEqual(result.output, data, "level \(level)")
            XCTAssertEqual(result.consumed, compressed.count)
            XCTAssertTrue(result.finished)
        }
    }

    func testRoundTripFiveMiBMixedTextInOddChunks() throws {
        let data = mixedText(byteCount: 5 * 1024 * 1024)
        let compressed = try compress(data, chunkSizes: [1, 7, 333, 4093, 65_537, 131_071, 13])
        XCTAssertLessThan(compressed.count, data.count)
        let result = try decompress(compressed, chunkSizes: [3, 1, 1021, 17, 77_777, 5])
        XCTAssertTrue(result.finished)
        XCTAssertEqual(result.consumed, compressed.count)
        XCTAssertEqual(result.output.count, data.count)
        XCTAssertTrue(result.output == data)
        // Whole-buffer decompression agrees too.
        XCTAssertTrue(try decompress(compressed).output == data)
    }

    func testFinishIsIdempotent() throws {
        let deflater = try DeflateStream()
        var compressed: [UInt8] = []
        try Array("abc".utf8).withUnsafeBytes { try deflater.compress($0) { compressed.append(contentsOf: $0) } }
        try deflater.finish { compressed.append(contentsOf: $0) }
        let length = compressed.count
        try deflater.finish { compressed.append(contentsOf: $0) }
        XCTAssertEqual(compressed.count, length)
        XCTAssertEqual(try decompress(compressed).output, Array("abc".utf8))
    }

    func testInvalidLevelThrowsInitFailed() {
        XCTAssertThrowsError(try DeflateStream(level: 42)) { error in
            XCTAssertEqual(error as? CompressionError, .initFailed(-2))  // Z_STREAM_ERROR
        }
    }

    // MARK: Limits and errors

    /// A "zip bomb": 50 MiB of zeros compress to ~50 KiB; inflating with a 1 MiB limit must throw
    /// outputLimitExceeded without ever delivering more than the limit.
    func testOutputLimitStopsZipBomb() throws {
        let zeros = [UInt8](repeating: 0, count: 50 * 1024 * 1024)
        let bomb = try compress(zeros, level: 9)
        XCTAssertLessThan(bomb.count, 200 * 1024)

        let limit = 1024 * 1024
        let inflater = try InflateStream()
        var delivered = 0
        XCTAssertThrowsError(try bomb.withUnsafeBytes { input in
            _ = try inflater.decompress(input, limit: limit) { delivered += $0.count }
        }) { error in
            XCTAssertEqual(error as? CompressionError, .outputLimitExceeded(limit: limit))
        }
        XCTAssertLessThanOrEqual(delivered, limit)
        XCTAssertLessThanOrEqual(inflater.totalOut, limit)
        XCTAssertFalse(inflater.isFinished)
        // The stream stays failed.
        XCTAssertThrowsError(try bomb.withUnsafeBytes { try inflater.decompress($0, limit: .max) { _ in } }) { error in
            XCTAssertEqual(error as? CompressionError, .outputLimitExceeded(limit: limit))
        }
    }

    /// The limit is inclusive and counts across calls: exactly `limit` bytes is fine, one more is not.
    func testOutputLimitIsInclusiveAcrossCalls() throws {
        let data = mixedText(byteCount: 300_000)
        let compressed = try compress(data)

        let exact = try decompress(compressed, chunkSizes: [1000], limit: data.count)
        XCTAssertTrue(exact.finished)
        XCTAssertTrue(exact.output == data)

        XCTAssertThrowsError(try decompress(compressed, chunkSizes: [1000], limit: data.count - 1)) { error in
            XCTAssertEqual(error as? CompressionError, .outputLimitExceeded(limit: data.count - 1))
        }
    }

    func testCorruptInputThrowsCorrupt() throws {
        // Block type 3 (BTYPE = 11) is reserved: "invalid block type".
        let invalid: [UInt8] = [0xff, 0xff, 0xff, 0xff]
        let inflater = try InflateStream()
        XCTAssertThrowsError(try invalid.withUnsafeBytes { try inflater.decompress($0, limit: .max) { _ in } }) { error in
            guard case .corrupt(let message)? = error as? CompressionError else {
                return XCTFail("expected corrupt, got \(error)")
            }
            XCTAssertFalse(message.isEmpty)
        }

        // Damage a real stream: a stored block whose LEN/NLEN do not match.
        var stored = try compress(Array("some stored data".utf8), level: 0)
        stored[3] ^= 0xff  // NLEN low byte
        XCTAssertThrowsError(try decompress(stored)) { error in
            guard case .corrupt? = error as? CompressionError else {
                return XCTFail("expected corrupt, got \(error)")
            }
        }
    }

    func testTruncatedInputIsNotFinished() throws {
        let data = mixedText(byteCount: 100_000)
        let compressed = try compress(data)
        let result = try decompress(Array(compressed.dropLast(10)))
        XCTAssertFalse(result.finished)
        XCTAssertEqual(result.consumed, compressed.count - 10)
        XCTAssertTrue(data.starts(with: result.output))
    }

    func testTrailingBytesAreNotConsumed() throws {
        let data = mixedText(byteCount: 200_000)
        let compressed = try compress(data)
        let trailer: [UInt8] = Array("PK\u{1}\u{2} trailing record".utf8)
        let combined = compressed + trailer

        // All at once.
        let inflater = try InflateStream()
        var output: [UInt8] = []
        let consumed = try combined.withUnsafeBytes {
            try inflater.decompress($0, limit: .max) { output.append(contentsOf: $0) }
        }
        XCTAssertEqual(consumed, compressed.count)
        XCTAssertTrue(inflater.isFinished)
        XCTAssertTrue(output == data)
        XCTAssertEqual(Array(combined[consumed...]), trailer)
        // After the end, nothing more is consumed.
        XCTAssertEqual(try trailer.withUnsafeBytes { try inflater.decompress($0, limit: .max) { _ in XCTFail() } }, 0)

        // In odd chunks: the helper stops at the end of the stream.
        let chunked = try decompress(combined, chunkSizes: [5, 999, 1])
        XCTAssertEqual(chunked.consumed, compressed.count)
        XCTAssertTrue(chunked.finished)
        XCTAssertTrue(chunked.output == data)
    }

    // MARK: CRC-32

    func testCRC32CheckValue() {
        // The standard CRC-32 check value for "123456789".
        let digits = Array("123456789".utf8)
        XCTAssertEqual(digits.withUnsafeBytes { zlibCRC32(0, $0) }, 0xCBF4_3926)
        // Incremental, including an empty buffer in between.
        var crc: UInt32 = 0
        crc = digits[0..<4].withUnsafeBytes { zlibCRC32(crc, $0) }
        crc = zlibCRC32(crc, UnsafeRawBufferPointer(start: nil, count: 0))
        crc = digits[4...].withUnsafeBytes { zlibCRC32(crc, $0) }
        XCTAssertEqual(crc, 0xCBF4_3926)
        XCTAssertEqual(zlibCRC32(0, UnsafeRawBufferPointer(start: nil, count: 0)), 0)
    }
}

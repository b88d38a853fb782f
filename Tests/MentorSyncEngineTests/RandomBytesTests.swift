import XCTest
@testable import MentorSyncEngine

final class RandomBytesTests: XCTestCase {
    func testLengthsAndSpread() {
        for n in 0...40 { XCTAssertEqual(RandomBytes.make(n).count, n) }
        XCTAssertNotEqual(RandomBytes.make(16), RandomBytes.make(16), "two bundle ids differ")
        // 25,000 words: a byte value missing from one position by chance is 256 · (255/256)^25000,
        // about 10^-40 (with 2,500 words it was 1.5%, and the test failed now and then).
        let many = RandomBytes.make(200_000)
        XCTAssertEqual(Set(many).count, 256, "every byte value turns up in 200,000 bytes")
        XCTAssertEqual(Set(stride(from: 0, to: many.count, by: 8).map { many[$0] }).count, 256, "the first byte of each word varies too")
        XCTAssertEqual(Set(stride(from: 7, to: many.count, by: 8).map { many[$0] }).count, 256, "and the last")
    }
}

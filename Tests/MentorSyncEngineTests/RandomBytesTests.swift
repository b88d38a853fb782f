import XCTest
@testable import MentorSyncEngine

final class RandomBytesTests: XCTestCase {
    func testLengthsAndSpread() {
        for n in 0...40 { XCTAssertEqual(RandomBytes.make(n).count, n) }
        XCTAssertNotEqual(RandomBytes.make(16), RandomBytes.make(16), "two bundle ids differ")
        let many = RandomBytes.make(20_000)
        XCTAssertEqual(Set(many).count, 256, "every byte value turns up in 20,000 bytes")
        XCTAssertEqual(Set(stride(from: 0, to: many.count, by: 8).map { many[$0] }).count, 256, "the first byte of each word varies too")
        XCTAssertEqual(Set(stride(from: 7, to: many.count, by: 8).map { many[$0] }).count, 256, "and the last")
    }
}

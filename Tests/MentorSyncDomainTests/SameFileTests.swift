import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncTestSupport

/// Two files compared a mebibyte at a time, sizes first (`SameFile`).
final class SameFileTests: XCTestCase {
    func testFilesAreTheSameOnlyWhenEveryByteIs() throws {
        let scratch = ScratchDirectory("same-file")
        func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
            let url = scratch.path(name)
            try Data(bytes).write(to: url)
            return url
        }
        // Longer than one chunk, so the comparison goes on past the first.
        var big = [UInt8](repeating: 0, count: SameFile.chunk * 2 + 17)
        for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let a = try file("a", big), b = try file("b", big)
        XCTAssertTrue(SameFile.contents(a, b))
        var late = big
        late[SameFile.chunk * 2 + 3] ^= 1  // a byte differing in the last chunk
        XCTAssertFalse(SameFile.contents(a, try file("late", late)))
        XCTAssertFalse(SameFile.contents(a, try file("short", Array(big.dropLast()))))
        XCTAssertTrue(SameFile.contents(try file("e1", []), try file("e2", [])))
        XCTAssertFalse(SameFile.contents(a, scratch.path("missing")))
        XCTAssertFalse(SameFile.contents(a, scratch.folder("folder")), "a folder of the name is no copy")
    }
}

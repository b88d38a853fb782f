import XCTest
@testable import MentorSyncEngine

/// Every bundle error's line reads back as the same error, so whoever is told it (a school, the
/// coordinator's list) can be told in their own language; other lines are not read.
final class BundleErrorReadingTests: XCTestCase {
    func testEveryErrorReadsBackFromItsLine() {
        let errors: [BundleError] = [
            .notABundle("the magic bytes are wrong"), .unsupportedFormat(7), .malformed("it is a reply, not a school's changes"),
            .limitExceeded("row version counter 9 of s001 is more than 1048576 above this site's clock (3); check"),
            .damaged("the end marker is missing"), .badSignature(sender: "s001"), .unknownSender("s099"),
            .misaddressed(recipient: "d2", expected: "district"), .unsupportedSchema(5, supported: 2),
            .revoked(sender: "s001", since: "2026-12-05"), .expiredKey(sender: "s001", until: "2026-11-30"),
            .io("No space left on device"), .damaged("a (nested); bracket"), .revokedKey(sender: "s001", revokedOn: "2026-12-05"),
        ]
        for e in errors { XCTAssertEqual(BundleError(description: e.description), e, e.description) }
    }

    func testTheProtocolsExampleIsRead() {
        // Protocol/bundle.md, the header's `rejections`.
        XCTAssertEqual(BundleError(description: "bundle is damaged or incomplete (checksum mismatch); copy it again from the school"),
                       .damaged(BundleError.Damage.checksum.text))
    }

    func testOtherLinesAreNotRead() {
        for text in ["row persons/p1 names two different owners; change refused", "database is locked", "",
                     "bundle format version x is newer than this program understands; upgrade mentorsync"] {
            XCTAssertNil(BundleError(description: text), text)
        }
    }
}

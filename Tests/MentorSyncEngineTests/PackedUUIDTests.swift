import XCTest
@testable import MentorSyncEngine

/// Row ids that are lowercase UUIDs travel as 16 bytes (tag 5); every other id as text.
final class PackedUUIDTests: XCTestCase {
    func testALowercaseUUIDPacksToItsSixteenBytesAndBack() {
        let id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
        let packed = PackedUUID.pack(id)
        XCTAssertEqual(packed, [0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78, 0x87, 0x96, 0xa5, 0xb4, 0xc3, 0xd2, 0xe1, 0xf0])
        XCTAssertEqual(packed.map { PackedUUID.unpack($0) }, id)
        for _ in 0..<200 {
            let random = UUID().uuidString.lowercased()
            XCTAssertEqual(PackedUUID.pack(random).map { PackedUUID.unpack($0) }, random)
        }
    }

    func testAnythingElseStaysText() {
        for id in ["0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",   // upper case would not come back the same
                   "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f",    // 35 characters
                   "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00",  // 37
                   "0f1e2d3c4b5a-6978-8796-a5b4c3d2e1f0-",   // a dash out of place
                   "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg",   // not hexadecimal, last
                   "g f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f",
                   "ученик-1", ""] {
            XCTAssertNil(PackedUUID.pack(id), id)
            var w = ByteWriter()
            w.value(.text(id))
            XCTAssertEqual(w.bytes, [BundleLayout.ValueTag.text.rawValue, UInt8(id.utf8.count)] + Array(id.utf8), id)
        }
    }

    /// A text value or row id that is a UUID is written as its tag and 16 bytes, straight into the record.
    func testAUUIDIsWrittenAsItsSixteenBytes() {
        for _ in 0..<200 {
            let id = UUID().uuidString.lowercased()
            var value = ByteWriter(), rowID = ByteWriter()
            value.value(.text(id))
            rowID.rowID(id)
            XCTAssertEqual(value.bytes, [BundleLayout.ValueTag.uuid.rawValue] + PackedUUID.pack(id)!)
            XCTAssertEqual(rowID.bytes, value.bytes)
            var r = ByteReader(value.bytes)
            XCTAssertEqual(try r.value("id"), .text(id))
        }
    }
}

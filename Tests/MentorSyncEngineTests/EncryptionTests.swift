import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Format version 2: the body is encrypted, so a lost stick reveals no names.
final class EncryptionTests: XCTestCase {
    func testALostStickRevealsNoNames() throws {
        let t = try TestDistrict(schools: ["s001"])
        let name = "Тайная Екатерина Сергеевна"
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": .text(name), "notes": "диагноз и адрес"])
        let url = try t.upload("s001")
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(try BundleReader.peekHeader(at: url).version, 2)
        XCTAssertNil(find(Array(name.utf8), in: bytes))
        XCTAssertNil(find(Array("диагноз".utf8), in: bytes))
        // Not even after inflating the body as if it were plain deflate.
        let header = try BundleReader.peekHeader(at: url)
        let body = Array(bytes[header.headerEnd..<(bytes.count - BundleLayout.trailerSize)])
        var plain: [UInt8] = []
        if let inflater = try? InflateStream() {
            _ = try? body.withUnsafeBytes { try inflater.decompress($0, limit: 1 << 20) { plain.append(contentsOf: $0) } }
        }
        XCTAssertNil(find(Array(name.utf8), in: plain))
        // The courier still reads who sent it to whom, and how many rows.
        XCTAssertEqual(header.header.sender.rawValue, "s001")
        XCTAssertEqual(header.header.rowCount, 1)
        // And the district merges it.
        try t.districtMerges(url)
        XCTAssertNotNil(try t.district.database.scalar("SELECT 1 FROM persons WHERE full_name = ?", [.text(name)]))
    }

    func testEveryBundleHasAFreshNonce() throws {
        let t = try TestDistrict(schools: ["s001"])
        var nonces = Set<[UInt8]>()
        for _ in 0..<5 { nonces.insert(try XCTUnwrap(try BundleReader.peekHeader(at: try t.upload("s001")).header.cipherNonce)) }
        XCTAssertEqual(nonces.count, 5)
    }

    /// Even a file whose CRC and HMAC were recomputed (as only a holder of the key could) fails when
    /// its body no longer matches the body's Poly1305 tag: the body decompresses, the tag says no,
    /// and nothing is merged.
    func testAChangedBodyTagIsRefusedAndNothingMerges() throws {
        let t = try TestDistrict(schools: ["s001"])
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Кто-то"])
        let url = try t.upload("s001")
        var bytes = [UInt8](try Data(contentsOf: url))
        let n = bytes.count
        let tagStart = n - BundleLayout.trailerSize - BundleLayout.bodyTagSize
        bytes[tagStart + 3] ^= 0x40
        let secret = t.keys[SiteID("s001")!]!
        var crc: UInt32 = 0
        bytes[0..<(n - 36)].withUnsafeBytes { crc = zlibCRC32(0, $0) }
        for i in 0..<4 { bytes[n - 36 + i] = UInt8((crc >> UInt32(24 - 8 * i)) & 0xff) }
        let tag = HMACSHA256.authenticate(Array(bytes[0..<(n - 32)]), key: BundleKeys.authenticator(secret: secret, version: 2))
        bytes.replaceSubrange((n - 32)..<n, with: tag)
        try Data(bytes).write(to: url)
        XCTAssertNoThrow(try BundleReader.verify(at: url, key: secret), "the forged outer checks pass")
        XCTAssertThrowsError(try t.districtMerges(url)) { error in
            XCTAssertEqual(error as? BundleError, .badSignature(sender: "s001"))
        }
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 0)
    }

    func testVersionOneBundlesAreStillRead() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.insert("persons", ["org_id": "s001", "full_name": "Старый агент"])
        // An agent of the previous release writes format 1.
        _ = try t.upload("s001")
        try s.insert("persons", ["org_id": "s001", "full_name": "Ещё один"])
        try s.fold()
        let summary = try s.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s.site]!)
        let doc = try BundleDocument.read(from: summary.url, key: t.keys[s.site]!)
        var old = doc
        old.header.formatVersion = 1
        old.header.nonce = nil
        let v1 = t.mail.appendingPathComponent("old-agent.msync")
        try old.write(to: v1, key: t.keys[s.site]!)
        XCTAssertEqual(try BundleReader.peekHeader(at: v1).version, 1)
        let r = try t.districtMerges(v1)
        XCTAssertEqual(r.rowsInserted, 2)
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A bundle is read once: its header parsed once, its authenticator computed while it merges and
/// checked before the merge commits (Protocol/bundle.md, "Verifying a bundle").
final class BundleReadOnceTests: XCTestCase {
    /// Bytes this process has read with read(2)/pread(2) so far (Linux, /proc/self/io "rchar").
    func bytesRead() throws -> Int {
        let io = try String(contentsOfFile: "/proc/self/io", encoding: .utf8)
        let line = try XCTUnwrap(io.split(separator: "\n").first { $0.hasPrefix("rchar:") })
        return try XCTUnwrap(Int(line.dropFirst("rchar:".count).trimmingCharacters(in: .whitespaces)))
    }

    /// A school bundle of about 2 MiB whose rows the district refuses (they name another school),
    /// so the district's database is hardly read or written: what the merge reads is the file.
    func bulkyRefusedUpload(_ t: TestDistrict) throws -> URL {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<50 {
            let noise = (0..<30_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
            try t.school("s001").insert("persons", ["org_id": "s002", "full_name": .text("Чужой \(i)"), "notes": .text(noise.map { String(format: "%02x", $0) }.joined())])
        }
        return try t.upload("s001")
    }

    func testTheDistrictReadsABundleFileOnce() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let url = try bulkyRefusedUpload(t)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 1 << 20)
        let before = try bytesRead()
        let report = try t.districtMerges(url)
        let read = try bytesRead() - before
        XCTAssertEqual(report.refusals.count, 50)
        print("bundle of \(size) bytes: the merge read \(read) bytes")
        XCTAssertGreaterThanOrEqual(read, size, "the whole file is read")
        XCTAssertLessThan(read, size + size / 4, "the file is read once, not once to verify and again to merge")
    }

    func testAWrongAuthenticatorIsFoundBeforeTheMergeCommits() throws {
        let t = try TestDistrict(schools: ["s001"])
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Иванова"])
        let url = try t.upload("s001")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 1] ^= 0x01  // the HMAC: the CRC still matches, the body decodes and merges
        try bytes.write(to: url)
        XCTAssertThrowsError(try t.districtMerges(url)) { XCTAssertEqual($0 as? BundleError, .badSignature(sender: "s001")) }
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 0)
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM msync_peers WHERE merged > 0")?.integer, 0)
    }

    /// A clock pushed near 2^53: refused from the school that holds the key, and reported as a
    /// forgery from anyone else, though the refusal is met before the authenticator is checked.
    func testAContentRefusalIsReportedOnlyForAGenuineFile() throws {
        let t = try TestDistrict(schools: ["s001"])
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Иванова"])
        let genuine = try t.upload("s001")
        let key = try XCTUnwrap(t.keys[SiteID("s001")!])
        var doc = try BundleDocument.read(from: genuine, key: key)
        doc.header.knowledge["s001"] = BundleLimits.maxCounter
        let far = t.scratch.path("far.msync")
        try doc.write(to: far, key: key)
        XCTAssertThrowsError(try t.districtMerges(far)) { e in
            XCTAssertEqual((e as? BundleError)?.code, "limit_exceeded", "\(e)")
            XCTAssertTrue("\(e)".contains("knowledge counter 9007199254740992 of s001 is more than 4294967296 above this site's clock"), "\(e)")
        }
        try doc.write(to: far, key: Array(repeating: 7, count: 32))
        XCTAssertThrowsError(try t.districtMerges(far)) { XCTAssertEqual($0 as? BundleError, .badSignature(sender: "s001")) }
        XCTAssertLessThan(try t.district.counter(), 1000)
        // A school takes its district's clock as it comes: the district's counter may run far ahead
        // of a school's by what the other schools wrote.
        try t.district.leapCounter(by: BundleLimits.maxCounterReach * 2)
        try t.district.database.execute("INSERT INTO events(id, org_id, title) VALUES ('e1', 'district', 'Семинар')")
        XCTAssertNoThrow(try t.schoolMerges("s001", try t.reply("s001")))
        XCTAssertGreaterThan(try t.school("s001").counter(), BundleLimits.maxCounterReach * 2)
    }
}

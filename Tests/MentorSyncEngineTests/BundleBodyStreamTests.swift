import XCTest
import MentorSyncDemo
@testable import MentorSyncEngine

/// A large bundle is compressed and written chunk by chunk on the body stream's own queue while the
/// writer encodes the next rows (`BundleBodyStream`): the chunks must reach the file whole and in
/// order, under both formats, and the file must read back exactly as written.
final class BundleBodyStreamTests: XCTestCase {
    let site = SiteID("s001")!
    let key = Array(repeating: UInt8(7), count: 32)

    func folder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func rows(_ count: Int) -> [RowChange] {
        var generator = SplitMix64(seed: 42)
        return (0..<count).map { n in
            let st = Stamp(counter: Int64(n + 1), site: site)
            // Values that do not repeat, so each chunk compresses to bytes of its own.
            let notes = (0..<6).map { _ in String(generator.next() % 1_000_000_007) }.joined(separator: " ")
            return RowChange(table: "persons", id: String(format: "row-%06d", n), orgID: "s001",
                             version: VersionVector([site: st.counter]),
                             cells: [CellChange(position: 0, stamp: st, value: .integer(1)),
                                     CellChange(position: 1, stamp: st, value: .text("Учитель \(n)")),
                                     CellChange(position: 2, stamp: st, value: .text(notes))])
        }
    }

    func write(_ rows: [RowChange], version: UInt16, into dir: URL) throws -> (URL, BundleWriter) {
        let header = BundleHeader(schemaVersion: 1, sender: site, recipient: SiteID("district")!,
                                  bundleID: Array(repeating: 3, count: 16), sequence: 1, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([site: Int64(rows.count)]), acknowledgement: VersionVector(),
                                  rowCount: rows.count)
        let w = try BundleWriter(directory: dir, header: header, key: key, formatVersion: version)
        try w.declareTable("persons", columns: ["name", "notes"])
        for r in rows { try w.append(r) }
        return (try w.finish(), w)
    }

    func testAManyChunkBundleReadsBackRowForRowInBothFormats() throws {
        let dir = try folder("body-stream")
        let written = rows(20_000)
        for version in BundleLayout.readableVersions.sorted() {
            let (url, writer) = try write(written, version: version, into: dir)
            XCTAssertGreaterThan(writer.bodyBytes, 8 * BundleWriter.chunkSize, "the bundle should span many chunks")
            XCTAssertEqual(writer.bytesWritten, try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            let reader = try BundleReader(url: url, keyFor: { _ in self.key })
            var read: [RowChange] = []
            while let record = try reader.next() {
                guard case .row(let r) = record else { return XCTFail("a record that is not a row") }
                read.append(r)
            }
            XCTAssertEqual(read.count, written.count, "format \(version)")
            XCTAssertTrue(read == written, "format \(version): the rows read back differ from the rows written")
            try FileManager.default.removeItem(at: url)
        }
    }

    func testAnAbandonedManyChunkBundleLeavesNoFile() throws {
        let dir = try folder("body-stream-abandon")
        let header = BundleHeader(schemaVersion: 1, sender: site, recipient: SiteID("district")!,
                                  bundleID: Array(repeating: 4, count: 16), sequence: 1, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([site: 20_000]), acknowledgement: VersionVector(), rowCount: 20_000)
        let w = try BundleWriter(directory: dir, header: header, key: key)
        try w.declareTable("persons", columns: ["name", "notes"])
        for r in rows(10_000) { try w.append(r) }
        // The header promised 20,000 rows: finishing refuses, and nothing stays behind.
        XCTAssertThrowsError(try w.finish())
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}

import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// The test vectors of Protocol/vectors (Protocol/bundle.md): each `NAME.msync` decodes to `NAME.json`,
/// and `NAME.json` encodes to `NAME.msync` byte for byte.
///
/// `MENTORSYNC_WRITE_VECTORS=DIR swift test --filter ProtocolVectorTests/testWriteVectorsForReview`
/// writes the vectors built below into DIR, never into Protocol/vectors: the other tests compare
/// the code with the files checked in, so they must never read what the same run wrote.
final class ProtocolVectorTests: XCTestCase {
    /// The key every vector is signed with: bytes 0x00, 0x01, …, 0x1f (Protocol/vectors/README.md).
    static let key: [UInt8] = (0..<32).map { UInt8($0) }

    static let vectorsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/vectors", isDirectory: true)

    private func msyncURL(_ name: String) -> URL { Self.vectorsDirectory.appendingPathComponent("\(name).msync") }
    private func jsonURL(_ name: String) -> URL { Self.vectorsDirectory.appendingPathComponent("\(name).json") }

    private func expectedDocument(_ name: String) throws -> BundleDocument {
        try BundleDocument.decode(json: try Data(contentsOf: jsonURL(name)))
    }

    // MARK: The vectors

    /// Writes the vectors for review (Protocol/vectors/README.md, "Regenerating"); skipped unless asked.
    func testWriteVectorsForReview() throws {
        guard let path = ProcessInfo.processInfo.environment["MENTORSYNC_WRITE_VECTORS"], !path.isEmpty else {
            throw XCTSkip("set MENTORSYNC_WRITE_VECTORS=DIR to write the vectors into DIR for review")
        }
        let out = URL(fileURLWithPath: path).standardizedFileURL
        guard out.resolvingSymlinksInPath().path != Self.vectorsDirectory.standardizedFileURL.resolvingSymlinksInPath().path else {
            return XCTFail("MENTORSYNC_WRITE_VECTORS names Protocol/vectors itself; write elsewhere, compare, then copy on purpose")
        }
        try ProtocolVectors.writeAll(to: out, key: Self.key)
        for (name, _) in ProtocolVectors.all {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).msync").path), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(name).json").path), name)
        }
    }

    func testEveryVectorIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.vectorsDirectory.path)
        let onDisk = Set(files.filter { $0.hasSuffix(".msync") }.map { String($0.dropLast(".msync".count)) })
        XCTAssertEqual(onDisk, Set(ProtocolVectors.all.map(\.name)))
        XCTAssertGreaterThanOrEqual(onDisk.count, 3)
    }

    /// Every vector is something a real recipient accepts: merged into a fresh replica of its
    /// recipient, with the district's ownership rule where it applies, no row is refused for its
    /// owner. (An incremental vector may update rows a fresh replica never had; those are refused
    /// for their missing required values, which is not what this checks.)
    func testEachVectorMergesIntoItsRecipientWithoutRefusals() throws {
        for (name, _) in ProtocolVectors.all {
            let header = try BundleReader.peekHeader(at: msyncURL(name)).header
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vector-merge-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let district = header.kind == .changes ? header.recipient : header.sender
            let role: Replica.Role = header.recipient == district ? .district : .school
            let replica = try Replica.create(path: dir.appendingPathComponent("r.db").path, site: header.recipient, role: role,
                                             district: district, schema: RegistrySchema.schema)
            let report = try replica.importBundle(at: msyncURL(name), keyFor: { _ in Self.key },
                                                  policy: role == .district ? MergePolicies.schoolsWriteOwnRows : MergePolicies.acceptAll)
            XCTAssertEqual(report.refusals.filter { $0.reason.contains("owner") || $0.reason.contains("belongs to") }, [], name)
            if header.isFull { XCTAssertEqual(report.refusals, [], name) }
            XCTAssertEqual(report.rowsReceived, header.rowCount, name)
        }
    }

    func testReadingEachVectorGivesItsJSON() throws {
        for (name, _) in ProtocolVectors.all {
            let read = try BundleDocument.read(from: msyncURL(name), key: Self.key)
            XCTAssertEqual(read, try expectedDocument(name), "\(name).msync does not decode to \(name).json")
        }
    }

    func testWritingEachJSONGivesItsBundleByteForByte() throws {
        let scratch = try Scratch()
        for (name, _) in ProtocolVectors.all {
            let out = scratch.url.appendingPathComponent("\(name).msync")
            try expectedDocument(name).write(to: out, key: Self.key)
            let written = try Data(contentsOf: out), expected = try Data(contentsOf: msyncURL(name))
            XCTAssertEqual(written, expected, "\(name).json does not encode to \(name).msync\(Self.firstDifference(written, expected))")
        }
        // Nothing but the final files is left behind.
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)),
                       Set(ProtocolVectors.all.map { "\($0.name).msync" }))
    }

    func testVectorFilesMatchTheDocumentsBuiltHere() throws {
        for (name, document) in ProtocolVectors.all {
            XCTAssertEqual(try expectedDocument(name), document, "\(name).json differs from ProtocolVectors; regenerate on purpose or fix the file")
        }
    }

    func testVectorHeadersAgreeWithTheirBodiesAndNames() throws {
        for (name, _) in ProtocolVectors.all {
            let doc = try expectedDocument(name)
            var rows = 0, tombstones = 0, conflicts = 0
            for r in doc.records {
                switch r {
                case .row(let row):
                    rows += 1
                    if row.cells.contains(where: { $0.position == 0 && $0.value == .integer(0) }) { tombstones += 1 }
                case .conflict: conflicts += 1
                }
            }
            XCTAssertEqual(doc.header.counts, .init(rows: rows, tombstones: tombstones, conflicts: conflicts), name)
            let peeked = try BundleReader.peekHeader(at: msyncURL(name))
            XCTAssertTrue(peeked.header.fileName.hasSuffix(".msync"))
            XCTAssertEqual(BundleDocument.Header(peeked.header, formatVersion: Int(peeked.version)), doc.header, name)
        }
    }

    /// What the vectors promise holds for bundles written by real exports too: decoded to a
    /// document (and through JSON), they are written back byte for byte.
    func testRealExportsRoundTripThroughDocuments() throws {
        let t = try TestDistrict(schools: ["s017"])
        let s = t.school("s017")
        var files: [URL] = []
        let p1 = try s.insert("persons", ["org_id": "s017", "full_name": "Иванова Мария Петровна", "role": "teacher", "notes": "x"])
        let p2 = try s.insert("persons", ["org_id": "s017", "full_name": "Петров Пётр", "birth_date": "1990-01-02"])
        try t.district.insert("organizations", ["org_id": "district", "name": "МБОУ СОШ № 17", "kind": "school"])
        files.append(try t.upload("s017"))
        try t.districtMerges(files.last!)
        files.append(try t.reply("s017"))
        try t.schoolMerges("s017", files.last!)
        // Concurrent writes of one cell, a deletion: the school detects a conflict and reports it.
        try s.update("persons", p1, ["notes": "school"])
        try s.delete("persons", p2)
        try t.district.update("persons", p1, ["notes": "district"])
        files.append(try t.reply("s017"))
        try t.schoolMerges("s017", files.last!)
        files.append(try t.upload("s017"))
        try t.districtMerges(files.last!)
        // A resync: a full reply with the command, then the school's full re-send.
        try t.district.orderFullExchange(with: s.site)
        files.append(try t.district.exportBundle(to: t.mail, recipient: s.site, key: t.keys[s.site]!,
                                                 commands: [.init(name: BundleHeader.Command.resync)],
                                                 rejections: [.init(bundle: "s017-000009-to-district.msync", reason: "test")]).url)
        try t.schoolMerges("s017", files.last!)
        files.append(try t.upload("s017"))

        let scratch = try Scratch()
        var sawConflict = false, sawTombstone = false, sawFull = false
        for url in files {
            let key = try t.key(for: try BundleReader.peekHeader(at: url).header)
            let doc = try BundleDocument.read(from: url, key: key)
            XCTAssertEqual(doc.tables.map(\.name), RegistrySchema.schema.tables.map(\.name), "an export declares every table")
            let again = try BundleDocument.decode(json: try doc.jsonData())
            XCTAssertEqual(again, doc, url.lastPathComponent)
            let copy = scratch.url.appendingPathComponent(url.lastPathComponent)
            try again.write(to: copy, key: key)
            let written = try Data(contentsOf: copy), original = try Data(contentsOf: url)
            XCTAssertEqual(written, original, "\(url.lastPathComponent)\(Self.firstDifference(written, original))")
            sawConflict = sawConflict || doc.header.counts.conflicts > 0
            sawTombstone = sawTombstone || doc.header.counts.tombstones > 0
            sawFull = sawFull || doc.header.isFull
        }
        XCTAssertTrue(sawConflict && sawTombstone && sawFull)
    }

    // MARK: Damage

    /// The smallest vector: its every byte is covered by the CRC-32 or the HMAC, so any change must be refused.
    private func smallestVector() throws -> (name: String, bytes: [UInt8]) {
        let all = try ProtocolVectors.all.map { ($0.name, [UInt8](try Data(contentsOf: msyncURL($0.name)))) }
        let smallest = all.min { $0.1.count < $1.1.count }!
        return (smallest.0, smallest.1)
    }

    func testFlippingAnyByteOfTheSmallestVectorIsRefused() throws {
        let (name, original) = try smallestVector()
        let scratch = try Scratch()
        let url = scratch.url.appendingPathComponent("\(name).msync")
        for mask: UInt8 in [0xff, 0x01, 0x80] {
            for i in original.indices {
                var damaged = original
                damaged[i] ^= mask
                try Data(damaged).write(to: url)
                do {
                    _ = try BundleDocument.read(from: url, key: Self.key)
                    XCTFail("\(name): byte \(i) ^ 0x\(String(mask, radix: 16)) was accepted")
                } catch is BundleError {
                    // Refused, as it must be.
                } catch {
                    XCTFail("\(name): byte \(i) ^ 0x\(String(mask, radix: 16)) raised \(type(of: error)) \(error), not a BundleError")
                }
            }
        }
    }

    func testEveryTruncationOfTheSmallestVectorIsRefused() throws {
        let (name, original) = try smallestVector()
        let scratch = try Scratch()
        let url = scratch.url.appendingPathComponent("\(name).msync")
        for length in 0..<original.count {
            try Data(original[0..<length]).write(to: url)
            XCTAssertThrowsError(try BundleDocument.read(from: url, key: Self.key), "\(name) cut to \(length) bytes") { error in
                XCTAssertTrue(error is BundleError, "\(name) cut to \(length) bytes: \(error)")
            }
        }
    }

    func testAnotherKeyIsABadSignature() throws {
        let (name, _) = try smallestVector()
        var other = Self.key
        other[31] ^= 1
        let sender = try BundleReader.peekHeader(at: msyncURL(name)).header.sender.rawValue
        XCTAssertThrowsError(try BundleDocument.read(from: msyncURL(name), key: other)) { error in
            XCTAssertEqual(error as? BundleError, .badSignature(sender: sender))
        }
    }

    // MARK: Helpers

    static func firstDifference(_ a: Data, _ b: Data) -> String {
        let x = [UInt8](a), y = [UInt8](b)
        let i = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        return " (sizes \(x.count) and \(y.count), first difference at byte \(i))"
    }

    final class Scratch {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("msync-vectors-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
    }
}

/// The documents of Protocol/vectors. Fixed bundle ids and times keep them deterministic.
/// The story they tell (Protocol/vectors/README.md): school s017 inserts a person (a), later updates,
/// deletes, inserts and meets a conflict with a district correction (b); the district then orders a
/// resync and sends s017 its full subscription (c).
enum ProtocolVectors {
    typealias Doc = BundleDocument

    static var all: [(name: String, document: BundleDocument)] {
        [("school-insert", schoolInsert),
         ("school-update-delete-conflict", schoolUpdateDeleteConflict),
         ("district-reply-resync", districtReplyResync),
         // Format version 2: the same content with an encrypted body.
         ("v2-school-insert", encrypted(schoolInsert, nonce: "0a1b2c3d4e5f606162636465")),
         ("v2-school-update-delete-conflict", encrypted(schoolUpdateDeleteConflict, nonce: "f0e1d2c3b4a5968778695a4b")),
         ("v2-district-reply-resync", encrypted(districtReplyResync, nonce: "000102030405060708090a0b")),
         // Format version 2 only (ProtocolVectors+Version2.swift).
         ("v2-district-reply-schema1", districtReplySchema1),
         ("v2-text-row-id", textRowID),
         ("v2-row-without-cells", rowWithoutCells)]
    }

    /// A version 1 document as version 2, with a fixed nonce so the vector is reproducible.
    static func encrypted(_ doc: BundleDocument, nonce: String) -> BundleDocument {
        var d = doc
        d.header.formatVersion = 2
        d.header.nonce = nonce
        d.header.software = "mentorsync 0.2.0"
        return d
    }

    static func writeAll(to directory: URL, key: [UInt8]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, doc) in all {
            try doc.write(to: directory.appendingPathComponent("\(name).msync"), key: key)
            try doc.jsonData().write(to: directory.appendingPathComponent("\(name).json"))
        }
    }

    // Column names as the registry schema version 1 declares them (MentorSyncDomain.RegistrySchema).
    static let organizations = Doc.Table(name: "organizations", columns: ["org_id", "name", "short_name", "kind", "municipality", "address", "director"])
    static let persons = Doc.Table(name: "persons", columns: ["org_id", "full_name", "birth_date", "role", "position", "subject",
                                                              "teaching_since", "hired_on", "left_on", "pd_consent_on", "notes"])
    static let indicatorValues = Doc.Table(name: "indicator_values", columns: ["org_id", "indicator_id", "period", "value", "note"])
    static let surveys = Doc.Table(name: "surveys", columns: ["org_id", "pair_id", "respondent", "satisfaction", "answered_on", "comment"])

    static let person1 = "0f6e3c52-8d1a-4b7e-9a41-2c5d7e9b1f03"
    static let person2 = "5a9b0c14-3e27-4f68-8b1d-6e2f4a7c9d15"
    static let value1 = "8c3d5e7f-1a2b-4c6d-9e0f-a1b2c3d4e5f6"
    static let value2 = "9e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"
    static let indicator = "d2e4f6a8-0b1c-4d3e-8f5a-7b9c1d3e5f70"
    static let survey1 = "b7c9d1e3-5f7a-4b9c-8d1e-3f5a7b9c1d2e"
    static let pair = "e1f3a5b7-9c1d-4e3f-a5b7-c9d1e3f5a7b9"
    static let school17 = "3b5d7f91-2c4e-4a6b-8d0f-1e3a5c7e9b2d"

    /// Cells of `table` for the given positions, all stamped `counter@site`.
    static func cells(_ table: Doc.Table, _ counter: Int64, _ site: String, _ values: [(Int, Doc.Value)]) -> [Doc.Cell] {
        values.map { pos, value in
            Doc.Cell(position: pos, column: pos == 0 ? Doc.existenceColumn : table.columns[pos - 1], counter: counter, site: site, value: value)
        }
    }

    static let person1Values: [Doc.Value] = [
        .integer(1), .text("s017"), .text("Иванова Мария Петровна"), .text("1985-03-14"), .text("teacher"),
        .text("учитель математики"), .text("математика"), .text("2008-09-01"), .text("2015-08-25"), .null,
        .text("2024-09-02"), .null,
    ]

    /// (a) s017's first bundle: one person inserted (every cell stamped by the insert, 1@s017).
    static var schoolInsert: BundleDocument {
        Doc(header: .init(formatVersion: 1, schemaVersion: 1, sender: "s017", recipient: "district", bundleID: "5c0e1a7d9b3f4e2a8c6d0b1f3e5a7c9d",
                          sequence: 1, createdAt: 1_757_062_800, kind: "changes", knowledge: ["s017": 1], acknowledgement: [:],
                          counts: .init(rows: 1, tombstones: 0, conflicts: 0), software: "mentorsync 0.1.0"),
            tables: [persons],
            records: [.row(.init(table: "persons", id: person1, orgID: "s017", version: ["s017": 1],
                                 cells: cells(persons, 1, "s017", person1Values.enumerated().map { ($0.offset, $0.element) })))])
    }

    static let transferNote = Doc.Value.text("переведена в МБОУ СОШ № 3 с 01.07.2025")

    /// (b) s017's third bundle. The district knows s017 up to 3 and has corrected person 1's notes
    /// (5@district) while s017 cleared them (4@s017): s017 detected the conflict at 6. Since then s017
    /// set person 1's left_on (7), deleted person 2 (8), inserted indicator value 1 (9), updated three
    /// cells of indicator value 2 (10) and inserted survey 1 (11).
    static var schoolUpdateDeleteConflict: BundleDocument {
        Doc(header: .init(formatVersion: 1, schemaVersion: 1, sender: "s017", recipient: "district", bundleID: "a1d8e36b0f4c4b7d9e2a5c8f1b3d6e90",
                          sequence: 3, createdAt: 1_758_520_800, kind: "changes", knowledge: ["district": 5, "s017": 11],
                          acknowledgement: ["district": 5], counts: .init(rows: 5, tombstones: 1, conflicts: 1),
                          software: "mentorsync 0.1.0"),
            tables: [persons, indicatorValues, surveys],
            records: [
                .row(.init(table: "persons", id: person1, orgID: "s017", version: ["district": 5, "s017": 7],
                           cells: cells(persons, 7, "s017", [(9, .text("2025-06-30"))]))),
                .row(.init(table: "persons", id: person2, orgID: "s017", version: ["s017": 8],
                           cells: cells(persons, 8, "s017", [(0, .integer(0))]))),
                .row(.init(table: "indicator_values", id: value1, orgID: "s017", version: ["s017": 9],
                           cells: cells(indicatorValues, 9, "s017", [(0, .integer(1)), (1, .text("s017")), (2, .text(indicator)),
                                                                     (3, .text("2024-2025")), (4, .real(87.5)),
                                                                     (5, .blob([0x00, 0xff, 0x10, 0x80]))]))),
                // Synthetic cells: 64-bit extremes and a negative integer, to pin the integer encoding.
                .row(.init(table: "indicator_values", id: value2, orgID: "s017", version: ["s017": 10],
                           cells: cells(indicatorValues, 10, "s017", [(3, .integer(-42)), (4, .integer(Int64.max)),
                                                                      (5, .integer(Int64.min))]))),
                .row(.init(table: "surveys", id: survey1, orgID: "s017", version: ["s017": 11],
                           cells: cells(surveys, 11, "s017", [(0, .integer(1)), (1, .text("s017")), (2, .text(pair)),
                                                              (3, .text("mentee")), (4, .integer(9)), (5, .text("2025-05-20")),
                                                              (6, .null)]))),
                .conflict(.init(table: "persons", rowID: person1, column: "notes",
                                winnerValue: transferNote, winnerCounter: 5, winnerSite: "district",
                                loserValue: .null, loserCounter: 4, loserSite: "s017",
                                detectedBy: "s017", detectedCounter: 6, detectedAt: 1_758_452_400)),
            ])
    }

    /// (c) The district's reply after `mentorsync-district resync --site s017`: the resync command,
    /// a rejection of an earlier damaged bundle, and the full subscription (is_full): the district's
    /// organizations row for the school, person 1 with all its cells, person 2's tombstone.
    static var districtReplyResync: BundleDocument {
        var p1 = person1Values.enumerated().map { ($0.offset, $0.element) }
        p1[9] = (9, .text("2025-06-30"))
        p1[11] = (11, transferNote)
        let p1Cells = p1.map { pos, value -> Doc.Cell in
            let (counter, site): (Int64, String) = pos == 9 ? (7, "s017") : pos == 11 ? (5, "district") : (1, "s017")
            return cells(persons, counter, site, [(pos, value)])[0]
        }
        return Doc(
            header: .init(formatVersion: 1, schemaVersion: 1, sender: "district", recipient: "s017", bundleID: "f03c9a5e7b1d4f28a6c0e2b4d8f1a3c5",
                          sequence: 4, createdAt: 1_758_531_600, kind: "reply", knowledge: ["district": 120, "s017": 11],
                          acknowledgement: ["s017": 11], commands: [.init(name: BundleHeader.Command.resync)],
                          rejections: [.init(bundle: "s017-000002-to-district.msync",
                                             reason: "bundle is damaged or incomplete (checksum mismatch); copy it again from the school")],
                          counts: .init(rows: 3, tombstones: 1, conflicts: 0), isFull: true, software: "mentorsync 0.1.0"),
            tables: [organizations, persons],
            records: [
                .row(.init(table: "organizations", id: school17, orgID: "district", version: ["district": 14],
                           cells: cells(organizations, 14, "district", [
                               (0, .integer(1)), (1, .text("district")),
                               (2, .text("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»")),
                               (3, .text("МБОУ СОШ № 17")), (4, .text("school")), (5, .text("городской округ Дубна")),
                               (6, .text("141980, Московская обл., г. Дубна, ул. Школьная, д. 17")), (7, .text("Петрова Анна Сергеевна")),
                           ]))),
                .row(.init(table: "persons", id: person1, orgID: "s017", version: ["district": 5, "s017": 7], cells: p1Cells)),
                // A full export sends every cell of a tombstone; a deleted row has no values, so they
                // are null, except org_id, which still names the row's owner.
                .row(.init(table: "persons", id: person2, orgID: "s017", version: ["s017": 8],
                           cells: cells(persons, 8, "s017", [(0, .integer(0))])
                               + cells(persons, 2, "s017", [(1, .text("s017"))] + (2...11).map { ($0, Doc.Value.null) }))),
            ])
    }
}

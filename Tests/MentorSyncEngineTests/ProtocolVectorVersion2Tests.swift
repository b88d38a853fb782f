import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// What the format-2-only vectors (d), (e), (f) of Protocol/vectors show, checked on the files.
final class ProtocolVectorVersion2Tests: XCTestCase {
    private func url(_ name: String) -> URL { ProtocolVectorTests.vectorsDirectory.appendingPathComponent("\(name).msync") }

    private func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vectors-v2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// (d) A schema 1 school reads the schema 2 district's reply: schema 1 in the header, schema 1's
    /// columns only, and a schema 1 replica merges it without a refusal.
    func testTheReplyToASchema1SchoolDeclaresOnlySchema1() throws {
        let doc = try BundleDocument.read(from: url("v2-district-reply-schema1"), key: ProtocolVectorTests.key)
        XCTAssertEqual(doc.header.formatVersion, 2)
        XCTAssertEqual(doc.header.schemaVersion, 1)
        for table in doc.tables {
            XCTAssertEqual(table.columns, RegistrySchema.v1.table(named: table.name)?.cellNames, table.name)
        }
        XCTAssertFalse(doc.tables.contains { $0.columns.contains("kind") || $0.columns.contains("network") })
        let replica = try Replica.create(path: try scratch().appendingPathComponent("s017.db").path, site: SiteID("s017")!,
                                         role: .school, district: SiteID("district")!, schema: RegistrySchema.v1)
        let report = try replica.importBundle(at: url("v2-district-reply-schema1"), keyFor: { _ in ProtocolVectorTests.key })
        XCTAssertEqual(report.refusals, [])
        XCTAssertEqual(try replica.database.scalar("SELECT status FROM events WHERE id = ?", [.text(ProtocolVectors.districtEvent)])?.text,
                       "planned")
    }

    /// (e) A row id that is not a canonical UUID travels as text and arrives as it was; `wants_full` is set.
    func testATextRowIDAndWantsFull() throws {
        let peeked = try BundleReader.peekHeader(at: url("v2-text-row-id"))
        XCTAssertTrue(peeked.header.wantsFull)
        let doc = try BundleDocument.read(from: url("v2-text-row-id"), key: ProtocolVectorTests.key)
        XCTAssertTrue(doc.header.wantsFull)
        guard case .row(let row)? = doc.records.first else { return XCTFail("no row") }
        XCTAssertEqual(row.id, "s017-fest-2025")
        let json = String(decoding: try Data(contentsOf: ProtocolVectorTests.vectorsDirectory.appendingPathComponent("v2-text-row-id.json")), as: UTF8.self)
        XCTAssertTrue(json.contains("\"wants_full\" : true"), "the JSON form carries wants_full")
        let district = try Replica.create(path: try scratch().appendingPathComponent("d.db").path, site: SiteID("district")!,
                                          role: .district, district: SiteID("district")!, schema: RegistrySchema.schema)
        let report = try district.importBundle(at: url("v2-text-row-id"), keyFor: { _ in ProtocolVectorTests.key },
                                               policy: MergePolicies.schoolsWriteOwnRows)
        XCTAssertEqual(report.refusals, [])
        XCTAssertEqual(try district.database.scalar("SELECT kind FROM events WHERE id = 's017-fest-2025'")?.text, "practice_sharing")
    }

    /// (f) A ROW with no cells: the version alone, and a recipient that holds the row keeps its values.
    func testARowWithoutCellsCarriesItsVersionOnly() throws {
        let doc = try BundleDocument.read(from: url("v2-row-without-cells"), key: ProtocolVectorTests.key)
        guard case .row(let row)? = doc.records.first else { return XCTFail("no row") }
        XCTAssertEqual(row.cells, [])
        XCTAssertEqual(row.version, ["district": 130, "s017": 14])
        let school = try Replica.create(path: try scratch().appendingPathComponent("s017.db").path, site: SiteID("s017")!,
                                        role: .school, district: SiteID("district")!, schema: RegistrySchema.schema)
        try school.database.execute("INSERT INTO persons(id, org_id, full_name, position) VALUES (?, 's017', 'Иванова Мария Петровна', 'завуч')",
                                    [.text(ProtocolVectors.person1)])
        let report = try school.importBundle(at: url("v2-row-without-cells"), keyFor: { _ in ProtocolVectorTests.key })
        XCTAssertEqual(report.refusals, [])
        XCTAssertEqual(try school.database.scalar("SELECT position FROM persons WHERE id = ?", [.text(ProtocolVectors.person1)])?.text,
                       "завуч", "no cell: no value changes")
    }
}

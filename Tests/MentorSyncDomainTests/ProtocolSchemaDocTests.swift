import Foundation
import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

/// Protocol/schema.md lists the tables and columns each registry schema version declares in its
/// bundles. These tests render them from `RegistrySchema` and compare with the document, so the
/// document cannot drift from the code.
final class ProtocolSchemaDocTests: XCTestCase {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/schema.md")

    /// The text between `<!-- NAME -->` and `<!-- /NAME -->` in the document.
    static func section(_ name: String, of text: String) -> String? {
        guard let start = text.range(of: "<!-- \(name) -->\n"), let end = text.range(of: "<!-- /\(name) -->", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    static func type(_ c: ColumnSchema) -> String {
        var t: String
        switch c.kind {
        case .text: t = "text"
        case .integer(let range?): t = "integer \(range.lowerBound)…\(range.upperBound)"
        case .integer(nil): t = "integer"
        case .real: t = "real"
        case .date: t = "date"
        case .enumeration: t = "enumeration"
        case .reference(let table): t = "id of \(table)"
        }
        if c.required { t += ", required" }
        if let d = c.defaultSQL { t += ", default \(d)" }
        return t
    }

    /// One line per table: its number, name, owner and TABLE declaration (positions 1…n with types).
    static func tables(_ schema: SyncSchema) -> String {
        var lines = ["| no. | table | owned by | cell positions 1…n as the TABLE record declares them (type) |",
                     "|-----|-------|----------|---------------------------------------------------------------|"]
        for t in schema.tables {
            let cells = ["`org_id` (site id, required)"] + t.columns.map { "`\($0.name)` (\(type($0)))" }
            let numbered = cells.enumerated().map { "\($0.offset + 1) \($0.element)" }
            lines.append("| \(t.number) | `\(t.name)` | \(t.ownership.rawValue) | \(numbered.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every enumeration of a schema, with its values in order.
    static func enumerations(_ schema: SyncSchema) -> String {
        var lines = ["| column | values |", "|--------|--------|"]
        for t in schema.tables {
            for c in t.columns {
                guard case .enumeration(let values) = c.kind else { continue }
                lines.append("| `\(t.name).\(c.name)` | \(values.map { "`\($0)`" }.joined(separator: ", ")) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testTheDocumentListsEveryVersionAsTheCodeDeclaresIt() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        var versions = RegistrySchema.schema.earlier
        versions.append(RegistrySchema.schema)
        XCTAssertEqual(versions.map(\.version), [1, 2])
        var rendered = ""
        for v in versions {
            rendered += "<!-- tables-v\(v.version) -->\n" + Self.tables(v) + "<!-- /tables-v\(v.version) -->\n"
            XCTAssertEqual(Self.section("tables-v\(v.version)", of: text), Self.tables(v),
                           "Protocol/schema.md, version \(v.version): the tables differ from RegistrySchema")
        }
        XCTAssertEqual(Self.section("enumerations", of: text), Self.enumerations(RegistrySchema.schema),
                       "Protocol/schema.md: the enumerations differ from RegistrySchema")
        if let out = ProcessInfo.processInfo.environment["MENTORSYNC_WRITE_SCHEMA_DOC"] {
            try (rendered + "<!-- enumerations -->\n" + Self.enumerations(RegistrySchema.schema) + "<!-- /enumerations -->\n")
                .write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    /// Version 1's enumerations are version 2's, less the column version 2 added (events.kind).
    func testVersion1EnumerationsAreVersion2sWithoutTheAddedColumn() {
        let v1 = Self.enumerations(RegistrySchema.v1).split(separator: "\n")
        let v2 = Self.enumerations(RegistrySchema.schema).split(separator: "\n")
        XCTAssertEqual(v1, v2.filter { !$0.contains("`events.kind`") && !$0.contains("`diagnostics.") && !$0.contains("`trainings.")
            && !$0.contains("`contest_entries.") && !$0.contains("`event_participants.") })
    }

    /// The enrollment file's format as the document gives it.
    func testTheEnrollmentExampleReadsAsAnEnrollment() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let example = try XCTUnwrap(Self.section("enrollment-example", of: text))
        let json = example.replacingOccurrences(of: "```json\n", with: "").replacingOccurrences(of: "```\n", with: "")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("enroll-doc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s017.enroll")
        try Data(json.utf8).write(to: file)
        let e = try Enrollment.read(from: file)
        XCTAssertEqual(e.site, "s017")
        XCTAssertEqual(e.district, "district")
        XCTAssertEqual(try e.keyBytes, (0..<32).map { UInt8($0) })
        // The keys the document lists are the keys the program writes.
        let written = dir.appendingPathComponent("written.enroll")
        try e.write(to: written)
        let keys = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: written)) as? [String: Any]).keys
        XCTAssertEqual(Set(keys), ["format", "version", "site", "name", "district", "district_name", "key", "issued_at"])
    }
}

import Foundation
import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

/// Protocol/shares.md lists the registry's share rules (network mentoring) for other
/// implementations. The table is rendered from `RegistrySchema.networkMentoring` and compared with
/// the document, so the document cannot drift from the code.
final class ProtocolSharesDocTests: XCTestCase {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol/shares.md")

    static func rules(_ r: ShareRules, schema: SyncSchema) -> String {
        var lines = ["| kind | table.column | notes |", "|------|--------------|-------|"]
        for o in r.offers { lines.append("| offer | \(o.table).\(o.flag) | |") }
        for l in r.links { lines.append("| link | \(l.table).\(l.column) | |") }
        for a in r.attachments { lines.append("| attach | \(a.table).\(a.column) | \(a.partiesMayWrite ? "parties write" : "owner writes") |") }
        for c in r.carries { lines.append("| carry | \(c.table).\(c.column) | |") }
        // Tables in schema order, columns in the table's order: what a school receives.
        for t in schema.tables {
            guard let names = r.columns[t.name] else { continue }
            lines.append("| columns | \(t.name) | \(t.columns.map(\.name).filter(names.contains).joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testTheDocumentListsTheRulesTheRegistryRoutesBy() throws {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        let section = try XCTUnwrap(ProtocolSchemaDocTests.section("rules", of: text), "Protocol/shares.md has no rules section")
        XCTAssertEqual(section, Self.rules(RegistrySchema.networkMentoring, schema: RegistrySchema.schema),
                       "Protocol/shares.md: the rules differ from RegistrySchema.networkMentoring")
        XCTAssertEqual(RegistrySchema.schema.sharing, RegistrySchema.networkMentoring)
        // Every table and column a rule names exists, and every reference is one.
        let schema = RegistrySchema.schema
        let r = RegistrySchema.networkMentoring
        for (table, column) in r.offers.map({ ($0.table, $0.flag) }) {
            XCTAssertNotNil(schema.table(named: table)?.column(named: column), "\(table).\(column)")
        }
        for (table, column) in r.links.map({ ($0.table, $0.column) }) + r.attachments.map({ ($0.table, $0.column) }) + r.carries.map({ ($0.table, $0.column) }) {
            guard case .reference? = schema.table(named: table)?.column(named: column)?.kind else {
                return XCTFail("\(table).\(column) is not a reference column")
            }
        }
        for (table, names) in r.columns {
            for n in names { XCTAssertNotNil(schema.table(named: table)?.column(named: n), "\(table).\(n)") }
        }
    }
}

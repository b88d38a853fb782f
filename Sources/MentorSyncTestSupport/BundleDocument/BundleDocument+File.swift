import Foundation
import MentorSyncEngine

/// Reading and writing bundle files, and the JSON form of Protocol/vectors.
extension BundleDocument {
    /// Reads and verifies a bundle file with `key` (the school's enrollment secret) and decodes all of it.
    /// Throws the `BundleError` a merge would meet.
    public static func read(from url: URL, key: [UInt8]) throws -> BundleDocument {
        let reader = try BundleReader(url: url, keyFor: { _ in key })
        var records: [Record] = []
        while let record = try reader.next() {
            switch record {
            case .row(let row):
                // The reader has seen the row's table declaration, so its columns are known.
                let columns = reader.tableColumns[row.table] ?? []
                let cells = row.cells.map { cell in
                    Cell(position: cell.position,
                         column: cell.position == 0 ? existenceColumn : columns[cell.position - 1],
                         counter: cell.stamp.counter, site: cell.stamp.site.rawValue, value: Value(cell.value))
                }
                records.append(.row(Row(table: row.table, id: row.id, orgID: row.orgID,
                                        version: vector(row.version), cells: cells)))
            case .conflict(let c):
                records.append(.conflict(Conflict(
                    table: c.table, rowID: c.rowID, column: c.column,
                    winnerValue: Value(c.winnerValue), winnerCounter: c.winnerStamp.counter, winnerSite: c.winnerStamp.site.rawValue,
                    loserValue: Value(c.loserValue), loserCounter: c.loserStamp.counter, loserSite: c.loserStamp.site.rawValue,
                    detectedBy: c.detectedBy.rawValue, detectedCounter: c.detectedCounter, detectedAt: c.detectedAt)))
            }
        }
        let tables = reader.tableOrder.map { Table(name: $0, columns: reader.tableColumns[$0] ?? []) }
        return BundleDocument(header: Header(reader.header, formatVersion: Int(reader.formatVersion)), tables: tables, records: records)
    }

    /// Writes this document as a bundle file at exactly `url` (through a temporary name in the same
    /// folder), signed with `key`: tables declared in document order, then the records in order.
    /// Throws `BundleError.malformed` for what a bundle cannot express (an invalid site id, a bundle id
    /// that is not 16 bytes, cells out of order or named differently from their table's declaration,
    /// zero or negative counters, a real that is not finite). The reader's size limits (`BundleLimits`)
    /// are not checked here: a reader refuses a file that exceeds them.
    public func write(to url: URL, key: [UInt8]) throws {
        let bundleHeader = try header.bundleHeader()
        var columns: [String: [String]] = [:]
        for t in tables {
            guard columns[t.name] == nil else { throw BundleError.malformed("document declares table \(t.name) twice") }
            columns[t.name] = t.columns
        }
        let body = try records.map { try $0.bundleRecord(columns: columns) }
        let writer = try BundleWriter(url: url, header: bundleHeader, key: key, formatVersion: UInt16(header.formatVersion))
        do {
            for t in tables { try writer.declareTable(t.name, columns: t.columns) }
            for r in body { try writer.append(r) }
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The document as pretty-printed JSON with sorted keys and a final newline (the form of Protocol/vectors).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    public static func decode(json: Data) throws -> BundleDocument {
        try JSONDecoder().decode(BundleDocument.self, from: json)
    }
}

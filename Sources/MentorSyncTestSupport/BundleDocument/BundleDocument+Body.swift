import Foundation
import MentorSyncEngine

/// The body of a document: table declarations and the ROW and CONFLICT records.
extension BundleDocument {
    public struct Table: Codable, Equatable, Sendable {
        public var name: String
        /// Names of cell positions 1…n (position 0, the row's existence, has no declared name).
        public var columns: [String]
        public init(name: String, columns: [String]) { self.name = name; self.columns = columns }
    }

    /// The name a document gives cell position 0.
    public static let existenceColumn = "(exists)"

    public struct Cell: Codable, Equatable, Sendable {
        public var position: Int
        /// The declared name of the position; informational (the position is what the file holds).
        public var column: String
        public var counter: Int64
        public var site: String
        public var value: Value
        public init(position: Int, column: String, counter: Int64, site: String, value: Value) {
            self.position = position; self.column = column; self.counter = counter; self.site = site; self.value = value
        }
    }

    public struct Row: Codable, Equatable, Sendable {
        public var table: String
        public var id: String
        public var orgID: String
        public var version: [String: Int64]
        public var cells: [Cell]
        public init(table: String, id: String, orgID: String, version: [String: Int64], cells: [Cell]) {
            self.table = table; self.id = id; self.orgID = orgID; self.version = version; self.cells = cells
        }
        enum CodingKeys: String, CodingKey { case type, table, id, orgID = "org_id", version, cells }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            table = try c.decode(String.self, forKey: .table)
            id = try c.decode(String.self, forKey: .id)
            orgID = try c.decode(String.self, forKey: .orgID)
            version = try c.decode([String: Int64].self, forKey: .version)
            cells = try c.decode([Cell].self, forKey: .cells)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("row", forKey: .type)
            try c.encode(table, forKey: .table)
            try c.encode(id, forKey: .id)
            try c.encode(orgID, forKey: .orgID)
            try c.encode(version, forKey: .version)
            try c.encode(cells, forKey: .cells)
        }
    }

    public struct Conflict: Codable, Equatable, Sendable {
        public var table: String
        public var rowID: String
        public var column: String
        public var winnerValue: Value
        public var winnerCounter: Int64
        public var winnerSite: String
        public var loserValue: Value
        public var loserCounter: Int64
        public var loserSite: String
        public var detectedBy: String
        public var detectedCounter: Int64
        public var detectedAt: Int64
        public init(table: String, rowID: String, column: String, winnerValue: Value, winnerCounter: Int64, winnerSite: String,
                    loserValue: Value, loserCounter: Int64, loserSite: String, detectedBy: String, detectedCounter: Int64,
                    detectedAt: Int64) {
            self.table = table; self.rowID = rowID; self.column = column
            self.winnerValue = winnerValue; self.winnerCounter = winnerCounter; self.winnerSite = winnerSite
            self.loserValue = loserValue; self.loserCounter = loserCounter; self.loserSite = loserSite
            self.detectedBy = detectedBy; self.detectedCounter = detectedCounter; self.detectedAt = detectedAt
        }
        enum CodingKeys: String, CodingKey {
            case type, table, rowID = "row_id", column
            case winnerValue = "winner_value", winnerCounter = "winner_counter", winnerSite = "winner_site"
            case loserValue = "loser_value", loserCounter = "loser_counter", loserSite = "loser_site"
            case detectedBy = "detected_by", detectedCounter = "detected_counter", detectedAt = "detected_at"
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            table = try c.decode(String.self, forKey: .table)
            rowID = try c.decode(String.self, forKey: .rowID)
            column = try c.decode(String.self, forKey: .column)
            winnerValue = try c.decode(Value.self, forKey: .winnerValue)
            winnerCounter = try c.decode(Int64.self, forKey: .winnerCounter)
            winnerSite = try c.decode(String.self, forKey: .winnerSite)
            loserValue = try c.decode(Value.self, forKey: .loserValue)
            loserCounter = try c.decode(Int64.self, forKey: .loserCounter)
            loserSite = try c.decode(String.self, forKey: .loserSite)
            detectedBy = try c.decode(String.self, forKey: .detectedBy)
            detectedCounter = try c.decode(Int64.self, forKey: .detectedCounter)
            detectedAt = try c.decode(Int64.self, forKey: .detectedAt)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode("conflict", forKey: .type)
            try c.encode(table, forKey: .table)
            try c.encode(rowID, forKey: .rowID)
            try c.encode(column, forKey: .column)
            try c.encode(winnerValue, forKey: .winnerValue)
            try c.encode(winnerCounter, forKey: .winnerCounter)
            try c.encode(winnerSite, forKey: .winnerSite)
            try c.encode(loserValue, forKey: .loserValue)
            try c.encode(loserCounter, forKey: .loserCounter)
            try c.encode(loserSite, forKey: .loserSite)
            try c.encode(detectedBy, forKey: .detectedBy)
            try c.encode(detectedCounter, forKey: .detectedCounter)
            try c.encode(detectedAt, forKey: .detectedAt)
        }
    }

    /// A body record: `{"type": "row", …}` or `{"type": "conflict", …}`.
    public enum Record: Codable, Equatable, Sendable {
        case row(Row)
        case conflict(Conflict)

        private enum TypeKey: String, CodingKey { case type }

        public init(from decoder: Decoder) throws {
            let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
            switch type {
            case "row": self = .row(try Row(from: decoder))
            case "conflict": self = .conflict(try Conflict(from: decoder))
            default:
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown record type '\(type)'"))
            }
        }

        public func encode(to encoder: Encoder) throws {
            switch self {
            case .row(let r): try r.encode(to: encoder)
            case .conflict(let c): try c.encode(to: encoder)
            }
        }
    }
}

extension BundleDocument.Record {
    func bundleRecord(columns: [String: [String]]) throws -> BundleRecord {
        switch self {
        case .row(let r):
            guard let names = columns[r.table] else { throw BundleError.malformed("document row \(r.id) names undeclared table \(r.table)") }
            var last = -1
            let cells = try r.cells.map { c -> CellChange in
                guard c.position > last, c.position <= names.count else {
                    throw BundleError.malformed("document row \(r.id): cell positions must increase and stay within the \(names.count) declared columns")
                }
                last = c.position
                let expected = c.position == 0 ? BundleDocument.existenceColumn : names[c.position - 1]
                guard c.column == expected else {
                    throw BundleError.malformed("document row \(r.id): position \(c.position) is '\(expected)', not '\(c.column)'")
                }
                if c.position == 0, c.value != .integer(0) && c.value != .integer(1) {
                    throw BundleError.malformed("document row \(r.id): existence must be integer 0 or 1")
                }
                return CellChange(position: c.position, stamp: try BundleDocument.stamp(c.counter, c.site), value: try c.value.checked())
            }
            return .row(RowChange(table: r.table, id: r.id, orgID: r.orgID, version: try BundleDocument.vector(r.version), cells: cells))
        case .conflict(let c):
            return .conflict(ConflictRecord(
                table: c.table, rowID: c.rowID, column: c.column,
                winnerValue: try c.winnerValue.checked(), winnerStamp: try BundleDocument.stamp(c.winnerCounter, c.winnerSite),
                loserValue: try c.loserValue.checked(), loserStamp: try BundleDocument.stamp(c.loserCounter, c.loserSite),
                detectedBy: try BundleDocument.site(c.detectedBy), detectedCounter: try BundleDocument.counter(c.detectedCounter),
                detectedAt: c.detectedAt))
        }
    }
}

import Foundation

/// The whole decoded content of one bundle file in a JSON-friendly form (snake_case keys):
/// what `Protocol/vectors/*.json` hold beside their `.msync` files.
///
/// `read` goes through `BundleReader` (so everything a merge would check is checked) and `write`
/// through `BundleWriter`. Writing a document read from a file written by `BundleWriter`
/// reproduces that file byte for byte (with the same zlib; see Protocol/bundle.md, "Compression").
public struct BundleDocument: Codable, Equatable, Sendable {
    public var header: Header
    /// The TABLE declarations of the body, in declaration order.
    public var tables: [Table]
    /// The ROW and CONFLICT records of the body, in file order.
    public var records: [Record]

    public init(header: Header, tables: [Table], records: [Record]) {
        self.header = header; self.tables = tables; self.records = records
    }

    // MARK: Header

    public struct Header: Codable, Equatable, Sendable {
        public var formatVersion: Int
        public var schemaVersion: Int
        public var sender: String
        public var recipient: String
        /// 16 bytes as 32 lowercase hex digits.
        public var bundleID: String
        public var sequence: Int64
        public var createdAt: Int64
        /// "changes" (school → district) or "reply" (district → school).
        public var kind: String
        public var knowledge: [String: Int64]
        public var acknowledgement: [String: Int64]
        public var commands: [BundleHeader.Command]
        public var rejections: [BundleHeader.Rejection]
        public var counts: Counts
        public var isFull: Bool
        public var software: String
        /// Format version 2: the body's ChaCha20-Poly1305 nonce, 24 hex digits.
        public var nonce: String?
        /// The recipient's bundle the acknowledgement stands for, 32 hex digits (header tag 16).
        public var acknowledgedBundle: String?

        public init(formatVersion: Int = Int(BundleLayout.formatVersion), schemaVersion: Int, sender: String, recipient: String,
                    bundleID: String, sequence: Int64, createdAt: Int64, kind: String, knowledge: [String: Int64],
                    acknowledgement: [String: Int64], commands: [BundleHeader.Command] = [],
                    rejections: [BundleHeader.Rejection] = [], counts: Counts, isFull: Bool = false,
                    software: String = MentorSyncVersion.software, nonce: String? = nil) {
            self.formatVersion = formatVersion; self.schemaVersion = schemaVersion
            self.nonce = nonce
            self.sender = sender; self.recipient = recipient; self.bundleID = bundleID
            self.sequence = sequence; self.createdAt = createdAt; self.kind = kind
            self.knowledge = knowledge; self.acknowledgement = acknowledgement
            self.commands = commands; self.rejections = rejections; self.counts = counts
            self.isFull = isFull; self.software = software
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", schemaVersion = "schema_version", sender, recipient
            case bundleID = "bundle_id", sequence, createdAt = "created_at", kind, knowledge, acknowledgement
            case commands, rejections, counts, isFull = "is_full", software, nonce
            case acknowledgedBundle = "acknowledged_bundle"
        }
    }

    public struct Counts: Codable, Equatable, Sendable {
        public var rows: Int
        public var tombstones: Int
        public var conflicts: Int
        public init(rows: Int, tombstones: Int, conflicts: Int) {
            self.rows = rows; self.tombstones = tombstones; self.conflicts = conflicts
        }
    }

    // MARK: Body

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

    /// A cell value: `{"null": true}`, `{"integer": "-42"}` (a string, so 64-bit values survive
    /// JSON readers that use doubles), `{"real": 1.5}`, `{"text": "…"}` or `{"blob": "00ff"}` (lowercase hex).
    public enum Value: Codable, Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])

        private enum Keys: String, CodingKey { case null, integer, real, text, blob }

        public init(_ v: DatabaseValue) {
            switch v {
            case .null: self = .null
            case .integer(let i): self = .integer(i)
            case .real(let d): self = .real(d)
            case .text(let s): self = .text(s)
            case .blob(let b): self = .blob(b)
            }
        }

        public var databaseValue: DatabaseValue {
            switch self {
            case .null: return .null
            case .integer(let i): return .integer(i)
            case .real(let d): return .real(d)
            case .text(let s): return .text(s)
            case .blob(let b): return .blob(b)
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            guard c.allKeys.count == 1, let key = c.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "a value has exactly one of null, integer, real, text, blob"))
            }
            func corrupt(_ why: String) -> DecodingError {
                .dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: why))
            }
            switch key {
            case .null:
                guard try c.decode(Bool.self, forKey: .null) else { throw corrupt("null must be true") }
                self = .null
            case .integer:
                let s = try c.decode(String.self, forKey: .integer)
                guard let i = Int64(s) else { throw corrupt("integer '\(s)' is not a 64-bit signed decimal") }
                self = .integer(i)
            case .real: self = .real(try c.decode(Double.self, forKey: .real))
            case .text: self = .text(try c.decode(String.self, forKey: .text))
            case .blob:
                let s = try c.decode(String.self, forKey: .blob)
                guard let b = BundleDocument.bytes(hex: s) else { throw corrupt("blob '\(s.prefix(40))' is not hex") }
                self = .blob(b)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .null: try c.encode(true, forKey: .null)
            case .integer(let i): try c.encode(String(i), forKey: .integer)
            case .real(let d): try c.encode(d, forKey: .real)
            case .text(let s): try c.encode(s, forKey: .text)
            case .blob(let b): try c.encode(BundleDocument.hex(b), forKey: .blob)
            }
        }
    }
}

// MARK: - Reading and writing bundle files

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

// MARK: - Conversions

extension BundleDocument.Header {
    public init(_ h: BundleHeader, formatVersion: Int = Int(BundleLayout.formatVersion)) {
        self.init(formatVersion: formatVersion, schemaVersion: h.schemaVersion,
                  sender: h.sender.rawValue, recipient: h.recipient.rawValue, bundleID: h.bundleIDHex,
                  sequence: h.sequence, createdAt: h.createdAt, kind: h.kind == .changes ? "changes" : "reply",
                  knowledge: BundleDocument.vector(h.knowledge), acknowledgement: BundleDocument.vector(h.acknowledgement),
                  commands: h.commands, rejections: h.rejections,
                  counts: .init(rows: h.rowCount, tombstones: h.tombstoneCount, conflicts: h.conflictCount),
                  isFull: h.isFull, software: h.software, nonce: h.cipherNonce.map { BundleDocument.hex($0) })
        acknowledgedBundle = h.acknowledgedBundle.map { BundleDocument.hex($0) }
    }

    func bundleHeader() throws -> BundleHeader {
        guard formatVersion >= 1, BundleLayout.readableVersions.contains(UInt16(formatVersion)) else {
            throw BundleError.malformed("document has format version \(formatVersion); this program writes versions \(BundleLayout.readableVersions)")
        }
        var nonceBytes: [UInt8]?
        if formatVersion >= 2 {
            guard let n = nonce.flatMap(BundleDocument.bytes(hex:)), n.count == BundleLayout.nonceSize else {
                throw BundleError.malformed("a version \(formatVersion) document needs a nonce of 24 hex digits")
            }
            nonceBytes = n
        }
        guard schemaVersion >= 0 else { throw BundleError.malformed("document has a negative schema version") }
        guard let id = BundleDocument.bytes(hex: bundleID), id.count == 16 else {
            throw BundleError.malformed("document bundle_id must be 32 hex digits")
        }
        guard sequence >= 0, counts.rows >= 0, counts.tombstones >= 0, counts.conflicts >= 0 else {
            throw BundleError.malformed("document has a negative sequence or count")
        }
        let k: BundleHeader.Kind
        switch kind {
        case "changes": k = .changes
        case "reply": k = .reply
        default: throw BundleError.malformed("document kind '\(kind)' is neither changes nor reply")
        }
        var header = BundleHeader(schemaVersion: schemaVersion, sender: try BundleDocument.site(sender), recipient: try BundleDocument.site(recipient),
                            bundleID: id, sequence: sequence, createdAt: createdAt, kind: k,
                            knowledge: try BundleDocument.vector(knowledge), acknowledgement: try BundleDocument.vector(acknowledgement),
                            commands: commands, rejections: rejections, rowCount: counts.rows,
                            tombstoneCount: counts.tombstones, conflictCount: counts.conflicts, isFull: isFull, software: software, cipherNonce: nonceBytes)
        if let acknowledgedBundle {
            guard let b = BundleDocument.bytes(hex: acknowledgedBundle), b.count == 16 else {
                throw BundleError.malformed("document acknowledged_bundle must be 32 hex digits")
            }
            header.acknowledgedBundle = b
        }
        return header
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

extension BundleDocument.Value {
    func checked() throws -> DatabaseValue {
        if case .real(let d) = self, !d.isFinite { throw BundleError.malformed("document holds a real that is not finite") }
        return databaseValue
    }
}

extension BundleDocument {
    static func vector(_ vv: VersionVector) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: vv.entries.map { ($0.key.rawValue, $0.value) })
    }

    /// Counters in a version vector are positive: a zero entry is the same as no entry and would not survive a round trip.
    static func vector(_ d: [String: Int64]) throws -> VersionVector {
        var vv = VersionVector()
        for (s, c) in d {
            guard c > 0 else { throw BundleError.malformed("document version vector entry \(s): \(c) is not positive") }
            vv.advance(try site(s), to: c)
        }
        return vv
    }

    static func site(_ s: String) throws -> SiteID {
        guard let id = SiteID(s) else { throw BundleError.malformed("document names an invalid site id '\(s.prefix(40))'") }
        return id
    }

    static func counter(_ c: Int64) throws -> Int64 {
        guard c >= 0 else { throw BundleError.malformed("document holds a negative counter \(c)") }
        return c
    }

    static func stamp(_ counter: Int64, _ site: String) throws -> Stamp {
        Stamp(counter: try self.counter(counter), site: try self.site(site))
    }

    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

    /// Lowercase digits only: one spelling per value in a document.
    static func bytes(hex: String) -> [UInt8]? {
        hex.utf8.contains { (0x41...0x46).contains($0) } ? nil : Hex.decode(hex)
    }
}

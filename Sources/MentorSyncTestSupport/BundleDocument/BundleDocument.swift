import Foundation
import MentorSyncEngine

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
}

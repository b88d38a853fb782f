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
        /// Flags bit 1: the sender starts afresh and asks for its full subscription.
        public var wantsFull: Bool
        public var software: String
        /// Format version 2: the body's ChaCha20-Poly1305 nonce, 24 hex digits.
        public var nonce: String?
        /// The recipient's bundle the acknowledgement stands for, 32 hex digits (header tag 16).
        public var acknowledgedBundle: String?

        public init(formatVersion: Int = Int(BundleLayout.formatVersion), schemaVersion: Int, sender: String, recipient: String,
                    bundleID: String, sequence: Int64, createdAt: Int64, kind: String, knowledge: [String: Int64],
                    acknowledgement: [String: Int64], commands: [BundleHeader.Command] = [],
                    rejections: [BundleHeader.Rejection] = [], counts: Counts, isFull: Bool = false, wantsFull: Bool = false,
                    software: String = MentorSyncVersion.software, nonce: String? = nil) {
            self.formatVersion = formatVersion; self.schemaVersion = schemaVersion
            self.nonce = nonce
            self.sender = sender; self.recipient = recipient; self.bundleID = bundleID
            self.sequence = sequence; self.createdAt = createdAt; self.kind = kind
            self.knowledge = knowledge; self.acknowledgement = acknowledgement
            self.commands = commands; self.rejections = rejections; self.counts = counts
            self.isFull = isFull; self.wantsFull = wantsFull; self.software = software
        }

        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version", schemaVersion = "schema_version", sender, recipient
            case bundleID = "bundle_id", sequence, createdAt = "created_at", kind, knowledge, acknowledgement
            case commands, rejections, counts, isFull = "is_full", wantsFull = "wants_full", software, nonce
            case acknowledgedBundle = "acknowledged_bundle"
        }

        /// `wants_full` is always written; a document without it (written before it was added) reads as false.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            formatVersion = try c.decode(Int.self, forKey: .formatVersion)
            schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
            sender = try c.decode(String.self, forKey: .sender)
            recipient = try c.decode(String.self, forKey: .recipient)
            bundleID = try c.decode(String.self, forKey: .bundleID)
            sequence = try c.decode(Int64.self, forKey: .sequence)
            createdAt = try c.decode(Int64.self, forKey: .createdAt)
            kind = try c.decode(String.self, forKey: .kind)
            knowledge = try c.decode([String: Int64].self, forKey: .knowledge)
            acknowledgement = try c.decode([String: Int64].self, forKey: .acknowledgement)
            commands = try c.decode([BundleHeader.Command].self, forKey: .commands)
            rejections = try c.decode([BundleHeader.Rejection].self, forKey: .rejections)
            counts = try c.decode(Counts.self, forKey: .counts)
            isFull = try c.decode(Bool.self, forKey: .isFull)
            wantsFull = try c.decodeIfPresent(Bool.self, forKey: .wantsFull) ?? false
            software = try c.decode(String.self, forKey: .software)
            nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
            acknowledgedBundle = try c.decodeIfPresent(String.self, forKey: .acknowledgedBundle)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(formatVersion, forKey: .formatVersion)
            try c.encode(schemaVersion, forKey: .schemaVersion)
            try c.encode(sender, forKey: .sender)
            try c.encode(recipient, forKey: .recipient)
            try c.encode(bundleID, forKey: .bundleID)
            try c.encode(sequence, forKey: .sequence)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encode(kind, forKey: .kind)
            try c.encode(knowledge, forKey: .knowledge)
            try c.encode(acknowledgement, forKey: .acknowledgement)
            try c.encode(commands, forKey: .commands)
            try c.encode(rejections, forKey: .rejections)
            try c.encode(counts, forKey: .counts)
            try c.encode(isFull, forKey: .isFull)
            try c.encode(wantsFull, forKey: .wantsFull)
            try c.encode(software, forKey: .software)
            try c.encodeIfPresent(nonce, forKey: .nonce)
            try c.encodeIfPresent(acknowledgedBundle, forKey: .acknowledgedBundle)
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

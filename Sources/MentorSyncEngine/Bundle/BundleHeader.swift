import Foundation

/// What a bundle says about itself, readable before its body is opened.
/// Encoded as tagged fields (Protocol/bundle.md, "Header"): readers skip tags they do not know.
public struct BundleHeader: Equatable, Sendable {
    public enum Kind: Int, Sendable { case changes = 1, reply = 2 }

    public struct Command: Equatable, Sendable, Codable {
        public var name: String
        public var argument: String
        public init(name: String, argument: String = "") { self.name = name; self.argument = argument }
        /// The district orders a full re-send of everything the school owns.
        public static let resync = "resync"
    }

    public struct Rejection: Equatable, Sendable, Codable {
        public var bundle: String
        public var reason: String
        public init(bundle: String, reason: String) { self.bundle = bundle; self.reason = reason }
    }

    public var schemaVersion: Int
    public var sender: SiteID
    public var recipient: SiteID
    public var bundleID: [UInt8]              // 16 random bytes
    public var sequence: Int64                // per sender, increasing
    public var createdAt: Int64               // sender's wall clock, unix seconds; informational only
    public var kind: Kind
    public var knowledge: VersionVector       // what the sender has seen
    public var acknowledgement: VersionVector // what the sender has durably merged from the recipient
    public var commands: [Command]
    public var rejections: [Rejection]
    public var rowCount: Int
    public var tombstoneCount: Int
    public var conflictCount: Int
    public var isFull: Bool                   // a full re-send or full subscription
    /// The sender asks for a full copy: it starts from nothing (a new machine) or from a backup.
    public var wantsFull: Bool = false
    public var software: String
    /// The ChaCha20-Poly1305 nonce of the body (format version 2); fresh for every bundle.
    public var cipherNonce: [UInt8]?
    /// The id of the recipient's bundle whose knowledge the acknowledgement repeats (the newest
    /// merged). A school that never wrote that bundle is an older copy of itself put back.
    public var acknowledgedBundle: [UInt8]?

    public init(schemaVersion: Int, sender: SiteID, recipient: SiteID, bundleID: [UInt8], sequence: Int64,
                createdAt: Int64, kind: Kind, knowledge: VersionVector, acknowledgement: VersionVector,
                commands: [Command] = [], rejections: [Rejection] = [], rowCount: Int = 0, tombstoneCount: Int = 0,
                conflictCount: Int = 0, isFull: Bool = false, software: String = MentorSyncVersion.software,
                cipherNonce: [UInt8]? = nil) {
        self.schemaVersion = schemaVersion
        self.sender = sender
        self.recipient = recipient
        self.bundleID = bundleID
        self.sequence = sequence
        self.createdAt = createdAt
        self.kind = kind
        self.knowledge = knowledge
        self.acknowledgement = acknowledgement
        self.commands = commands
        self.rejections = rejections
        self.rowCount = rowCount
        self.tombstoneCount = tombstoneCount
        self.conflictCount = conflictCount
        self.isFull = isFull
        self.software = software
        self.cipherNonce = cipherNonce
    }

    public var bundleIDHex: String { Hex.encode(bundleID) }

    /// The file name a writer gives this bundle: sender, sequence, recipient (`BundleFileName` reads it back).
    public var fileName: String {
        String(format: "%@-%06lld-to-%@.msync", sender.rawValue, sequence, recipient.rawValue)
    }

    enum Tag: UInt64 {
        case schemaVersion = 1, sender, recipient, bundleID, sequence, createdAt, kind, knowledge,
             acknowledgement, commands, rejections, counts, flags, software, cipherNonce, acknowledgedBundle
    }

    public func encoded() -> [UInt8] {
        var out = ByteWriter(capacity: 256)
        func field(_ tag: Tag, _ fill: (inout ByteWriter) -> Void) {
            var w = ByteWriter()
            fill(&w)
            out.varint(tag.rawValue)
            out.lengthPrefixed(w.bytes)
        }
        field(.schemaVersion) { $0.varint(schemaVersion) }
        field(.sender) { $0.raw(Array(sender.rawValue.utf8)) }
        field(.recipient) { $0.raw(Array(recipient.rawValue.utf8)) }
        field(.bundleID) { $0.raw(bundleID) }
        field(.sequence) { $0.counter(sequence) }
        field(.createdAt) { $0.zigzag(createdAt) }
        field(.kind) { $0.varint(kind.rawValue) }
        field(.knowledge) { Self.encode(knowledge, into: &$0) }
        field(.acknowledgement) { Self.encode(acknowledgement, into: &$0) }
        field(.commands) { w in
            w.varint(commands.count)
            for c in commands { w.string(c.name); w.string(c.argument) }
        }
        field(.rejections) { w in
            w.varint(rejections.count)
            for r in rejections { w.string(r.bundle); w.string(r.reason) }
        }
        field(.counts) { w in w.varint(rowCount); w.varint(tombstoneCount); w.varint(conflictCount) }
        field(.flags) { $0.varint((isFull ? 1 : 0) | (wantsFull ? 2 : 0)) }
        field(.software) { $0.raw(Array(software.utf8)) }
        if let cipherNonce { field(.cipherNonce) { $0.raw(cipherNonce) } }
        if let acknowledgedBundle { field(.acknowledgedBundle) { $0.raw(acknowledgedBundle) } }
        return out.bytes
    }

    static func encode(_ vv: VersionVector, into w: inout ByteWriter) {
        let entries = vv.sortedEntries
        w.varint(entries.count)
        for e in entries { w.string(e.site.rawValue); w.counter(e.counter) }
    }

    static func decodeVector(_ r: inout ByteReader, _ what: String) throws -> VersionVector {
        let n = try r.count("\(what) entries", limit: BundleLimits.maxSites)
        var vv = VersionVector()
        for _ in 0..<n {
            let raw = try r.string("\(what) site", limit: 64)
            guard let site = SiteID(raw) else { throw BundleError.malformed("\(what) names an invalid site id") }
            vv.advance(site, to: try r.counter("\(what) counter"))
        }
        return vv
    }

    public static func decode(_ bytes: [UInt8]) throws -> BundleHeader {
        do { return try decodeFields(bytes) } catch let e as NeedMoreBytes {
            throw BundleError.malformed("header ends in the middle of \(e.what)")
        }
    }

    private static func decodeFields(_ bytes: [UInt8]) throws -> BundleHeader {
        var r = ByteReader(bytes)
        var fields: [UInt64: [UInt8]] = [:]
        while !r.isAtEnd {
            let tag = try r.varint("header field tag")
            let value = try r.lengthPrefixed("header field \(tag)", limit: BundleLimits.maxHeaderBytes)
            guard fields[tag] == nil else { throw BundleError.malformed("header field \(tag) appears twice") }
            fields[tag] = value  // unknown tags are kept aside and ignored (forward compatibility)
        }
        func required(_ tag: Tag) throws -> ByteReader {
            guard let v = fields[tag.rawValue] else { throw BundleError.malformed("header has no \(tag) field") }
            return ByteReader(v)
        }
        func site(_ tag: Tag) throws -> SiteID {
            let raw = try required(tag).bytes
            guard let s = String(validating: raw, as: UTF8.self), let id = SiteID(s) else {
                throw BundleError.malformed("header \(tag) is not a valid site id")
            }
            return id
        }
        func finish(_ r: ByteReader, _ tag: Tag) throws {
            guard r.isAtEnd else { throw BundleError.malformed("header \(tag) field has trailing bytes") }
        }
        var r1 = try required(.schemaVersion)
        let schema = try r1.count("schema version", limit: 1 << 20); try finish(r1, .schemaVersion)
        let idBytes = try required(.bundleID).bytes
        guard idBytes.count == 16 else { throw BundleError.malformed("bundle id is \(idBytes.count) bytes, not 16") }
        var r2 = try required(.sequence)
        let sequence = try r2.counter("sequence"); try finish(r2, .sequence)
        var r3 = try required(.createdAt)
        let created = try r3.zigzag("creation time"); try finish(r3, .createdAt)
        var r4 = try required(.kind)
        let kindRaw = try r4.count("kind", limit: 255); try finish(r4, .kind)
        guard let kind = Kind(rawValue: kindRaw) else { throw BundleError.malformed("unknown bundle kind \(kindRaw)") }
        var r5 = try required(.knowledge)
        let knowledge = try decodeVector(&r5, "knowledge"); try finish(r5, .knowledge)
        var r6 = try required(.acknowledgement)
        let ack = try decodeVector(&r6, "acknowledgement"); try finish(r6, .acknowledgement)
        var commands: [Command] = []
        if fields[Tag.commands.rawValue] != nil {
            var r = try required(.commands)
            let n = try r.count("command count", limit: 1000)
            for _ in 0..<n {
                commands.append(Command(name: try r.string("command", limit: 256), argument: try r.string("command argument", limit: 4096)))
            }
            try finish(r, .commands)
        }
        var rejections: [Rejection] = []
        if fields[Tag.rejections.rawValue] != nil {
            var r = try required(.rejections)
            let n = try r.count("rejection count", limit: 10_000)
            for _ in 0..<n {
                rejections.append(Rejection(bundle: try r.string("rejected bundle", limit: 1024), reason: try r.string("rejection reason", limit: 4096)))
            }
            try finish(r, .rejections)
        }
        var r7 = try required(.counts)
        let rows = try r7.count("row count", limit: BundleLimits.maxRows)
        let tombstones = try r7.count("tombstone count", limit: BundleLimits.maxRows)
        let conflicts = try r7.count("conflict count", limit: BundleLimits.maxRows)
        try finish(r7, .counts)
        var flags = 0
        if fields[Tag.flags.rawValue] != nil {
            var r = try required(.flags)
            flags = try r.count("flags", limit: Int(UInt32.max))
        }
        var software = ""
        if let raw = fields[Tag.software.rawValue] { software = String(decoding: raw, as: UTF8.self) }
        var nonce: [UInt8]?
        if let raw = fields[Tag.cipherNonce.rawValue] {
            guard raw.count == BundleLayout.nonceSize else { throw BundleError.malformed("cipher nonce is \(raw.count) bytes, not \(BundleLayout.nonceSize)") }
            nonce = raw
        }
        var header = BundleHeader(schemaVersion: schema, sender: try site(.sender), recipient: try site(.recipient),
                            bundleID: idBytes, sequence: sequence, createdAt: created, kind: kind,
                            knowledge: knowledge, acknowledgement: ack, commands: commands, rejections: rejections,
                            rowCount: rows, tombstoneCount: tombstones, conflictCount: conflicts,
                            isFull: flags & 1 != 0, software: software, cipherNonce: nonce)
        header.wantsFull = flags & 2 != 0
        if let raw = fields[Tag.acknowledgedBundle.rawValue] {
            guard raw.count == 16 else { throw BundleError.malformed("acknowledged bundle id is \(raw.count) bytes, not 16") }
            header.acknowledgedBundle = raw
        }
        return header
    }
}

public enum MentorSyncVersion {
    public static let version = "0.2.0"
    public static let software = "mentorsync \(version)"
}

/// A bundle's file name read back: SENDER-NNNNNN-to-RECIPIENT.msync (Protocol/bundle.md, «File names»;
/// a site id may hold '-'). A name is anyone's to write: it tells whose a file seems to be, never more.
public struct BundleFileName: Equatable, Sendable {
    public var sender: String
    public var sequence: Int64
    public var recipient: String

    public init?(_ name: String) {
        guard name.hasSuffix(".msync") else { return nil }
        let stem = name.dropLast(".msync".count)
        guard let to = stem.range(of: "-to-", options: .backwards) else { return nil }
        let head = stem[..<to.lowerBound]
        guard let dash = head.lastIndex(of: "-") else { return nil }
        let digits = head[head.index(after: dash)...]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let n = Int64(digits) else { return nil }
        sender = String(head[..<dash]); sequence = n; recipient = String(stem[to.upperBound...])
        guard !sender.isEmpty, !recipient.isEmpty else { return nil }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

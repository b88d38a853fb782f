import Foundation
import MentorSyncEngine

/// A document header to and from the engine's `BundleHeader`, refusing what a bundle cannot express.
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
        wantsFull = h.wantsFull
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
        header.wantsFull = wantsFull
        if let acknowledgedBundle {
            guard let b = BundleDocument.bytes(hex: acknowledgedBundle), b.count == 16 else {
                throw BundleError.malformed("document acknowledged_bundle must be 32 hex digits")
            }
            header.acknowledgedBundle = b
        }
        return header
    }
}

/// Field conversions shared by the document's parts; each refuses a value a bundle cannot carry.
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

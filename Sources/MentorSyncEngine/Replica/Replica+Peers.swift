import Foundation

/// What a site keeps about each peer: what it merged from it, what the peer said it knows, the
/// bundles exchanged, the full exchange under way (`FullExchange`) and the format the peer writes.
extension Replica {
    public struct Peer: Sendable {
        public var site: SiteID
        public var merged: Int64
        public var theirKnowledge: VersionVector
        public var lastSequence: Int64
        public var lastBundleAt: String?
        public var lastBundleCreated: Int64?
        public var lastBundleName: String?
        public var sentSequence: Int64
        public var lastExportAt: String?
        public var fullExchange: FullExchange
        /// The highest bundle format merged from the peer (nil before the first): the peer is
        /// answered in it, never in an older one, so a replayed old bundle cannot step it down.
        public var format: UInt16?
    }

    private static let peerColumns = """
        site, merged, their_knowledge, last_sequence, last_bundle_at, last_bundle_created, last_bundle_name,
        sent_sequence, last_export_at, full_out, full_out_through, full_requested_at, format
        """

    public func peer(_ site: SiteID) throws -> Peer {
        guard let r = try database.rows("SELECT \(Replica.peerColumns) FROM msync_peers WHERE site = ?", [.text(site.rawValue)]).first else {
            return Peer(site: site, merged: 0, theirKnowledge: VersionVector(), lastSequence: 0, lastBundleAt: nil,
                        lastBundleCreated: nil, lastBundleName: nil, sentSequence: 0, lastExportAt: nil,
                        fullExchange: FullExchange(), format: nil)
        }
        return try peer(from: r, site: site)
    }

    /// Every peer this site has exchanged bundles with (or ordered a full exchange with).
    public func peers() throws -> [Peer] {
        try database.rows("SELECT \(Replica.peerColumns) FROM msync_peers ORDER BY site").compactMap { r in
            guard let site = SiteID(r[0].displayText) else { return nil }
            return try peer(from: r, site: site)
        }
    }

    private func peer(from r: [DatabaseValue], site: SiteID) throws -> Peer {
        let vv: VersionVector
        if case .blob(let b) = r[2] { vv = try Replica.decodeVector(b) } else { vv = VersionVector() }
        let format = r[12].integer.flatMap { $0 > 0 ? UInt16(clamping: $0) : nil }
        return Peer(site: site, merged: r[1].integer ?? 0, theirKnowledge: vv, lastSequence: r[3].integer ?? 0,
                    lastBundleAt: r[4].text, lastBundleCreated: r[5].integer, lastBundleName: r[6].text,
                    sentSequence: r[7].integer ?? 0, lastExportAt: r[8].text,
                    fullExchange: FullExchange(code: r[9].integer ?? 0, through: r[10].integer, requestedSince: r[11].text),
                    format: format)
    }

    func ensurePeer(_ site: SiteID) throws {
        try database.execute("INSERT OR IGNORE INTO msync_peers(site) VALUES (?)", [.text(site.rawValue)])
    }

    func storeFullExchange(_ state: FullExchange, of site: SiteID) throws {
        try ensurePeer(site)
        try database.execute("UPDATE msync_peers SET full_out = ?, full_out_through = ?, full_requested_at = ? WHERE site = ?",
                             [.integer(state.code), state.through.map { .integer($0) } ?? .null,
                              state.requestedSince.map { .text($0) } ?? .null, .text(site.rawValue)])
    }

    private func changeFullExchange(with site: SiteID, _ change: (inout FullExchange) -> Void) throws {
        try database.savepoint {
            var state = try peer(site).fullExchange
            change(&state)
            try storeFullExchange(state, of: site)
        }
    }

    /// Starts a full exchange with `peer` now (a district's resync order, a restore from backup):
    /// this site's next bundles carry everything the peer should hold, and ask it for the same.
    public func orderFullExchange(with peer: SiteID) throws {
        try changeFullExchange(with: peer) { $0.order(at: Replica.timestamp()) }
    }

    /// Asks `peer` for a full copy in every bundle until one has been merged (a new machine, a restore).
    public func requestFullCopy(from peer: SiteID) throws {
        try changeFullExchange(with: peer) { $0.request(at: Replica.timestamp()) }
    }

    /// Takes over what an older version kept outside `msync_peers` (the district's settings):
    /// a resync ordered at `requestedSince`, a full reply sent through a counter, the format last seen.
    public func adoptLegacyPeerState(_ peer: SiteID, requestedSince: String?, sentThrough: Int64?, format: UInt16?) throws {
        try changeFullExchange(with: peer) { state in
            if let requestedSince { state.request(at: requestedSince) }
            if let sentThrough, state.outgoing == .owed { state.outgoing = .sent(through: sentThrough) }
        }
        if let format { try notePeerFormat(format, of: peer) }
    }

    func notePeerFormat(_ format: UInt16, of site: SiteID) throws {
        try database.execute("UPDATE msync_peers SET format = max(format, ?) WHERE site = ?", [.integer(Int64(format)), .text(site.rawValue)])
    }

    /// Peer state of older versions (flags in `msync_peers`) becomes the typed state, once, on open.
    static func upgradePeerState(_ db: Database) throws {
        func columns() throws -> Set<String> {
            Set(try db.rows("SELECT name FROM pragma_table_info('msync_peers')").map { $0[0].displayText })
        }
        guard try !columns().contains("full_out") else { return }
        try db.transaction {
            let old = try columns()
            guard !old.contains("full_out") else { return }  // another process was first
            for c in ["full_out INTEGER NOT NULL DEFAULT 0", "full_out_through INTEGER", "full_requested_at TEXT",
                      "format INTEGER NOT NULL DEFAULT 0"] {
                try db.execute("ALTER TABLE msync_peers ADD COLUMN \(c)")
            }
            if old.isSuperset(of: ["send_full_pending", "full_resend_pending", "want_full"]) {
                try db.execute("""
                    UPDATE msync_peers SET full_out = (send_full_pending = 1 OR full_resend_pending = 1),
                      full_requested_at = CASE WHEN want_full = 1 THEN ? END
                    """, [.text(Replica.timestamp())])
            }
        }
    }
}

import Foundation

/// What an export wrote.
public struct ExportSummary: Sendable {
    public var url: URL
    public var header: BundleHeader
    public var bytes: Int
    /// Rows left out because a bundle cannot carry them, with the reason; they go once fixed.
    public var held: [HeldRow] = []
}

extension Replica {
    /// Rows a recipient receives: its own and the district's (the district side), or all this site holds (a school).
    func subscription(of recipient: SiteID) -> [String]? {
        role == .district ? [recipient.rawValue, site.rawValue] : nil
    }

    /// Writes a bundle for `recipient` into `directory` with every change it has not acknowledged
    /// (or, when a full exchange is pending or `forceFull` is set, everything it should hold).
    public func exportBundle(to directory: URL, recipient: SiteID, key: [UInt8], forceFull: Bool = false,
                             commands: [BundleHeader.Command] = [], rejections: [BundleHeader.Rejection] = [],
                             now: Date = Date(), bundleID: [UInt8]? = nil,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                             formatVersion: UInt16 = BundleLayout.formatVersion) throws -> ExportSummary {
        // Step 1, a short write transaction: fold the log and take a sequence number.
        // The knowledge the bundle claims is taken here, right after folding: a write captured
        // after this point is not in the bundle, so it must not be claimed either.
        let bundleID = bundleID ?? Replica.randomBundleID()
        var claimIsNew = false
        let (sequence, peerInfo, knowledge, acked) = try writeTransaction { () -> (Int64, Peer, VersionVector, [UInt8]?) in
            try foldLog()
            try refreshShare(of: recipient)
            // A district's first full reply of an exchange claims a counter no earlier reply claimed:
            // the exchange ends when the school's knowledge reaches it, which a bundle the school
            // wrote before merging a full reply then cannot (FullExchange.wroteFull).
            if role == .district, try peer(recipient).fullExchange.outgoing == .owed { try raiseCounter(to: try counter() + 1) }
            let knowledge = try self.knowledge()
            claimIsNew = try database.scalar("SELECT 1 FROM msync_claims WHERE peer = ? AND counter = ?",
                                             [.text(recipient.rawValue), .integer(knowledge[site])]) == nil
            try recordClaim(knowledge[site], to: recipient, bundle: bundleID)
            try ensurePeer(recipient)
            try database.execute("UPDATE msync_peers SET sent_sequence = sent_sequence + 1 WHERE site = ?", [.text(recipient.rawValue)])
            let p = try peer(recipient)
            return (p.sentSequence, p, knowledge, role == .district ? try lastBundleID(from: recipient) : nil)
        }
        let full = forceFull || peerInfo.fullExchange.sendsFull
        let theirs = full ? VersionVector() : peerInfo.theirKnowledge
        // An older school is answered at its own schema: no table or column it does not know.
        let target = try answerSchema(for: recipient)

        // Step 2, a read transaction: one consistent snapshot streamed into the file while writers go on.
        // No file written (a full stick, a stick pulled out): the claim made for it is taken back, so
        // the next bundle's rows are not counted as sent before, and no reply can acknowledge it.
        var written = false
        defer {
            if !written {
                try? writeTransaction {
                    if claimIsNew {
                        try database.execute("DELETE FROM msync_claims WHERE peer = ? AND counter = ?",
                                             [.text(recipient.rawValue), .integer(knowledge[site])])
                    }
                    try database.execute("DELETE FROM msync_sent WHERE peer = ? AND bundle_id = ?", [.text(recipient.rawValue), .blob(bundleID)])
                }
            }
        }
        let summary: ExportSummary = try database.transaction(.deferred) {
            var conditions: [String] = []
            var args: [DatabaseValue] = []
            if full {
                let owned = role == .school ? [site.rawValue] : subscription(of: recipient)!
                conditions.append("org_id IN (\(owned.map { _ in "?" }.joined(separator: ", ")))")
                args += owned.map { .text($0) }
            } else {
                conditions.append("local > ? AND local > 0")  // the second term lets SQLite use the partial index
                args.append(.integer(theirs[site]))
                if let sub = subscription(of: recipient) {
                    conditions.append("org_id IN (\(sub.map { _ in "?" }.joined(separator: ", ")))")
                    args += sub.map { .text($0) }
                }
            }
            if target.version < schema.version {
                conditions.append("tbl IN (\(target.tables.map { String($0.number) }.joined(separator: ", ")))")
            }
            let whereClause = conditions.joined(separator: " AND ")
            let counts = try Replica.exportCountSQL(whereClause).map { try database.scalar($0, args) ?? .integer(0) }
            // Other schools' rows of the recipient's network share, each whole (Replica+Shares).
            let shared = try sharedRows(for: recipient, theirs: theirs, target: target)
            let members = try shareMembers(of: recipient)
            let moved = try rowsThatLeft(recipient, theirs: theirs).filter { row in
                guard let t = target.table(named: row.table) else { return false }
                return members[RowKey(table: t.number, id: row.id)] == nil
            }
            var conflictArgs: [DatabaseValue] = [.text(site.rawValue), .integer(full ? 0 : theirs[site])]
            let conflictWhere = "detected_by = ? AND detected_counter > ?"
            if role == .district { conflictArgs = [.text("-"), .integer(Int64.max)] }  // conflicts travel up only
            let conflictCount = try database.scalar("SELECT count(*) FROM msync_conflicts WHERE \(conflictWhere)", conflictArgs)?.integer ?? 0

            // A request for a full copy travels as the school's flag, or as the district's resync command.
            var commands = commands
            if role == .district, peerInfo.fullExchange.isRequested, !commands.contains(where: { $0.name == BundleHeader.Command.resync }) {
                commands.append(BundleHeader.Command(name: BundleHeader.Command.resync))
            }
            var ack = VersionVector()
            ack.advance(recipient, to: peerInfo.merged)
            // Rows a bundle cannot carry are found while writing; the file is then written again
            // without them (same snapshot), claiming no knowledge of their writes.
            var held: [HeldRow] = []
            var heldKeys: Set<RowKey> = []
            var heldTombstones = 0
            var claimed = knowledge
            // Each table the recipient holds, by number, with how many of its cells it knows.
            // Rows the recipient refused before: each goes whole (Replica+Merge, `noteRefusedRows`).
            var wholeRows: Set<RowKey> = []
            try database.forEachRow("SELECT tbl, id FROM msync_whole") { s in wholeRows.insert(RowKey(table: Int(s.int64(at: 0)), id: s.string(at: 1) ?? "")) }
            var sent: [Int: (TableSchema, Int)] = [:]
            for t in target.tables { if let table = schema.table(number: t.number) { sent[t.number] = (table, t.cellNames.count) } }
            while true {
                var header = BundleHeader(
                    schemaVersion: target.version, sender: site, recipient: recipient,
                    bundleID: bundleID, sequence: sequence,
                    createdAt: Int64(now.timeIntervalSince1970), kind: role == .school ? .changes : .reply,
                    knowledge: claimed, acknowledgement: ack, commands: commands, rejections: rejections,
                    rowCount: Int(counts[0].integer ?? 0) - held.count + moved.count + shared.count,
                    tombstoneCount: Int(counts[1].integer ?? 0) - heldTombstones + (moved + shared).filter(\.isTombstone).count,
                    conflictCount: Int(conflictCount), isFull: full)
                header.wantsFull = role == .school && peerInfo.fullExchange.isRequested
                header.acknowledgedBundle = acked
                var writer: BundleWriter? = try BundleWriter(directory: directory, header: header, key: key,
                                                             compressionLevel: Replica.exportCompressionLevel, formatVersion: formatVersion)
                let found = held.count
                do {
                    for table in target.tables { try writer?.declareTable(table.name, columns: table.cellNames) }
                    try database.forEachRow("SELECT tbl, id, org_id, alive, clock, local FROM msync_rows WHERE \(whereClause) ORDER BY \(!full && (counts[0].integer ?? 0) <= 20_000 ? "+tbl, +id" : "tbl, id")", args) { s in
                        let number = Int(s.int64(at: 0))
                        guard let (table, cellLimit) = sent[number] else { return }
                        let id = s.string(at: 1) ?? ""
                        if !heldKeys.isEmpty && heldKeys.contains(RowKey(table: number, id: id)) { return }
                        let org = s.string(at: 2) ?? ""
                        let alive = s.int64(at: 3) != 0
                        // A live row's values and clock are read from its row; a tombstone's clock is the entry's.
                        let row = alive ? try readValuesAndClock(table, id: id) : nil
                        let values = row?.values
                        let clock = try decodeStoredClock(row?.clock ?? s.bytes(at: 4), table: number, alive: alive, local: s.int64(at: 5))
                        var cells: [CellChange] = []
                        cells.reserveCapacity(clock.stamps.count)
                        // A row whose owner changed after what the recipient knows may be new to it (a row
                        // refused once and corrected, a row the district gave to another school): it goes whole.
                        let whole = clock.stamps[1].map { !theirs.covers($0) } ?? false
                            || (!wholeRows.isEmpty && wholeRows.contains(RowKey(table: number, id: id)))
                        // A tombstone always carries its existence cell, so every deleted row says so itself.
                        for (pos, stamp) in clock.stamps where pos <= cellLimit && (whole || !theirs.covers(stamp) || (pos == 0 && !alive)) {
                            let value: DatabaseValue
                            // A deleted row keeps no values, but it still knows its owner.
                            if pos == 0 { value = .integer(alive ? 1 : 0) } else if pos == 1 && !alive { value = .text(org) } else {
                                value = values?[pos - 1] ?? .null
                            }
                            cells.append(CellChange(position: pos, stamp: stamp, value: value))
                        }
                        if let reason = HeldRow.problem(table, id: id, orgID: org, values: values) {
                            held.append(HeldRow(table: table.name, id: id, reason: reason))
                            heldKeys.insert(RowKey(table: number, id: id))
                            if !alive { heldTombstones += 1 }
                            for c in cells where !theirs.covers(c.stamp) && c.stamp.counter <= claimed[c.stamp.site] { claimed[c.stamp.site] = c.stamp.counter - 1 }
                            writer?.abandon()
                            writer = nil
                            return
                        }
                        guard let writer else { return }
                        try writer.append(RowChange(table: table.name, id: id, orgID: org, version: clock.version, cells: cells))
                        if let progress, writer.rowsWritten % 5000 == 0 { progress(writer.rowsWritten, header.rowCount) }
                    }
                    guard let writer, held.count == found else { continue }
                    for row in moved + shared { try writer.append(row) }
                    try database.forEachRow("""
                        SELECT tbl, row_id, col, winner_value, winner_counter, winner_site, loser_value, loser_counter, loser_site,
                               detected_by, detected_counter, detected_at
                        FROM msync_conflicts WHERE \(conflictWhere) ORDER BY detected_counter, id
                        """, conflictArgs) { s in
                        try writer.append(try Replica.conflictRecord(from: s))
                    }
                    let url = try writer.finish()
                    return ExportSummary(url: url, header: writer.header, bytes: writer.bytesWritten, held: held)
                } catch {
                    writer?.abandon()
                    throw error
                }
            }
        }
        written = true
        try database.transaction {
            try recordClaim(summary.header.knowledge[site], to: recipient, bundle: nil)  // lowered when rows were held
            try database.execute("UPDATE msync_peers SET last_export_at = ? WHERE site = ?", [.text(Replica.timestamp(now)), .text(recipient.rawValue)])
            if full {
                var state = try peer(recipient).fullExchange
                state.wroteFull(through: summary.header.knowledge[site], role: role)
                try storeFullExchange(state, of: recipient)
            }
        }
        return summary
    }

    /// zlib's level for exported bundles. Level 6 (zlib's default) spent as long compressing a
    /// first export as the writer spent reading and encoding it; level 5 deflates the same body
    /// (27.3 MB, 100,000 registry rows) in 0.42 s instead of 0.69 s, into 55.9 B/row instead of 53.5.
    static let exportCompressionLevel: Int32 = 5

    /// The header's counts of the rows an export sends and of the tombstones among them, both read
    /// from indexes: `msync_rows_by_local` holds the key of every row written since a counter,
    /// `msync_rows_dead` only tombstones (counting them with the rows read every row sent).
    static func exportCountSQL(_ whereClause: String) -> [String] {
        ["SELECT count(*) FROM msync_rows WHERE \(whereClause)",
         "SELECT count(*) FROM msync_rows INDEXED BY msync_rows_dead WHERE alive = 0 AND \(whereClause)"]
    }

    /// The rows the district wrote after a counter, not the recipient's or its own. `+tbl, +id`:
    /// ordered by the table's key, SQLite would walk every row the district holds (for every reply)
    /// instead of reading the few it wrote since from `msync_rows_by_local`.
    static let rowsThatLeftSQL = """
        SELECT tbl, id, org_id, alive, clock FROM msync_rows
        WHERE local > ? AND local > 0 AND org_id NOT IN (?, ?) ORDER BY +tbl, +id
        """

    /// At the district: rows the recipient may still hold as its own or the district's, that the
    /// district has since given to another school, in a move the recipient has not seen. Each goes as
    /// a ROW with its new owner and only its org_id cell (and existence cell, if deleted): none of
    /// its values, which belong to the new owner. A school that receives one removes its copy.
    func rowsThatLeft(_ recipient: SiteID, theirs: VersionVector) throws -> [RowChange] {
        var rows: [RowChange] = []
        try forEachRowThatLeft(recipient, theirs: theirs, ordered: true) { row, clock, moved in
            guard let table = schema.table(number: row.table) else { return }
            var cells = [CellChange(position: 1, stamp: moved, value: .text(row.orgID))]
            if !row.alive, let deleted = clock.stamps[0] {
                cells.insert(CellChange(position: 0, stamp: deleted, value: .integer(0)), at: 0)
            }
            rows.append(RowChange(table: table.name, id: row.id, orgID: row.orgID, version: clock.version, cells: cells))
        }
        return rows
    }

    /// How many rows `rowsThatLeft` would send (for status: in no order, nothing made of them).
    func rowsThatLeftCount(_ recipient: SiteID, theirs: VersionVector) throws -> Int {
        var n = 0
        try forEachRowThatLeft(recipient, theirs: theirs, ordered: false) { row, _, _ in
            if schema.table(number: row.table) != nil { n += 1 }
        }
        return n
    }

    /// A row that moved, as `forEachRowThatLeft` finds it.
    struct LeftRow {
        var table: Int
        var id: String
        var orgID: String
        var alive: Bool
    }

    private func forEachRowThatLeft(_ recipient: SiteID, theirs: VersionVector, ordered: Bool,
                                    _ body: (LeftRow, RowClock, Stamp) throws -> Void) throws {
        guard role == .district else { return }
        func left(_ clock: RowClock) -> Stamp? {
            guard !clock.formerOwners.isDisjoint(with: [recipient, site]), let moved = clock.stamps[1], !theirs.covers(moved) else { return nil }
            return moved
        }
        if !ordered, let written = shareMemo?.written {
            // Within `readingShares`: the moved rows among the district's writes, read once for all schools.
            for w in written where w.local > theirs[site] && w.org != recipient.rawValue && w.org != site.rawValue {
                guard let m = w.moved else { continue }
                let clock = try codec.decode(m.clock)
                if let moved = left(clock) { try body(LeftRow(table: m.table, id: m.id, orgID: w.org, alive: m.alive), clock, moved) }
            }
            return
        }
        let sql = ordered ? Replica.rowsThatLeftSQL : Replica.rowsThatLeftSQL.replacingOccurrences(of: " ORDER BY +tbl, +id", with: "")
        // A move is a write of the district, so `local` (its own counter in the row) is at least the move's.
        try database.forEachRow(sql, [.integer(theirs[site]), .text(recipient.rawValue), .text(site.rawValue)]) { s in
            let bytes = s.bytes(at: 4)
            guard codec.namesFormerOwners(bytes) else { return }
            let clock = try codec.decode(bytes)
            guard let moved = left(clock) else { return }
            try body(LeftRow(table: Int(s.int64(at: 0)), id: s.string(at: 1) ?? "", orgID: s.string(at: 2) ?? "", alive: s.int64(at: 3) != 0), clock, moved)
        }
    }

    /// The values of cell positions 1…n of a live row (org_id, then the columns), or nil if it is not there.
    /// The fingerprint of a row's values as they are in its table (nil when it has no row there),
    /// hashed as they are read, without making the values.
    func readFingerprint(_ table: TableSchema, id: String) throws -> RowFingerprint? {
        let s = try selectStatement(table)
        try s.bind(id, at: 1)
        defer { s.reset() }
        guard try s.step() else { return nil }
        return RowFingerprint(statement: s, columns: 0..<table.columns.count + 1)
    }

    /// The values of a live row, with its clock as stored in the row (nil when it has none there).
    func readValuesAndClock(_ table: TableSchema, id: String) throws -> (values: [DatabaseValue], clock: [UInt8]?)? {
        let s = try selectStatement(table)
        try s.bind(id, at: 1)
        defer { s.reset() }
        guard try s.step() else { return nil }
        let n = table.columns.count + 1
        return ((0..<n).map { s.value(at: $0) }, s.isNull(at: n) ? nil : s.bytes(at: n))
    }

    func readValues(_ table: TableSchema, id: String) throws -> [DatabaseValue]? {
        let s = try selectStatement(table)
        try s.bind(id, at: 1)
        defer { s.reset() }
        guard try s.step() else { return nil }
        return (0..<table.columns.count + 1).map { s.value(at: $0) }
    }

    static func conflictRecord(from s: Statement) throws -> ConflictRecord {
        func site(_ i: Int) throws -> SiteID {
            guard let v = SiteID(s.string(at: i) ?? "") else { throw ReplicaError.corruptMetadata("a conflict names an invalid site") }
            return v
        }
        return ConflictRecord(table: s.string(at: 0) ?? "", rowID: s.string(at: 1) ?? "", column: s.string(at: 2) ?? "",
                              winnerValue: s.value(at: 3), winnerStamp: Stamp(counter: s.int64(at: 4), site: try site(5)),
                              loserValue: s.value(at: 6), loserStamp: Stamp(counter: s.int64(at: 7), site: try site(8)),
                              detectedBy: try site(9), detectedCounter: s.int64(at: 10), detectedAt: s.int64(at: 11))
    }

    static func randomBundleID() -> [UInt8] {
        RandomBytes.make(16)
    }
}

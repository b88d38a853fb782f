import Foundation

/// Merging a bundle into a replica: one transaction per bundle, idempotent and order-independent.
///
/// Each cell is a last-writer-wins register ordered by its `Stamp` (Lamport counter, then site),
/// which every site computes alike, so all sites converge. The row's version vector tells whether
/// two writes were concurrent (neither side had seen the other's); concurrent writes of different
/// values are recorded as conflicts for the coordinator.
extension Replica {
    /// Verifies and merges one bundle file. Nothing is written unless the whole bundle merges.
    /// `afterMerge` runs inside the merge's transaction, once the bundle is merged: what the caller
    /// records about the bundle commits with the merge, and if it throws, neither is kept.
    public func importBundle(at url: URL, keyFor: (BundleHeader) throws -> [UInt8],
                             policy: @escaping MergePolicy = MergePolicies.acceptAll,
                             conflictPolicy: @escaping ConflictPolicy = MergePolicies.acceptAllConflicts,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                             limits: BundleLimits = .standard,
                             afterMerge: (MergeReport) throws -> Void = { _ in }) throws -> MergeReport {
        try importBundle(from: try BundleReader(url: url, limits: limits), keyFor: keyFor, policy: policy,
                         conflictPolicy: conflictPolicy, progress: progress, afterMerge: afterMerge)
    }

    /// Merges a bundle opened with `BundleReader(url:)` (its header already read, once), in one
    /// pass over the file: the authenticator is computed while the records are merged and checked
    /// before the transaction commits. A refusal is reported as damage or forgery when the file
    /// is not whole and genuine (`BundleReader.failure(explaining:)`).
    public func importBundle(from reader: BundleReader, keyFor: (BundleHeader) throws -> [UInt8],
                             policy: @escaping MergePolicy = MergePolicies.acceptAll,
                             conflictPolicy: @escaping ConflictPolicy = MergePolicies.acceptAllConflicts,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
                             afterMerge: (MergeReport) throws -> Void = { _ in }) throws -> MergeReport {
        try reader.begin(key: keyFor(reader.header))
        do {
            return try merge(reader, policy: policy, conflictPolicy: conflictPolicy, progress: progress, afterMerge: afterMerge)
        } catch {
            throw reader.failure(explaining: error)
        }
    }

    private func merge(_ reader: BundleReader, policy: @escaping MergePolicy, conflictPolicy: @escaping ConflictPolicy,
                       progress: ((_ done: Int, _ total: Int) -> Void)?,
                       afterMerge: (MergeReport) throws -> Void) throws -> MergeReport {
        let header = reader.header
        guard header.recipient == site else {
            throw BundleError.misaddressed(recipient: header.recipient.rawValue, expected: site.rawValue)
        }
        guard header.schemaVersion <= schema.version else {
            throw BundleError.unsupportedSchema(header.schemaVersion, supported: schema.version)
        }
        return try writeTransaction(withinOpen: mergesInOpenTransaction) {
            var report = MergeReport(header: header)
            report.formatVersion = reader.formatVersion
            let ceiling = try counterCeiling()
            try checkReach(header.knowledge, "knowledge", ceiling: ceiling)
            try checkReach(header.acknowledgement, "acknowledgement", ceiling: ceiling)
            report.logFolded = try foldLog()
            report.restampedRows = try restampIfCountersWereReused(header)
            // What the merge writes is not captured again: triggers are off on this connection
            // (other connections cannot write meanwhile; this transaction holds the write lock).
            // A caller that switched them off for many merges (the district's pass) switches them
            // back on itself: each switch makes SQLite prepare the connection's statements again.
            let captureWasOn = database.triggersEnabled
            try database.setTriggersEnabled(false)
            defer { if captureWasOn { try? database.setTriggersEnabled(true) } }
            var merger = RowMerger(replica: self, sender: header.sender, policy: policy)
            var positionMaps: [String: [Int?]] = [:]
            var lastTable: (table: TableSchema, positions: [Int?])?
            var maxCounter: Int64 = 0
            var preparer: RowPreparer?
            if BundleReadAhead.readsAhead(header) && header.rowCount > 0 {
                // The sender numbered first, so the clocks of its rows can be encoded on the reading thread.
                _ = try codec.number(header.sender)
                preparer = RowPreparer(schema: schema, site: site, siteNumbers: try codec.assignedNumbers())
            }
            let records = BundleReadAhead(reader, preparer: preparer)
            defer { records.stop() }
            while let record = try records.next() {
                switch record {
                case .row(let change):
                    report.rowsReceived += 1
                    // A bundle's rows come table by table: the last table's schema and positions are kept at hand.
                    let table: TableSchema, positions: [Int?]
                    if let last = lastTable, last.table.name == change.table {
                        (table, positions) = last
                    } else {
                        guard let found = schema.table(named: change.table) else {
                            report.refusals.append(RowRefusal(table: change.table, id: change.id,
                                                              reason: RefusalReason.unknownTable(table: change.table).text))
                            continue
                        }
                        if positionMaps[change.table] == nil {
                            let map = CellPositions.map(local: found.cellNames, declared: records.tableColumns[change.table] ?? [])
                            for name in map.unknown { report.unknownColumns.insert("\(change.table).\(name)") }
                            positionMaps[change.table] = map.positions
                        }
                        (table, positions) = (found, positionMaps[change.table]!)
                        lastTable = (table, positions)
                    }
                    // Every stamp lies at or below the row's version (the reader checks it).
                    try checkReach(change.version, "row version", ceiling: ceiling)
                    for cell in change.cells { maxCounter = max(maxCounter, cell.stamp.counter) }
                    try merger.merge(change, table: table, positions: positions, prepared: records.prepared, report: &report)
                    if let progress, report.rowsReceived % 5000 == 0 { progress(report.rowsReceived, header.rowCount) }
                case .conflict(let c):
                    if let reason = try refusal(of: c, sender: header.sender, policy: conflictPolicy) {
                        report.refusals.append(RowRefusal(table: c.table, id: c.rowID, reason: reason))
                    } else if try insertConflict(c) {
                        report.conflictsReceived += 1
                    }
                }
            }

            // Lamport: the next local write must be stamped above everything seen.
            for (_, c) in header.knowledge.entries { maxCounter = max(maxCounter, c) }
            for (_, c) in header.acknowledgement.entries { maxCounter = max(maxCounter, c) }
            try raiseCounter(to: maxCounter)
            try reassert(merger.reassertions)
            if !merger.conflicts.isEmpty {
                let detection = try counter() + 1
                try raiseCounter(to: detection)
                for c in merger.conflicts {
                    var c = c
                    c.detectedCounter = detection
                    if try insertConflict(c) { report.conflictsDetected += 1 }
                    report.conflictCellsDetected.insert(ConflictCell(table: c.table, rowID: c.rowID, column: c.column))
                }
            }
            if role == .school { try noteRefusedRows(header.rejections.map(\.reason)) }
            (report.fullExchangeBefore, report.fullExchange) = try recordPeer(header: header, format: reader.formatVersion)
            if captureWasOn { try database.setTriggersEnabled(true) }
            try afterMerge(report)
            return report
        }
    }

    /// Rows of this school its district refused go whole from now on (Protocol/bundle.md, "Refused
    /// changes"): a new row the district does not hold, corrected in one cell, would otherwise
    /// arrive as that cell alone and never become a row there. A row of this school's noted for the
    /// first time goes once more at the next export (its correction may have gone before the
    /// refusal came back, as that one cell). Runs in the caller's write transaction; returns how
    /// many rows were noted anew.
    @discardableResult
    public func noteRefusedRows(_ reasons: [String]) throws -> Int {
        var noted = 0
        for reason in reasons {
            guard let row = RefusalReason.namedRow(reason), let table = schema.table(named: row.table) else { continue }
            try database.cachedStatement("INSERT OR IGNORE INTO msync_whole(tbl, id) VALUES (?, ?)")
                .execute([.integer(Int64(table.number)), .text(row.id)])
            // Asked to send it whole, it goes again whole however often it was noted before.
            var asked = false
            if case .notWhole? = RefusalReason(text: reason) { asked = true }
            guard database.changes == 1 || asked else { continue }
            noted += 1
            let again = try counter() + 1
            try raiseCounter(to: again)
            // A clock implied by the entry's counter is put into the row before the counter moves.
            if let held = try loadRow(table: table.number, id: row.id), held.alive, held.orgID == site.rawValue {
                try storeRow(table: table.number, id: row.id, held, held: true)
            }
            try database.cachedStatement("UPDATE msync_rows SET local = ? WHERE tbl = ? AND id = ? AND alive = 1 AND org_id = ?")
                .execute([.integer(again), .integer(Int64(table.number)), .text(row.id), .text(site.rawValue)])
        }
        return noted
    }

    /// Records a conflict once (its id is the same wherever it is detected); true when it is new here.
    func insertConflict(_ c: ConflictRecord) throws -> Bool {
        try database.cachedStatement("""
            INSERT OR IGNORE INTO msync_conflicts(id, tbl, row_id, col, winner_value, winner_counter, winner_site,
                loser_value, loser_counter, loser_site, detected_by, detected_counter, detected_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([.text(c.id), .text(c.table), .text(c.rowID), .text(c.column), c.winnerValue,
                          .integer(c.winnerStamp.counter), .text(c.winnerStamp.site.rawValue), c.loserValue,
                          .integer(c.loserStamp.counter), .text(c.loserStamp.site.rawValue),
                          .text(c.detectedBy.rawValue), .integer(c.detectedCounter), .integer(c.detectedAt)])
        return database.changes > 0
    }

    /// What a bundle tells about its sender: knowledge, sequence, format, and the full exchange.
    private func recordPeer(header: BundleHeader, format: UInt16) throws -> (before: FullExchange, after: FullExchange) {
        let sender = header.sender
        try ensurePeer(sender)
        let p = try peer(sender)
        let theirs = p.theirKnowledge.union(header.knowledge)
        // The bundle carrying the newest knowledge claim is the one a reply acknowledges.
        if header.knowledge[sender] >= p.merged {
            try database.execute("UPDATE msync_peers SET last_bundle_id = ? WHERE site = ?", [.blob(header.bundleID), .text(sender.rawValue)])
        }
        try database.execute("""
            UPDATE msync_peers SET merged = max(merged, ?), their_knowledge = ?,
              last_sequence = max(last_sequence, ?), last_bundle_at = ?, last_bundle_created = ?, last_bundle_name = ?
            WHERE site = ?
            """, [.integer(header.knowledge[sender]), .blob(Replica.encodeVector(theirs)), .integer(header.sequence),
                  .text(Replica.timestamp()), .integer(header.createdAt), .text(header.fileName), .text(sender.rawValue)])
        try notePeerFormat(format, of: sender)
        var state = p.fullExchange
        state.merged(full: header.isFull, theirKnowledgeOfUs: header.knowledge[site])
        if header.wantsFull || header.commands.contains(where: { $0.name == BundleHeader.Command.resync }) { state.peerAsked() }
        // A school that now declares a newer schema receives whole what its old version could not hold.
        if try notePeerSchema(header.schemaVersion, of: sender), role == .district { state.peerAsked() }
        if state != p.fullExchange { try storeFullExchange(state, of: sender) }
        return (p.fullExchange, state)
    }
}

import Foundation

/// Rows this site has never held, and what every merge needs of a change's cells.
extension RowMerger {
    typealias IncomingCell = (pos: Int, stamp: Stamp, value: DatabaseValue)

    /// What a row this site has never held becomes: its clock and owner, and its values (cell
    /// positions 1…n) when it lives.
    struct UnseenRow {
        var stored: Replica.StoredRow
        var values: [DatabaseValue]?
    }

    /// The change's cells at this site's positions (cells of columns this site lacks are left out).
    func incomingCells(_ change: RowChange, positions: [Int?]) -> [IncomingCell] {
        RowMerger.incomingCells(change, positions: positions)
    }

    static func incomingCells(_ change: RowChange, positions: [Int?]) -> [IncomingCell] {
        var incoming: [IncomingCell] = []
        incoming.reserveCapacity(change.cells.count)
        for cell in change.cells {
            guard cell.position < positions.count, let local = positions[cell.position] else { continue }
            incoming.append((local, cell.stamp, cell.value))
        }
        return incoming
    }

    /// At the district, a row it has never held must come with its existence cell: some cells of it
    /// alone (its creation refused, then one cell corrected) would make a row of those cells, the
    /// rest empty. Refused, so the school sends it whole (Protocol/bundle.md, "Refused changes").
    func notWhole(_ change: RowChange, _ incoming: [IncomingCell]) -> String? {
        guard replica.role == .district, !incoming.contains(where: { $0.pos == 0 }) else { return nil }
        return RefusalReason.notWhole(table: change.table, id: change.id).text
    }

    /// The owner named by the row and the one in its org_id cell must agree, or a sender could
    /// pass its own ownership check while handing the row to someone else. The refusal, if not.
    func ownersDisagree(_ change: RowChange, _ incoming: [IncomingCell]) -> String? {
        guard let owner = incoming.first(where: { $0.pos == 1 }), owner.value != .text(change.orgID) else { return nil }
        return RefusalReason.twoOwners(table: change.table, id: change.id).text
    }

    /// Why a change is refused before its cells are weighed — the registry's own checks, the
    /// merge policy (given the row's owner here, if it is held) and the share rules; nil if it is not.
    func refusal(of change: RowChange, table: TableSchema, positions: [Int?], heldBy owner: String?) throws -> String? {
        try replica.refusal(of: change, in: table, sender: sender) ?? policy(change, owner, sender)
            ?? replica.shareRefusal(of: change, in: table, positions: positions, sender: sender)
    }

    /// Reports `change` refused; the first `RowRefusal.valuesKept` refusals of a bundle keep the
    /// cells it brought by column name (a bundle of refused rows must not fill the memory).
    func refuse(_ change: RowChange, _ table: TableSchema, _ positions: [Int?], _ reason: String, in report: inout MergeReport) {
        var values: [String: DatabaseValue] = [:]
        if report.refusals.count < RowRefusal.valuesKept {
            let names = table.cellNames
            for c in incomingCells(change, positions: positions) where c.pos >= 1 && c.pos <= names.count { values[names[c.pos - 1]] = c.value }
        }
        report.refusals.append(RowRefusal(table: change.table, id: change.id, reason: reason, values: values))
    }

    func refusedValue(_ change: RowChange, _ e: SQLiteError) -> String {
        RefusalReason.refusedValue(table: change.table, id: change.id, detail: e.message).text
    }

    func unseenRow(_ change: RowChange, _ incoming: [IncomingCell], table: TableSchema) -> UnseenRow {
        RowMerger.unseenRow(change, incoming, width: table.columns.count + 1, site: replica.site)
    }

    /// `width`: the table's cell positions 1…n; `site`: this site (whose counter is the row's `local`).
    static func unseenRow(_ change: RowChange, _ incoming: [IncomingCell], width: Int, site: SiteID) -> UnseenRow {
        var clock = RowClock(version: change.version)
        for c in incoming { clock.stamps[c.pos] = c.stamp }
        let existence = incoming.first { $0.pos == 0 }
        let alive = existence.map { $0.value == .integer(1) } ?? !incoming.isEmpty
        var values: [DatabaseValue]?
        if alive {
            var v = [DatabaseValue](repeating: .null, count: width)
            for c in incoming where c.pos > 0 { v[c.pos - 1] = c.value }
            if case .null = v[0] { v[0] = .text(change.orgID) }
            values = v
        }
        let org = alive ? (incoming.first { $0.pos == 1 }?.value.text ?? change.orgID) : change.orgID
        return UnseenRow(stored: Replica.StoredRow(orgID: org, alive: alive, local: clock.version[site], clock: clock), values: values)
    }

    /// Merges a change as a row this site has never held, without looking it up first: its clock
    /// goes in by an insert that does nothing when the row is already here — then nothing was
    /// written and this returns false, for the usual path. A lookup that misses costs about what
    /// the insert costs, and in a first load every row misses. The checks are those of the usual
    /// path for a row not held; a row refused, or whose values the table refuses, has its
    /// clock taken out again, so it ends as the usual path leaves it.
    /// `prepared`: the row worked out on the reading thread (`RowPreparer`), if it was.
    mutating func mergeIfUnseen(_ change: RowChange, table: TableSchema, positions: [Int?], prepared: PreparedRow?,
                                report: inout MergeReport) throws -> Bool {
        let incoming = prepared?.incoming ?? incomingCells(change, positions: positions)
        let refusal = try refusal(of: change, table: table, positions: positions, heldBy: nil) ?? ownersDisagree(change, incoming)
            ?? notWhole(change, incoming)
        let new = prepared?.unseen ?? unseenRow(change, incoming, table: table)
        let clock: [UInt8], fingerprint: [UInt8]?
        if let prepared, prepared.unseen != nil, let c = prepared.clock {
            (clock, fingerprint) = (c, prepared.fingerprint)
        } else {
            (clock, fingerprint) = (try replica.encodeClock(new.stored.clock), new.values.map { RowFingerprint(values: $0).bytes })
        }
        // The entry first: it is there already when the row is held, and then nothing is written.
        guard try replica.storeEntryIfAbsent(table: table.number, id: change.id, new.stored, clock: clock) else {
            expectUnseen = false
            return false
        }
        if let refusal {
            try replica.removeRowClock(table: table.number, id: change.id)
            refuse(change, table, positions, refusal, in: &report)
            return true
        }
        if let values = new.values {
            do {
                try writeBase(table, id: change.id, values: values, insert: true, clock: clock, fingerprint: fingerprint)
            } catch let e as SQLiteError where e.isConstraint {
                try replica.removeRowClock(table: table.number, id: change.id)
                refuse(change, table, positions, refusedValue(change, e), in: &report)
                return true
            }
            report.rowsInserted += 1
        }
        report.rowsChanged += 1
        return true
    }
}

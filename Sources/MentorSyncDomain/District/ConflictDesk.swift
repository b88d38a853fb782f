import Foundation
import MentorSyncEngine

/// A conflict as the coordinator reviews it (the engine's `Conflict`), in the terms the commands print.
extension Conflict {
    public var winnerSite: String { winnerStamp.site.rawValue }
    public var winnerCounter: Int64 { winnerStamp.counter }
    public var loserSite: String { loserStamp.site.rawValue }
    public var loserCounter: Int64 { loserStamp.counter }
    /// The owner of the row now (nil when this site never held it).
    public var owner: String? { row?.orgID }
    public var rowDeleted: Bool { row.map { !$0.alive } ?? false }

    /// The two values the coordinator chooses between (DESIGN.md): mine, the value the district
    /// holds now, and theirs, the other; each with the stamp of its write. Mine is the write the merge
    /// kept, whoever made it — until the coordinator keeps the other (`current`, the cell's value
    /// now): a settled conflict settled again keeps to «the value held now».
    /// The one source for `resolve`, `list`, `show` and the web page.
    public func sides(holding current: DatabaseValue? = nil) -> (mine: ConflictSide, theirs: ConflictSide) {
        let winner = ConflictSide(value: winnerValue, stamp: winnerStamp), loser = ConflictSide(value: loserValue, stamp: loserStamp)
        if let current, current == loserValue, current != winnerValue { return (loser, winner) }
        return (winner, loser)
    }

    /// The first 8 characters of the id, as lists show it and `conflicts show|resolve` take it.
    public var shortID: String { String(id.prefix(8)) }

    public var json: [String: Any] {
        return [
            "id": id, "table": table, "row_id": rowID, "column": column,
            "kept_value": winnerValue.jsonValue, "kept_site": winnerSite, "kept_counter": winnerCounter,
            "lost_value": loserValue.jsonValue, "lost_site": loserSite, "lost_counter": loserCounter,
            "sites": [winnerSite, loserSite], "values": [winnerValue.jsonValue, loserValue.jsonValue],
            "detected_by": detectedBy.rawValue, "detected_at": Replica.timestamp(Date(timeIntervalSince1970: TimeInterval(detectedAt))),
            "status": status.rawValue, "resolution": resolution ?? NSNull(), "owner": owner ?? NSNull(), "row_deleted": rowDeleted,
        ]
    }
}

/// One side of a conflict: a value and the stamp of its write.
public struct ConflictSide: Sendable, Equatable {
    public var value: DatabaseValue
    public var stamp: Stamp
}

extension DistrictHome {
    public func conflicts(includeResolved: Bool = false) throws -> [Conflict] {
        try replica.fold()  // the rows' state includes edits made since the last sync (a row re-created by hand)
        return try replica.conflicts(includeResolved: includeResolved)
    }

    /// A conflict by its id, or by a prefix of at least 6 characters that names one.
    public func conflict(_ id: String) throws -> Conflict {
        let matches = try conflicts(includeResolved: true).filter { $0.id == id || ($0.id.hasPrefix(id) && id.count >= 6) }
        guard matches.count == 1 else {
            throw MessageError(matches.isEmpty ? .noConflict(id) : .conflictIDAmbiguous(id))
        }
        return matches[0]
    }

    /// The note of a conflict a later write settled (`settleReplacedConflicts`).
    public static let replacedNote = "replaced by a later change"

    /// A later write replaced the value an open conflict is about — a school's correction written
    /// after it had received both values, the coordinator's own edit — : the cell's stamp now, the
    /// conflict being moot (to keep either side would undo that change unseen); nil while it stands.
    /// Later by the Lamport counters: a write made after both has a counter above both (an older
    /// value held instead, as after a restore from backup, is no later write). A row deleted and
    /// made again since (as a deletion's conflict advises, to keep the lost value) is a new row, not
    /// a change of the field. (A write concurrent with the kept value is a conflict of its own.)
    public func laterWrite(over c: Conflict) throws -> Stamp? {
        let sides = max(c.winnerStamp.counter, c.loserStamp.counter)
        guard let row = c.row, row.alive, (row.existence?.counter ?? 0) <= sides,
              let now = try replica.cellStamp(table: c.table, id: c.rowID, column: c.column), now.counter > sides else { return nil }
        return now
    }

    /// Settles the open conflicts whose cell a later write replaced (run by each ingest pass, in its
    /// transaction, after the merges); the coordinator finds them in the settled list, to be settled
    /// again if she wishes. Returns how many.
    @discardableResult
    public func settleReplacedConflicts() throws -> Int {
        var settled = 0
        for c in try replica.conflicts() where try laterWrite(over: c) != nil {
            try replica.markResolved(conflict: c.id, resolution: Self.replacedNote)
            settled += 1
        }
        return settled
    }

    /// The value the registry holds now in the conflict's cell; nil when its row is deleted or not here.
    public func heldValue(_ c: Conflict) throws -> DatabaseValue? {
        guard c.row?.alive == true else { return nil }
        return try database.scalar("SELECT \(SQL.identifier(c.column)) FROM \(SQL.identifier(c.table)) WHERE id = ?", [.text(c.rowID)])
    }

    /// Settles a conflict with a new write at the district that wins over both sides and flows back
    /// to the school: the value held now (mine), the value lost (theirs), or a value typed by the coordinator.
    /// On a deleted row, keeping the deletion settles it; keeping a value is refused with what to do
    /// (a tombstone keeps no values, so the row cannot be brought back whole from here).
    @discardableResult
    public func resolve(conflict id: String, keep: ConflictChoice) throws -> String {
        let c = try conflict(id)
        // Either side kept over a later change would undo it unseen: the conflict is moot, and said so
        // with what the cell holds now (a typed value is a new decision, and is written).
        if c.status == .open || c.resolution == Self.replacedNote, keep == .mine || keep == .theirs, try laterWrite(over: c) != nil {
            if c.status == .open { try database.transaction { try replica.markResolved(conflict: c.id, resolution: Self.replacedNote) } }
            let held = ReferenceResolver(database: database).readable(try heldValue(c) ?? .null, column: c.column, table: c.table)
            throw MessageError(.conflictReplaced(short: c.shortID, held: held), onPage: .conflictReplacedOnPage(held: held))
        }
        return try database.transaction { try settle(c, keep: keep) }
    }

    /// Writes the decision on one conflict, inside the caller's transaction (one conflict, or a
    /// school's many settled at once, `ConflictBatch`); the note the settled list shows.
    func settle(_ c: Conflict, keep: ConflictChoice) throws -> String {
        // A settled conflict can be settled again (DESIGN.md): the coordinator may change their mind.
        let (mine, theirs) = c.sides(holding: try heldValue(c))
        guard let table = RegistrySchema.schema.table(named: c.table) else { throw MessageError(.unknownColumn("\(c.table).\(c.column)")) }
        // A typed value is checked like any entry (enumerations, dates, references) before anything is written.
        let kept: (value: DatabaseValue, stamp: Stamp?)
        var note: String
        switch keep {
        case .mine, .theirs:
            let side = keep == .mine ? mine : theirs
            kept = (side.value, side.stamp)
            // Told by whose write it was: what the school hears and the settled list shows.
            note = side.stamp.site == site ? "kept the district's value" : "kept the school's value"
        case .value(let text):
            kept = (try ConflictChoice.check(text, column: c.column, table: table, database: database), nil)
            note = "set to \(kept.value.displayText)"
        case .emptied:
            // Not what a row is not kept without (a mentor's person, a pair's mentor…).
            // Nor a row's owner or a link to another row (an emptied link leaves a row naming nothing).
            let column = table.column(named: c.column)
            let isLink: Bool = { if case .reference? = column?.kind { return true } else { return false } }()
            if column == nil || isLink || column?.required == true || RegistryEditor.neededForNewRow(table).contains(c.column) {
                throw MessageError(.requiredNotEmptied(table.name, c.column))
            }
            kept = (.null, nil)
            note = "emptied"
        }
        if let row = c.row, row.alive {
            // A plain write: captured with a stamp above both rivals, so it wins everywhere. A value
            // kept in place is stamped anew all the same, so the decision travels to the school.
            if try heldValue(c) == kept.value {
                try replica.restampCell(table: table, id: c.rowID, column: c.column)
            } else {
                try database.execute("UPDATE \(SQL.identifier(table.name)) SET \(SQL.identifier(c.column)) = ? WHERE id = ?", [kept.value, .text(c.rowID)])
            }
        } else if let row = c.row, let deletion = row.existence, kept.stamp == deletion {
            note = "kept the deletion: the row stays deleted"
        } else {
            throw MessageError(.conflictNoRow(short: c.shortID, table: c.table, rowID: c.rowID, deletedBy: c.row?.existence?.site.rawValue,
                                              column: c.column, value: kept.value.displayText, gone: c.row == nil))
        }
        try replica.markResolved(conflict: c.id, resolution: note)
        return note
    }
}

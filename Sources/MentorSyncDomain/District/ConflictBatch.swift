import Foundation
import MentorSyncEngine

/// A school's open conflicts settled by one decision, seen before it is made: after a school sent
/// everything again (its disk restored from an old backup, its registry on two computers) the
/// coordinator finds a hundred and more, and keeps one side for all of them — the school's values,
/// the district's, or by DESIGN.md's words the value held now (mine) or the one lost (theirs) —
/// for the whole school or for one field. Each conflict is settled as `conflicts resolve` settles
/// it (`DistrictHome.settle`), all in one transaction. The one service of
/// `conflicts resolve --all --site SITE --keep …` and of the web page /conflicts/all.
public struct ConflictBatch {
    /// Whose value each conflict keeps.
    public enum Keep: String, CaseIterable, Sendable {
        case mine, theirs, school, district
    }

    /// One conflict as the decision settles it: the value held now and the value kept.
    public struct Change {
        public let conflict: Conflict
        /// `.mine` or `.theirs`, as this conflict's sides fall.
        public let choice: ConflictChoice
        public let now: DatabaseValue
        public let kept: DatabaseValue
        /// The row is deleted and stays so (its deletion is the side kept).
        public let keepsDeletion: Bool
        /// Whether the registry's value changes (else the value held is confirmed and sent to the school again).
        public var changesValue: Bool { !keepsDeletion && now != kept }
    }

    public let site: SiteID
    public let keep: Keep
    /// `table.column`, or nil for every field.
    public let field: String?
    public let changes: [Change]
    /// Conflicts a later change of their field settled already: marked so, nothing written.
    public let replaced: [Conflict]
    /// Conflicts this decision cannot settle, left to be settled one by one: the side to keep is a
    /// value on a row deleted since, or neither side (or both) is the writer named (two computers
    /// of the same school wrote both).
    public let leftAlone: [Conflict]

    /// The field a conflict is about, as `--field` and the page name it: `persons.position`.
    public static func field(of c: Conflict) -> String { "\(c.table).\(c.column)" }

    /// Whether a conflict is the school's: its row is the school's, or the school wrote one side.
    public static func belongs(_ c: Conflict, to site: SiteID) -> Bool {
        c.owner == site.rawValue || c.winnerStamp.site == site || c.loserStamp.site == site
    }
}

extension DistrictHome {
    /// The school's open conflicts, field by field (`table.column` → how many), for the page that offers the decision.
    public func openConflictFields(of site: SiteID) throws -> [(field: String, count: Int)] {
        let open = try conflicts().filter { ConflictBatch.belongs($0, to: site) }
        return Dictionary(grouping: open, by: ConflictBatch.field(of:)).map { ($0.key, $0.value.count) }.sorted { $0.field < $1.field }
    }

    /// What keeping `keep` in the school's open conflicts (of one field, `table.column` or a column's
    /// name, when given; of the ids given, when given — the ones a preview showed) would write.
    /// Nothing is written. An unknown school is an error.
    public func conflictBatch(site: SiteID, keep: ConflictBatch.Keep, field: String? = nil, only ids: Set<String>? = nil) throws -> ConflictBatch {
        guard try isEnrolled(site) else { throw HomeError.notEnrolled(site.rawValue) }
        var changes: [ConflictBatch.Change] = [], replaced: [Conflict] = [], left: [Conflict] = []
        for c in try conflicts() where ConflictBatch.belongs(c, to: site) {
            if let field, ConflictBatch.field(of: c) != field, c.column != field { continue }
            if let ids, !ids.contains(c.id) { continue }
            if try laterWrite(over: c) != nil { replaced.append(c); continue }
            let held = try heldValue(c)
            let (mine, theirs) = c.sides(holding: held)
            let choice: ConflictChoice
            switch keep {
            case .mine: choice = .mine
            case .theirs: choice = .theirs
            case .school, .district:
                let writer = keep == .school ? site : self.site
                let (m, t) = (mine.stamp.site == writer, theirs.stamp.site == writer)
                guard m != t else { left.append(c); continue }
                choice = m ? .mine : .theirs
            }
            let side = choice == .mine ? mine : theirs
            let alive = c.row?.alive == true
            // A deleted row: only agreeing to its deletion settles it here (a value has nowhere to go).
            if !alive, c.row?.existence != side.stamp { left.append(c); continue }
            changes.append(.init(conflict: c, choice: choice, now: held ?? .null, kept: alive ? side.value : .null, keepsDeletion: !alive))
        }
        return ConflictBatch(site: site, keep: keep, field: field, changes: changes, replaced: replaced, leftAlone: left)
    }

    /// Settles every conflict of the batch as it was previewed, in one transaction: all of them, or
    /// (one refused) none. A batch no longer what it was — an exchange merged meanwhile settled a
    /// conflict by a later change, or changed a value — is refused, nothing written (a value kept
    /// over a later change would undo it unseen). Returns how many were settled by the decision.
    @discardableResult
    public func settle(_ batch: ConflictBatch) throws -> Int {
        try database.transaction {
            let ids = Set(batch.changes.map(\.conflict.id) + batch.replaced.map(\.id))
            let now = try conflictBatch(site: batch.site, keep: batch.keep, field: batch.field, only: ids)
            guard now.changes.map({ [$0.conflict.id, $0.kept.displayText, $0.now.displayText] }) == batch.changes.map({ [$0.conflict.id, $0.kept.displayText, $0.now.displayText] }),
                  now.replaced.map(\.id) == batch.replaced.map(\.id) else { throw MessageError(.conflictBatchChangedMeanwhile) }
            for c in batch.replaced { try replica.markResolved(conflict: c.id, resolution: Self.replacedNote) }
            for change in batch.changes { _ = try settle(change.conflict, keep: change.choice) }
            return batch.changes.count
        }
    }
}

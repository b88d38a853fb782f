import Foundation
import MentorSyncEngine

/// A conflict in people's words: sites by name, the row by its name, values as people read them,
/// each side's writer and the time of its write. The one view of `conflicts list|show` and the web page.
public struct ConflictView {
    let home: DistrictHome
    let names: ReferenceResolver
    let siteNames: [SiteID: String]

    /// One side as people read it: `choice` is the word `--keep` takes (mine, theirs).
    public struct Side {
        public var choice: String
        public var writer: String
        public var value: String
        /// Whether the registry holds this value now.
        public var held: Bool
        /// When the write was made, no later than, by the writer's own clock (nil: not yet carried by a bundle).
        public var writtenAt: Date?
        /// This side is the deletion of the row (its value is nothing but that).
        public var isDeletion = false
    }

    public init(_ home: DistrictHome) {
        self.home = home
        // A district holds hundreds of thousands of rows: the few a page of conflicts shows are named alone.
        names = ReferenceResolver(database: home.database, namesRowsAlone: true)
        siteNames = home.siteNames()
    }

    public func site(_ raw: String) -> String { SiteID(raw).flatMap { siteNames[$0] } ?? raw }

    /// Of a conflict a later change of its field settled (`DistrictHome.replacedNote`): the value the
    /// field holds now, as people read it (neither side is there to keep); nil for any other.
    public func replacedWith(_ c: Conflict, language: Language = .current) -> String? {
        guard c.resolution == DistrictHome.replacedNote, let held = try? home.heldValue(c) else { return nil }
        return names.readable(held, column: c.column, table: c.table, language: language)
    }

    /// The row's name alone (a person's name, a pair's mentor), or nil for rows people do not name.
    public func rowLabel(_ c: Conflict) -> String? {
        let short = "[\(ReferenceResolver.shortID(c.rowID))]"
        guard let label = (try? names.label(of: c.rowID, in: c.table)).flatMap({ $0 }), label != short else { return nil }
        return label
    }

    /// The row as people know it with its short id: `«Иванова Мария Петровна» [e305ab1e]`.
    public func rowName(_ c: Conflict) -> String {
        let short = "[\(ReferenceResolver.shortID(c.rowID))]"
        return rowLabel(c).map { "«\($0)» \(short)" } ?? short
    }

    /// Both sides: the value held now (mine) first, then the other (theirs).
    public func details(_ c: Conflict, language: Language = .current) -> [Side] {
        let current = (try? home.heldValue(c)) ?? nil
        let (mine, theirs) = c.sides(holding: current)
        return [("mine", mine), ("theirs", theirs)].map { word, side in
            let deletion = c.rowDeleted && c.row?.existence == side.stamp
            return Side(choice: word, writer: site(side.stamp.site.rawValue),
                        value: deletion ? Message.conflictRowDeleted.text(language)
                                        : names.readable(side.value, column: c.column, table: c.table, language: language),
                        held: deletion || (current != nil && current == side.value),
                        writtenAt: try? home.writtenNoLaterThan(side.stamp), isDeletion: deletion)
        }
    }

    /// Both sides as lines: `mine — writer: value`, `theirs — writer: value`, and when each was written.
    public func sides(_ c: Conflict, language: Language = .current) -> [(side: String, written: String)] {
        details(c, language: language).map { s in
            (Message.conflictSide(choice: s.choice, writer: s.writer, value: s.value, current: s.held,
                                  keepable: c.resolution != DistrictHome.replacedNote).text(language),
             Message.conflictWrittenAt(s.writtenAt, writer: s.writer).text(language))
        }
    }
}

extension ConflictView {
    /// One change of a batch as people read it: the record, the field, the value now and the value kept.
    public struct BatchRow {
        public var row: String, field: String, now: String, kept: String, changes: Bool
    }

    /// The records whose value changes first, then those confirmed as they are; each part by name.
    public func batchRows(_ batch: ConflictBatch, language: Language = .current) -> [BatchRow] {
        let rows = batch.changes.map { ch in
            let c = ch.conflict
            let deleted = Message.conflictRowDeleted.text(language)
            return BatchRow(row: "\(Message.rowTitle(c.table).text(language)) \(rowLabel(c).map { "«\($0)»" } ?? "[\(ReferenceResolver.shortID(c.rowID))]")",
                            field: Message.webColumn(c.column, table: c.table).text(language),
                            now: ch.keepsDeletion ? deleted : names.readable(ch.now, column: c.column, table: c.table, language: language),
                            kept: ch.keepsDeletion ? deleted : names.readable(ch.kept, column: c.column, table: c.table, language: language),
                            changes: ch.changesValue)
        }
        return rows.sorted { a, b in
            a.changes != b.changes ? a.changes : a.row.localizedStandardCompare(b.row) == .orderedAscending
        }
    }

    /// The batch's changes as lines: `Человек «Иванова М. П.» — Должность: учитель → завуч`.
    public func batchLines(_ batch: ConflictBatch, language: Language = .current) -> [String] {
        batchRows(batch, language: language).map {
            Message.conflictBatchLine(row: $0.row, field: $0.field, now: $0.now.isEmpty ? "—" : $0.now, kept: $0.kept.isEmpty ? "—" : $0.kept, changes: $0.changes).text(language)
        }
    }
}

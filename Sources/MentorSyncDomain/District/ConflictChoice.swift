import MentorSyncEngine

/// What the coordinator keeps when settling a conflict (DESIGN.md, "Conflicts, as the coordinator
/// settles them"): `--keep mine` (the value the district holds now: the write the merge kept, whoever
/// made it), `--keep theirs` (the value it lost), or `--value TEXT`. Nothing else: a typo such as
/// `--keep ours` must never become a value.
public enum ConflictChoice: Sendable, Equatable {
    case mine, theirs
    case value(String)
    /// The cell emptied, asked for in so many words (`--value ""` at the command line): a note may
    /// rightly be cleared. An empty box on the web page is refused instead (a button pressed by mistake).
    case emptied

    /// `mine` or `theirs`; nil for any other word.
    public init?(keep word: String) {
        switch word {
        case "mine": self = .mine
        case "theirs": self = .theirs
        default: return nil
        }
    }

    /// The typed value checked as `put` checks it: the column's kind, and a reference to a row
    /// this registry holds (given by id or by name).
    static func check(_ text: String, column: String, table: TableSchema, database: Database) throws -> DatabaseValue {
        if column == "org_id" {
            let site = text.trimmingCharacters(in: .whitespaces)
            guard SiteID(site) != nil else { throw MessageError(.notASiteID(site)) }
            return .text(site)
        }
        guard let col = table.column(named: column) else { throw MessageError(.unknownColumn(column)) }
        // An empty box is no value to keep: settled so, it emptied the teacher's record. An empty side
        // is kept with «mine» or «theirs».
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw MessageError(.conflictValueEmpty(column: column, table: table.name))
        }
        return try ReferenceResolver(database: database).entry(text, column: col, table: table.name)
    }
}

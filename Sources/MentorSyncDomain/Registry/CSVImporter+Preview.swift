import MentorSyncEngine

/// One value an imported line changes in a row it updates.
public struct CSVChange: Sendable, Equatable {
    public let column: String
    public let old: DatabaseValue
    public let new: DatabaseValue
}

extension CSVChange {
    /// «Должность: учитель → завуч», values as people read them (names, words, dates).
    public static func said(_ changes: [CSVChange], table: String, _ resolver: ReferenceResolver, _ language: Language) -> String {
        changes.map { c in
            let title = Message.columnTitle(c.column, table: table).text(language)
            return "\(title): \(resolver.readable(c.old, column: c.column, table: table, language: language)) → \(resolver.readable(c.new, column: c.column, table: table, language: language))"
        }.joined(separator: "; ")
    }
}

/// What an import does (or, in a dry run, would do) with one line of the file: the preview a
/// person reads before confirming, by line.
public struct CSVLineOutcome: Sendable, Equatable {
    /// `skipped`: a line left out and told why (hidden in Excel, its number alone).
    public enum Kind: String, Sendable { case added, updated, unchanged, refused, skipped }
    public let line: Int
    public let kind: Kind
    /// The row written (added, updated or unchanged); nil when refused or skipped.
    public let id: String?
    /// Why the line was refused or skipped.
    public let reason: String?
    /// The cells of the line as the file has them, for a person to recognise it.
    public let cells: [String]

    /// The cells as the person sees them in the file: a date cell of a workbook (read as 1990-03-12)
    /// as Russian Excel shows it, 12.03.1990.
    public func shownCells(_ language: Language) -> [String] {
        cells.map { c in
            let isDate = c.count == 10 && c.enumerated().allSatisfy { i, ch in [4, 7].contains(i) ? ch == "-" : ch.isASCII && ch.isNumber }
            return isDate ? ReferenceResolver.readableDate(c, language) : c
        }
    }
    /// For an updated row: each value the line changes, as the row holds it and as it will be.
    public let changes: [CSVChange]
    /// The earlier line of the same file that wrote the same row (a person listed twice).
    public let repeats: Int?
    /// For a new pair: the ids of the mentees its «Наставляемые» linked to it.
    public let mentees: [String]

    public init(line: Int, kind: Kind, id: String? = nil, reason: String? = nil, cells: [String] = [], changes: [CSVChange] = [], repeats: Int? = nil,
                mentees: [String] = []) {
        self.line = line; self.kind = kind; self.id = id; self.reason = reason; self.cells = cells; self.changes = changes; self.repeats = repeats
        self.mentees = mentees
    }

    /// The mentees a new pair's line links to it, by name («наставляемые: Петрова Анна Игоревна»); nil when none.
    public func menteesSaid(_ resolver: ReferenceResolver) -> Message? {
        mentees.isEmpty ? nil : .importPairMenteesLinked(mentees.map { (try? resolver.labelOrShortID($0, in: "mentees")) ?? $0 })
    }

    /// The written lines and the refused ones together, in the order of the file.
    static func merged(_ written: [CSVLineOutcome], refused: [CSVBadRow], document: CSVDocument) -> [CSVLineOutcome] {
        let cells = Dictionary(document.records.map { ($0.line, $0.fields) }, uniquingKeysWith: { a, _ in a })
        return (written + refused.map { CSVLineOutcome(line: $0.line, kind: .refused, reason: $0.reason, cells: cells[$0.line] ?? []) })
            .sorted { $0.line < $1.line }
    }
}

/// Thrown inside a dry run's transaction so that SQLite rolls back everything it wrote.
struct CSVDryRunDone: Error {}

import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `list TABLE` on a terminal: columns by their titles and values in the reader's words (the titles
/// the web app shows, `Message.columnTitle`/`valueTitle`), short ids, references by name, long free
/// text cut, and only as many columns as fit the terminal's width (`COLUMNS`, else 160); `--json`
/// prints everything, as stored, instead.
struct RegistryListing {
    static let textWidth = 32

    var header: [String]
    var rows: [[String]]
    /// Columns with values that were left out because they do not fit.
    var hidden: [String]

    init(table t: TableSchema, columns: [String], rows values: [[DatabaseValue]], resolver: ReferenceResolver,
         otherSchools: ((_ owner: String, _ id: String) -> Message?)? = nil, width: Int = RegistryListing.terminalWidth,
         language: Language = .current) throws {
        var cells: [[String]] = Array(repeating: [], count: values.count)
        var header: [String] = []
        var longText: [Int] = []
        var hidden: [String] = []
        let idColumn = columns.firstIndex(of: "id")
        for (k, name) in columns.enumerated() {
            let column = t.column(named: name)
            // A value's words, made once per value of the column (a kind of meeting is one of six in 83,000 rows).
            var words: [String: String?] = [:]
            func word(_ raw: String, _ column: ColumnSchema) -> String? {
                if let known = words[raw] { return known }
                let said = ReferenceResolver.word(for: raw, column: column, table: t.name, language)
                words[raw] = .some(said)
                return said
            }
            // A column empty in every row tells nothing: left out without a word.
            if k > 0, values.allSatisfy({ $0[k].displayText.isEmpty }) { continue }
            for (r, row) in values.enumerated() {
                let v = row[k]
                let text: String
                if name == "id" {
                    text = ReferenceResolver.shortID(v.displayText)
                } else if name == "org_id", let mark = otherSchools?(v.displayText, idColumn.map { row[$0].displayText } ?? "") {
                    // A network row, shown, not edited here; its school by name.
                    text = mark.text(language)
                } else if case .reference(let target)? = column?.kind, let id = v.text, !id.isEmpty {
                    text = try resolver.display(id, in: target)
                } else if name == "org_id", let site = v.text, !site.isEmpty {
                    text = (try? resolver.label(of: site, in: "organizations")).flatMap { $0 } ?? site
                } else if let column, let raw = v.text, !raw.isEmpty,
                          let word = word(raw, column) {
                    text = word
                } else {
                    text = Self.cut(v.displayText)
                }
                cells[r].append(text)
            }
            if case .text? = column?.kind, !Self.nameColumns.contains(name) { longText.append(header.count) }
            header.append(Message.columnTitle(name, table: t.name).text(language))
        }
        // Too wide for the terminal: leave out free-text columns, the rightmost first.
        func lineWidth() -> Int {
            header.indices.map { i in max(header[i].count, cells.map { $0[i].count }.max() ?? 0) }.reduce(0) { $0 + $1 + 2 }
        }
        while lineWidth() > width, let drop = longText.popLast() {
            hidden.append(header[drop])
            header.remove(at: drop)
            for r in cells.indices { cells[r].remove(at: drop) }
        }
        self.header = header
        self.rows = cells
        self.hidden = hidden
    }

    /// Columns that name a row: never left out.
    static let nameColumns: Set<String> = ["full_name", "name", "short_name", "title", "code", "position", "subject"]

    static var terminalWidth: Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c >= 40 { return c }
        return 160
    }

    /// One line, at most `textWidth` characters.
    static func cut(_ s: String) -> String {
        let line = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > textWidth ? String(line.prefix(textWidth - 1)) + "…" : line
    }
}

import Foundation
import MentorSyncEngine

/// A cell as people read it: a reference by the name of its row (`spokenName`), an enumeration value in the
/// reader's words (`учитель`), a date as the language writes it, an empty cell said as empty.
/// Used by `list`, the conflicts a coordinator settles and the corrections a school is told of.
extension ReferenceResolver {
    public func readable(_ value: DatabaseValue, column: String, table: String, language: Language = .current) -> String {
        guard let text = value.text ?? (value == .null ? nil : value.displayText), !text.isEmpty else {
            return Message.emptyCell.text(language)
        }
        guard let c = RegistrySchema.schema.table(named: table)?.column(named: column) else { return text }
        if case .reference(let target) = c.kind { return (try? spokenName(text, in: target)) ?? ReferenceResolver.shortID(text) }
        return Self.word(for: text, column: c, table: table, language) ?? text
    }

    /// A stored value of a column that is not a reference in the reader's words: an enumeration
    /// value (`учитель`), a date as the language writes it, a yes/no column (0/1) as `да`/`нет`;
    /// nil when the value is shown as it is. The one place `list`, the web app and conflicts ask.
    public static func word(for text: String, column c: ColumnSchema, table: String, _ language: Language) -> String? {
        switch c.kind {
        case .enumeration: return Message.valueTitle(text, column: c.name, table: table).text(language)
        case .date: return readableDate(text, language)
        case .integer(let range) where range == 0...1:
            return text == "1" ? Message.yes.text(language) : text == "0" ? Message.no.text(language) : nil
        default: return nil
        }
    }

    /// A referenced row as a sentence names it: its label, no id, where the table is named whole
    /// (its labels tell namesakes apart); with the short id where rows are named alone (a big
    /// district's tables), as there the label cannot; or that the row has not arrived yet.
    func spokenName(_ id: String, in table: String) throws -> String {
        if try namesAlone(table) { return try display(id, in: table) }
        guard let label = try label(of: id, in: table), !label.isEmpty else {
            return RowNames.notReceived(.text(id), table: table, database: database)
        }
        return label
    }

    /// `1990-03-12` as `12.03.1990` in Russian; as it is in English.
    public static func readableDate(_ text: String, _ language: Language) -> String {
        let parts = text.split(separator: "-")
        guard language == .ru, parts.count == 3, parts[0].count == 4 else { return text }
        return "\(parts[2]).\(parts[1]).\(parts[0])"
    }
}

extension Message {
    public static let emptyCell = Message("value.empty", en: "(empty)", ru: "(пусто)")
    public static let yes = Message("value.yes", en: "yes", ru: "да")
    public static let no = Message("value.no", en: "no", ru: "нет")
}

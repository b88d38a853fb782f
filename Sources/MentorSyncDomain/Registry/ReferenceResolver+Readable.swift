import Foundation
import MentorSyncEngine

/// A cell as people read it: a reference by the name of its row, an enumeration value in the
/// reader's words (`учитель`), a date as the language writes it, an empty cell said as empty.
/// Used by `list`, the conflicts a coordinator settles and the corrections a school is told of.
extension ReferenceResolver {
    public func readable(_ value: DatabaseValue, column: String, table: String, language: Language = .current) -> String {
        guard let text = value.text ?? (value == .null ? nil : value.displayText), !text.isEmpty else {
            return Message.emptyCell.text(language)
        }
        switch RegistrySchema.schema.table(named: table)?.column(named: column)?.kind {
        case .reference(let target)?:
            return (try? display(text, in: target)) ?? ReferenceResolver.shortID(text)
        case .enumeration?:
            return Message.valueTitle(text, column: column, table: table).text(language)
        case .date?:
            return Self.readableDate(text, language)
        default:
            return text
        }
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
}

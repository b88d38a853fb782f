/// Messages about references typed by a person (ReferenceResolver).
extension Message {
    static func referenceEmpty(_ context: EntryContext) -> Message {
        Message("reference.empty",
                en: "\(context.en): empty; give a name or an id",
                ru: "\(context.ru): пусто; укажите имя или id")
    }

    static func referenceAmbiguous(_ context: EntryContext, text: String, table: String, candidates: [String]) -> Message {
        Message("reference.ambiguous",
                en: "\(context.en): '\(text)' matches \(candidates.count) rows of \(table): \(candidates.joined(separator: "; ")); give one of these names or ids",
                ru: "\(context.ru): «\(text)» подходит к \(Plural.ru(count: candidates.count, "строке", "строкам", "строкам")) таблицы \(ruTitle(table)): \(candidates.joined(separator: "; ")); укажите одно из этих имён или id")
    }

    static func referenceNoID(_ context: EntryContext, id: String, table: String) -> Message {
        Message("reference.no_id",
                en: "\(context.en): this registry holds no \(table) row with id '\(id)' (mistyped?); give an id or a name from 'list \(table)'",
                ru: "\(context.ru): в этом реестре нет строки таблицы \(ruTable(table)) с id «\(id)» (опечатка?); укажите id или имя из 'list \(table)'")
    }

    static func referenceNoName(_ context: EntryContext, text: String, table: String, similar: [String]) -> Message {
        let en = similar.isEmpty ? "" : "; similar: \(similar.joined(separator: "; "))"
        let ru = similar.isEmpty ? "" : "; похожие: \(similar.joined(separator: "; "))"
        return Message("reference.no_name",
                       en: "\(context.en): no \(table) row is named '\(text)'\(en); check the spelling or add the row first",
                       ru: "\(context.ru): в таблице \(ruTitle(table)) нет строки с именем «\(text)»\(ru); проверьте написание или сначала добавьте строку")
    }

    /// How a listing names a row that a reference points at but that has not arrived yet.
    static func deletedRow(_ shortID: String) -> Message {
        Message("reference.deleted", en: "deleted [\(shortID)]", ru: "удалено [\(shortID)]")
    }

    static func notReceivedYet(_ shortID: String) -> Message {
        Message("reference.not_received", en: "not received yet [\(shortID)]", ru: "ещё не получено [\(shortID)]")
    }
}

/// Messages about values typed by a person (ValueParser).
extension Message {
    static func notADate(_ context: String, _ text: String) -> Message {
        Message("value.not_a_date",
                en: "\(context): '\(text)' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
                ru: "\(context): «\(text)» — не дата (пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)")
    }

    /// `allowed` pairs each value with its Russian word, if it has one.
    static func notAllowed(_ context: String, _ text: String, allowed: [(value: String, russian: String?)]) -> Message {
        let russian = allowed.map { a in a.russian.map { "\($0) (\(a.value))" } ?? a.value }
        return Message("value.not_allowed",
                en: "\(context): '\(text)' is not one of \(allowed.map(\.value).joined(separator: ", "))",
                ru: "\(context): «\(text)» — недопустимое значение; допустимо: \(russian.joined(separator: ", "))")
    }
}

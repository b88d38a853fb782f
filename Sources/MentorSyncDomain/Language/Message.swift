/// One human message with its text in each language. Messages are kept by area in
/// `Message+Area.swift` files as static functions (the catalogue), so every text a person reads
/// has both languages side by side and a stable key that tests and translators can find.
///
///     extension Message {
///         static func noTable(_ name: String) -> Message {
///             Message("registry.no_table", en: "no table '\(name)'", ru: "нет таблицы «\(name)»")
///         }
///     }
public struct Message: Sendable, Equatable, CustomStringConvertible {
    /// A stable dotted name (`area.what`); never shown, never translated.
    public let key: String
    public let english: String
    public let russian: String

    public init(_ key: String, en: String, ru: String) {
        self.key = key; english = Message.nestingQuotes(en); russian = Message.nestingQuotes(ru)
    }

    /// Quotes inside quotes as Russian writes them: «МБОУ „Лицей № 6“», not «МБОУ «Лицей № 6»» (a
    /// school's name holds its own quotes, and a message quotes the name).
    static func nestingQuotes(_ text: String) -> String {
        guard text.contains("«") else { return text }
        var out = "", depth = 0
        for c in text {
            switch c {
            case "«": out.append(depth == 0 ? "«" : "„"); depth += 1
            case "»" where depth > 0: depth -= 1; out.append(depth == 0 ? "»" : "“")
            default: out.append(c)
            }
        }
        return out
    }

    /// The text in the given language (the process's language by default).
    public func text(_ language: Language = .current) -> String {
        language == .ru ? russian : english
    }

    public var description: String { text() }
}

/// An error whose one line is a catalogue message, shown in the user's language.
public struct MessageError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: Message
    /// How a web page says it, when it differs (a row named without the short id a page has no use for).
    public let onPage: Message?
    public init(_ message: Message, onPage: Message? = nil) { self.message = message; self.onPage = onPage }
    public var description: String { message.text() }
}

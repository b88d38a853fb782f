import Foundation

/// The language of human output (DESIGN.md, "People's language and names"): Russian when
/// `MENTORSYNC_LANG=ru` or the locale is `ru_*`, English otherwise. `MENTORSYNC_LANG`, when set,
/// wins; otherwise the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` decides. JSON keys, log lines
/// and exit codes never depend on it.
public enum Language: String, Sendable, CaseIterable {
    case ru, en

    /// The language chosen by the environment of this process.
    public static let current = Language(environment: ProcessInfo.processInfo.environment)

    /// The language the given environment chooses, by the rule above.
    public init(environment: [String: String]) {
        if let forced = environment["MENTORSYNC_LANG"], !forced.isEmpty {
            self = Language.isRussian(forced) ? .ru : .en
            return
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                self = Language.isRussian(value) ? .ru : .en
                return
            }
        }
        self = .en
    }

    /// `ru`, `ru_RU.UTF-8`, `ru.KOI8-R`, `RU`: Russian. Anything else (`C.UTF-8`, `en_US`): not.
    static func isRussian(_ value: String) -> Bool {
        let v = value.lowercased()
        return v == "ru" || v.hasPrefix("ru_") || v.hasPrefix("ru.") || v.hasPrefix("ru-")
    }

    /// Picks the text of this language.
    public func pick(en: String, ru: String) -> String { self == .ru ? ru : en }
}

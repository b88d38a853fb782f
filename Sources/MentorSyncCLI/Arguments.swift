import Foundation
import MentorSyncDomain

/// A usage error: wrong words or options. Exit code 2.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// A failure a person can act on. Exit code 1 (or the one given).
public struct CommandFailure: Error, CustomStringConvertible {
    public let description: String
    public let exitCode: Int32
    public init(_ d: String, exitCode: Int32 = 1) { description = d; self.exitCode = exitCode }
}

/// Parsed command-line words: positionals, options with values (repeatable), and flags.
/// Options may come in any order after the command words, as `--name value` or `--name=value`.
public struct Arguments {
    public private(set) var words: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    public static func parse(_ argv: [String], options: Set<String>, flags allowedFlags: Set<String>) throws -> Arguments {
        var a = Arguments()
        var i = 0
        var onlyWords = false
        while i < argv.count {
            let arg = argv[i]
            i += 1
            if onlyWords || !arg.hasPrefix("--") || arg == "-" {
                a.words.append(arg)
                continue
            }
            if arg == "--" { onlyWords = true; continue }
            var name = String(arg.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if allowedFlags.contains(name) {
                guard inline == nil else { throw UsageError(Message.optionTakesNoValue(name)) }
                a.flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let inline { value = inline } else {
                    guard i < argv.count else { throw UsageError(Message.optionNeedsValue(name)) }
                    value = argv[i]
                    i += 1
                }
                a.values[name, default: []].append(value)
            } else {
                let known = (options.union(allowedFlags)).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw UsageError(Message.unknownOption(name, known: known))
            }
        }
        return a
    }

    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func has(_ flag: String) -> Bool { flags.contains(flag) }

    func required(_ name: String, _ hint: Message? = nil) throws -> String {
        guard let v = value(name), !v.isEmpty else { throw UsageError(Message.optionRequired(name, hint)) }
        return v
    }

    /// `COL=VALUE` pairs of a repeatable option.
    public func pairs(_ name: String) throws -> [(String, String)] {
        try all(name).map { item in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw UsageError(Message.optionTakesPairs(name, item))
            }
            return (String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }
}

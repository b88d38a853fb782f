import Foundation

/// A row of a CSV file that was refused, with the physical line it starts on and why.
public struct CSVBadRow: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) { self.line = line; self.reason = reason }

    public var description: String { Message.importLine(line, reason).text() }
}

/// Why an import wrote nothing.
public enum CSVImportError: Error, CustomStringConvertible {
    /// The file is empty or has no header.
    case noHeader(file: String)
    case unknownColumns(table: String, unknown: [String], allowed: [String])
    case duplicateColumn(table: String, column: String, line: Int)
    case noColumns(table: String, allowed: [String])
    /// Some rows are bad and `skipBad` was not asked: the whole file was refused.
    /// `rows` holds every bad row; `goodRows` counts the rows that would have been imported.
    case badRows(table: String, file: String, rows: [CSVBadRow], goodRows: Int)

    /// How many bad rows a message lists before it says "and N more".
    public static let listed = 20

    public var description: String { message.text() }

    /// The one message a person reads, in her language.
    public var message: Message {
        switch self {
        case .noHeader(let file): return .importNoHeader(file)
        case .unknownColumns(let table, let unknown, let allowed): return .importUnknownColumns(table, unknown: unknown, allowed: allowed)
        case .duplicateColumn(let table, let column, let line): return .importDuplicateColumn(table, column, line: line)
        case .noColumns(let table, let allowed): return .importNoColumns(table, allowed: allowed)
        case .badRows(let table, let file, let rows, let good):
            return .importBadRows(table, file: file, bad: rows.count, good: good, listing: CSVImportError.listing(rows))
        }
    }

    /// The first `listed` bad rows, one per line, then how many more there are.
    public static func listing(_ rows: [CSVBadRow]) -> [String] {
        var lines = rows.prefix(listed).map(\.description)
        if rows.count > listed { lines.append(Message.importMoreBadRows(rows.count - listed).text()) }
        return lines
    }
}

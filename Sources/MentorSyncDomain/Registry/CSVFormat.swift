import Foundation

/// The character between the cells of a CSV file. Russian Excel writes semicolons (the comma is
/// its decimal separator); most other tools write commas; Excel's "Unicode text" writes tabs.
public enum CSVSeparator: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09

    /// `,` `;` or a tab, also spelt `comma`, `semicolon`, `tab` (as typed on a command line).
    public init?(argument: String) {
        switch argument.lowercased() {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "\\t", "tab": self = .tab
        default: return nil
        }
    }

    /// The separator as it reads in a message: `;`, `,` or `tab`.
    public var symbol: String {
        switch self {
        case .comma: return ","
        case .semicolon: return ";"
        case .tab: return "tab"
        }
    }
}

/// How the bytes of a CSV file were read.
public enum CSVEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16 = "UTF-16"
    /// Older Russian Excel ("CSV (разделители — точка с запятой)") saves in the ANSI code page.
    case windows1251 = "Windows-1251"
}

/// One record of a CSV file: its cells and the physical line it starts on (1 is the first line).
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
    /// A workbook's row whose one value fills a cell merged across columns: a title, or a section's
    /// heading between the rows of a list («Учителя начальных классов») — unless the list's own
    /// columns are merged so (`CSVImporter.mergeLayout`).
    public var heading = false
    /// A workbook's cells of this row merged across columns, by the column of their value: how many
    /// columns each covers (a heading's shape, or a column's, as the header's «ФИО» over three).
    public var mergedAcross: [Int: Int] = [:]
    /// A workbook's row a person does not see in Excel: hidden by the sheet's filter, or by hand.
    public var hidden: Hidden? = nil

    public enum Hidden: Sendable, Equatable { case filter, byHand }

    public init(line: Int, fields: [String], heading: Bool = false, hidden: Hidden? = nil) {
        self.line = line; self.fields = fields; self.heading = heading; self.hidden = hidden
    }

    /// An empty line, or a line of empty cells (`;;;;`, as spreadsheets write blank rows).
    public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
}

/// A parsed CSV file.
public struct CSVDocument: Sendable {
    public var separator: CSVSeparator
    public var encoding: CSVEncoding
    public var records: [CSVRecord]
    /// The sheet of the workbook the records come from; nil for a CSV file.
    public var sheet: String? = nil
    /// The workbook's shown sheets, in tab order (empty for a CSV file): a list may be on any.
    public var sheets: [String] = []
}

/// Why a file could not be read as CSV: one line in the user's language, saying what to do.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: Message)
    case unterminatedQuote(line: Int)
    /// A file of no bytes (saved to a stick pulled out too soon), whatever its name.
    case empty(file: String)

    public var message: Message {
        switch self {
        case .empty(let file): return .csvEmpty(file)
        case .unreadable(let path, let reason): return .csvUnreadable(path, reason)
        case .unterminatedQuote(let line): return .csvUnterminatedQuote(line)
        }
    }

    public var description: String { message.text() }
}

/// RFC 4180 reader: quoted cells with doubled quotes, separators and line breaks inside quotes,
/// CRLF, LF or CR line ends; UTF-8 with or without BOM (UTF-16 with BOM and Windows-1251 are
/// recognised too); the separator is detected from the header line unless it is given.
public enum CSVReader {
    public static func read(contentsOf url: URL, separator: CSVSeparator? = nil) throws -> CSVDocument {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw CSVError.unreadable(path: url.path, reason: .csvNoSuchFile)
        }
        guard !isDir.boolValue else { throw CSVError.unreadable(path: url.path, reason: .csvFolder) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CSVError.unreadable(path: url.path, reason: .csvReadError)
        }
        return try parse(data, separator: separator)
    }

    public static func parse(_ data: Data, separator: CSVSeparator? = nil) throws -> CSVDocument {
        let (bytes, encoding) = decode([UInt8](data))
        return try parse(utf8: bytes, encoding: encoding, separator: separator)
    }

    public static func parse(_ text: String, separator: CSVSeparator? = nil) throws -> CSVDocument {
        try parse(Data(text.utf8), separator: separator)
    }

    /// The file's text as UTF-8 bytes without a byte order mark, and how it was encoded.
    static func decode(_ raw: [UInt8]) -> ([UInt8], CSVEncoding) {
        if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { return (Array(raw[3...]), .utf8BOM) }
        if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) {
            let little = raw[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(raw.count / 2)
            var i = 2
            while i + 1 < raw.count {
                units.append(little ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1]))
                i += 2
            }
            return (Array(String(decoding: units, as: UTF16.self).utf8), .utf16)
        }
        if String(validating: raw, as: UTF8.self) != nil { return (raw, .utf8) }
        // Not UTF-8: Cyrillic in Windows-1251 (every byte but 0x98 is a character) is never valid UTF-8.
        var scalars = String.UnicodeScalarView()
        for b in raw {
            if b < 0x80 { scalars.append(Unicode.Scalar(b)) } else if b >= 0xC0 {
                scalars.append(Unicode.Scalar(0x0410 + UInt32(b - 0xC0))!)
            } else {
                scalars.append(Unicode.Scalar(cp1251High[Int(b - 0x80)])!)
            }
        }
        return (Array(String(scalars).utf8), .windows1251)
    }

    /// Windows-1251 bytes 0x80…0xBF (0x98 is unassigned: U+FFFD).
    static let cp1251High: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]

    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    /// The separator that occurs most often, outside quotes, in the first line; a comma when none does.
    static func detectSeparator(_ b: UnsafeBufferPointer<UInt8>) -> CSVSeparator {
        var counts: [CSVSeparator: Int] = [:]
        var inQuotes = false
        for c in b {
            if c == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == lf || c == cr { break }
            if let s = CSVSeparator(rawValue: c) { counts[s, default: 0] += 1 }
        }
        let order: [CSVSeparator] = [.semicolon, .comma, .tab]
        let best = order.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }!
        return (counts[best] ?? 0) > 0 ? best : .comma
    }

    static func parse(utf8 bytes: [UInt8], encoding: CSVEncoding, separator forced: CSVSeparator?) throws -> CSVDocument {
        try bytes.withUnsafeBufferPointer { b in
            let separator = forced ?? detectSeparator(b)
            let sep = separator.rawValue
            var records: [CSVRecord] = []
            var fields: [String] = []
            var field: [UInt8] = []
            field.reserveCapacity(256)
            var line = 1
            var recordLine = 1
            var i = 0
            let n = b.count
            // Whether anything (a cell or a separator) has been read since the last record ended.
            var started = false

            func endField() {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            }
            func endRecord() {
                endField()
                records.append(CSVRecord(line: recordLine, fields: fields))
                fields = []
                fields.reserveCapacity(16)
                started = false
            }

            while i < n {
                let c = b[i]
                if !started { recordLine = line; started = true }
                if c == quote && field.isEmpty {
                    // A quoted cell: runs to the closing quote; "" inside is one quote.
                    let openedOn = line
                    i += 1
                    var closed = false
                    while i < n {
                        let q = b[i]
                        if q == quote {
                            if i + 1 < n && b[i + 1] == quote { field.append(quote); i += 2; continue }
                            i += 1
                            closed = true
                            break
                        }
                        if q == lf { line += 1 } else if q == cr && !(i + 1 < n && b[i + 1] == lf) { line += 1 }
                        field.append(q)
                        i += 1
                    }
                    if !closed { throw CSVError.unterminatedQuote(line: openedOn) }
                    // Anything between the closing quote and the next separator is kept as written.
                    continue
                }
                if c == sep {
                    endField()
                    i += 1
                } else if c == lf || c == cr {
                    endRecord()
                    i += (c == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
                    line += 1
                } else {
                    field.append(c)
                    i += 1
                }
            }
            if started { endRecord() }
            return CSVDocument(separator: separator, encoding: encoding, records: records)
        }
    }
}

/// RFC 4180 writer: CRLF line ends; a cell is quoted when it holds the separator, a quote, a line
/// break, or leading or trailing spaces. Optionally starts with a UTF-8 BOM, which Excel needs to
/// read the file as UTF-8 rather than in the ANSI code page.
public enum CSVWriter {
    public static func encode(_ rows: [[String]], separator: CSVSeparator = .semicolon, bom: Bool = true) -> Data {
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(rows.count * 64)
        for row in rows { append(row, separator: separator, to: &out) }
        return Data(out)
    }

    /// Appends one record, CRLF included.
    public static func append(_ row: [String], separator: CSVSeparator, to out: inout [UInt8]) {
        for (i, cell) in row.enumerated() {
            if i > 0 { out.append(separator.rawValue) }
            appendCell(cell, separator: separator, to: &out)
        }
        out.append(CSVReader.cr)
        out.append(CSVReader.lf)
    }

    static func needsQuotes(_ cell: String, _ separator: CSVSeparator) -> Bool {
        let utf8 = cell.utf8
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { return true }
        let sep = separator.rawValue
        return utf8.contains { $0 == sep || $0 == CSVReader.quote || $0 == CSVReader.lf || $0 == CSVReader.cr }
    }

    static func appendCell(_ cell: String, separator: CSVSeparator, to out: inout [UInt8]) {
        guard needsQuotes(cell, separator) else { out.append(contentsOf: cell.utf8); return }
        out.append(CSVReader.quote)
        for c in cell.utf8 {
            if c == CSVReader.quote { out.append(CSVReader.quote) }
            out.append(c)
        }
        out.append(CSVReader.quote)
    }
}

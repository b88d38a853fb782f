import CSQLite

extension RowFingerprint {
    /// The fingerprint of a SQL function's arguments (org_id, then the columns, as `msync_fingerprint`
    /// is called): the same bytes as `init(values:)` of the values they hold, hashed in place.
    init(arguments: SQLiteFunctionArguments) {
        self.init(cells: arguments.count, layout: .words) { RowFingerprint.wordHash(arguments[$0]) }
    }

    /// `wordHash(_:)` of one argument, read as `wordHash(_:column:)` reads a column: text that is not
    /// UTF-8 is hashed as the repaired text `Statement.value(at:)` would make of it.
    static func wordHash(_ argument: SQLiteArgument) -> UInt64 {
        switch argument.type {
        case SQLITE_INTEGER: var h = WordHash(tag: 1); h.add(UInt64(bitPattern: argument.int64)); return h.value
        case SQLITE_FLOAT: var h = WordHash(tag: 2); h.add(argument.double.bitPattern); return h.value
        case SQLITE_TEXT: return textHash(argument.text)
        case SQLITE_BLOB: var h = WordHash(tag: 4); h.add(argument.blob); return h.value
        default: return WordHash(tag: 0).value
        }
    }
}

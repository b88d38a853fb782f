import CSQLite

extension RowFingerprint {
    /// The fingerprint of a SQL function's arguments (org_id, then the columns, as `msync_fingerprint`
    /// is called): the same bytes as `init(values:)` of the values they hold, hashed in place.
    init(arguments: SQLiteFunctionArguments) {
        self.init(cells: arguments.count, layout: .sums) { RowFingerprint.wordHash(arguments[$0]) }
    }

    /// `msync_fp_patch`'s arguments — a fingerprint, then (position, old value, new value) for each
    /// cell written — each cell as `patch` takes it: the patched fingerprint's bytes, nil when it
    /// cannot be patched (not a blob of the patchable layout, a position out of its range, an
    /// argument count that is not 1 + 3k).
    static func patched(arguments: SQLiteFunctionArguments) -> [UInt8]? {
        guard arguments.count % 3 == 1, arguments[0].type == SQLITE_BLOB else { return nil }
        var out = Array(arguments[0].blob)
        guard isPatchable(out) else { return nil }
        for k in stride(from: 1, to: arguments.count, by: 3) {
            guard arguments[k].type == SQLITE_INTEGER,
                  patch(&out, position: Int(arguments[k].int64), old: wordHash(arguments[k + 1]), new: wordHash(arguments[k + 2]))
            else { return nil }
        }
        return out
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

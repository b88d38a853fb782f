import CSQLite

extension RowFingerprint {
    /// The fingerprint of a SQL function's arguments (org_id, then the columns, as `msync_fingerprint`
    /// is called): the same bytes as `init(values:)` of the values they hold, hashed in place.
    init(arguments: SQLiteFunctionArguments) {
        self.init(cells: arguments.count, layout: .sums) { RowFingerprint.wordHash(arguments[$0]) }
    }

    /// `msync_fp_patch`'s arguments — a fingerprint, then (position, old value, new value) for each
    /// cell written — as `patched(_:)` takes them: the patched fingerprint's bytes, nil when it
    /// cannot be patched (not a blob of the patchable layout, a position out of its range, an
    /// argument count that is not 1 + 3k).
    static func patched(arguments: SQLiteFunctionArguments) -> [UInt8]? {
        guard arguments.count % 3 == 1, arguments[0].type == SQLITE_BLOB else { return nil }
        let held = RowFingerprint(bytes: Array(arguments[0].blob))
        var cells: [(position: Int, old: UInt64, new: UInt64)] = []
        cells.reserveCapacity(arguments.count / 3)
        for k in stride(from: 1, to: arguments.count, by: 3) {
            guard arguments[k].type == SQLITE_INTEGER else { return nil }
            cells.append((Int(arguments[k].int64), wordHash(arguments[k + 1]), wordHash(arguments[k + 2])))
        }
        return held.patched(cells)?.bytes
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

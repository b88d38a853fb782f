extension Replica {
    /// A row by table number and id (a member of a share, a row held back from a bundle), its id
    /// compared by its bytes as SQLite compares them (Swift's == and hashing would join ids that
    /// differ only in Unicode normalization, which are two rows).
    struct RowKey: Hashable, Comparable {
        var table: Int
        var id: String
        static func == (a: RowKey, b: RowKey) -> Bool { a.table == b.table && a.id.utf8.elementsEqual(b.id.utf8) }
        func hash(into h: inout Hasher) {
            h.combine(table)
            for b in id.utf8 { h.combine(b) }
        }
        static func < (a: RowKey, b: RowKey) -> Bool {
            a.table != b.table ? a.table < b.table : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
    }
}

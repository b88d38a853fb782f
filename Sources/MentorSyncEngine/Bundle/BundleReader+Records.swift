/// Decoding the body's records (Protocol/bundle.md, "Body"), from bytes already decompressed.
extension BundleReader {
    enum Decoded { case declaration, record(BundleRecord), end }

    /// Decodes one record of the body.
    func decodeRecord(_ r: inout ByteReader) throws -> Decoded {
        let type = try r.u8("record type")
        switch BundleLayout.RecordType(rawValue: type) {
        case .site:
            let index = try r.count("site index", limit: BundleLimits.maxSites)
            let raw = try r.string("site id", limit: 64)
            guard index == sites.count else { throw BundleError.malformed("site \(index) declared out of order") }
            guard let site = SiteID(raw) else { throw BundleError.malformed("site id '\(raw.prefix(64))' is not valid") }
            sites.append(site)
            return .declaration
        case .table:
            let index = try r.count("table index", limit: BundleLimits.maxTables)
            let name = try r.string("table name", limit: BundleLimits.maxNameBytes)
            let n = try r.count("column count", limit: BundleLimits.maxColumns)
            var columns: [String] = []
            for _ in 0..<n { columns.append(try r.string("column name", limit: BundleLimits.maxNameBytes)) }
            guard index == tableOrder.count else { throw BundleError.malformed("table \(index) declared out of order") }
            guard tableColumns[name] == nil else { throw BundleError.malformed("table \(name) declared twice") }
            // Two positions of one name would both land on that column here (and one row's update
            // would name it twice).
            var named = Set<String>()
            for c in columns where !named.insert(c).inserted { throw BundleError.malformed("table \(name) declares column \(c) twice") }
            tableOrder.append(name)
            tableColumns[name] = columns
            return .declaration
        case .row:
            let row = try decodeRow(&r)
            rowsRead += 1
            if row.isTombstone { tombstonesRead += 1 }
            guard rowsRead <= header.rowCount else { throw BundleError.malformed("body holds more rows than the header's \(header.rowCount)") }
            return .record(.row(row))
        case .conflict:
            let c = try decodeConflict(&r)
            conflictsRead += 1
            guard conflictsRead <= header.conflictCount else { throw BundleError.malformed("body holds more conflicts than the header's \(header.conflictCount)") }
            return .record(.conflict(c))
        case .end:
            let rows = try r.count("end row count", limit: BundleLimits.maxRows)
            let tombs = try r.count("end tombstone count", limit: BundleLimits.maxRows)
            let conflicts = try r.count("end conflict count", limit: BundleLimits.maxRows)
            guard rows == rowsRead, tombs == tombstonesRead, conflicts == conflictsRead else {
                throw BundleError.malformed("end record counts do not match the body")
            }
            return .end
        case nil:
            throw BundleError.malformed("unknown record type \(type)")
        }
    }

    private func site(_ r: inout ByteReader, _ what: @autoclosure () -> String) throws -> SiteID {
        let i = try r.count(what(), limit: BundleLimits.maxSites)
        guard i < sites.count else { throw BundleError.malformed("\(what()) \(i) was never declared") }
        return sites[i]
    }

    private func decodeRow(_ r: inout ByteReader) throws -> RowChange {
        let t = try r.count("row table", limit: BundleLimits.maxTables)
        guard t < tableOrder.count else { throw BundleError.malformed("row names table \(t), which was never declared") }
        let table = tableOrder[t]
        let columnCount = tableColumns[table]!.count
        let id = try r.rowID("row id")
        let org = try r.string("row org_id", limit: 64)
        let n = try r.count("version vector size", limit: BundleLimits.maxSites)
        var vv = VersionVector()
        for _ in 0..<n {
            let s = try site(&r, "version vector site")
            vv.advance(s, to: try r.counter("version vector counter"))
        }
        let present = try r.varint("cell mask")
        var cells: [CellChange] = []
        if present != 0 {
            guard present >> UInt64(columnCount + 1) == 0 else {
                throw BundleError.malformed("row \(id.prefix(40)) sends cell positions beyond the \(columnCount) columns of \(table)")
            }
            func stamp(_ what: String) throws -> Stamp {
                let s = try site(&r, "\(what) site")
                let below = try r.counter(what)
                let counter = vv[s] - below
                guard counter >= 1 else { throw BundleError.malformed("\(what) of row \(id.prefix(40)) lies below its version") }
                return Stamp(counter: counter, site: s)
            }
            let common = try stamp("row stamp")
            let own = try r.varint("own-stamp mask")
            guard own & ~present == 0 else { throw BundleError.malformed("row \(id.prefix(40)) has stamps for cells it does not send") }
            cells.reserveCapacity(present.nonzeroBitCount)
            for pos in 0...columnCount where present & (1 << UInt64(pos)) != 0 {
                let cellStamp = own & (1 << UInt64(pos)) != 0 ? try stamp("cell stamp") : common
                let value = try r.value("cell value")
                if pos == 0, value != .integer(0) && value != .integer(1) {
                    throw BundleError.malformed("existence of row \(id.prefix(40)) is neither 0 nor 1")
                }
                cells.append(CellChange(position: pos, stamp: cellStamp, value: value))
            }
        }
        return RowChange(table: table, id: id, orgID: org, version: vv, cells: cells)
    }

    private func decodeConflict(_ r: inout ByteReader) throws -> ConflictRecord {
        let table = try r.string("conflict table", limit: BundleLimits.maxNameBytes)
        let row = try r.string("conflict row", limit: BundleLimits.maxRowIDBytes)
        let column = try r.string("conflict column", limit: BundleLimits.maxNameBytes)
        let wv = try r.value("conflict value")
        let wc = try r.counter("conflict stamp")
        let ws = try site(&r, "conflict site")
        let lv = try r.value("conflict value")
        let lc = try r.counter("conflict stamp")
        let ls = try site(&r, "conflict site")
        let ds = try site(&r, "conflict detector")
        let dc = try r.counter("conflict detection counter")
        let at = try r.zigzag("conflict time")
        return ConflictRecord(table: table, rowID: row, column: column, winnerValue: wv, winnerStamp: Stamp(counter: wc, site: ws),
                              loserValue: lv, loserStamp: Stamp(counter: lc, site: ls), detectedBy: ds, detectedCounter: dc, detectedAt: at)
    }
}

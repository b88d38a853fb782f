import CSQLite
import Foundation

/// SQL functions that let one UPDATE merge a row's update (clock and fingerprint kept in the row):
///
///     UPDATE t SET c3 = ?2, msync_clock = msync_clock_merge(msync_clock, ?3),
///                  msync_fp = coalesce(msync_fp_patch(msync_fp, 4, c3, ?2), msync_fingerprint(org_id, c1, c2, ?2, c4))
///     WHERE id = ?1 AND org_id = ?4 AND msync_clock_advances(msync_clock, ?3, ?5)
///
/// - `msync_clock_advances(held, patch, ownSite)`: 1 when the update may be taken as it is,
///   `ClockBlob.mergedIfAdvances`; 0 otherwise (NULL or malformed blobs, an own site that is not an integer).
/// - `msync_clock_merge(held, patch)`: the held clock with the patch taken, `ClockBlob.merged`;
///   NULL for a NULL or malformed blob.
/// - `msync_fingerprint(v1, …, vn)`: `RowFingerprint(values:)` of the values, as a blob.
/// - `msync_fp_patch(fp, p1, old1, new1, …)`: the fingerprint `fp` with the cell at each position
///   `p` changed from `old` to `new` (`RowFingerprint.patch`); NULL when it cannot be patched
///   (an earlier layout), so `coalesce(msync_fp_patch(…), msync_fingerprint(…))` hashes the whole
///   row only then (SQLite evaluates coalesce's arguments in turn, only while they are NULL).
///
/// Deterministic: SQLite may compute a call once for equal arguments within a statement.
enum MergeFunctions {
    static func install(on database: Database) throws {
        let last = LastMerge()
        try database.defineFunction("msync_clock_advances", arguments: 3, deterministic: true) { result, args in
            last.clear()
            guard args[0].type == SQLITE_BLOB, args[1].type == SQLITE_BLOB, args[2].type == SQLITE_INTEGER else {
                result.result(false); return
            }
            let held = args[0].blob, patch = args[1].blob
            let advances = ClockBlob.mergedIfAdvances(held: held, patch: patch, ownSite: Int(args[2].int64), into: &last.merged)
            if advances { last.keep(held: held, patch: patch) }
            result.result(advances)
        }
        try database.defineFunction("msync_clock_merge", arguments: 2, deterministic: true) { result, args in
            guard args[0].type == SQLITE_BLOB, args[1].type == SQLITE_BLOB else { result.resultNull(); return }
            let held = args[0].blob, patch = args[1].blob
            if last.isOf(held: held, patch: patch) { result.result(blob: last.merged); return }
            guard let merged = ClockBlob.merged(held: held, patch: patch) else { result.resultNull(); return }
            result.result(blob: merged)
        }
        try database.defineFunction("msync_fingerprint", arguments: -1, deterministic: true) { result, args in
            result.result(blob: RowFingerprint(arguments: args).bytes)
        }
        try database.defineFunction("msync_fp_patch", arguments: -1, deterministic: true) { result, args in
            guard let patched = RowFingerprint.patched(arguments: args) else { result.resultNull(); return }
            result.result(blob: patched)
        }
    }
}

/// The clock `msync_clock_advances` merged last, with the blobs it was merged of: the UPDATE's
/// SET then asks `msync_clock_merge` for the same two blobs, which gives it without reading them
/// again. Compared byte for byte, so any other call is merged afresh.
private final class LastMerge {
    private var held: [UInt8] = [], patch: [UInt8] = []
    var merged: [UInt8] = []
    private var valid = false

    func clear() { valid = false }

    func keep(held: UnsafeRawBufferPointer, patch: UnsafeRawBufferPointer) {
        LastMerge.copy(held, into: &self.held)
        LastMerge.copy(patch, into: &self.patch)
        valid = true
    }

    /// Copied at once (appending the raw bytes as a sequence went byte by byte), storage kept.
    private static func copy(_ bytes: UnsafeRawBufferPointer, into kept: inout [UInt8]) {
        kept.removeAll(keepingCapacity: true)
        bytes.withMemoryRebound(to: UInt8.self) { kept.append(contentsOf: $0) }
    }

    func isOf(held: UnsafeRawBufferPointer, patch: UnsafeRawBufferPointer) -> Bool {
        valid && LastMerge.same(self.held, held) && LastMerge.same(self.patch, patch)
    }

    private static func same(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && a.withUnsafeBytes { a in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
    }
}

import Foundation

/// Reads a bundle's records on a second thread, a batch ahead of the merge: reading the file,
/// decrypting, authenticating, inflating and decoding (a fifth of merging new rows on one core)
/// run beside the database work. At most two batches wait, so memory stays bounded.
///
/// The reader is used only by that thread until `stop()` returns; then it is the caller's again
/// (e.g. for `BundleReader.failure(explaining:)`). The file is still read once, and the merge
/// receives the end (nil) only after the reader checked the whole file's authenticator.
///
/// A bundle of fewer than `minimumRows` rows (a school's daily bundle) is read on the caller's
/// thread: handing it over would cost more than it saves (daily pass 0.48/0.51 → 0.50/0.53 s).
final class BundleReadAhead: @unchecked Sendable {
    private struct Batch {
        var records: [BundleRecord] = []
        /// What the preparer made of each row record (nil for the others), in step with `records`.
        var prepared: [PreparedRow?] = []
        var tableColumns: [String: [String]] = [:]
        var isLast = false
        var error: Error?
    }

    static let batchSize = 256
    static let minimumRows = 1024
    /// Whether records are read on the second thread (else `next()` reads them on the caller's).
    let readsAhead: Bool
    private let reader: BundleReader
    private let preparer: RowPreparer?
    private let queue = DispatchQueue(label: "mentorsync.bundle-read")
    private let filled = DispatchSemaphore(value: 0)
    /// Room for batches not yet taken. Made at 0 and raised to 2: a semaphore freed below the value
    /// it was made with is a fault in libdispatch, and batches may be left untaken.
    private let free = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var waiting: [Batch] = []
    /// Batches the merge is done with, freed by the reading thread: freeing a batch's records
    /// (their texts, values and cells) was a twentieth of merging new rows on the caller's thread.
    private var spent: [[BundleRecord]] = []
    private var spentPrepared: [[PreparedRow?]] = []
    private var stopping = false
    // The caller's side, touched only by the caller's thread.
    private var current: [BundleRecord] = []
    private var currentPrepared: [PreparedRow?] = []
    private var index = 0
    private var ended = false
    private var failure: Error?
    private var stopped = false
    /// Column names of each table declared so far, as of the record `next()` returned last.
    private(set) var tableColumns: [String: [String]] = [:]
    /// What the preparer made of the row record `next()` returned last, when it was read ahead.
    private(set) var prepared: PreparedRow?

    /// How many spent batches wait to be freed (for tests: never more than a few).
    var spentWaiting: Int {
        lock.lock(); defer { lock.unlock() }
        return spent.count
    }

    /// Starts reading `reader`'s records; the caller must call `stop()` when done with them.
    /// `preparer` (made by the caller, then used by the reading thread alone) works out each row
    /// record read ahead beside the merge (`RowPreparer`).
    init(_ reader: BundleReader, preparer: RowPreparer? = nil) {
        self.reader = reader
        self.preparer = preparer
        readsAhead = BundleReadAhead.readsAhead(reader.header)
        free.signal(); free.signal()
        guard readsAhead else { return }
        queue.async { [self] in produce() }
    }

    /// Whether a bundle's records are read on a second thread.
    static func readsAhead(_ header: BundleHeader) -> Bool {
        header.rowCount + header.conflictCount >= minimumRows
    }

    /// The next record, or nil once the whole file has passed its checks.
    func next() throws -> BundleRecord? {
        guard readsAhead else {
            let record = try reader.next()
            tableColumns = reader.tableColumns
            return record
        }
        if index < current.count {
            index += 1
            prepared = currentPrepared[index - 1]
            return current[index - 1]
        }
        if let failure { throw failure }
        if ended { return nil }
        filled.wait()
        lock.lock()
        let batch = waiting.removeFirst()
        // The spent batch changes hands under the lock, this thread's references to it gone before
        // the reading thread can take it: its last reference is then that thread's, which frees it.
        // (Replaced after the lock, the reading thread, woken, could let go of its reference first,
        // and the whole batch — its records, their values — was then freed here, on the merge's.)
        spent.append(current)
        spentPrepared.append(currentPrepared)
        current = batch.records
        currentPrepared = batch.prepared
        lock.unlock()
        free.signal()
        // The records read before an error are still given, then the error.
        failure = batch.error
        index = 0
        tableColumns = batch.tableColumns
        ended = batch.isLast
        return try next()
    }

    /// Stops reading ahead and waits until the reading thread has let go of the reader.
    func stop() {
        guard readsAhead, !stopped else { return }
        stopped = true
        lock.lock(); stopping = true; lock.unlock()
        free.signal()  // wakes the reading thread if it waits for room
        queue.sync {}
    }

    private func produce() {
        while true {
            free.wait()
            lock.lock()
            let stop = stopping
            var freed = spent
            var freedPrepared = spentPrepared
            spent.removeAll()
            spentPrepared.removeAll()
            lock.unlock()
            freed.removeAll()  // frees them on this thread
            freedPrepared.removeAll()
            if stop { return }
            var batch = Batch()
            batch.records.reserveCapacity(BundleReadAhead.batchSize)
            do {
                while batch.records.count < BundleReadAhead.batchSize {
                    guard let record = try reader.next() else { batch.isLast = true; break }
                    batch.records.append(record)
                    if let preparer, case .row(let change) = record {
                        batch.prepared.append(preparer.prepare(change, declared: reader.tableColumns))
                    } else {
                        batch.prepared.append(nil)
                    }
                }
            } catch {
                batch.error = error
            }
            batch.tableColumns = reader.tableColumns
            let done = batch.isLast || batch.error != nil
            lock.lock(); waiting.append(batch); lock.unlock()
            filled.signal()
            if done { return }
        }
    }
}

import CSQLite
import Foundation

/// A VFS over SQLite's default one that gathers the write-ahead log's small writes into large
/// ones. SQLite writes each frame of a commit with two `pwrite` calls (a 24-byte header, then the
/// page); a district's daily pass commits ~14,500 frames, and those 29,000 calls were a fifth of
/// it. Here a log file's writes that follow one another are kept in a buffer and written at once:
/// - when the frame that ends a transaction (its header's "database size" is not 0) is complete,
///   so every committed frame is in the file before SQLite publishes it in the shared index
///   (which it does only after the frames are written) — other connections and processes read
///   only published frames;
/// - before any other use of the file (read, sync, size, truncate, close, file control), and when
///   a write does not follow the buffer or would overflow it.
/// A crash loses at most frames of a transaction that had not committed, as it would have anyway.
/// Until the log's header has been seen (its page size tells where frames start), writes go
/// straight through. Every other file (the database, journals) is the default VFS's, untouched.
/// https://www.sqlite.org/c3ref/vfs.html https://www.sqlite.org/fileformat2.html#walformat
enum LogWriteVFS {
    static let name = "mentorsync-log"

    /// Registers the VFS once per process; returns its name for `sqlite3_open_v2`.
    static let registered: String? = {
        guard let base = sqlite3_vfs_find(nil) else { return nil }
        let vfs = UnsafeMutablePointer<sqlite3_vfs>.allocate(capacity: 1)
        vfs.initialize(to: base.pointee)
        vfs.pointee.zName = UnsafePointer(strdup(name))
        vfs.pointee.pAppData = UnsafeMutableRawPointer(base)
        vfs.pointee.szOsFile = Int32(LogFile.innerOffset) + base.pointee.szOsFile
        vfs.pointee.xOpen = logVFSOpen
        guard sqlite3_vfs_register(vfs, 0) == SQLITE_OK else { return nil }
        return name
    }()

    /// Writes SQLite asked of log files, and writes made to them (for tests).
    static var counts: (asked: Int, made: Int) {
        LogFile.countLock.lock(); defer { LogFile.countLock.unlock() }
        return (LogFile.asked, LogFile.made)
    }
}

private func logVFSOpen(_ vfs: UnsafeMutablePointer<sqlite3_vfs>?, _ name: sqlite3_filename?, _ file: UnsafeMutablePointer<sqlite3_file>?,
                        _ flags: Int32, _ outFlags: UnsafeMutablePointer<Int32>?) -> Int32 {
    guard let vfs, let file, let base = vfs.pointee.pAppData?.assumingMemoryBound(to: sqlite3_vfs.self),
          let open = base.pointee.xOpen else { return SQLITE_CANTOPEN }
    // Anything but a write-ahead log is the default VFS's own file, in place.
    guard flags & SQLITE_OPEN_WAL != 0 else { return open(base, name, file, flags, outFlags) }
    let inner = LogFile.inner(file)
    let rc = open(base, name, inner, flags, outFlags)
    guard rc == SQLITE_OK, inner.pointee.pMethods != nil else {
        file.pointee.pMethods = nil
        return rc
    }
    LogFile.setState(file, LogFile(inner))
    file.pointee.pMethods = UnsafePointer(LogFile.methods)
    return SQLITE_OK
}

/// The state of one open log file; its `sqlite3_file` holds the methods pointer, then a pointer
/// to this object, then the default VFS's file.
final class LogFile {
    static let innerOffset = 16
    /// SQLite's unix VFS writes at most 0x1ffff bytes per call, masking the length (a 128 KiB
    /// write becomes one of 0 bytes, reported as a full disk): the buffer stays well below.
    static let capacity = 64 * 1024
    nonisolated(unsafe) static var asked = 0
    nonisolated(unsafe) static var made = 0
    static let countLock = NSLock()

    let inner: UnsafeMutablePointer<sqlite3_file>
    var buffer: UnsafeMutableRawPointer?
    var count = 0
    var start: Int64 = 0
    /// The log's page size, once its header was written or read (0: unknown, writes pass through).
    var pageSize = 0
    /// Where the buffered commit frame ends: the buffer is written once it reaches that offset.
    var commitEnd: Int64?

    init(_ inner: UnsafeMutablePointer<sqlite3_file>) { self.inner = inner }

    static func inner(_ file: UnsafeMutablePointer<sqlite3_file>) -> UnsafeMutablePointer<sqlite3_file> {
        UnsafeMutableRawPointer(file).advanced(by: innerOffset).assumingMemoryBound(to: sqlite3_file.self)
    }

    static func setState(_ file: UnsafeMutablePointer<sqlite3_file>, _ state: LogFile) {
        UnsafeMutableRawPointer(file).advanced(by: 8).storeBytes(of: Unmanaged.passRetained(state).toOpaque(), as: UnsafeMutableRawPointer.self)
    }

    static func state(_ file: UnsafeMutablePointer<sqlite3_file>?) -> LogFile {
        let raw = UnsafeMutableRawPointer(file!).advanced(by: 8).load(as: UnsafeMutableRawPointer.self)
        return Unmanaged<LogFile>.fromOpaque(raw).takeUnretainedValue()
    }

    var methods: sqlite3_io_methods { inner.pointee.pMethods.pointee }

    /// Writes the buffer to the file.
    func flush() -> Int32 {
        guard count > 0, let buffer else { return SQLITE_OK }
        let rc = methods.xWrite!(inner, buffer, Int32(count), start)
        LogFile.countLock.lock(); LogFile.made += 1; LogFile.countLock.unlock()
        count = 0
        commitEnd = nil
        return rc
    }

    func write(_ data: UnsafeRawPointer, _ amount: Int32, _ offset: Int64) -> Int32 {
        let n = Int(amount)
        LogFile.countLock.lock(); LogFile.asked += 1; LogFile.countLock.unlock()
        if offset == 0 && n >= 32 { pageSize = LogFile.pageSize(header: data) }
        guard pageSize > 0 else {
            let rc = flush()
            if rc != SQLITE_OK { return rc }
            LogFile.countLock.lock(); LogFile.made += 1; LogFile.countLock.unlock()
            return methods.xWrite!(inner, data, amount, offset)
        }
        if count > 0 && (offset != start + Int64(count) || count + n > LogFile.capacity) {
            let rc = flush()
            if rc != SQLITE_OK { return rc }
        }
        if n > LogFile.capacity {
            LogFile.countLock.lock(); LogFile.made += 1; LogFile.countLock.unlock()
            return methods.xWrite!(inner, data, amount, offset)
        }
        if buffer == nil { buffer = UnsafeMutableRawPointer.allocate(byteCount: LogFile.capacity, alignment: 16) }
        if count == 0 { start = offset }
        (buffer! + count).copyMemory(from: data, byteCount: n)
        count += n
        // A frame header starts at 32 + k × (24 + page size); bytes 4–7 are the database size
        // after a commit, 0 in every other frame.
        let frame = Int64(24 + pageSize)
        if offset >= 32 && (offset - 32) % frame == 0 && n >= 8 {
            let size = data.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            if size != 0 { commitEnd = offset + frame }
        }
        if let end = commitEnd, start + Int64(count) >= end { return flush() }
        return SQLITE_OK
    }

    /// The page size a log header gives (bytes 8–11, big-endian); 0 when it is not a log header.
    static func pageSize(header: UnsafeRawPointer) -> Int {
        let magic = UInt32(bigEndian: header.loadUnaligned(as: UInt32.self))
        guard magic == 0x377f_0682 || magic == 0x377f_0683 else { return 0 }
        let size = Int(UInt32(bigEndian: header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        return size >= 512 && size <= 65536 && size & (size - 1) == 0 ? size : 0
    }

    func close() -> Int32 {
        let rc = flush()
        let closed = methods.xClose!(inner)
        buffer?.deallocate()
        buffer = nil
        return rc != SQLITE_OK ? rc : closed
    }

    /// The methods of a log file: every call but a write first writes the buffer, then goes to the
    /// default VFS's file.
    nonisolated(unsafe) static let methods: UnsafeMutablePointer<sqlite3_io_methods> = {
        let m = UnsafeMutablePointer<sqlite3_io_methods>.allocate(capacity: 1)
        m.initialize(to: sqlite3_io_methods())
        m.pointee.iVersion = 3
        m.pointee.xClose = { f in
            let s = LogFile.state(f)
            let rc = s.close()
            Unmanaged.passUnretained(s).release()
            return rc
        }
        m.pointee.xRead = { f, data, amount, offset in
            let s = LogFile.state(f)
            let rc = s.flush()
            if rc != SQLITE_OK { return rc }
            let read = s.methods.xRead!(s.inner, data, amount, offset)
            if read == SQLITE_OK, offset == 0, amount >= 32, let data { s.pageSize = LogFile.pageSize(header: data) }
            return read
        }
        m.pointee.xWrite = { f, data, amount, offset in LogFile.state(f).write(data!, amount, offset) }
        m.pointee.xTruncate = { f, size in
            let s = LogFile.state(f)
            let rc = s.flush()
            return rc != SQLITE_OK ? rc : s.methods.xTruncate!(s.inner, size)
        }
        m.pointee.xSync = { f, flags in
            let s = LogFile.state(f)
            let rc = s.flush()
            return rc != SQLITE_OK ? rc : s.methods.xSync!(s.inner, flags)
        }
        m.pointee.xFileSize = { f, size in
            let s = LogFile.state(f)
            let rc = s.flush()
            return rc != SQLITE_OK ? rc : s.methods.xFileSize!(s.inner, size)
        }
        m.pointee.xLock = { f, lock in let s = LogFile.state(f); return s.methods.xLock!(s.inner, lock) }
        m.pointee.xUnlock = { f, lock in let s = LogFile.state(f); return s.methods.xUnlock!(s.inner, lock) }
        m.pointee.xCheckReservedLock = { f, out in let s = LogFile.state(f); return s.methods.xCheckReservedLock!(s.inner, out) }
        m.pointee.xFileControl = { f, op, arg in
            let s = LogFile.state(f)
            let rc = s.flush()
            return rc != SQLITE_OK ? rc : s.methods.xFileControl!(s.inner, op, arg)
        }
        m.pointee.xSectorSize = { f in let s = LogFile.state(f); return s.methods.xSectorSize!(s.inner) }
        m.pointee.xDeviceCharacteristics = { f in let s = LogFile.state(f); return s.methods.xDeviceCharacteristics!(s.inner) }
        m.pointee.xShmMap = { f, page, size, extend, out in
            let s = LogFile.state(f)
            guard let map = s.methods.xShmMap else { return SQLITE_IOERR }
            return map(s.inner, page, size, extend, out)
        }
        m.pointee.xShmLock = { f, offset, n, flags in
            let s = LogFile.state(f)
            guard let lock = s.methods.xShmLock else { return SQLITE_IOERR }
            return lock(s.inner, offset, n, flags)
        }
        m.pointee.xShmBarrier = { f in
            let s = LogFile.state(f)
            s.methods.xShmBarrier?(s.inner)
        }
        m.pointee.xShmUnmap = { f, delete in
            let s = LogFile.state(f)
            guard let unmap = s.methods.xShmUnmap else { return SQLITE_OK }
            return unmap(s.inner, delete)
        }
        m.pointee.xFetch = { f, offset, amount, out in
            let s = LogFile.state(f)
            let rc = s.flush()
            if rc != SQLITE_OK { return rc }
            guard let fetch = s.methods.xFetch else { out?.pointee = nil; return SQLITE_OK }
            return fetch(s.inner, offset, amount, out)
        }
        m.pointee.xUnfetch = { f, offset, p in
            let s = LogFile.state(f)
            guard let unfetch = s.methods.xUnfetch else { return SQLITE_OK }
            return unfetch(s.inner, offset, p)
        }
        return m
    }()
}

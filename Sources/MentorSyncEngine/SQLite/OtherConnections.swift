import Foundation

/// Whether another process has a database open, told by SQLite's own locks: in WAL mode every
/// connection holds a shared lock on one byte of the `-shm` file (its "DMS" slot,
/// https://www.sqlite.org/walformat.html#the_wal_index_file_format) for as long as it is open.
/// Asking whether an exclusive lock could be placed there answers for other processes only:
/// POSIX never reports a process's own locks to it.
///
/// The descriptor opened to ask is kept open for the life of the process: closing any descriptor
/// of a file drops every lock this process holds on it, the locks of SQLite's own connections
/// included (https://www.sqlite.org/howtocorrupt.html, "POSIX advisory locks canceled by a
/// separate thread doing close()"). One is kept per file (device and inode): SQLite may remove a
/// `-shm` file when its last connection closes, and the next one makes a new file.
enum OtherConnections {
    /// Offset of the DMS slot in the `-shm` file: 120 bytes of header, then 8 lock bytes, then it.
    static let dmsOffset: off_t = 128

    private struct FileID: Hashable { let device: UInt64, inode: UInt64 }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [FileID: Int32] = [:]

    /// The id of another process holding `path` open, or nil when none is (no `-shm` file means
    /// no connection at all).
    static func process(holding path: String) -> Int32? {
        let shm = path + "-shm"
        lock.lock(); defer { lock.unlock() }
        var info = stat()
        guard stat(shm, &info) == 0 else { return nil }
        let file = FileID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let fd: Int32
        if let open = kept[file] { fd = open } else {
            fd = open(shm, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            kept[file] = fd
        }
        var probe = flock()
        probe.l_type = Int16(F_WRLCK)
        probe.l_whence = Int16(SEEK_SET)
        probe.l_start = dmsOffset
        probe.l_len = 1
        guard fcntl(fd, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) else { return nil }
        return probe.l_pid
    }
}

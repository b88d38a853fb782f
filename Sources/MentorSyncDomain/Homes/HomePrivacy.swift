import Foundation

/// A home is private: its registry holds personal data and, at the district, every school's key.
/// Folders this program makes there are 0700; `registry.db` and its `-wal`, `-shm` and `-journal`
/// are 0600 (SQLite gives the side files the mode of the database file, so it is set first).
/// An existing home folder keeps its mode: installers and administrators choose it.
enum HomePrivacy {
    static let fileMode: mode_t = 0o600
    static let folderMode: mode_t = 0o700
    static let sideFiles = ["", "-wal", "-shm", "-journal"]

    /// Makes `folder` (and missing parents) with mode 0700 when it does not exist yet.
    static func makeFolder(_ folder: URL) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: NSNumber(value: folderMode)])
    }

    /// Before SQLite creates a new registry: the home folder, and an empty database file that is
    /// private from its first byte.
    static func prepareNew(database: URL) throws {
        try makeFolder(database.deletingLastPathComponent())
        let fd = open(database.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, fileMode)
        guard fd >= 0 else {
            throw HomeError.invalidArgument(Message.cannotCreate(database.path, String(cString: strerror(errno))).text())
        }
        fchmod(fd, fileMode)  // whatever the umask
        close(fd)
    }

    /// Makes the registry and its side files private (homes made by older versions were readable by all).
    static func secure(database: URL) {
        for suffix in sideFiles {
            var st = stat()
            let path = database.path + suffix
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & 0o077 != 0 else { continue }
            chmod(path, st.st_mode & 0o700)
        }
    }
}

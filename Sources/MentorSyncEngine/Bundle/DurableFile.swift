import Foundation

/// Files written so that a crash or a pulled stick never leaves a half-written file under its final name.
public enum DurableFile {
    /// Writes `data` to `url` through a temporary file in the same folder: tmp → fsync → rename → fsync folder.
    public static func write(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: tmp.path) else {
            throw BundleError.io("cannot create \(tmp.path)")
        }
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            try rename(tmp, to: url)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: tmp)
            throw BundleError.io("writing \(url.path): \(error.localizedDescription)")
        }
    }

    /// Atomically renames within one file system and flushes the folder entry.
    public static func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            let e = String(cString: strerror(errno))
            throw BundleError.io("cannot rename \(from.lastPathComponent) to \(to.lastPathComponent): \(e)")
        }
        syncDirectory(to.deletingLastPathComponent())
    }

    public static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

import Foundation

/// A bundle did not fit on its disk (a full stick or share): how much room the whole file needs
/// and how much was free, so the person can make room. The partial file is already removed.
public struct NoRoomError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The folder the bundle was to be written into.
    public let folder: URL
    /// The size of the complete bundle, in bytes.
    public let needed: Int64
    /// Free bytes in that folder's file system after the partial file was removed.
    public let available: Int64

    public init(folder: URL, needed: Int64, available: Int64) {
        self.folder = folder; self.needed = needed; self.available = available
    }

    public var description: String {
        "\(folder.path) is full: the bundle needs \(NoRoomError.kilobytes(needed)) KB and \(NoRoomError.kilobytes(available)) KB are free; make room and try again"
    }

    /// Whole kilobytes, rounded up (a person makes at least this much room).
    public static func kilobytes(_ bytes: Int64) -> Int64 { (bytes + 1023) / 1024 }

    /// Free bytes for an unprivileged writer in the file system holding `folder` (0 when unknown).
    public static func freeBytes(in folder: URL) -> Int64 {
        var s = statvfs()
        guard statvfs(folder.path, &s) == 0 else { return 0 }
        return Int64(s.f_bavail) * Int64(s.f_frsize)
    }
}

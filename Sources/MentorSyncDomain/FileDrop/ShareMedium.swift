import Foundation

/// What takes a share's files to the district, so a receipt can say what happens next: a stick
/// someone must carry there, a network folder the district reads itself, or a folder on this
/// computer (copied by hand, or read by a district on the same machine).
public enum ShareMedium: String, Sendable {
    case stick, network, folder

    /// File systems of network folders (Samba, NFS, SSH, WebDAV and the like).
    static let networkTypes: Set<String> = ["cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "sshfs", "davfs",
                                            "fuse.davfs2", "9p", "afs", "ceph", "glusterfs", "fuse.rclone"]
    /// File systems sticks are formatted with (a stick from Windows is FAT, exFAT or NTFS).
    static let stickTypes: Set<String> = ["vfat", "msdos", "exfat", "fuseblk", "ntfs", "ntfs3"]

    /// The medium of the folder `url`: by the file system of the mount that holds it (the longest
    /// mount point above it; of two at one point, the later, mounted over the other), then by where
    /// that mount is (`ShareFinder.roots`: /media, /run/media, /mnt) — a folder under /mnt on the
    /// computer's own disk (a network folder not mounted) is a folder, not a stick. `configuredRoots`:
    /// roots set by `MENTORSYNC_SHARE_ROOTS` count any folder under them as a stick.
    public static func of(_ url: URL, mounts: [Mount], roots: [URL], configuredRoots: Bool = false) -> ShareMedium {
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        var holder: Mount?
        for m in mounts where holds(m.point, path) && m.point.count >= (holder?.point.count ?? 0) { holder = m }
        if let holder, networkTypes.contains(holder.type) { return .network }
        if let holder, stickTypes.contains(holder.type) { return .stick }
        if configuredRoots {
            if roots.contains(where: { holds($0.standardizedFileURL.path, path) }) { return .stick }
        } else if let point = holder?.point, point != "/", roots.contains(where: { holds($0.standardizedFileURL.path, point) }) {
            return .stick  // a device mounted at a root or under it
        }
        return .folder
    }

    /// Whether the folder `point` is `path` or above it.
    static func holds(_ point: String, _ path: String) -> Bool {
        point == "/" || path == point || path.hasPrefix(point.hasSuffix("/") ? point : point + "/")
    }

    /// One line of the mount table: where a file system is mounted, and its type.
    public struct Mount: Equatable, Sendable {
        public var point: String
        public var type: String
        public init(point: String, type: String) { self.point = point; self.type = type }
    }

    /// The lines of a mount table as Linux writes it (`/proc/self/mounts`: device, mount point,
    /// type, options…; a space in a path is written `\040`).
    public static func mounts(parsing text: String) -> [Mount] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { return nil }
            return Mount(point: unescape(String(fields[1])), type: String(fields[2]))
        }
    }

    /// `\040`, `\011`, `\012`, `\134` back to the characters they stand for.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = [], bytes = Array(s.utf8), i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 3 < bytes.count,
               let n = UInt8(String(decoding: bytes[i + 1...i + 3], as: UTF8.self), radix: 8) {
                out.append(n); i += 4
            } else {
                out.append(bytes[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// This computer's mount table now (empty where there is none to read).
    public static func currentMounts() -> [Mount] {
        (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)).map(mounts(parsing:)) ?? []
    }
}

extension Share {
    /// What takes this share's files to the district (`ShareMedium`).
    public var medium: ShareMedium {
        ShareMedium.of(url, mounts: ShareMedium.currentMounts(), roots: ShareFinder.roots, configuredRoots: ShareFinder.rootsConfigured)
    }
}

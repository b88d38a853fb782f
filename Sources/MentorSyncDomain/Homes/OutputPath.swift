import Foundation

/// Where a command may write a file a person asked for (`enroll --out`, `report --out`,
/// `export-csv`): never over the registry, its side files, or inside the home's bookkeeping
/// (`archive/`, `quarantine/`, `work/`), whatever spelling, link or hard link leads there.
public enum OutputPath {
    static let bookkeeping = ["archive", "quarantine", "work"]

    /// Throws one line when `out` would overwrite the registry at `database` or the home's bookkeeping.
    public static func check(_ out: URL, registry database: URL) throws {
        let home = real(database.deletingLastPathComponent())
        let target = real(out.deletingLastPathComponent()).appendingPathComponent(out.lastPathComponent)
        let refusal = MessageError(.outputOverRegistry(out.path, home: home.path))
        if target.deletingLastPathComponent().path == home.path,
           HomePrivacy.sideFiles.contains(where: { target.lastPathComponent == database.lastPathComponent + $0 }) || target.lastPathComponent == "serve.lock" {
            throw refusal
        }
        for folder in bookkeeping where target.path.hasPrefix(home.appendingPathComponent(folder).path + "/") { throw refusal }
        // The same file under another name (a hard link, a link to it).
        var a = stat(), b = stat()
        for suffix in HomePrivacy.sideFiles where stat(target.path, &a) == 0 && stat(database.path + suffix, &b) == 0 {
            if a.st_dev == b.st_dev && a.st_ino == b.st_ino { throw refusal }
        }
    }

    /// A folder with its links resolved (as far as it exists).
    static func real(_ url: URL) -> URL {
        guard let p = realpath(url.path, nil) else { return url.standardizedFileURL }
        defer { free(p) }
        return URL(fileURLWithPath: String(cString: p))
    }
}

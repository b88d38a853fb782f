import Foundation

/// The exchange folders on what is plugged in: a stick mounted under `/media/<user>/<label>`,
/// `/run/media/<user>/<label>` or `/mnt/<label>` that holds the share's `inbox/` — so a deputy head
/// presses one button instead of typing a path she has never seen. Two levels below each root;
/// a share itself at the first level is found too. `MENTORSYNC_SHARE_ROOTS` (paths joined by `:`)
/// replaces the roots.
public enum ShareFinder {
    /// Whether `MENTORSYNC_SHARE_ROOTS` sets the roots.
    public static var rootsConfigured: Bool { ProcessInfo.processInfo.environment["MENTORSYNC_SHARE_ROOTS"] != nil }

    public static var roots: [URL] {
        let given = ProcessInfo.processInfo.environment["MENTORSYNC_SHARE_ROOTS"].map { $0.split(separator: ":").map(String.init) }
        return (given ?? ["/media", "/run/media", "/mnt"]).map { URL(fileURLWithPath: $0) }
    }

    /// The shares found, by path, at most `limit`.
    public static func mounted(roots: [URL] = ShareFinder.roots, limit: Int = 10) -> [Share] {
        var found: [Share] = []
        func look(_ dir: URL, depth: Int) {
            guard found.count < limit else { return }
            if let share = try? Share.open(dir) { found.append(share); return }
            guard depth > 0, let children = try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: [.isDirectoryKey],
                                                                                          options: [.skipsHiddenFiles]) else { return }
            for child in children.sorted(by: { $0.path < $1.path }) where (try? child.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                look(child, depth: depth - 1)
            }
        }
        for root in roots { look(root, depth: 2) }
        return found
    }
}

import Foundation
import MentorSyncEngine

/// A share: a folder (local, on a network mount, or on a USB stick) laid out as
/// `inbox/` (bundles for the district) and `outbox/<site>/` (replies for one school).
public struct Share: Sendable {
    public let url: URL
    public var inbox: URL { url.appendingPathComponent("inbox") }
    public func outbox(_ site: SiteID) -> URL { url.appendingPathComponent("outbox").appendingPathComponent(site.rawValue) }
    public var manifest: URL { url.appendingPathComponent("MANIFEST.txt") }

    /// Opens an existing share; a missing folder or one without `inbox/` is an error, never an empty sync.
    public static func open(_ url: URL) throws -> Share {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare("\(url.path) does not exist: is the stick plugged in and mounted, or the network folder connected?")
        }
        let share = Share(url: url)
        guard FileManager.default.fileExists(atPath: share.inbox.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare("\(url.path) is not a mentorsync share (it has no inbox/ folder); the district prepares a share once with 'mentorsync-district ingest --share \(url.path)'")
        }
        return share
    }

    /// Opens a share, creating its layout in an existing folder (the district's prerogative).
    public static func prepare(_ url: URL) throws -> Share {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare("\(url.path) does not exist: is the stick plugged in and mounted, or the network folder connected?")
        }
        let share = Share(url: url)
        do {
            try FileManager.default.createDirectory(at: share.inbox, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        } catch {
            throw HomeError.notAShare("cannot prepare \(url.path) as a share: \(error.localizedDescription)")
        }
        return share
    }

    /// Complete bundle files in a folder (temporary names skipped), oldest name first.
    public static func bundles(in dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !BundleLayout.isTemporaryName($0) }.sorted().map { dir.appendingPathComponent($0) }
    }

    public func schoolsWithOutbox() -> [SiteID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("outbox").path)) ?? []
        return names.compactMap(SiteID.init).sorted()
    }
}

/// Facts about a file, for telling a finished file from one still being copied.
public struct FileFacts: Equatable, Sendable {
    public var size: Int
    public var modified: Date

    public static func of(_ url: URL) -> FileFacts? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        return FileFacts(size: (a[.size] as? NSNumber)?.intValue ?? 0, modified: a[.modificationDate] as? Date ?? .distantPast)
    }
}

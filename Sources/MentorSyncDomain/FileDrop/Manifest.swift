import Foundation
import MentorSyncEngine

/// `MANIFEST.txt` at a share's root: a plain list of the bundles on it, for a courier who has
/// never heard of this program.
public enum Manifest {
    public static func text(for share: Share, now: Date = Date()) -> String {
        var lines = [
            "mentorsync share — list of files (updated \(Replica.timestamp(now)))",
            "These files carry the mentoring registry between schools and the district.",
            "Do not rename or edit them. Copy the whole folder; the district reads inbox/, each school reads outbox/<its id>/.",
            "",
        ]
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var entries: [String] = []
        let folders = [share.inbox] + share.schoolsWithOutbox().map { share.outbox($0) }
        for folder in folders {
            for url in Share.bundles(in: folder) {
                guard let h = try? BundleReader.peekHeader(at: url).header else {
                    entries.append("  \(relative(url, share))  (unreadable or incomplete)")
                    continue
                }
                let when = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(h.createdAt)))
                let what = h.kind == .changes ? "changes" : "reply"
                entries.append("  \(relative(url, share))  from \(h.sender) to \(h.recipient), \(what), written \(when) UTC (sender's clock), \(h.rowCount) rows\(h.isFull ? ", full copy" : "")")
            }
        }
        lines.append(entries.isEmpty ? "No bundles on this share." : "Bundles (\(entries.count)):")
        lines += entries
        return lines.joined(separator: "\n") + "\n"
    }

    static func relative(_ url: URL, _ share: Share) -> String {
        String(url.path.dropFirst(share.url.path.count + 1))
    }

    public static func write(for share: Share) throws {
        try DurableFile.write(Data(text(for: share).utf8), to: share.manifest)
    }
}

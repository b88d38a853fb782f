import Foundation
import MentorSyncEngine

/// `MANIFEST.txt` at a share's root: a plain list of the bundles on it, for a courier who has
/// never heard of this program — in the reader's language, with school names, local time, which
/// bundles are for whom and how many records each carries.
public enum Manifest {
    /// The list for `share`; `names` gives the people's names of sites (an unknown site shows its code).
    /// `taken`: the bundle ids (hex) of replies the writing school has already merged, said so.
    /// A file that fails its integrity check (cut short, damaged) says what to do about it.
    public static func text(for share: Share, names: [SiteID: String], taken: Set<String> = [], language: Language = .current,
                            now: Date = Date(), timeZone: TimeZone = .current) -> String {
        let clock = Clock(language: language, timeZone: timeZone)
        var lines = Message.manifestIntro(updated: clock.string(now)).text(language).components(separatedBy: "\n")
        lines.append("")
        var groups: [(title: Message, entries: [String])] = []
        // What the courier does is said only for a stick: a shared folder is read where it is.
        let stick = share.medium == .stick
        let inbox = entries(in: share.inbox, share, names, taken, clock, language)
        if !inbox.isEmpty { groups.append((Message.manifestForDistrict(count: inbox.count, stick: stick), inbox)) }
        for site in share.schoolsWithOutbox() where RegularFile.kind(share.outbox(site)) == .directory {
            let replies = entries(in: share.outbox(site), share, names, taken, clock, language)
            if !replies.isEmpty { groups.append((Message.manifestForSchool(label(site, names), site: site.rawValue, count: replies.count, stick: stick), replies)) }
        }
        if groups.isEmpty { lines.append(Message.manifestEmpty.text(language)) }
        for g in groups { lines.append(g.title.text(language)); lines += g.entries; lines.append("") }
        return lines.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    static func entries(in folder: URL, _ share: Share, _ names: [SiteID: String], _ taken: Set<String>, _ clock: Clock, _ language: Language) -> [String] {
        Share.bundles(in: folder).map { url in
            let path = relative(url, share)
            guard let h = try? BundleReader.peekHeader(at: url).header else {
                return "  " + Message.manifestUnreadable(path).text(language)
            }
            let written = clock.string(Date(timeIntervalSince1970: TimeInterval(h.createdAt)))
            if (try? BundleReader.checkIntegrity(at: url)) == nil {
                return "  " + Message.manifestDamaged(path, changes: h.kind == .changes, from: label(h.sender, names), to: label(h.recipient, names)).text(language)
            }
            if h.kind == .reply, taken.contains(h.bundleIDHex) {
                return "  " + Message.manifestTaken(path, school: label(h.recipient, names), written: written).text(language)
            }
            let m = h.kind == .changes
                ? Message.manifestChanges(path, from: label(h.sender, names), to: label(h.recipient, names), records: h.rowCount, full: h.isFull, written: written)
                : Message.manifestReply(path, from: label(h.sender, names), to: label(h.recipient, names), records: h.rowCount, full: h.isFull, written: written)
            return "  " + m.text(language)
        }
    }

    /// «Школа №1» (s001), or the bare code when the name is not known here.
    static func label(_ site: SiteID, _ names: [SiteID: String]) -> String {
        guard let name = names[site], !name.isEmpty, name != site.rawValue else { return site.rawValue }
        return "«\(name)» (\(site))"
    }

    static func relative(_ url: URL, _ share: Share) -> String {
        Share.printable(String(url.path.dropFirst(share.url.path.count + 1)))
    }

    /// Rewrites `MANIFEST.txt` durably when the bundles it lists changed (or it is missing), so a
    /// daemon's idle pass never rewrites the stick. Returns true when it wrote.
    @discardableResult
    public static func refresh(_ share: Share, names: [SiteID: String], taken: Set<String> = [], language: Language = .current) throws -> Bool {
        // A folder that is no longer a share (an unmounted network folder leaves an empty mount
        // point behind) gets nothing written into it.
        guard RegularFile.kind(share.inbox) == .directory else { return false }
        let old = readBack(share.manifest)
        // A school knows only its own name and its district's: the names the district wrote stay.
        let known = (old.map(namesListed) ?? [:]).merging(names) { _, mine in mine }
        let text = text(for: share, names: known, taken: taken, language: language)
        if let old, withoutTime(old) == withoutTime(text) { return false }
        try DurableFile.write(Data(text.utf8), to: share.manifest)
        return true
    }

    /// A list is far smaller than this (a line a bundle, a few hundred bundles).
    static let maxReadBack = 4 << 20

    /// The list already on the share, when it is one this program could have written: a plain file
    /// (never through a link, never a pipe) of at most `maxReadBack` bytes. Anything else is not read
    /// (a sparse file of 20 GB planted there filled the memory) and is written anew.
    static func readBack(_ url: URL) -> String? {
        guard let h = RegularFile.handle(url) else { return nil }
        defer { try? h.close() }
        guard let data = try? h.read(upToCount: maxReadBack + 1), data.count <= maxReadBack else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// The names an earlier list gave sites: every «name» (code) in it.
    static func namesListed(_ text: String) -> [SiteID: String] {
        var names: [SiteID: String] = [:]
        let (open, close) = (Array("«".utf8), Array("» (".utf8))
        // Line by line on the bytes: a name never spans lines, and byte search keeps a list of
        // hundreds of schools cheap to read back on every pass.
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            var rest = line[...]
            while let o = rest.firstRange(of: open), let c = rest[o.upperBound...].firstRange(of: close) {
                let name = rest[o.upperBound..<c.lowerBound]
                rest = rest[c.upperBound...]
                guard let end = rest.firstIndex(of: UInt8(ascii: ")")),
                      let site = SiteID(String(decoding: rest[..<end], as: UTF8.self)) else { continue }
                // A name may hold quotes of its own (МБОУ «Лицей № 2»), balanced; an unbalanced one
                // is a match run from one name into the next, not a name.
                let text = String(decoding: name, as: UTF8.self)
                if text.filter({ $0 == "«" }).count == text.filter({ $0 == "»" }).count { names[site] = text }
            }
        }
        return names
    }

    /// The list with its "updated" line (the second) left out, to tell whether anything but the time changed.
    static func withoutTime(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1 { lines.remove(at: 1) }
        return lines
    }

    /// Local time as people of the language write it.
    struct Clock {
        let formatter = DateFormatter()
        init(language: Language, timeZone: TimeZone) {
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = language == .ru ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm"
            formatter.timeZone = timeZone
        }
        func string(_ date: Date) -> String { formatter.string(from: date) }
    }
}

/// The names a district knows: its own and every enrolled school's.
extension DistrictHome {
    public func siteNames() -> [SiteID: String] {
        var names = [site: name]
        for s in (try? schools()) ?? [] { names[s.site] = s.name }
        return names
    }
}

/// The names a school knows from its enrollment: its own and its district's.
extension SchoolHome {
    /// The ids (hex) of the district's replies this school has merged (the courier's list says so).
    public func mergedReplies() -> Set<String> {
        Set(((try? database.rows("SELECT bundle_id FROM school_imports")) ?? []).map { $0[0].displayText })
    }

    public func siteNames() -> [SiteID: String] {
        [site: name, district: districtName]
    }

    public var districtName: String {
        (try? database.scalar("SELECT district_name FROM school_identity")?.text) ?? district.rawValue
    }
}

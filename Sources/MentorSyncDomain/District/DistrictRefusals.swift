import Foundation
import MentorSyncEngine

extension DistrictHome {
    /// What the district refused lately, newest first, as the coordinator reads it: the school by
    /// its name, when, and what was refused and why — a row by its table and name, a bundle by its
    /// file with the reason in the reader's language. The same refusal again (a school sends a
    /// refused row with every bundle until it is corrected) is one line with how many times.
    /// Files that named a school but failed its check are among them. `total` counts the distinct
    /// refusals of the last 60 days (what the schools are told of), or of those since `since` (a
    /// timestamp: what one `ingest` refused), only refused rows when `rowsOnly`. The one source for
    /// `status`, `ingest` and the web dashboard.
    public func recentRefusals(limit: Int = 10, since: String? = nil, rowsOnly: Bool = false) throws -> (lines: [Message], total: Int) {
        let refusals = """
            SELECT site, bundle, reason, at, label FROM district_rejections
            UNION ALL SELECT named_site, bundle, reason, at, NULL FROM district_forgeries
            """
        let recent = "FROM (\(refusals)) WHERE at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') AND at >= ?"
        let from: DatabaseValue = .text(since ?? "")
        let total = Int(try database.scalar("SELECT count(*) FROM (SELECT 1 \(recent) GROUP BY site, reason)", [from])?.integer ?? 0)
        guard total > 0 else { return ([], 0) }
        let schoolNames = Dictionary(try schools().map { ($0.site.rawValue, $0.name) }) { a, _ in a }
        // The newest of each refusal (SQLite takes the bare columns from the row of max(at)).
        let rows = try database.rows("SELECT site, bundle, reason, max(at), count(*), max(label) \(recent) GROUP BY site, reason ORDER BY max(at) DESC LIMIT ?",
                                     [from, .integer(Int64(limit))])
        let lines = rows.compactMap { r -> Message? in
            let site = r[0].text ?? ""
            let bundle = Share.printable(r[1].displayText), reason = Share.printable(r[2].displayText), at = r[3].displayText
            let row = RefusalReason(text: reason)
            if rowsOnly && row == nil { return nil }
            let what = row.map {
                // A refused row by the name its values gave (kept with the refusal), else as held here;
                // each read alone: a district's tables are too big to name whole for a status line.
                Message.refusal($0, to: .coordinator, row: { r[5].text ?? RowNames.label(ofHeld: $1, in: $0, registry: database) ?? ReferenceResolver.shortID($1) },
                                owner: { schoolNames[$0] ?? $0 })
            } ?? .districtRefusedBundle(bundle, reason: .reason(reason, quarantined: true))
            let school = site.isEmpty ? Message.noEnrolledSchool : Message("district.school_name", en: schoolNames[site] ?? site, ru: schoolNames[site] ?? site)
            return .refusalLine(school: school, at: at, what, times: Int(r[4].integer ?? 1))
        }
        return (lines, total)
    }
}

extension Message {
    public static func recentRefusalsHeading(shown: Int, total: Int) -> Message {
        Message("district.recent_refusals",
                en: shown < total ? "Refused in the last 60 days (\(total); the newest \(shown)):" : "Refused in the last 60 days:",
                ru: shown < total ? "Отклонено за 60 дней (всего \(total), последние \(shown)):" : "Отклонено за 60 дней:")
    }

    static func refusalLine(school: Message, at: String, _ what: Message, times: Int) -> Message {
        Message("district.refusal_line",
                en: "\(school.english), \(LocalTime.readable(at, .en)): \(what.english)\(times > 1 ? " (\(times) times)" : "")",
                ru: "\(school.russian), \(LocalTime.readable(at, .ru)): \(what.russian)\(times > 1 ? " (\(Plural.ru(count: times, "раз", "раза", "раз")))" : "")")
    }

    /// Who sent a file that named no school of this district, or could not be read as a bundle.
    static let noEnrolledSchool = Message("district.no_enrolled_school", en: "Not from an enrolled school", ru: "Не от подключённой школы")

    static func districtRefusedBundle(_ bundle: String, reason: Message) -> Message {
        Message("district.refused_bundle", en: "\(bundle) was quarantined: \(reason.english)", ru: "пакет \(bundle) в карантине: \(reason.russian)")
    }
}

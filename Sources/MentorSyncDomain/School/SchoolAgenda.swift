import Foundation
import MentorSyncEngine

/// What the school's registry asks of its curator now, worked out from the school's own rows (a
/// network pair of another school is that school's to keep): an exchange overdue (or the district's
/// answer, while changes wait), changes the district refused, pairs past their
/// end date and not closed, pairs still «формируется» a month after their start, running pairs without a plan (ИОМ) or without a meeting for a month,
/// pairs completed this school year without their satisfaction surveys or final meeting, mentees
/// waiting for a pair,
/// mentees marked «в паре» in no running pair.
/// The school's home page and `status` tell it, one line a kind, naming the first rows. Reads only.
public struct AgendaItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case exchangeDue = "exchange_due"
        /// Sent, but no answer from the district for a month while changes wait (`days`: since its last answer).
        case replyOverdue = "reply_overdue"
        /// Changes the district refused, standing until she corrects them (one item a table).
        case changesRefused = "changes_refused"
        case pairPastEnd = "pair_past_end"
        /// Still «формируется» a month after its start date: the report counts only running and
        /// completed pairs, so it is not counted.
        case pairStillForming = "pair_still_forming"
        case pairWithoutPlan = "pair_without_plan"
        case pairWithoutMeetings = "pair_without_meetings"
        case surveysMissing = "surveys_missing"
        /// Completed this school year without its «итоговая встреча» (the roadmap's last meeting).
        case finalMeetingMissing = "final_meeting_missing"
        case menteesWaiting = "mentees_waiting"
        /// Marked «в паре» and in no running pair (last year's list, a pair closed without marking them).
        case menteesWithoutPair = "mentees_without_pair"
        /// The school holds no pair of its own and no mentee waits for one (a school just set up,
        /// or before its first list): where to begin, not «nothing waits».
        case noPairsYet = "no_pairs_yet"
    }

    /// One row the item is about: its id, its name, and what the item says of it (a date, who did
    /// not answer), already in the reader's language.
    public struct Row: Sendable, Equatable {
        public let id: String
        public let name: String
        public let detail: String?
    }

    public let kind: Kind
    /// The table of `rows` (nil for an exchange).
    public let table: String?
    /// The first rows, oldest first (`shownRows` of them at most), and how many there are in all.
    public let rows: [Row]
    public let count: Int
    /// Rows named beyond those shown: the rest of the list, behind «и ещё N».
    public var unnamed: Int { table == nil ? 0 : count - rows.count }
    /// Days since the last exchange (nil: never); of an exchange, `count` is the changes the district
    /// has not confirmed (not those it refused: they wait for her correction).
    public var days: Int? = nil
    /// Of `noPairsYet`: the copy of the school's data asked of the district (a new or restored
    /// computer) has not arrived yet — a school that kept its registry elsewhere gets it back then.
    public var awaitsDistrictCopy = false

    public static let shownRows = 5

    /// The item in one line: what it is, then its rows by name (`agendaHead`, `agendaRow`, `agendaMore`).
    public func line(_ l: Language) -> String {
        let named = rows.map { Message.agendaRow($0).text(l) }.joined(separator: ", ")
        let more = unnamed > 0 ? " " + Message.agendaMore(unnamed).text(l) : ""
        return Message.agendaHead(self).text(l) + (named.isEmpty ? "" : ": " + named + more)
    }

    public var json: [String: Any] {
        ["kind": kind.rawValue, "table": table ?? NSNull(), "count": count, "ids": rows.map(\.id), "days": days ?? NSNull()]
    }
}

extension SchoolHome {
    /// Days without an exchange after which one is due while changes wait to be sent (the courier
    /// comes weekly), and after which it is due in any case (the district marks a school silent then).
    static let exchangeDueDays = 7, silentDays = 30
    /// A running pair without a meeting this long (days) is told.
    static let daysWithoutMeeting = 30

    /// The agenda as of `now`, in `language` (the rows' details: dates, who did not answer), naming
    /// `shownRows` rows of each item (nil: every row — the whole list behind «и ещё N»).
    public func agenda(now: Date = Date(), language l: Language = .current,
                       shownRows: Int? = AgendaItem.shownRows) throws -> [AgendaItem] {
        let shown = shownRows ?? Int.max
        var items: [AgendaItem] = []
        let s = try status()
        let last = s.lastExportAt.flatMap { ISO8601DateFormatter().date(from: $0) }
        let days = last.map { Int(now.timeIntervalSince($0) / 86400) }
        if days == nil || days! >= Self.silentDays || (days! >= Self.exchangeDueDays && s.waitingForDistrict > 0) {
            items.append(AgendaItem(kind: .exchangeDue, table: nil, rows: [], count: s.waitingForDistrict, days: days))
        } else if s.waitingForDistrict > 0,
                  let reply = try (s.lastImportAt ?? database.scalar("SELECT enrolled_at FROM school_identity")?.text).flatMap({ ISO8601DateFormatter().date(from: $0) }),
                  case let silent = Int(now.timeIntervalSince(reply) / 86400), silent >= Self.silentDays {
            // Sent every week, and no answer for a month (or none since the school was enrolled): the
            // sticks do not reach the district.
            items.append(AgendaItem(kind: .replyOverdue, table: nil, rows: [], count: s.waitingForDistrict, days: silent))
        }
        // The district's refusals waiting for her correction, one item a table, each row to open (its
        // page says why and what to do); her correction, once the district confirms it, clears it.
        let refused = try standingRefusals().filter { $0.state.alive }
        let names = ReferenceResolver(database: database)
        for table in refused.map(\.table).uniqued(by: { $0 }) {
            let ids = refused.filter { $0.table == table }.map(\.id).uniqued(by: { $0 })
            let rows = try ids.prefix(shown).map { AgendaItem.Row(id: $0, name: try names.labelOrShortID($0, in: table), detail: nil) }
            items.append(AgendaItem(kind: .changesRefused, table: table, rows: rows, count: ids.count))
        }
        let today = RegistryDay.of(now)
        let monthAgo = RegistryDay.of(now.addingTimeInterval(-Double(Self.daysWithoutMeeting) * 86400))
        let own = site.rawValue
        func date(_ v: DatabaseValue) -> String { ReferenceResolver.readableDate(v.text ?? "", l) }
        /// `startDate`: the detail is the row's start date (not said again of a pair named by it).
        func item(_ kind: AgendaItem.Kind, _ table: String, _ sql: String, _ args: [DatabaseValue], startDate: Bool = false,
                  detail: ([DatabaseValue]) -> String? = { _ in nil }) throws {
            let found = try database.rows(sql, args)
            guard !found.isEmpty else { return }
            let names = ReferenceResolver(database: database)
            // A pair with its mentees: she knows it by her young teacher («Орлов Виктор Семёнович → Соколов Илья Андреевич»).
            let mentees = table == "pairs" ? try PairMembers.mentees(of: found.prefix(shown).map { $0[0].displayText }, database: database) : [:]
            let rows = try found.prefix(shown).map { r in
                var name = try names.labelOrShortID(r[0].displayText, in: table)
                if let ids = mentees[r[0].displayText], !ids.isEmpty {
                    name += " → " + (try ids.map { try names.labelOrShortID($0, in: "mentees") }.joined(separator: ", "))
                }
                // A pair named by its start date (its mentor has several) is not told «начало» that date again.
                let said = detail(Array(r.dropFirst())).flatMap { d in
                    startDate && d.split(separator: " ").last.map { name.hasSuffix(" " + $0) } == true ? nil : d
                }
                return AgendaItem.Row(id: r[0].displayText, name: name, detail: said)
            }
            items.append(AgendaItem(kind: kind, table: table, rows: rows, count: found.count))
        }
        // A pair past its end date is asked to be closed, and only that: not its plan nor its meetings.
        try item(.pairPastEnd, "pairs", """
            SELECT id, ended_on FROM pairs WHERE org_id = ? AND status IN ('forming', 'active') AND coalesce(ended_on, '') <> '' AND ended_on < ?
            ORDER BY ended_on, rowid
            """, [.text(own), .text(today)]) { Message.agendaEndedOn(date($0[0])).text(l) }
        try item(.pairStillForming, "pairs", """
            SELECT id, started_on FROM pairs WHERE org_id = ? AND status = 'forming' AND coalesce(started_on, '') <> '' AND started_on <= ?
              AND NOT (coalesce(ended_on, '') <> '' AND ended_on < ?)
            ORDER BY started_on, rowid
            """, [.text(own), .text(monthAgo), .text(today)], startDate: true) { Message.agendaStartedOn(date($0[0])).text(l) }
        // A plan on the pair, or on one of its mentees with no pair chosen (the ИОМ written from the plans
        // page for the young teacher): the pair has its plan.
        // (Each query reads the plans, meetings or surveys once, grouped, not once per pair: a school of
        // 2,000 pairs waited seconds for its home page.)
        try item(.pairWithoutPlan, "pairs", """
            WITH planned(id) AS MATERIALIZED (
                SELECT pair_id FROM plans WHERE coalesce(pair_id, '') <> ''
                UNION SELECT l.pair_id FROM plans pl JOIN pair_mentees l ON l.mentee_id = pl.mentee_id
                      WHERE coalesce(pl.pair_id, '') = '' AND l.pair_id IS NOT NULL)
            SELECT id FROM pairs p WHERE org_id = ? AND status = 'active' AND NOT (coalesce(ended_on, '') <> '' AND ended_on < ?)
              AND id NOT IN (SELECT id FROM planned)
            ORDER BY coalesce(started_on, ''), rowid
            """, [.text(own), .text(today)])
        // Begun a month ago or more, and no meeting held or planned since (one without its start date
        // may have begun yesterday).
        try item(.pairWithoutMeetings, "pairs", """
            WITH last(pair_id, held) AS MATERIALIZED (
                SELECT pair_id, max(held_on) FROM meetings WHERE coalesce(held_on, '') <> '' AND pair_id IS NOT NULL GROUP BY pair_id)
            SELECT p.id, last.held FROM pairs p LEFT JOIN last ON last.pair_id = p.id
            WHERE p.org_id = ? AND p.status = 'active' AND coalesce(p.started_on, '') <> '' AND p.started_on <= ?
              AND NOT (coalesce(p.ended_on, '') <> '' AND p.ended_on < ?)
              AND (last.held IS NULL OR last.held < ?)
            ORDER BY coalesce(p.started_on, ''), p.rowid
            """, [.text(own), .text(monthAgo), .text(today), .text(monthAgo)]) { r in
            r[0].text.map { Message.agendaLastMeeting(date(.text($0))).text(l) } ?? Message.agendaNoMeetings.text(l)
        }
        // Completed this school year, or without the end date that would say it was another's.
        try item(.surveysMissing, "pairs", """
            WITH answered(pair_id, mentor, mentee) AS MATERIALIZED (
                SELECT pair_id, max(respondent = 'mentor'), max(respondent = 'mentee') FROM surveys WHERE pair_id IS NOT NULL GROUP BY pair_id)
            SELECT p.id, coalesce(a.mentor, 0) = 0, coalesce(a.mentee, 0) = 0 FROM pairs p LEFT JOIN answered a ON a.pair_id = p.id
            WHERE p.org_id = ? AND p.status = 'completed' AND (coalesce(p.ended_on, '') = '' OR p.ended_on >= ?)
              AND (coalesce(a.mentor, 0) = 0 OR coalesce(a.mentee, 0) = 0)
            ORDER BY coalesce(p.ended_on, ''), p.rowid
            """, [.text(own), .text(SchoolYear.containing(now).start)]) { r in
            Message.agendaSurveysOf(mentor: r[0].integer == 1, mentee: r[1].integer == 1).text(l)
        }
        // Mentees of no forming or running pair: waiting for one, or still marked «в паре».
        let inRunningPair = """
            SELECT l.mentee_id FROM pair_mentees l JOIN pairs p ON p.id = l.pair_id
            WHERE p.status IN ('forming', 'active') AND l.mentee_id IS NOT NULL
            """
        try item(.finalMeetingMissing, "pairs", """
            WITH closed(pair_id) AS MATERIALIZED (SELECT DISTINCT pair_id FROM meetings WHERE kind = 'final' AND pair_id IS NOT NULL)
            SELECT id FROM pairs WHERE org_id = ? AND status = 'completed' AND (coalesce(ended_on, '') = '' OR ended_on >= ?)
              AND id NOT IN (SELECT pair_id FROM closed)
            ORDER BY coalesce(ended_on, ''), rowid
            """, [.text(own), .text(SchoolYear.containing(now).start)])
        try item(.menteesWaiting, "mentees", """
            SELECT id FROM mentees WHERE org_id = ? AND coalesce(status, 'waiting') = 'waiting' AND id NOT IN (\(inRunningPair))
            ORDER BY rowid
            """, [.text(own)])
        try item(.menteesWithoutPair, "mentees", """
            SELECT id FROM mentees WHERE org_id = ? AND status = 'in_pair' AND id NOT IN (\(inRunningPair))
            ORDER BY rowid
            """, [.text(own)])
        if !items.contains(where: { [.menteesWaiting, .menteesWithoutPair].contains($0.kind) }),
           try database.scalar("SELECT 1 FROM pairs WHERE org_id = ? LIMIT 1", [.text(own)]) == nil {
            // Until the district's copy arrives, her records may be on their way (a new computer of a school
            // that kept its registry): typed in again, they would come twice.
            items.append(AgendaItem(kind: .noPairsYet, table: nil, rows: [], count: 0, awaitsDistrictCopy: s.fullCopyAsked))
        }
        return items
    }
}

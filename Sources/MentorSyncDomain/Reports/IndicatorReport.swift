/// The effectiveness indicators of DOMAIN.md for one school year, per school and for the district,
/// computed from a registry database (`IndicatorReport(database:period:site:)`, see
/// IndicatorReport+Compute.swift for the rules) and rendered as a text table, CSV, JSON or HTML.
public struct IndicatorReport: Codable, Equatable, Sendable {
    /// The school year reported on.
    public var period: SchoolYear
    /// First and last day of the period, `YYYY-MM-DD`.
    public var periodStart: String
    public var periodEnd: String
    /// The day the report is made as of, within the period (a past year: its last day). Plans that
    /// end after it are not yet due.
    public var asOf: String
    /// The school the report is limited to, or nil for the whole registry.
    public var site: String?
    /// The figures of the whole registry (or of `site` alone when the report is limited to it).
    public var district: OrganizationReport
    /// One entry per school (organization), ordered by site id.
    public var schools: [OrganizationReport]
    /// Rows the report could not use in full: unresolved references and missing values, by name.
    public var incomplete: [IncompleteRow]
    /// Rows with something missing: a row missing two things is one row (the schools' counts are rows too).
    public var incompleteRowCount: Int { Set(incomplete.map { "\($0.table)/\($0.id)" }).count }
    /// The rules the figures follow, in words, for whoever reads the report.
    public var notes: [String]

    public init(period: SchoolYear, asOf: String, site: String?, district: OrganizationReport, schools: [OrganizationReport],
                incomplete: [IncompleteRow], notes: [String]) {
        self.period = period
        self.periodStart = period.start
        self.periodEnd = period.end
        self.asOf = asOf
        self.site = site
        self.district = district
        self.schools = schools
        self.incomplete = incomplete
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case period, periodStart = "period_start", periodEnd = "period_end", asOf = "as_of", site, district, schools, incomplete, notes
    }

    /// Every key is written, empty ones as null, so that the JSON's shape never depends on the data.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(periodStart, forKey: .periodStart)
        try c.encode(periodEnd, forKey: .periodEnd)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(site, forKey: .site)
        try c.encode(district, forKey: .district)
        try c.encode(schools, forKey: .schools)
        try c.encode(incomplete, forKey: .incomplete)
        try c.encode(notes, forKey: .notes)
    }

    /// The figures of one school, by site id.
    public func school(_ site: String) -> OrganizationReport? { schools.first { $0.site == site } }
}

/// The figures of one organization (a school), or of the whole district.
public struct OrganizationReport: Codable, Equatable, Sendable {
    /// The site id (`s017`), or `district` for the district's totals.
    public var site: String
    /// The organization's name (`organizations.short_name`, else `name`; the site id when unknown).
    public var name: String
    /// `organizations.kind`, when the organization is registered.
    public var kind: String?
    /// Indicators 1–6 and 8–12, in the order of `IndicatorCode.allCases`.
    public var indicators: [IndicatorResult]
    /// Indicator 7: the counts.
    public var counts: ReportCounts
    /// How many rows of this organization are listed as incomplete.
    public var incomplete: Int

    public init(site: String, name: String, kind: String?, indicators: [IndicatorResult], counts: ReportCounts, incomplete: Int) {
        self.site = site; self.name = name; self.kind = kind
        self.indicators = indicators; self.counts = counts; self.incomplete = incomplete
    }

    public func indicator(_ code: IndicatorCode) -> IndicatorResult? { indicators.first { $0.code == code } }

    enum CodingKeys: String, CodingKey { case site, name, kind, indicators, counts, incomplete }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(site, forKey: .site)
        try c.encode(name, forKey: .name)
        try c.encode(kind, forKey: .kind)
        try c.encode(indicators, forKey: .indicators)
        try c.encode(counts, forKey: .counts)
        try c.encode(incomplete, forKey: .incomplete)
    }
}

/// One share: numerator out of denominator, against a target; or, for a count (indicator 10), the
/// numerator is the count, the denominator the people it was counted among, and the target a count.
public struct IndicatorResult: Codable, Equatable, Sendable {
    public var code: IndicatorCode
    /// The indicator's number in DOMAIN.md ("1" … "12", "5а", "5б", "8а", "8б", "12а", "12б").
    public var number: String
    /// `percent` for a share, `count` for a number of people.
    public var unit: IndicatorCode.Unit
    public var title: String
    /// Where the indicator comes from (the source document).
    public var source: String
    public var numerator: Int
    public var denominator: Int
    /// The target, in percent (a number of people for a count); nil when none is known.
    public var target: Double?
    /// Where the target was taken from.
    public var targetSource: TargetSource?

    public enum TargetSource: String, Codable, Sendable {
        /// A row of the `indicators` table with this code.
        case indicators
        /// The figure of the source document (`IndicatorCode.defaultTarget`).
        case `default`
    }

    public init(code: IndicatorCode, numerator: Int, denominator: Int, target: Double?, targetSource: TargetSource?) {
        self.code = code
        self.number = code.number
        self.unit = code.unit
        self.title = code.title
        self.source = code.source
        self.numerator = numerator
        self.denominator = denominator
        self.target = target
        self.targetSource = targetSource
    }

    /// The share in percent; nil when there is nobody to count (denominator 0). For a count: the count
    /// (nil too when there is nobody to count it among).
    public var value: Double? {
        guard denominator > 0 else { return nil }
        return unit == .count ? Double(numerator) : Double(numerator) * 100 / Double(denominator)
    }

    /// Whether the share reaches the target; nil when there is no target or nobody to count.
    /// Compared exactly (numerator × 100 ≥ target × denominator), so 17 of 20 meets 85%.
    /// A count meets its target when it reaches it, whoever it was counted among.
    public var met: Bool? {
        guard let target, denominator > 0 else { return nil }
        if unit == .count { return Double(numerator) >= target - 1e-9 }
        return Double(numerator) * 100 >= target * Double(denominator) - 1e-9
    }

    enum CodingKeys: String, CodingKey {
        case code, number, unit, title, source, numerator, denominator, value, target, targetSource = "target_source", met
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(IndicatorCode.self, forKey: .code)
        number = try c.decode(String.self, forKey: .number)
        unit = try c.decodeIfPresent(IndicatorCode.Unit.self, forKey: .unit) ?? .percent
        title = try c.decode(String.self, forKey: .title)
        source = try c.decode(String.self, forKey: .source)
        numerator = try c.decode(Int.self, forKey: .numerator)
        denominator = try c.decode(Int.self, forKey: .denominator)
        target = try c.decodeIfPresent(Double.self, forKey: .target)
        targetSource = try c.decodeIfPresent(TargetSource.self, forKey: .targetSource)
    }

    /// `value` and `met` are written out (with explicit nulls) so scripts need not recompute them.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(number, forKey: .number)
        try c.encode(unit, forKey: .unit)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
        try c.encode(numerator, forKey: .numerator)
        try c.encode(denominator, forKey: .denominator)
        try c.encode(value.map { ($0 * 10).rounded() / 10 }, forKey: .value)
        try c.encode(target, forKey: .target)
        try c.encode(targetSource, forKey: .targetSource)
        try c.encode(met, forKey: .met)
    }
}

/// Indicator 7: what there is, counted.
public struct ReportCounts: Codable, Equatable, Sendable {
    /// Mentors with status `active` whose person is in the organization during the period.
    public var activeMentors: Int
    /// Mentees whose person is in the organization during the period (any status).
    public var mentees: Int
    /// Pairs and groups whose dates overlap the period, by form and status (every known form × status,
    /// zeros included; an empty form or status is counted under "").
    public var pairs: [PairCount]
    /// Meetings held during the period, by kind (every known kind, zeros included).
    public var meetings: [KindCount]
    /// Survey answers given during the period, by respondent (mentor, mentee).
    public var satisfaction: [SatisfactionMean]

    public init(activeMentors: Int, mentees: Int, pairs: [PairCount], meetings: [KindCount], satisfaction: [SatisfactionMean]) {
        self.activeMentors = activeMentors; self.mentees = mentees
        self.pairs = pairs; self.meetings = meetings; self.satisfaction = satisfaction
    }

    enum CodingKeys: String, CodingKey {
        case activeMentors = "active_mentors", mentees, pairs, meetings, satisfaction
    }

    public var pairsTotal: Int { pairs.reduce(0) { $0 + $1.count } }
    public var meetingsTotal: Int { meetings.reduce(0) { $0 + $1.count } }
    public func pairs(form: String) -> Int { pairs.filter { $0.form == form }.reduce(0) { $0 + $1.count } }
    public func pairs(status: String) -> Int { pairs.filter { $0.status == status }.reduce(0) { $0 + $1.count } }
    public func pairs(form: String, status: String) -> Int { pairs.first { $0.form == form && $0.status == status }?.count ?? 0 }
    public func meetings(kind: String) -> Int { meetings.first { $0.kind == kind }?.count ?? 0 }
    public func satisfaction(_ respondent: String) -> SatisfactionMean? { satisfaction.first { $0.respondent == respondent } }
}

public struct PairCount: Codable, Equatable, Sendable {
    public var form: String
    public var status: String
    public var count: Int
    public init(form: String, status: String, count: Int) { self.form = form; self.status = status; self.count = count }
}

public struct KindCount: Codable, Equatable, Sendable {
    public var kind: String
    public var count: Int
    public init(kind: String, count: Int) { self.kind = kind; self.count = count }
}

/// The mean satisfaction (1..10) of one kind of respondent.
public struct SatisfactionMean: Codable, Equatable, Sendable {
    public var respondent: String
    public var responses: Int
    /// Sum of the scores, kept so that means can be combined exactly.
    public var total: Int
    public init(respondent: String, responses: Int, total: Int) {
        self.respondent = respondent; self.responses = responses; self.total = total
    }
    /// Nil when nobody answered.
    public var mean: Double? { responses > 0 ? Double(total) / Double(responses) : nil }

    enum CodingKeys: String, CodingKey { case respondent, responses, total, mean }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        respondent = try c.decode(String.self, forKey: .respondent)
        responses = try c.decode(Int.self, forKey: .responses)
        total = try c.decode(Int.self, forKey: .total)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(respondent, forKey: .respondent)
        try c.encode(responses, forKey: .responses)
        try c.encode(total, forKey: .total)
        try c.encode(mean.map { ($0 * 100).rounded() / 100 }, forKey: .mean)
    }
}

/// A row the report could not use in full, named so that someone can fix it (or wait for it).
public struct IncompleteRow: Codable, Equatable, Hashable, Sendable {
    public enum Problem: String, Codable, Sendable {
        /// The column names a row that is not in this registry (not arrived yet, or deleted).
        case missingReference = "missing_reference"
        /// The reference the report needs is empty.
        case emptyReference = "empty_reference"
        /// A value the report needs (a birth date, a teaching start, a date) is empty.
        case missingValue = "missing_value"
    }

    public var table: String
    public var id: String
    /// The owning site of the row.
    public var orgId: String
    public var column: String
    public var problem: Problem
    /// For a missing reference: the table and id it points at.
    public var refersToTable: String?
    public var refersToId: String?
    /// The row's name as people know it («Иванова Мария Петровна»), when it has one.
    public var label: String?

    public init(table: String, id: String, orgId: String, column: String, problem: Problem,
                refersToTable: String? = nil, refersToId: String? = nil) {
        self.table = table; self.id = id; self.orgId = orgId; self.column = column; self.problem = problem
        self.refersToTable = refersToTable; self.refersToId = refersToId
    }

    enum CodingKeys: String, CodingKey {
        case table, id, orgId = "org_id", column, problem, refersToTable = "refers_to_table", refersToId = "refers_to_id", label
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(table, forKey: .table)
        try c.encode(id, forKey: .id)
        try c.encode(orgId, forKey: .orgId)
        try c.encode(column, forKey: .column)
        try c.encode(problem, forKey: .problem)
        try c.encode(refersToTable, forKey: .refersToTable)
        try c.encode(refersToId, forKey: .refersToId)
        try c.encode(label, forKey: .label)
    }

    /// What is wrong, in words (Russian, like the rest of the report), the column by its title:
    /// «не заполнено: Педагогический стаж с».
    public var explanation: String {
        let title = Message.columnTitle(column, table: table).russian
        switch problem {
        case .missingReference:
            let target = refersToTable.map { Message.tableTitle($0).russian } ?? "?"
            return "\(title) → \(target) [\(refersToId.map(ReferenceResolver.shortID) ?? "?")]: запись ещё не получена (или удалена)"
        case .emptyReference, .missingValue:
            return "не заполнено: \(title)"
        }
    }

    /// The row as people know it: its name, else its short id.
    public var shown: String { label ?? "[\(ReferenceResolver.shortID(id))]" }
}

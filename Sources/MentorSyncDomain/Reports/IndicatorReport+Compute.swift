import MentorSyncEngine

/// How the figures are computed. These rules are also written into every report (`notes`).
///
/// - Period: a school year, 1 September – 31 August. Ages and teaching experience are taken on
///   1 September: "under 35" is `birth_date > start − 35 years`, "less than 3 years of teaching" is
///   `teaching_since > start − 3 years`. A teacher who turns 35 during the year is still under 35.
/// - Present during the period: `left_on` empty or not before the start, and `hired_on` empty or not
///   after the end. People who left before the period (or came after it) are not counted.
/// - A pair (or group) *works during the period* when its status is `active` or `completed` and its
///   dates overlap the period (`started_on` ≤ end and `ended_on` ≥ start; an empty date is open).
///   Forming and terminated pairs do not.
/// - A person *takes part in mentoring* when they are the person of the mentor of a pair working
///   during the period (persons ← mentors ← pairs.mentor_id), or the person of a mentee of such a
///   pair (persons ← mentees ← pair_mentees → pairs). The mentor's own status does not matter.
/// - 1, 2: present teachers (`role = 'teacher'`) under 35 / with less than 3 years, and those of them
///   who take part. 3: present pupils (`role = 'student'`) and those who take part.
/// - 4: present persons of mentees of category `young_specialist`, and those of them whose `left_on`
///   is empty or after the end of the period.
/// - 5a: mentees of pairs working during the period whose person is present, and those of them with
///   a plan that is not a draft and overlaps the period (their own plan, or a plan of their pair with
///   `mentee_id` empty).
///   5b: plans that are not drafts, overlap the period and are due (done, failed, or active with
///   `ends_on` on or before the report's date — the period's last day for a past year), and those
///   done. An active plan with no end date is not due.
/// - 6: schools (organizations other than the district's own) with at least one pair working during
///   the period.
/// - 7: active mentors and mentees whose person is present; pairs whose dates overlap the period by
///   form and status; meetings held and survey answers given within the period.
/// - 8–12 (ReportQueries+Staff.swift): present teachers and managers (9, 10: teachers), each once in
///   their own school. 8a: a diagnostic held in the period; 8b: of those with a level, the last
///   diagnostic of the period is high, elevated or basic. 9: a federal-register course passed and
///   finished in the period. 10: a count of teachers with a contest entry of the year the period
///   ends in (target: at least 1). 11: a course on talents passed and finished by the period's end.
///   12a/12b: took part in a practice-sharing event / a consultation, round table, master class or
///   seminar held in the period and not cancelled.
/// - Rows grouped by their own `org_id`; persons by theirs, so a teacher who mentors in another school
///   counts in their own school.
/// - Incomplete: every row with a reference to a row that is not in the registry (not arrived yet,
///   or deleted) is listed, whatever its dates; so are empty references the report needs (mentor's
///   or mentee's person, pair_mentees, the mentor of a working pair) and empty values it needs
///   (birth date or teaching start of a present teacher, date of a meeting or survey answer). Such a
///   row is left out only of the figures that need what is missing, and kept in the others.
/// - Targets: a row of `indicators` whose `code` is an `IndicatorCode` raw value and whose
///   `target_value` is set overrides the default (the first such row by id wins).
extension IndicatorReport {
    /// Computes the report from a registry (a district's or a school's `registry.db`).
    /// - Parameters:
    ///   - period: the school year; by default the one containing today.
    ///   - site: limit the report to one school. At a school's own registry the report is limited to
    ///     that school by default (the registry also holds the other schools' `organizations` rows).
    ///   - asOf: the report's date (`YYYY-MM-DD`, default today): active plans that end after it are
    ///     not yet due (5b). Kept within the period: a past year is judged on its last day.
    /// - Throws: `ReportError.notARegistry` when a table is missing, `ReportError.unknownSite` when
    ///   `site` names no school of the registry, `SQLiteError` when the database fails.
    ///   - names: organizations' names where their `organizations` row has not arrived (a school
    ///     knows its own name from its enrollment before the district's rows reach it).
    ///   - figures: where a web app keeps the figures while the registry is unchanged (`ReportFigures`).
    public init(database: Database, period: SchoolYear = .current, site: String? = nil,
                asOf: String = RoadmapEvent.today(), names: [String: String] = [:], figures: ReportFigures? = nil) throws {
        for table in RegistrySchema.schema.tables where try !database.tableExists(table.name) {
            throw ReportError.notARegistry(path: database.path, missingTable: table.name)
        }
        let dueBy = min(max(asOf, period.start), period.end)
        let query = ReportQueries(db: database, period: period, dueBy: dueBy)
        func count() throws -> ReportQueries.Result {
            database.isInTransaction ? try query.run() : try database.transaction(.deferred) { try query.run() }
        }
        let result = try figures?.result(of: database, period: period, dueBy: dueBy, count) ?? count()
        self = try IndicatorReport.assemble(result, period: period, site: site, asOf: dueBy, names: names)
        // The rows the report could not use, by their names (a few rows: each named alone).
        let rowNames = ReferenceResolver(database: database, namesRowsAlone: true)
        for i in incomplete.indices {
            let (id, table) = (incomplete[i].id, incomplete[i].table)
            func name() -> String? { try? rowNames.label(of: id, in: table) }
            incomplete[i].label = figures.map { $0.label(of: id, in: table, name) } ?? name()
        }
    }

    /// The rules in words, for the report's readers.
    public static func notes(for period: SchoolYear, asOf: String) -> [String] {
        let start = ReportText.date(period.start), end = ReportText.date(period.end), due = ReportText.date(asOf)
        return [
            "Период: \(period) учебный год, с \(start) по \(end). Возраст и педагогический стаж считаются на \(start).",
            "Не учитываются выбывшие до начала периода (дата выбытия раньше \(start)) и принятые после его окончания (дата приёма позже \(end)).",
            "Пара (группа) работает в периоде, если её статус «действует» или «завершена» и её даты начала и окончания пересекаются с периодом; пустая дата считается открытой.",
            "Участвует в наставничестве: человек, который является наставником или наставляемым в паре, работающей в периоде.",
            "Встречи, анкеты, диагностика, курсы и мероприятия считаются проведёнными в периоде не позже \(due); с более поздней датой они запланированы и не считаются.",
            "5а: наставляемые (не выбывшие) пар, работающих в периоде, у которых есть ИОМ (план не в статусе «черновик», пересекающийся с периодом). 5б: доля выполненных среди ИОМ периода, которые завершены (выполнены или не выполнены) или должны были завершиться к \(due).",
            "4: молодые специалисты — наставляемые категории «\(Message.valueTitle("young_specialist", column: "category", table: "mentees").text(.ru))»; закрепился — нет даты выбытия в периоде.",
            "Цели берутся из таблицы «Показатели и цели» (целевое значение строки с кодом показателя); где цели там нет — по образцу: муниципальной дорожной карты г. Дубны на 2024–2025 годы или дорожной карты дома детского творчества (МКУ ДО ДДТ) на 2024 год. Свои цели управление образования вписывает в таблицу «Показатели и цели».",
            Message.indicatorNotesStaff.text(.ru),
            Message.indicatorNotesDiagnostics.text(.ru),
            Message.indicatorNotesTrainings.text(.ru),
            Message.indicatorNotesContests(year: period.startYear + 1).text(.ru),
            Message.indicatorNotesEvents.text(.ru),
            "Неполные данные: строки со ссылками на ещё не полученные строки и с незаполненными нужными полями перечислены отдельно; они не входят только в те показатели, которым нужна недостающая строка.",
        ]
    }

    static func assemble(_ r: ReportQueries.Result, period: SchoolYear, site requested: String?, asOf: String,
                         names known: [String: String] = [:]) throws -> IndicatorReport {
        let districtSite = r.identity?.district ?? "district"
        func isDistrictOrg(_ id: String) -> Bool {
            if let kind = r.organizations[id]?.kind { return kind == "district" }
            return id == districtSite
        }
        // At the district, the office asked for by its code is the whole district (it has no pairs
        // of its own: reported as one school, it read as a school without a working pair).
        let atSchool = r.identity?.role == "school"
        let requested = requested.flatMap { !atSchool && isDistrictOrg($0) ? nil : $0 }
        let scope = requested ?? (r.identity?.role == "school" ? r.identity?.site : nil)

        var units = Set(r.tallies.keys).union(r.incomplete.map(\.orgId))
        units.formUnion(r.organizations.filter { $0.value.kind != "district" && !r.notInPeriod.contains($0.key) }.map(\.key))
        if let scope {
            if requested != nil && !units.contains(scope) && r.organizations[scope] == nil { throw ReportError.unknownSite(scope) }
            units = [scope]
        }

        func results(_ tally: ReportTally, schools: ReportTally.Share) -> [IndicatorResult] {
            IndicatorCode.allCases.map { code in
                let share = code == .schoolsWithActivePair ? schools : tally.shares[code] ?? ReportTally.Share()
                let target = r.targets[code]
                return IndicatorResult(code: code, numerator: share.numerator, denominator: share.denominator,
                                       target: target ?? code.defaultTarget,
                                       targetSource: target != nil ? .indicators : code.defaultTarget == nil ? nil : .default)
            }
        }
        func schoolShare(_ id: String, _ tally: ReportTally) -> ReportTally.Share {
            isDistrictOrg(id) ? ReportTally.Share() : ReportTally.Share(numerator: tally.workingPairs > 0 ? 1 : 0, denominator: 1)
        }
        func name(_ id: String) -> String {
            guard let org = r.organizations[id] else { return known[id] ?? id }
            return org.shortName ?? org.name ?? known[id] ?? id
        }

        var total = ReportTally()
        var totalSchools = ReportTally.Share()
        var schools: [OrganizationReport] = []
        for id in units.sorted() {
            let tally = r.tallies[id] ?? ReportTally()
            let share = schoolShare(id, tally)
            total += tally
            totalSchools += share
            schools.append(OrganizationReport(site: id, name: name(id), kind: r.organizations[id]?.kind,
                                              indicators: results(tally, schools: share), counts: tally.counts(),
                                              incomplete: tally.incomplete))
        }
        let district: OrganizationReport
        if let scope, let only = schools.first {
            district = OrganizationReport(site: scope, name: only.name, kind: only.kind, indicators: only.indicators,
                                          counts: only.counts, incomplete: only.incomplete)
        } else {
            let districtName = r.organizations.first { $0.value.kind == "district" }.map { name($0.key) }
            district = OrganizationReport(site: districtSite, name: districtName ?? "Итого по муниципалитету", kind: "district",
                                          indicators: results(total, schools: totalSchools), counts: total.counts(),
                                          incomplete: total.incomplete)
        }
        let incomplete = r.incomplete.filter { units.contains($0.orgId) }
        // Schools of which the registry holds nothing the report counts: their zeros are no figures.
        let silent = schools.filter { r.tallies[$0.site] == nil && !isDistrictOrg($0.site) }.map(\.name)
        return IndicatorReport(period: period, asOf: asOf, site: scope, district: district, schools: schools,
                               incomplete: incomplete, notes: notes(for: period, asOf: asOf) + (silent.isEmpty ? [] : [Self.noDataNote(silent)]))
    }

    /// The note naming the schools the report has no rows of for the period.
    static func noDataNote(_ schools: [String]) -> String {
        let (their, its) = schools.count == 1 ? ("её", "её строке") : ("их", "их строках")
        return "Нет данных за период: \(schools.joined(separator: ", ")) — в реестре нет \(their) записей, которые входят в показатели (от школы ещё ничего не пришло или она не вносила данных за этот учебный год); нули в \(its) — не показатели."
    }
}

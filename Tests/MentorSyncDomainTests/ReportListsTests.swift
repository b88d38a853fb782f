import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

/// The school year, the roadmap events list and the indicator targets list.
final class ReportListsTests: XCTestCase {
    func testSchoolYearParsesAndBounds() throws {
        let y = try XCTUnwrap(SchoolYear("2024-2025"))
        XCTAssertEqual(y.startYear, 2024)
        XCTAssertEqual(y.start, "2024-09-01")
        XCTAssertEqual(y.end, "2025-08-31")
        XCTAssertEqual(y.description, "2024-2025")
        XCTAssertEqual(y.start(yearsBefore: 35), "1989-09-01")
        XCTAssertEqual(SchoolYear("2024/2025"), y)
        XCTAssertEqual(SchoolYear(" 2024–2025 "), y)
        for bad in ["2024", "2024-2026", "2025-2024", "24-25", "2024-2025-2026", "abcd-efgh", "", "２０２４-２０２５"] {
            XCTAssertNil(SchoolYear(bad), bad)
        }
        XCTAssertThrowsError(try SchoolYear.parse("2024-2026")) { error in
            XCTAssertEqual((error as? ReportError)?.description,
                           "period 2024-2026: expected a school year like 2024-2025 (1 September to 31 August)")
        }
        XCTAssertTrue(y.contains("2024-09-01"))
        XCTAssertTrue(y.contains("2025-08-31"))
        XCTAssertFalse(y.contains("2024-08-31"))
        XCTAssertEqual(y.previous.description, "2023-2024")
        XCTAssertLessThan(y.previous, y)
    }

    func testSchoolYearContainingADate() {
        func at(_ y: Int, _ m: Int, _ d: Int) -> Date {
            var c = DateComponents(); c.year = y; c.month = m; c.day = d; c.hour = 12
            var cal = Calendar(identifier: .gregorian); cal.timeZone = TimeZone(identifier: "UTC")!
            return cal.date(from: c)!
        }
        XCTAssertEqual(SchoolYear.containing(at(2024, 8, 31)).description, "2023-2024")
        XCTAssertEqual(SchoolYear.containing(at(2024, 9, 1)).description, "2024-2025")
        XCTAssertEqual(SchoolYear.containing(at(2025, 1, 15)).description, "2024-2025")
        XCTAssertEqual(RoadmapEvent.today(at(2025, 1, 5)), "2025-01-05")
        // In Moscow, 1 September begins three hours before it does in UTC: the new year with it.
        let oneAM = ISO8601DateFormatter().date(from: "2024-08-31T22:00:00Z")!
        XCTAssertEqual(SchoolYear.containing(oneAM, timeZone: TimeZone(identifier: "Europe/Moscow")!).description, "2024-2025")
        XCTAssertEqual(SchoolYear.containing(oneAM, timeZone: TimeZone(identifier: "UTC")!).description, "2023-2024")
    }

    func testSchoolYearCodable() throws {
        let data = try JSONEncoder().encode([SchoolYear(startYear: 2030)])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "[\"2030-2031\"]")
        XCTAssertEqual(try JSONDecoder().decode([SchoolYear].self, from: data), [SchoolYear(startYear: 2030)])
        XCTAssertThrowsError(try JSONDecoder().decode([SchoolYear].self, from: Data("[\"2030\"]".utf8)))
    }

    /// An event dated only by its «сроки» («ноябрь 2026», «до 15.10.2026») is overdue after the
    /// last day they name, and belongs to the school year they fall in; «ежемесячно» names none.
    func testAnEventDatedByItsScheduleTextIsOverdueAfterIt() throws {
        let f = try ReportFixture()
        @discardableResult
        func event(_ schedule: String, _ status: String? = "in_progress") throws -> String {
            try f.replica.insert("events", ["org_id": "district", "title": .text(schedule), "schedule": .text(schedule),
                                            "status": status.map { .text($0) } ?? .null])
        }
        let november = try event("ноябрь 2026")
        let byDate = try event("до 15.10.2026")
        let inMay = try event("в течение мая 2027 г.")
        try event("ежемесячно")
        try event("ноябрь 2026", "done")
        XCTAssertEqual(ScheduleText.lastDay("сентябрь–октябрь 2026 года"), "2026-10-31")
        XCTAssertEqual(ScheduleText.lastDay("февраль 2028"), "2028-02-29")
        let december = try RoadmapEvent.list(database: f.db, today: "2026-12-05", overdueOnly: true)
        XCTAssertEqual(Set(december.map(\.id)), [november, byDate])
        XCTAssertEqual(try RoadmapEvent.list(database: f.db, today: "2026-11-30", overdueOnly: true).map(\.id), [byDate], "not before its last day")
        let lastYear = try RoadmapEvent.list(database: f.db, today: "2026-12-05", period: SchoolYear(startYear: 2025)).map(\.title)
        XCTAssertEqual(lastYear, ["ежемесячно"], "November 2026 is not 2025-2026's")
        XCTAssertTrue(try RoadmapEvent.list(database: f.db, today: "2026-12-05", period: SchoolYear(startYear: 2026)).contains { $0.id == inMay })
        // One organization's events by its code; a code typed wrong is said, not an empty list.
        XCTAssertEqual(try RoadmapEvent.list(database: f.db, today: "2026-12-05", site: "district").count, 5)
        XCTAssertThrowsError(try RoadmapEvent.list(database: f.db, site: "school-9")) { error in
            XCTAssertEqual(error as? ReportError, .unknownSite("school-9"))
        }
    }

    /// A one-day event entered with its date alone (the seminar of 01.11.2026) and still «запланировано»
    /// after that day is overdue: the methodologist has its status to set. Under way without an end,
    /// it is not (she said it goes on); on its day, not yet.
    func testAPlannedEventDatedByItsStartAlonePastThatDayIsOverdue() throws {
        let f = try ReportFixture()
        func event(_ title: String, _ status: String?, starts: String) throws -> String {
            try f.replica.insert("events", ["org_id": "district", "title": .text(title), "starts_on": .text(starts),
                                            "status": status.map { .text($0) } ?? .null])
        }
        let seminar = try event("Семинар «Наставник года»", "planned", starts: "2026-11-01")
        let noStatus = try event("Круглый стол", nil, starts: "2026-11-20")
        _ = try event("Мастер-класс по ИОМ", "in_progress", starts: "2026-10-20")
        _ = try event("Форум", "planned", starts: "2026-12-05")
        _ = try event("Конкурс", "done", starts: "2026-10-01")
        let late = try RoadmapEvent.list(database: f.db, today: "2026-12-05", overdueOnly: true)
        XCTAssertEqual(Set(late.map(\.id)), [seminar, noStatus])
    }

    /// An event whose «сроки» name no day («в течение учебного года», «ежемесячно», «октябрь–декабрь»
    /// without its year) is not one day's: dated by its start and still «запланировано», it was shown
    /// overdue the day after it began, though it runs all year. Only an event with no «сроки» at all
    /// is taken for one day's.
    func testAnEventWhoseScheduleNamesNoDayIsNotOverdueTheDayAfterItsStart() throws {
        let f = try ReportFixture()
        func event(_ title: String, schedule: String?) throws -> String {
            try f.replica.insert("events", ["org_id": "district", "title": .text(title), "starts_on": "2026-09-01", "status": "planned",
                                            "schedule": schedule.map { .text($0) } ?? .null])
        }
        _ = try event("Школа молодого педагога", schedule: "в течение учебного года")
        _ = try event("Методический час", schedule: "ежемесячно")
        _ = try event("Декада наставничества", schedule: "октябрь–декабрь")
        let seminar = try event("Установочный семинар", schedule: nil)
        let late = try RoadmapEvent.list(database: f.db, today: "2026-12-05", overdueOnly: true)
        XCTAssertEqual(late.map(\.id), [seminar], late.map(\.title).joined(separator: ", "))
    }

    func testEventsOverdueAndOrder() throws {
        let f = try ReportFixture()
        @discardableResult
        func event(_ org: String, _ code: String?, _ status: String?, ends: String?, starts: String? = nil) throws -> String {
            try f.replica.insert("events", ["org_id": .text(org), "code": code.map { .text($0) } ?? .null, "title": .text("Мероприятие \(code ?? "-")"),
                                            "status": status.map { .text($0) } ?? .null, "ends_on": ends.map { .text($0) } ?? .null,
                                            "starts_on": starts.map { .text($0) } ?? .null])
        }
        let late = try event("district", "1.10", "planned", ends: "2024-10-01")
        let underway = try event("district", "1.2", "in_progress", ends: "2024-10-31")
        try event("district", "1.1", "done", ends: "2024-09-30")
        try event("district", "2", "cancelled", ends: "2024-09-30")
        try event("district", nil, "planned", ends: nil)
        let undated = try event("s001", "1", nil, ends: "2024-11-30")
        try event("s001", "2", "planned", ends: "2024-11-01")          // due today: not yet overdue
        try event("s001", "3", "planned", ends: "2025-05-01", starts: "2025-04-01")

        let all = try RoadmapEvent.list(database: f.db, today: "2024-11-01")
        XCTAssertEqual(all.map(\.code), ["1.1", "1.2", "1.10", "2", nil, "1", "2", "3"], "district first; codes as numbers")
        XCTAssertEqual(Set(all.filter(\.overdue).map(\.id)), [late, underway])
        let december = try RoadmapEvent.list(database: f.db, today: "2024-12-01", site: "s001", overdueOnly: true)
        XCTAssertEqual(Set(december.map(\.id)).count, 2)
        XCTAssertTrue(december.contains { $0.id == undated }, "an event with no status is planned")
        let spring = try RoadmapEvent.list(database: f.db, today: "2024-11-01", site: "s001", period: SchoolYear(startYear: 2024))
        XCTAssertEqual(spring.count, 3)
        XCTAssertEqual(try RoadmapEvent.list(database: f.db, today: "2024-11-01", period: SchoolYear(startYear: 2025)).map(\.code),
                       [nil], "only the undated one reaches 2025-2026")

        let text = RoadmapEvent.tableText(all, today: "2024-11-01")
        XCTAssertTrue(text.contains("ПРОСРОЧЕНО"))
        XCTAssertTrue(text.contains("Начало (сроки)") && text.contains("Срок"), "every column has its heading: \(text)")
        XCTAssertTrue(RoadmapEvent.tableText(all, today: "2024-11-01", names: ["district": "Управление образования"]).contains("Управление образования"),
                      "owners by name")
        XCTAssertTrue(text.contains("просрочено на 01.11.2024: 2"))
        // Each event's short id first: the one `put events --id` takes, as the hint below the table says.
        XCTAssertTrue(text.hasPrefix("Идентификатор  ОО"), text)
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasPrefix(ReferenceResolver.shortID(late) + " ") }, text)
        let json = try JSONSerialization.jsonObject(with: ReportJSON.data(all)) as? [[String: Any]]
        XCTAssertEqual(json?.first?.keys.sorted(), ["code", "document", "done_on", "ends_on", "id", "org_id", "overdue", "responsible",
                                                   "result", "schedule", "section", "starts_on", "status", "title"])
    }

    func testIndicatorTargetsListRowsThenDefaults() throws {
        let f = try ReportFixture()
        try f.indicatorTarget("teachers_under_35", 90)
        try f.indicatorTarget("dubna_2", 90)
        try f.indicatorTarget("plans_done", nil)
        let list = try IndicatorTarget.list(database: f.db)
        XCTAssertEqual(list.prefix(3).map(\.code), ["dubna_2", "plans_done", "teachers_under_35"])
        XCTAssertEqual(list.count, 3 + IndicatorCode.allCases.count - 2)
        let u35 = try XCTUnwrap(list.first { $0.code == "teachers_under_35" })
        XCTAssertEqual(u35.effectiveTarget, 90)
        XCTAssertTrue(u35.computed)
        XCTAssertNotNil(u35.id)
        XCTAssertEqual(list.first { $0.code == "plans_done" }?.effectiveTarget, 80, "empty target_value: the default")
        XCTAssertEqual(list.first { $0.code == "dubna_2" }?.computed, false)
        XCTAssertNil(list.first { $0.code == "dubna_2" }?.effectiveTarget)
        let missing = try XCTUnwrap(list.first { $0.code == "students_in_mentoring" })
        XCTAssertNil(missing.id)
        XCTAssertEqual(missing.effectiveTarget, 70)
        XCTAssertTrue(IndicatorTarget.tableText(list).contains("teachers_under_35"))
    }
}

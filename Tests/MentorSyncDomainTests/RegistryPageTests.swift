import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A table browsed a page at a time: dated records by their day, the rest as they were written.
final class RegistryPageTests: XCTestCase {
    /// A pair's meetings entered out of order (the planning one first) are listed by the day they
    /// were held, the undated last; people, by the order they were added.
    func testMeetingsAreListedByTheirDay() throws {
        let scratch = ScratchDirectory("registry-page")
        let school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                        district: SiteID("district")!, schema: RegistrySchema.schema)
        let e = RegistryEditor(replica: school)
        for name in ["Орлов Пётр", "Алексеева Анна"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("started_on", "01.09.2026")]).id
        for (kind, day) in [("planning", "20.09.2026"), ("introduction", "05.09.2026"), ("trial", "12.09.2026")] {
            _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", kind), ("held_on", day)])
        }
        // One written without its date (by another program, or before dates were asked for).
        try school.database.execute("INSERT INTO meetings (id, org_id, pair_id, kind) VALUES ('undated', 's017', ?, 'other')", [.text(pair)])
        let meetings = try RegistryPage(database: school.database, table: RegistrySchema.meetings, search: "", offset: 0, limit: 10)
        let kind = try XCTUnwrap(meetings.columns.firstIndex(of: "kind"))
        XCTAssertEqual(meetings.rows.map { $0[kind].displayText }, ["introduction", "trial", "planning", "other"])
        let second = try RegistryPage(database: school.database, table: RegistrySchema.meetings, search: "", offset: 2, limit: 1)
        XCTAssertEqual(second.rows.map { $0[kind].displayText }, ["planning"])
        let people = try RegistryPage(database: school.database, table: RegistrySchema.persons, search: "", offset: 0, limit: 10)
        let name = try XCTUnwrap(people.columns.firstIndex(of: "full_name"))
        XCTAssertEqual(people.rows.map { $0[name].displayText }, ["Орлов Пётр", "Алексеева Анна"])
    }

    /// A search reads every row of the table (words are looked for in every column): the rows
    /// matching and the columns they fill are counted in one pass, then the page's rows read — two
    /// passes over a district's 83,000 meetings, not three; the page shows what it showed.
    func testASearchReadsTheTableTwice() throws {
        let scratch = ScratchDirectory("registry-page-search")
        let school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                        district: SiteID("district")!, schema: RegistrySchema.schema)
        let e = RegistryEditor(replica: school)
        _ = try e.put(table: "persons", sets: [("full_name", "Иванов Пётр")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Иванов Пётр")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("started_on", "01.09.2026")]).id
        for (kind, day, minutes) in [("introduction", "05.09.2026", "Протокол 1"), ("trial", "12.09.2026", ""), ("planning", "20.09.2026", "Иван сказал")] {
            _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", kind), ("held_on", day)] + (minutes.isEmpty ? [] : [("minutes", minutes)]))
        }
        var page: RegistryPage?
        let names = ReferenceResolver(database: school.database)
        _ = try names.choices(in: "pairs")
        let statements = try school.database.statementsRun {
            page = try RegistryPage(database: school.database, table: RegistrySchema.meetings, search: "иван", offset: 1, limit: 1, names: names)
        }
        XCTAssertEqual(statements.filter { $0.contains("FROM \"meetings\"") }.count, 2, statements.joined(separator: "\n"))
        let found = try XCTUnwrap(page)
        XCTAssertEqual(found.total, 3)
        XCTAssertEqual(found.columns, ["id", "org_id", "pair_id", "kind", "held_on", "minutes"])
        XCTAssertEqual(found.rows.map { $0[3].displayText }, ["trial"])
    }
}

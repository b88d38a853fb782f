import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

final class RegistrySchemaTests: XCTestCase {
    func testSeventeenTablesWithTheNamesOfDOMAINmd() {
        XCTAssertEqual(RegistrySchema.version, 2)
        XCTAssertEqual(RegistrySchema.schema.tables.map(\.name), [
            "organizations", "persons", "mentors", "mentees", "pairs", "pair_mentees", "plans", "meetings",
            "events", "indicators", "indicator_values", "practices", "surveys",
            "diagnostics", "trainings", "contest_entries", "event_participants",
        ])
        XCTAssertEqual(Set(RegistrySchema.schema.tables.map(\.number)).count, 17)
        XCTAssertEqual(RegistrySchema.trainings.columns.map(\.name),
                       ["person_id", "course", "provider", "topic", "hours", "federal_registry", "finished_on", "passed"])
        XCTAssertEqual(RegistrySchema.eventParticipants.columns.map(\.name), ["event_id", "person_id", "role"])
    }

    /// Version 2 adds and renames nothing: every table and column of version 1 keeps its name,
    /// number and place, and the new columns come last.
    func testVersion2OnlyAddsToVersion1() {
        let v1 = RegistrySchema.v1, v2 = RegistrySchema.schema
        XCTAssertEqual(v1.version, 1)
        XCTAssertEqual(v1.tables.count, 13)
        XCTAssertEqual(v2.at(version: 1)?.tables.map(\.name), v1.tables.map(\.name))
        XCTAssertNil(v2.at(version: 3))
        for old in v1.tables {
            let new = try! XCTUnwrap(v2.table(named: old.name))
            XCTAssertEqual(new.number, old.number)
            XCTAssertEqual(Array(new.columns.prefix(old.columns.count)), old.columns, old.name)
        }
        XCTAssertEqual(v1.table(named: "mentors")?.column(named: "network"), nil)
        XCTAssertEqual(v2.table(named: "mentors")?.columns.last?.name, "network")
        XCTAssertEqual(v2.table(named: "events")?.columns.last?.name, "kind")
    }

    func testNewEnumerationsAreCheckedAndTakeRussianWords() throws {
        let level = try XCTUnwrap(RegistrySchema.diagnostics.column(named: "level"))
        XCTAssertEqual(try ValueParser.parse("повышенный", column: level, table: "diagnostics"), .text("elevated"))
        XCTAssertThrowsError(try ValueParser.parse("средний", column: level, table: "diagnostics"))
        let kind = try XCTUnwrap(RegistrySchema.events.column(named: "kind"))
        XCTAssertEqual(try ValueParser.parse("Круглый стол", column: kind, table: "events"), .text("round_table"))
        let network = try XCTUnwrap(RegistrySchema.mentors.column(named: "network"))
        XCTAssertEqual(try ValueParser.parse("да", column: network, table: "mentors"), .integer(1))
        XCTAssertThrowsError(try ValueParser.parse("2", column: network, table: "mentors"))
        XCTAssertThrowsError(try ValueParser.parse("может", column: network, table: "mentors")) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "«Сетевой»: «может» — нужно «да» или «нет»", "a yes/no column says what it takes")
        }
        XCTAssertEqual(HeaderAliases.column(for: "Мероприятие", table: "event_participants", columns: ["event_id", "person_id", "role"]), "event_id")
    }

    func testEnumerationsAreChecked() {
        guard case .enumeration(let forms)? = RegistrySchema.pairs.column(named: "form")?.kind else { return XCTFail("form is not checked") }
        XCTAssertEqual(forms.count, 6)
        XCTAssertNotNil(RegistrySchema.persons.column(named: "role")?.checkSQL)
    }
}

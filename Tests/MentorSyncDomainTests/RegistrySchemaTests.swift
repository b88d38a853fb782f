import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

final class RegistrySchemaTests: XCTestCase {
    func testThirteenTablesWithTheNamesOfDOMAINmd() {
        XCTAssertEqual(RegistrySchema.schema.tables.map(\.name), [
            "organizations", "persons", "mentors", "mentees", "pairs", "pair_mentees", "plans", "meetings",
            "events", "indicators", "indicator_values", "practices", "surveys",
        ])
        XCTAssertEqual(Set(RegistrySchema.schema.tables.map(\.number)).count, 13)
    }

    func testEnumerationsAreChecked() {
        guard case .enumeration(let forms)? = RegistrySchema.pairs.column(named: "form")?.kind else { return XCTFail("form is not checked") }
        XCTAssertEqual(forms.count, 6)
        XCTAssertNotNil(RegistrySchema.persons.column(named: "role")?.checkSQL)
    }
}

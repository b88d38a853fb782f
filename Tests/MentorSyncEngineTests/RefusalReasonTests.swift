import XCTest
@testable import MentorSyncEngine

/// The refusal reasons a bundle carries are read back into what they say, for every kind the
/// merge writes, whatever the row ids hold; any other text is left alone.
final class RefusalReasonTests: XCTestCase {
    func testEveryKindReadsBackAsWritten() {
        let ids = ["0f6e3c52-5b1a-4c1e-9d2f-1a2b3c4d5e6f", "a/b", "x belongs to 'y', not to z", "с пробелом и ё", "p1: table persons"]
        for id in ids {
            let reasons: [RefusalReason] = [
                .notOwner(table: "persons", id: id, owner: "s018", sender: "s017"),
                .districtOnly(table: "organizations", id: id),
                .twoOwners(table: "mentors", id: id),
                .refusedValue(table: "persons", id: id, detail: "CHECK constraint failed: length(org_id) BETWEEN 1 AND 32"),
                .notOffered(table: "pairs", id: id, column: "mentor_id", target: "mentors", ref: "m-1/2", owner: "s001"),
                .notParty(table: "meetings", id: id, column: "pair_id", linked: "pairs", ref: "p 7", owner: "s002", sender: "s003"),
                .notParty(table: "plans", id: id, column: "pair_id", linked: "pairs", ref: "p7", owner: "s002", sender: nil),
                .notWhole(table: "pairs", id: id),
            ]
            for r in reasons { XCTAssertEqual(RefusalReason(text: r.text), r, r.text) }
        }
        XCTAssertEqual(RefusalReason(text: RefusalReason.unknownTable(table: "surveys").text), .unknownTable(table: "surveys"))
    }

    func testTheProtocolsWordingIsRead() {
        // Protocol/bundle.md, "Merging" and the header's `rejections`.
        XCTAssertEqual(RefusalReason(text: "row persons/0f6e3c52-… belongs to 's018', not to s017; change refused"),
                       .notOwner(table: "persons", id: "0f6e3c52-…", owner: "s018", sender: "s017"))
        XCTAssertEqual(RefusalReason(text: "row indicators/i1: table indicators is written by the district alone; change refused"),
                       .districtOnly(table: "indicators", id: "i1"))
        XCTAssertEqual(RefusalReason(text: "row pairs/p9 names two different owners; change refused"), .twoOwners(table: "pairs", id: "p9"))
        // Protocol/shares.md, "What a school may write that names another school's rows".
        XCTAssertEqual(RefusalReason(text: "row pairs/ID: its mentor_id names mentors/REF of s001, which is not offered to network mentoring; change refused"),
                       .notOffered(table: "pairs", id: "ID", column: "mentor_id", target: "mentors", ref: "REF", owner: "s001"))
        XCTAssertEqual(RefusalReason(text: "row meetings/ID: its pair_id names pairs/REF of s002, a pairs row s003 is not a party to; change refused"),
                       .notParty(table: "meetings", id: "ID", column: "pair_id", linked: "pairs", ref: "REF", owner: "s002", sender: "s003"))
        XCTAssertEqual(RefusalReason(text: "row plans/ID: its pair_id names pairs/REF of s002, only its owner adds plans rows to it; change refused"),
                       .notParty(table: "plans", id: "ID", column: "pair_id", linked: "pairs", ref: "REF", owner: "s002", sender: nil))
    }

    func testOtherTextsAreNotRead() {
        for text in ["bundle is damaged or incomplete (checksum mismatch); copy it again from the school",
                     "row persons belongs to 's018', not to s017; change refused",       // no id
                     "row /p1 names two different owners; change refused",                // no table
                     "row persons/p1: table mentors is written by the district alone; change refused",  // two tables
                     "row persons/p1 has a value this registry refuses; nothing of it was stored",
                     "row pairs/p1: its mentor_id names mentors/m1 of s001, which is not on offer; change refused",
                     "", "row "] {
            XCTAssertNil(RefusalReason(text: text), text)
        }
    }

    /// The row a refusal names: this program's wordings whole, another program's by the rule
    /// (`row TABLE/ID`, the id to the first space or colon).
    func testTheRowARefusalNamesIsReadByTheRule() {
        XCTAssertTrue(RefusalReason.namedRow(RefusalReason.twoOwners(table: "pairs", id: "p 1").text)! == ("pairs", "p 1"))
        XCTAssertTrue(RefusalReason.namedRow("row pairs/abc-1: mentor not allowed here")! == ("pairs", "abc-1"))
        XCTAssertTrue(RefusalReason.namedRow("row persons/x/y refused by policy")! == ("persons", "x/y"))
        XCTAssertNil(RefusalReason.namedRow("table pairs is unknown to this version; upgrade mentorsync"))
        XCTAssertNil(RefusalReason.namedRow("row /abc: no table"))
        XCTAssertNil(RefusalReason.namedRow("rows were refused"))
    }
}

/// Names and texts quoted for SQL, with and without quotes in them.
final class SQLQuotingTests: XCTestCase {
    func testQuotesAreDoubledOnlyWhereThere() {
        XCTAssertEqual(SQL.identifier("persons"), "\"persons\"")
        XCTAssertEqual(SQL.identifier("a\"b\""), "\"a\"\"b\"\"\"")
        XCTAssertEqual(SQL.literal("O'Brien"), "'O''Brien'")
        XCTAssertEqual(SQL.literal("Ёлка"), "'Ёлка'")
        XCTAssertEqual(SQL.identifier(""), "\"\"")
    }
}

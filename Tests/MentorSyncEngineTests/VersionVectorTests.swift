import XCTest
@testable import MentorSyncEngine

final class VersionVectorTests: XCTestCase {
    let a = SiteID("a")!, b = SiteID("b")!, c = SiteID("c")!

    func testCompare() {
        let x = VersionVector([a: 1, b: 2])
        XCTAssertEqual(x.compare(x), .equal)
        XCTAssertEqual(x.compare(VersionVector([a: 1, b: 3])), .before)
        XCTAssertEqual(VersionVector([a: 1, b: 3]).compare(x), .after)
        XCTAssertEqual(x.compare(VersionVector([a: 2, b: 1])), .concurrent)
        XCTAssertEqual(x.compare(VersionVector([a: 1, b: 2, c: 1])), .before)
        XCTAssertEqual(VersionVector().compare(x), .before)
        XCTAssertTrue(VersionVector([a: 1, b: 3]).dominates(x))
        XCTAssertFalse(x.dominates(VersionVector([c: 1])))
    }

    func testZeroEntriesAreAbsent() {
        XCTAssertEqual(VersionVector([a: 0]), VersionVector())
        var v = VersionVector()
        v[a] = 0
        XCTAssertTrue(v.isEmpty)
    }

    func testCoversAndUnion() {
        let x = VersionVector([a: 5])
        XCTAssertTrue(x.covers(Stamp(counter: 5, site: a)))
        XCTAssertFalse(x.covers(Stamp(counter: 6, site: a)))
        XCTAssertFalse(x.covers(Stamp(counter: 1, site: b)))
        XCTAssertEqual(x.union(VersionVector([a: 3, b: 4])), VersionVector([a: 5, b: 4]))
    }

    func testStampOrderIsTotalAndCounterFirst() {
        XCTAssertLessThan(Stamp(counter: 1, site: c), Stamp(counter: 2, site: a))
        XCTAssertLessThan(Stamp(counter: 2, site: a), Stamp(counter: 2, site: b))
        XCTAssertFalse(Stamp(counter: 2, site: a) < Stamp(counter: 2, site: a))
    }

    func testSiteIDValidation() {
        XCTAssertNotNil(SiteID("s017"))
        XCTAssertNotNil(SiteID("district"))
        XCTAssertNil(SiteID(""))
        XCTAssertNil(SiteID("S017"))
        XCTAssertNil(SiteID("-x"))
        XCTAssertNil(SiteID("a b"))
        XCTAssertNil(SiteID(String(repeating: "a", count: 33)))
    }
}

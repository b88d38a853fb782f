import XCTest
@testable import MentorSyncEngine

/// A bundle's file name read back as writers make it (Protocol/bundle.md, «File names»).
final class BundleFileNameTests: XCTestCase {
    func testANameIsReadBackAsWritten() {
        let name = BundleFileName("s001-000007-to-district.msync")
        XCTAssertEqual([name?.sender, name?.recipient], ["s001", "district"])
        XCTAssertEqual(name?.sequence, 7)
        XCTAssertEqual(BundleFileName("school-7-000012-to-district.msync")?.sender, "school-7", "a site id may hold '-'")
        XCTAssertEqual(BundleFileName("district-000003-to-school-7.msync")?.recipient, "school-7")
        for bad in ["s001-x-to-district.msync", "s001-000007-district.msync", "s001-000007-to-district.txt", "-000007-to-district.msync",
                    "s001-000007-to-.msync", "s001-٣-to-district.msync"] {
            XCTAssertNil(BundleFileName(bad), bad)
        }
    }
}


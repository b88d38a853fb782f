import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Which computer a school's folder works on (`ThisComputer`), where there is no machine id.
final class ThisComputerTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUp() { scratch = ScratchDirectory("this-computer") }
    override func tearDown() { scratch = nil }

    func school() throws -> SchoolHome {
        let e = Enrollment(site: SiteID("s001")!, name: "Школа s001", district: SiteID("district")!, districtName: "Управление",
                           key: Array(repeating: 7, count: 32))
        return try SchoolHome.create(at: scratch.path("home"), enrollment: e)
    }

    /// In a container without /etc/machine-id the computer was its host name, new at each run: the
    /// school's folder, kept in a volume, was told «создана на другом компьютере («a1b2c3») и
    /// скопирована сюда» the next run, and sent nothing until `move-here` — at every run. With no
    /// machine id where it was set up nor here, the first computer recorded is kept; a folder
    /// from a computer with a machine id, or one that meets a real machine id, is still told.
    func testAContainersNewHostNameIsNoOtherComputer() throws {
        let home = try school()
        XCTAssertNil(try home.copiedFrom())
        try home.database.execute("UPDATE school_identity SET machine = 'host:a1b2c3', machine_name = 'a1b2c3'")
        XCTAssertNil(try home.copiedFrom(here: "host:d4e5f6"))
        XCTAssertEqual(try home.copiedFrom(here: "0f1e2d3c4b5a69788796a5b4c3d2e1f0"), "a1b2c3")
        try home.database.execute("UPDATE school_identity SET machine = '0f1e2d3c4b5a69788796a5b4c3d2e1f0', machine_name = 'ПК-ЗАВУЧ'")
        XCTAssertEqual(try home.copiedFrom(here: "host:d4e5f6"), "ПК-ЗАВУЧ")
        XCTAssertNil(try home.copiedFrom(here: "0f1e2d3c4b5a69788796a5b4c3d2e1f0"))
    }
}

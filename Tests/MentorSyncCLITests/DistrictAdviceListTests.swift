import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// `status`'s «Что сделать» at a district of many schools: the schools that need something, by
/// name, and the others in one line (60 schools gave 57 lines of «всё в порядке» around the two
/// silent ones).
final class DistrictAdviceListTests: XCTestCase {
    func testTheAdviceNamesTheSchoolsThatNeedSomethingAndCountsTheOthers() throws {
        let scratch = ScratchDirectory("district-advice")
        let home = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        let share = try Share.prepare(scratch.folder("share"))
        for n in 1...4 {
            let enrollment = try home.enroll(site: SiteID("s00\(n)")!, name: "Школа № \(n)", out: scratch.path("s00\(n).enroll"))
            // The fourth school has sent nothing yet.
            guard n < 4 else { continue }
            let school = try SchoolHome.create(at: scratch.path("home-s00\(n)"), enrollment: enrollment)
            _ = try SchoolSync(home: school).export(to: share.inbox)
        }
        let ingest = try DistrictIngest(home: home, log: CapturedOutput().eventLog)
        ingest.settleSeconds = 0
        XCTAssertEqual(try ingest.ingest(share: share).merged.count, 3)

        let output = CapturedOutput()
        let args = try Arguments.parse(["status", "--home", home.url.path], options: ["home"], flags: ["json"])
        try StatusCommands.district(args, home, tool: "mentorsync-district", output.console)
        let heading = try XCTUnwrap(output.out.firstIndex(of: Message.adviceHeading.english), output.out.joined(separator: "\n"))
        let advice = output.out[(heading + 1)...].joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(advice.hasPrefix("Школа № 4 (s004): \(Message.adviceNothingYet.english)"), advice)
        XCTAssertTrue(advice.hasSuffix("the other 3 schools: ok"), advice)
        for n in 1...3 { XCTAssertFalse(advice.contains("(s00\(n))"), "a school with nothing to do is listed: \(advice)") }
        XCTAssertEqual(Message.schoolsAllWell(3, others: true).russian, "остальные 3 школы: всё в порядке")
        XCTAssertEqual(Message.schoolsAllWell(21, others: false).russian, "все 21 школа: всё в порядке")
    }
}

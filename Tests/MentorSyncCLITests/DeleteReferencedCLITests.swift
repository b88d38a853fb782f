import Foundation
import XCTest
import MentorSyncTestSupport

/// A person with a mentor, pairs and meetings is not deleted by mistake: the delete is refused,
/// saying what names the row and what to do instead; nothing changes. Once nothing names it, it goes.
final class DeleteReferencedCLITests: XCTestCase {
    func testARowOthersNameIsNotDeleted() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "full_name=Сидоров Иван Петрович"))
        expectOK(try w.school("s001", "put", "mentors", "--id", "m1", "--set", "person_id=Сидоров Иван Петрович"))
        expectOK(try w.school("s001", "put", "pairs", "--id", "pr1", "--set", "mentor_id=Сидоров Иван Петрович", "--set", "started_on=2025-10-01"))
        for n in 1...2 {
            expectOK(try w.school("s001", "put", "meetings", "--set", "pair_id=pr1", "--set", "held_on=2025-10-0\(n + 1)"))
        }
        let before = try w.school("s001", "list", "meetings", "--json").stdout + (try w.school("s001", "list", "persons", "--json").stdout)

        let env = ToolLocale.russian
        let refused = try w.school("s001", environment: env, ["delete", "persons", "Сидоров Иван Петрович"])
        XCTAssertEqual(refused.exitCode, 1, refused.output)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("запись «Сидоров Иван Петрович» не удалена: на неё ссылаются «Наставники» (1)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("укажите дату выбытия"), refused.stderr)
        let pair = try w.school("s001", environment: env, ["delete", "pairs", "pr1"])
        XCTAssertTrue(pair.stderr.contains("«Встречи» (2)"), pair.stderr)
        XCTAssertEqual(try w.school("s001", "list", "meetings", "--json").stdout + (try w.school("s001", "list", "persons", "--json").stdout), before,
                       "a refused delete changes nothing")

        // Deleted from the leaves up, each goes once nothing names it.
        for (table, id) in [("meetings", ""), ("pairs", "pr1"), ("mentors", "m1"), ("persons", "p1")] {
            if table == "meetings" {
                let ids = (try w.json(try w.school("s001", "list", "meetings", "--json")) as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                for m in ids { expectOK(try w.school("s001", "delete", "meetings", m)) }
            } else if table == "persons" {
                // The receipt names what went, as its kind and name.
                let gone = try w.school("s001", environment: env, ["delete", table, id])
                expectOK(gone)
                XCTAssertEqual(gone.stdout, "удалено: Человек «Сидоров Иван Петрович» [p1]\n")
            } else {
                expectOK(try w.school("s001", "delete", table, id))
            }
        }
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [Any])?.count, 0)
    }
}

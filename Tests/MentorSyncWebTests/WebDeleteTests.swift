import Foundation
import XCTest
import MentorSyncTestSupport

/// Deleting a person who has a mentor row is refused on the person's own form, saying what names
/// it and what to do instead; nothing is written. A person nothing names is deleted.
final class WebDeleteTests: XCTestCase {
    func testARowOthersNameIsNotDeletedFromTheWeb() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-1', 's001', 'Сидоров Иван Петрович'), ('p-2', 's001', 'Орлов Пётр');
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-1', 's001', 'p-1', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        XCTAssertNotNil(client.get("/t/persons/delete?id=p-1"))
        let before = w.checksum(w.schoolHome)
        let refused = client.post("/t/persons/delete?id=p-1", [])
        XCTAssertEqual(refused?.status, 422)
        let page = refused?.body ?? ""
        XCTAssertTrue(page.contains("запись «Сидоров Иван Петрович» не удалена: на неё ссылаются «Наставники» (1)"), page)
        XCTAssertTrue(page.contains("name=\"left_on\""), "the person's form, where the date they left is set: \(page)")
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a refused delete writes nothing")

        XCTAssertNotNil(client.get("/t/persons/delete?id=p-2"))
        let gone = client.post("/t/persons/delete?id=p-2", [])
        XCTAssertEqual(gone?.status, 303)
        XCTAssertTrue(client.get(gone?.header("Location") ?? "/")?.body.contains("удалено: Человек «Орлов Пётр»") ?? false, "the notice says what went")
        // A mentor's record deleted is said as one, not as the person of its name.
        XCTAssertNotNil(client.get("/t/mentors/delete?id=m-1"))
        let mentor = client.post("/t/mentors/delete?id=m-1", [])
        XCTAssertTrue(client.get(mentor?.header("Location") ?? "/")?.body.contains("удалено: Наставник «Сидоров Иван Петрович»") ?? false,
                      mentor?.header("Location") ?? "")
        let left = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path])
        XCTAssertEqual(((try JSONSerialization.jsonObject(with: Data(left.stdout.utf8))) as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["p-1"])
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport

/// A school's conflicts settled at once on the district's page: offered above the list, seen
/// first (every record, the value now and the value kept), confirmed; the confirmation settles
/// what was seen and nothing else.
final class WebConflictBatchTests: XCTestCase {
    /// 30 teachers whose position the school and the district changed each on its own side.
    func manyConflicts(_ t: WebConflictTests.Exchange) throws {
        for k in 1...30 { try t.school("put", "persons", "--set", "full_name=Учитель Номер\(k)", "--set", "position=учитель") }
        try t.round()
        try t.w.sql(t.w.districtHome, "UPDATE persons SET position = 'завуч'")
        try t.w.sql(t.w.schoolHome, "UPDATE persons SET position = 'методист'")
        try t.round()
    }

    func positions(_ w: WebWorld) throws -> Set<String> {
        let r = try ToolRunner.run("mentorsync-district", ["list", "persons", "--json", "--home", w.districtHome.path])
        return Set(((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["position"] as? String })
    }

    func testASchoolsConflictsAreSettledByOneConfirmedDecision() throws {
        let t = try WebConflictTests.Exchange()
        let w = t.w
        try manyConflicts(t)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let list = client.get("/conflicts")?.body ?? ""
        XCTAssertTrue(list.contains("У школы «Школа № 1» 30 открытых конфликтов"), String(list.prefix(2000)))
        XCTAssertTrue(list.contains("<button name=\"keep\" value=\"district\" class=\"secondary\">Оставить значения управления образования…</button>"), list)
        // The preview changes nothing, and shows each record with the value now and the value kept.
        let before = w.checksum(w.districtHome)
        let preview = client.get("/conflicts/all?site=s001&keep=district")?.body ?? ""
        XCTAssertEqual(w.checksum(w.districtHome), before, "the preview wrote")
        XCTAssertTrue(preview.contains("Будет решено 30 конфликтов школы «Школа № 1»: будут оставлены значения управления образования"), String(preview.prefix(3000)))
        XCTAssertTrue(preview.contains("Учитель Номер7"), String(preview.prefix(3000)))
        XCTAssertTrue(preview.contains("<strong>завуч</strong>"), String(preview.prefix(3000)))
        // The records that change come first, those confirmed as they are after them.
        let lastChange = try XCTUnwrap(preview.range(of: "<strong>завуч</strong>", options: .backwards)).lowerBound
        let firstStays = try XCTUnwrap(preview.range(of: "(не меняется)")).lowerBound
        XCTAssertLessThan(lastChange, firstStays)
        let ids = try XCTUnwrap(preview.range(of: #"name="ids" value="[^"]+""#, options: .regularExpression).map { String(preview[$0]).dropFirst(18).dropLast() })
        XCTAssertEqual(ids.split(separator: ",").count, 30)
        XCTAssertTrue(try ToolRunner.run("mentorsync-district", ["conflicts", "list", "--json", "--home", w.districtHome.path]).stdout.contains(String(ids.split(separator: ",")[0])))

        // Meanwhile one was settled by a later change and another came: the page again as things are
        // now, nothing settled.
        try w.sql(w.districtHome, "UPDATE persons SET position = 'завуч по УВР' WHERE full_name = 'Учитель Номер1'")
        try t.school("put", "persons", "--set", "full_name=Учитель Номер31", "--set", "position=учитель")
        try t.round()
        try w.sql(w.districtHome, "UPDATE persons SET position = 'завуч' WHERE full_name = 'Учитель Номер31'")
        try w.sql(w.schoolHome, "UPDATE persons SET position = 'методист' WHERE full_name = 'Учитель Номер31'")
        try t.round()
        let stale = client.post("/conflicts/all?site=s001&keep=district", [("ids", String(ids))])
        XCTAssertEqual(stale?.status, 200)
        XCTAssertTrue(stale?.body.contains("Пока страница была открыта, часть конфликтов решена или изменилась") == true, String((stale?.body ?? "").prefix(2000)))
        XCTAssertEqual(try ToolRunner.run("mentorsync-district", ["conflicts", "list", "--json", "--home", w.districtHome.path]).stdout.components(separatedBy: "\"id\"").count - 1, 30)

        // Confirmed as seen: all settled, the district's values kept.
        let again = stale?.body ?? ""
        let now = try XCTUnwrap(again.range(of: #"name="ids" value="[^"]+""#, options: .regularExpression).map { String(again[$0]).dropFirst(18).dropLast() })
        let done = client.post("/conflicts/all?site=s001&keep=district", [("ids", String(now))])
        XCTAssertEqual(done?.status, 303, String((done?.body ?? "").prefix(2000)))
        let after = client.get(done?.header("location") ?? "/conflicts")?.body ?? ""
        XCTAssertTrue(after.contains("решено 30 конфликтов школы «Школа № 1»: оставлены значения управления образования"), String(after.prefix(2000)))
        XCTAssertTrue(after.contains("Открытых конфликтов нет."), String(after.prefix(2000)))
        XCTAssertEqual(try positions(w), ["завуч", "завуч по УВР"])
    }

    /// Among several schools' conflicts, a school's line on the dashboard leads to that school's alone.
    func testTheDashboardLeadsToTheSchoolsOwnConflicts() throws {
        let t = try WebConflictTests.Exchange()
        let w = t.w
        let enroll = w.scratch.path("s002.enroll"), other = w.scratch.path("school-s002")
        try t.district("enroll", "--site", "s002", "--name", "Школа № 2", "--out", enroll.path)
        w.check(try ToolRunner.run("mentorsync-school", ["init", "--enroll", enroll.path, "--home", other.path]))
        func otherSchool(_ args: String...) throws { w.check(try ToolRunner.run("mentorsync-school", args + ["--home", other.path])) }
        try otherSchool("put", "persons", "--set", "full_name=Соседова Анна", "--set", "position=учитель")
        try t.school("put", "persons", "--set", "full_name=Учитель Номер1", "--set", "position=учитель")
        func round() throws { try otherSchool("sync", "--share", t.stick.path); try t.round(); try otherSchool("sync", "--share", t.stick.path) }
        try round()
        try w.sql(w.districtHome, "UPDATE persons SET position = 'завуч'")
        try w.sql(w.schoolHome, "UPDATE persons SET position = 'методист'")
        try w.sql(other, "UPDATE persons SET position = 'методист'")
        try round()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let dashboard = client.get("/")?.body ?? ""
        XCTAssertTrue(dashboard.contains("<a href=\"/conflicts?site=s002\">"), dashboard)
        let page = client.get("/conflicts?site=s002")?.body ?? ""
        XCTAssertTrue(page.contains("<h1>Конфликты школы «Школа № 2»</h1>"), page)
        XCTAssertTrue(page.contains("Соседова Анна"), page)
        XCTAssertFalse(page.contains("Учитель Номер1"), "another school's conflict is not on her school's page")
        XCTAssertTrue(client.get("/conflicts")?.body.contains("Учитель Номер1") ?? false, "the whole list has them all")
    }
}

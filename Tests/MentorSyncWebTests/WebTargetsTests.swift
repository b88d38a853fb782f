import Foundation
import XCTest
import MentorSyncTestSupport

/// The coordinator sets the region's target for an indicator the report judges against its
/// default: the indicators' page lists those, a link opens a form filled in, one number is changed.
final class WebTargetsTests: XCTestCase {
    func testADefaultTargetIsSetFromTheIndicatorsPage() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/t/indicators")?.body ?? ""
        XCTAssertTrue(page.contains("Показатели отчёта с целью по умолчанию"), page)
        // By their titles, their numbers in the report small beneath (the code `teachers_under_35` is the
        // machine's); then the district's own targets, under their heading.
        XCTAssertTrue(page.contains(">Доля педагогов в возрасте до 35 лет, вовлечённых в наставничество<br><span class=\"muted\">показатель № 1 в отчёте</span></td>"), page)
        XCTAssertTrue(page.contains(">Доля наставляемых, для которых разработан ИОМ<br><span class=\"muted\">показатель № 5а в отчёте</span></td>"), page)
        XCTAssertTrue(page.contains("<h2>Цели, заданные управлением образования</h2>"), page)
        // Each default with the roadmap it follows, as the report says it.
        XCTAssertTrue(page.contains(">30%<br><span class=\"muted\">по образцу дома детского творчества: не менее 30%</span></td>"), page)
        let link = try XCTUnwrap(page.range(of: #"/t/indicators/edit\?code=teachers_under_35[^"]*"#, options: .regularExpression).map { String(page[$0]) },
                                 "no link to set the target of teachers_under_35: \(page)")
        let form = client.get(link.replacingOccurrences(of: "&amp;", with: "&"))?.body ?? ""
        XCTAssertTrue(form.contains("name=\"code\" value=\"teachers_under_35\""), form)
        XCTAssertTrue(form.contains("name=\"target_value\" value=\"100\""), "the default target is filled in: \(form)")
        XCTAssertFalse(form.contains("name=\"org_id\""), "the district's own table: no owner to choose")
        // A school named as the owner all the same (an old form, a hand-made request) is refused.
        XCTAssertEqual(client.post("/t/indicators/save", [("org_id", "s001"), ("code", "plans_done"), ("target_value", "90")])?.status, 422)

        let saved = client.post("/t/indicators/save", [("code", "teachers_under_35"), ("title", "Доля педагогов в возрасте до 35 лет"),
                                                       ("unit", "percent"), ("target_value", "90")])
        XCTAssertEqual(saved?.status, 303)
        // Said by its title, not its code.
        let notice = client.get(saved?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(notice.contains("Доля педагогов в возрасте до 35 лет") && !notice.contains("сохранено: teachers_under_35"), notice)
        let after = client.get("/t/indicators")?.body ?? ""
        XCTAssertFalse(after.contains("edit?code=teachers_under_35"), "no longer among the defaults")
        XCTAssertTrue(after.contains("data-label=\"Целевое значение\">90<") && !after.contains(">90.0<"), "a target of 90 reads 90: \(after)")
        let report = try ToolRunner.run("mentorsync-district", ["indicators", "--json", "--home", w.districtHome.path])
        let targets = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8))) as? [[String: Any]] ?? []
        let set = targets.first { $0["code"] as? String == "teachers_under_35" }
        XCTAssertEqual(set?["effective_target"] as? Double, 90, "\(targets)")
    }

    /// A target saved under a slip of a report's code is refused on the form, naming the code meant;
    /// the district's own indicator, under its own code, is saved.
    func testATargetUnderASlipOfACodeIsRefused() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        client.get("/t/indicators/edit")
        let refused = client.post("/t/indicators/save", [("code", "teachers_under35"), ("unit", "percent"), ("target_value", "90")])
        XCTAssertEqual(refused?.status, 422, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("код «teachers_under35» похож на код показателя отчёта «teachers_under_35»") ?? false, refused?.body ?? "")
        XCTAssertEqual(client.post("/t/indicators/save", [("code", "dubna_15"), ("title", "Доля учителей, повысивших уровень по РИКУ"),
                                                          ("target_value", "55")])?.status, 303)
        let listed = try ToolRunner.run("mentorsync-district", ["list", "indicators", "--json", "--home", w.districtHome.path])
        XCTAssertTrue(listed.stdout.contains("dubna_15") && !listed.stdout.contains("teachers_under35"), listed.stdout)
    }
}

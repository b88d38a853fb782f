import Foundation
import XCTest
import MentorSyncTestSupport

/// The roadmap's page says first which events are overdue (past their end, not done), with who
/// answers for each and a link to mark it; done and future events are not among them.
final class WebRoadmapTests: XCTestCase {
    func testOverdueEventsAreListedFirst() throws {
        let w = try WebWorld()
        try w.sql(w.districtHome, """
            INSERT INTO events (id, org_id, title, starts_on, ends_on, responsible, status) VALUES
              ('e-1', 'district', 'Конкурс «Наставник года»', '2020-03-01', '2020-04-30', 'Петрова И. В.', 'planned'),
              ('e-2', 'district', 'Семинар для наставников', '2020-02-01', '2020-02-01', 'Орлов П. П.', 'done'),
              ('e-3', 'district', 'Форум молодых педагогов', '2999-05-01', '2999-05-02', NULL, 'planned');
            INSERT INTO events (id, org_id, title, schedule, status) VALUES ('e-4', 'district', 'Фестиваль практик', 'ноябрь 2020', 'in_progress');
            INSERT INTO events (id, org_id, title, ends_on, status) VALUES ('e-5', 's001', 'Разработка ИОМ', '2020-10-01', 'planned');
            """)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/t/events")?.body ?? ""
        XCTAssertTrue(page.contains("Просрочено: 3 — срок прошёл, а мероприятия не отмечены выполненными"), page)
        let overdue = try XCTUnwrap(page.components(separatedBy: "Все мероприятия").first)
        XCTAssertTrue(overdue.contains("href=\"/t/events/edit?id=e-1\">Конкурс «Наставник года»</a>"), overdue)
        XCTAssertTrue(overdue.contains("01.03.2020 – 30.04.2020") && overdue.contains("Петрова И. В.") && overdue.contains("запланировано"), overdue)
        XCTAssertFalse(overdue.contains("Семинар для наставников") || overdue.contains("Форум молодых педагогов"), overdue)
        // Whose each is, by name: the same roadmap line comes from many schools.
        XCTAssertTrue(overdue.contains("<th>Владелец</th>"), overdue)
        XCTAssertTrue(overdue.contains(">Разработка ИОМ</a></td><td data-label=\"Владелец\">Школа № 1</td>"), overdue)
        // An event dated by its «сроки» alone shows them.
        XCTAssertTrue(overdue.contains("href=\"/t/events/edit?id=e-4\">Фестиваль практик</a>") && overdue.contains(">ноябрь 2020<"), overdue)
    }
}

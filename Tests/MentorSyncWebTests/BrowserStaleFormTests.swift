import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// A form left open while the row changed elsewhere (the hourly exchange brought the district's
/// correction, or the secretary saved it in another window), then saved, in a real headless Chromium.
final class BrowserStaleFormTests: BrowserTestCase {
    func position() throws -> String? {
        let registry = try Database(path: world.schoolHome.appendingPathComponent("registry.db").path)
        return try registry.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text
    }

    /// Ольга Ивановна opens a teacher's record; meanwhile the district's correction of the position
    /// arrives. She writes a note and saves: the note is saved and the correction stays (the form's
    /// old position was written back over it, unseen). Then she changes the position while it changes
    /// again elsewhere: not overwritten unseen — told what it is now, her typing kept; saved again, hers.
    func testAFormOpenDuringAnExchangeNeitherUndoesNorHidesWhatCameMeanwhile() throws {
        try world.putAtSchool("persons", "--id", "p1", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "position=учитель")
        let school = "http://127.0.0.1:\(try world.start("mentorsync-school", home: world.schoolHome))"
        let b = browser!
        try b.go(school + "/t/persons/edit?id=p1")
        try b.element("#f-notes")
        try world.putAtSchool("persons", "--id", "p1", "--set", "position=учитель физики")
        try b.type("#f-notes", "наставник с 2025 года")
        try b.press("Сохранить")
        try b.waitForText("сохранено:")
        XCTAssertEqual(try position(), "учитель физики", "what came meanwhile is not undone by a field she left as it was")
        let registry = try Database(path: world.schoolHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try registry.scalar("SELECT notes FROM persons WHERE id = 'p1'")?.text, "наставник с 2025 года")

        try b.go(school + "/t/persons/edit?id=p1")
        try b.element("#f-position")
        try world.putAtSchool("persons", "--id", "p1", "--set", "position=учитель математики")
        try b.type("#f-position", "учитель информатики")
        try b.press("Сохранить")
        var alert = ""
        XCTAssertTrue(ToolRunner.waitUntil(timeout: 10) {
            alert = (try? b.text("[role=alert]")) ?? ""
            return !alert.isEmpty
        }, "no question asked")
        XCTAssertTrue(alert.hasPrefix("не сохранено: пока вы редактировали, эту запись изменили (обмен данными или другое окно): "
                                      + "«Должность» теперь «учитель математики»"), alert)
        XCTAssertEqual(try position(), "учитель математики", "nothing written unseen")
        XCTAssertEqual(try b.script("return document.querySelector('#f-position').value") as? String, "учитель информатики", "her typing kept")
        // Saved again; the page with the question is left first (its alert would be read as the answer's).
        _ = try b.script("document.body.dataset.asked = '1'")
        try b.press("Сохранить")
        XCTAssertTrue(ToolRunner.waitUntil(timeout: 10) { ((try? b.script("return document.body.dataset.asked || ''")) as? String) == "" })
        try b.waitForText("сохранено:")
        XCTAssertEqual(try position(), "учитель информатики", "saved again: hers")
    }
}

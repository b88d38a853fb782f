import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine

/// A share's list is read back for the names it gave sites (`Manifest.namesListed`): a school keeps
/// the names the district wrote there, though it knows only its own.
final class ManifestNamesTests: XCTestCase {
    func testEveryLabelOfAListIsReadBack() {
        let names = [SiteID("s001")!: "МБОУ СОШ № 1", SiteID("s002")!: "Школа \"Радуга\" (филиал)", SiteID("s003")!: "МБОУ «Лицей № 2»",
                     SiteID("district")!: "Управление образования"]
        let text = """
            Список пакетов
            обновлён 04.12.2026 17:00

            Для района:
              inbox/a.msync — от \(Manifest.label(SiteID("s001")!, names)) для \(Manifest.label(SiteID("district")!, names)), 3 записи
              inbox/b.msync — от \(Manifest.label(SiteID("s002")!, names)) для \(Manifest.label(SiteID("district")!, names))
              inbox/c.msync — от \(Manifest.label(SiteID("s003")!, names)) для \(Manifest.label(SiteID("district")!, names))
            """
        XCTAssertEqual(Manifest.namesListed(text), names)
    }

    func testWhatIsNotALabelIsSkippedAndTheRestStillRead() {
        let text = """
            «не закрыта (s009
            «Школа «вложенная»» (s003) и «Гимназия» (s004)
            «Лицей» (Не Код) «Колледж» (s005)
            «Тоже не» (s006
            """
        // A name with quotes of its own is read whole (a courier's list named such a school by its code).
        XCTAssertEqual(Manifest.namesListed(text), [SiteID("s003")!: "Школа «вложенная»", SiteID("s004")!: "Гимназия", SiteID("s005")!: "Колледж"])
    }

    func testAListOfHundredsOfSchoolsIsReadBackWhole() {
        var names: [SiteID: String] = [:]
        for n in 1...500 { names[SiteID(String(format: "s%03d", n))!] = "Школа № \(n) имени героя" }
        let text = names.keys.sorted().map { "  x.msync — от \(Manifest.label($0, names)), 5 записей" }.joined(separator: "\n")
        XCTAssertEqual(Manifest.namesListed(text), names)
    }
}

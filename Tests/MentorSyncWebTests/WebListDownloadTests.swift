import Foundation
import XCTest
import MentorSyncTestSupport

/// A list page's «Скачать для Excel»: the lists the school keeps in Excel come from the registry too.
final class WebListDownloadTests: XCTestCase {
    /// A list downloads as an Excel workbook in Russian, named by the table, and loads back unchanged.
    func testAListDownloadsForExcelAndLoadsBack() throws {
        let w = try WebWorld()
        w.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                                                         "--set", "birth_date=12.03.1990", "--home", w.schoolHome.path]))
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        XCTAssertTrue((client.get("/t/persons")?.body ?? "").contains("href=\"/t/persons/xlsx\">Скачать для Excel</a>"))
        let answer = try XCTUnwrap(client.get("/t/persons/xlsx"))
        XCTAssertEqual(answer.status, 200)
        XCTAssertEqual(answer.header("Content-Disposition"), "attachment; filename=\"persons.xlsx\"; filename*=UTF-8''%D0%9B%D1%8E%D0%B4%D0%B8.xlsx")
        XCTAssertEqual(Array(answer.bytes.prefix(2)), Array("PK".utf8), "a zip: a workbook")
        let file = w.scratch.path("Люди.xlsx")
        try Data(answer.bytes).write(to: file)
        let back = try ToolRunner.run("mentorsync-school", ["import-csv", "persons", file.path, "--dry-run", "--json", "--home", w.schoolHome.path])
        let said = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any], back.output)
        XCTAssertEqual([said["inserted"], said["updated"], said["unchanged"]].map { $0 as? Int }, [0, 0, 1], back.output)
    }
}

import Foundation
import XCTest
import MentorSyncTestSupport
import MentorSyncDomain

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
        // References by name: a pair's mentor reads as the person, and the list loads back too.
        w.check(try ToolRunner.run("mentorsync-school", ["put", "mentors", "--set", "person_id=Иванова Мария Петровна", "--home", w.schoolHome.path]))
        let mentors = try XCTUnwrap(client.get("/t/mentors/xlsx"))
        let mentorsFile = w.scratch.path("Наставники.xlsx")
        try Data(mentors.bytes).write(to: mentorsFile)
        let read = try ToolRunner.run("mentorsync-school", ["import-csv", "mentors", mentorsFile.path, "--dry-run", "--json", "--home", w.schoolHome.path])
        let lines = (try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])?["unchanged"] as? Int
        XCTAssertEqual(lines, 1, read.output)
        let cells = try SpreadsheetFile.read(contentsOf: mentorsFile, sheet: "Наставники").records.flatMap(\.fields)
        XCTAssertTrue(cells.contains("Иванова Мария Петровна"), "the mentor's person by name: \(cells)")
        XCTAssertTrue(cells.contains("нет"), "«Сетевой» in words: \(cells)")
        let file = w.scratch.path("Люди.xlsx")
        try Data(answer.bytes).write(to: file)
        let back = try ToolRunner.run("mentorsync-school", ["import-csv", "persons", file.path, "--dry-run", "--json", "--home", w.schoolHome.path])
        let said = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any], back.output)
        XCTAssertEqual([said["inserted"], said["updated"], said["unchanged"]].map { $0 as? Int }, [0, 0, 1], back.output)
    }

    /// The pairs list shows each pair's mentees by name; loaded back, the pairs it holds keep their
    /// mentees (a cell naming others is said to change nothing), and a new pair is given those named.
    func testThePairsListNamesEachPairsMenteesAndLoadsBack() throws {
        let w = try WebWorld()
        for name in ["Иванова Мария Петровна", "Петрова Анна Игоревна", "Сидоров Олег Ильич", "Орлова Вера Павловна"] {
            try w.putAtSchool("persons", "--set", "full_name=\(name)", "--set", "role=teacher")
        }
        try w.putAtSchool("mentors", "--set", "person_id=Иванова Мария Петровна")
        try w.putAtSchool("mentors", "--set", "person_id=Орлова Вера Павловна")
        try w.putAtSchool("mentees", "--set", "person_id=Петрова Анна Игоревна")
        try w.putAtSchool("mentees", "--set", "person_id=Сидоров Олег Ильич")
        try w.putAtSchool("pairs", "--set", "mentor_id=Иванова Мария Петровна", "--set", "kind=group", "--id", "11111111-0000-4000-8000-000000000001")
        try w.putAtSchool("pairs", "--set", "mentor_id=Орлова Вера Павловна", "--id", "22222222-0000-4000-8000-000000000002")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=11111111-0000-4000-8000-000000000001", "--set", "mentee_id=Петрова Анна Игоревна")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=11111111-0000-4000-8000-000000000001", "--set", "mentee_id=Сидоров Олег Ильич")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let answer = try XCTUnwrap(client.get("/t/pairs/xlsx"))
        let file = w.scratch.path("Пары.xlsx")
        try Data(answer.bytes).write(to: file)
        let records = try SpreadsheetFile.read(contentsOf: file, sheet: "Пары").records.map(\.fields)
        XCTAssertEqual(records.first?.last, "Наставляемые", "the last column: \(records)")
        let group = try XCTUnwrap(records.first { $0.first == "11111111-0000-4000-8000-000000000001" }, "\(records)")
        XCTAssertEqual(group.last, "Петрова Анна Игоревна; Сидоров Олег Ильич")
        let alone = try XCTUnwrap(records.first { $0.first == "22222222-0000-4000-8000-000000000002" }, "\(records)")
        XCTAssertNotEqual(alone.last, "Петрова Анна Игоревна; Сидоров Олег Ильич", "a pair without mentees names none: \(alone)")
        XCTAssertFalse(alone.contains { $0.contains("Петрова") || $0.contains("Сидоров") }, "\(alone)")
        let back = try ToolRunner.run("mentorsync-school", ["import-csv", "pairs", file.path, "--dry-run", "--json", "--home", w.schoolHome.path])
        let said = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any], back.output)
        XCTAssertEqual([said["inserted"], said["updated"], said["unchanged"]].map { $0 as? Int }, [0, 0, 2], back.output)
        XCTAssertEqual((said["skipped_columns"] as? [String]) ?? [], [], "the mentees column is no unknown column: \(back.output)")
        XCTAssertEqual(said["mentees_left_alone"] as? Int, 0, back.output)
        func links() throws -> [String] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try ToolRunner.run("mentorsync-school", ["list", "pair_mentees", "--json", "--home", w.schoolHome.path]).stdout.utf8)) as? [[String: Any]])
                .map { "\($0["pair_id"] ?? "")/\($0["mentee_id"] ?? "")" }.sorted()
        }
        let held = try links()
        XCTAssertEqual(held.count, 2)
        // Loaded back for real: the pairs keep their mentees, none doubled, none dropped.
        w.check(try ToolRunner.run("mentorsync-school", ["import-csv", "pairs", file.path, "--home", w.schoolHome.path]))
        XCTAssertEqual(try links(), held)

        // Edited in Excel: the group's cell without Петрова, the other pair's naming her, and a new
        // pair of Орлова's with Сидоров. The pairs held keep who they have, and she is told so in
        // amber; the new pair is given its mentee, as the preview says.
        let header = try XCTUnwrap(records.first)
        var edited = records.map { fields -> [String] in
            switch fields.first {
            case "11111111-0000-4000-8000-000000000001": return fields.dropLast() + ["Сидоров Олег Ильич"]
            case "22222222-0000-4000-8000-000000000002": return fields.dropLast() + ["Петрова Анна Игоревна"]
            default: return fields
            }
        }
        XCTAssertTrue(header.contains("Наставник"), "\(header)")
        edited.append(header.map { ["Наставник": "Орлова Вера Павловна", "Наставляемые": "Сидоров Олег Ильич"][$0] ?? "" })
        let csv = edited.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        // The import page's list of columns says a pairs list may name a new pair's mentees.
        let form = client.get("/import")?.body ?? ""
        XCTAssertTrue(form.contains(", Наставляемые (новой пары)</li>"), form)
        let preview = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "pairs")], file: ("Пары.csv", csv)))
        XCTAssertEqual(preview.status, 200, preview.body)
        XCTAssertTrue(preview.body.contains("<p class=\"caution\">наставляемых пар, которые уже есть в реестре, список не меняет (строк, где они названы иначе, чем в паре: 2): добавьте или уберите наставляемых на странице пары"), preview.body)
        XCTAssertTrue(preview.body.contains("наставляемые: Сидоров Олег Ильич</td>"), preview.body)
        XCTAssertEqual(preview.body.components(separatedBy: "будет добавлено").count - 1, 1, preview.body)
        let edit = w.scratch.path("Пары-2.csv")
        try Data(csv.utf8).write(to: edit)
        w.check(try ToolRunner.run("mentorsync-school", ["import-csv", "pairs", edit.path, "--home", w.schoolHome.path]))
        let now = try links()
        XCTAssertEqual(now.count, 3, "\(now)")
        XCTAssertTrue(Set(held).isSubset(of: Set(now)), "\(now)")
        XCTAssertFalse(now.contains { $0.hasPrefix("22222222-0000-4000-8000-000000000002/") }, "a pair held is not given a mentee by a list: \(now)")
    }
}

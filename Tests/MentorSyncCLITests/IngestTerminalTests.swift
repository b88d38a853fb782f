import Foundation
import XCTest
import MentorSyncTestSupport

/// `ingest` run by hand at a terminal shows its receipt, not its log lines (time=… event=…): those
/// go to ingest.log in the district's home, which the receipt names. Piped (a script, a unit) they
/// stay on stderr.
final class IngestTerminalTests: XCTestCase {
    func testAtATerminalTheLogGoesToAFileTheReceiptNames() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let args = [ToolRunner.executable("mentorsync-district").path, "ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path]
        let command = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        // `script` runs the command on a pseudo-terminal, as a person at a keyboard would.
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: ToolLocale.russian)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("принят 1 пакет"), r.stdout)
        XCTAssertFalse(r.stdout.contains("event="), "log lines on the terminal: \(r.stdout)")
        let log = w.districtHome.appendingPathComponent("ingest.log")
        XCTAssertTrue(r.stdout.contains("подробный журнал прохода: \(log.path)"), r.stdout)
        XCTAssertTrue(try String(contentsOf: log, encoding: .utf8).contains("event=bundle_received"))

        // Piped, the lines are on stderr as before, and the receipt names no file.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Орлов Пётр"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let piped = try w.district("ingest", "--share", w.stick.path, "--settle", "0")
        XCTAssertTrue(piped.stderr.contains("event=bundle_received"), piped.stderr)
        XCTAssertFalse(piped.stdout.contains("ingest.log"), piped.stdout)
    }
}

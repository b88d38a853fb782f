import Foundation
import XCTest
import MentorSyncTestSupport

/// Starting the app on an address already taken (it is running already) says so in the reader's
/// language, with where to find the running one, and exits.
final class WebStartTests: XCTestCase {
    func testATakenAddressIsSaidInWords() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let log = w.scratch.path("second.log")
        let second = try ToolRunner.start("mentorsync-school", ["web", "--listen", "127.0.0.1:\(port)", "--home", w.schoolHome.path],
                                          log: log, environment: ToolLocale.russian)
        let exited = ToolRunner.waitUntil(timeout: 20) { !second.isRunning }
        if !exited { second.terminate(); second.waitUntilExit() }
        XCTAssertTrue(exited, "a second app on a taken address kept running")
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        XCTAssertTrue(text.contains("адрес 127.0.0.1:\(port) уже занят: возможно, приложение уже запущено (откройте в браузере http://127.0.0.1:\(port)/)"), text)
        XCTAssertFalse(text.contains("Address already in use"), text)
        XCTAssertNotEqual(second.terminationStatus, 0)
    }

    /// `--listen` given something that is no HOST:PORT is a mistake in the command: exit 2 (DESIGN.md).
    func testAnAddressThatIsNoHostAndPortIsAUsageError() throws {
        let w = try WebWorld()
        for listen in ["nope", "127.0.0.1", "школа:8470"] {
            let r = try ToolRunner.run("mentorsync-district", ["web", "--listen", listen, "--home", w.districtHome.path])
            XCTAssertEqual(r.exitCode, 2, r.output)
            XCTAssertTrue(r.stderr.contains("--listen '\(listen)' is not HOST:PORT"), r.stderr)
        }
        let ru = try ToolRunner.run("mentorsync-district", ["web", "--listen", "nope", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(ru.stderr.hasPrefix("mentorsync-district: --listen «nope»: нужно АДРЕС:ПОРТ с адресом IPv4, например 127.0.0.1:8470 — "), ru.stderr)
    }
}

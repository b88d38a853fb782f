import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A full stick said in one plain line (issue 12): where, how much room the bundle needs, what to do —
/// in the reader's language, no temporary file name, nothing half-written left behind.
extension FullDiskTests {
    func testAFullStickSaysInRussianHowMuchRoomTheBundleNeeds() throws {
        try checkFullStick(ToolLocale.russian, words: ["заполнена", "файлу нужно", "КБ"], unit: "КБ")
    }

    func testAFullStickSaysInEnglishHowMuchRoomTheBundleNeeds() throws {
        try checkFullStick(ToolLocale.english, words: ["is full", "the file needs", "KB"], unit: "KB")
    }

    func checkFullStick(_ locale: [String: String], words: [String], unit: String) throws {
        let w = try CLIWorld(schools: ["s001"])
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try Self.addPersons(home, 4000)
        let (stick, disk) = try place(w.stick, label: "stick-room", kib: 48, fileLimitKiB: 64)
        try Self.skipUnlessMounted(disk)
        let args = ["sync", "--share", stick.path, "--home", w.schoolHome("s001").path]
        let r = try run(disk, "mentorsync-school", args, environment: locale)
        print("FullDiskTests: a full stick (\(disk)): exit \(r.exitCode); stderr: \(r.stderr)")
        XCTAssertEqual(r.exitCode, 1, r.output)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line on stderr: \(r.stderr)")
        for word in words { XCTAssertTrue(r.stderr.contains(word), "«\(word)» missing: \(r.stderr)") }
        XCTAssertFalse(r.stderr.contains(".tmp"), "a temporary file's name is shown: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(stick.appendingPathComponent("inbox").path), "the full place is not named: \(r.stderr)")
        let inbox = stick.appendingPathComponent("inbox")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: inbox.path), [], "something half-written was left on the stick")

        // The room it asked for is the room the bundle takes once there is space.
        let needed = try XCTUnwrap(Self.kilobytes(before: unit, in: r.stderr), r.stderr)
        try grow(disk, stick, kib: 64 * 1024)
        let again = try ToolRunner.run("mentorsync-school", args, environment: locale)
        expectOK(again)
        // Nothing reached the stick the first time: the rows were not "sent before".
        XCTAssertFalse(again.stdout.contains("sent before") || again.stdout.contains("отправлял"), again.stdout)
        let written = try XCTUnwrap(Share.bundles(in: inbox).first)
        let actual = Double(Self.size(written)) / 1024
        XCTAssertGreaterThan(actual, 48, "the bundle would have fitted: the test proves nothing")
        XCTAssertLessThan(abs(Double(needed) - actual), max(2, actual * 0.02), "asked for \(needed) \(unit), the bundle takes \(actual) KiB")
    }

    /// The first number followed by ` unit` in the text.
    static func kilobytes(before unit: String, in text: String) -> Int? {
        guard let r = text.range(of: " \(unit)") else { return nil }
        return Int(String(text[..<r.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }
}

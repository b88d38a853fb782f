import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The courier's MANIFEST.txt (issue 12; DESIGN.md, "Commands"): rewritten by every program that adds
/// or removes bundles on a share, the district's ingest included, in the reader's language, with
/// school names, local time, who each bundle is for and how many records it carries.
final class ManifestCLITests: XCTestCase {
    func testAfterTheDistrictsIngestTheManifestListsTheRepliesInRussian() throws {
        try checkAfterIngest(ToolLocale.russian, expect: [
            "Для школы «Школа s001» (s001), папка outbox/s001/ (1 файл):",
            "Для школы «Школа s002» (s002), папка outbox/s002/ (1 файл):",
            "ответ управления образования «Управление образования» (district) для школы «Школа s001» (s001): ",
            "местное время",
        ], updatedFormat: "dd.MM.yyyy HH:mm", records: { n in n % 10 == 1 && n % 100 != 11 ? "\(n) запись" : (2...4).contains(n % 10) && !(12...14).contains(n % 100) ? "\(n) записи" : "\(n) записей" })
    }

    func testAfterTheDistrictsIngestTheManifestListsTheRepliesInEnglish() throws {
        try checkAfterIngest(ToolLocale.english, expect: [
            "For the school «Школа s001» (s001), folder outbox/s001/ (1 file):",
            "For the school «Школа s002» (s002), folder outbox/s002/ (1 file):",
            "reply from the district «Управление образования» (district) to the school «Школа s001» (s001): ",
            "local time",
        ], updatedFormat: "yyyy-MM-dd HH:mm", records: { n in n == 1 ? "1 record" : "\(n) records" })
    }

    /// The courier reads what to do about a damaged file, and which replies a school took already.
    func testADamagedFileSaysWhatToDoAndATakenReplySaysSo() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let sent = try XCTUnwrap(Share.bundles(in: w.stick.appendingPathComponent("inbox")).first { $0.lastPathComponent.hasPrefix("s001-") })
        var bytes = [UInt8](try Data(contentsOf: sent))
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: sent)
        // The stick where sticks are mounted: the list says what the courier does, in plain words.
        expectOK(try w.school("s002", environment: ToolLocale.russian.merging(["MENTORSYNC_SHARE_ROOTS": w.scratch.url.path]) { $1 },
                              ["sync", "--share", w.stick.path]))
        let text = try manifest(w)
        XCTAssertTrue(text.contains("Для управления образования, папка inbox/ (2 файла) — отвезите флешку в управление образования:"), text)
        XCTAssertTrue(text.contains("папка outbox/s002/ (1 файл) — школа заберёт его, когда флешку вставят у неё:"), text)
        XCTAssertTrue(text.contains("inbox/\(sent.lastPathComponent) — изменения от школы «Школа s001» (s001), но файл повреждён или записан не до конца: в школе «Школа s001» (s001) ещё раз нажмите «Синхронизировать» с этой флешкой (ничего не пропадёт)"), text)
        XCTAssertNotNil(text.range(of: "outbox/s002/district-[0-9]+-to-s002.msync — ответ для школы «Школа s002» \\(s002\\), записан [0-9. :]+: школа его уже получила", options: .regularExpression), text)
    }

    /// Two schools' bundles on the stick; the district takes them and answers: the list no longer
    /// names the taken bundles, names both replies, and its time is the district computer's local time.
    func checkAfterIngest(_ locale: [String: String], expect: [String], updatedFormat: String, records: (Int) -> String) throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", environment: locale, ["put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher"]))
        expectOK(try w.school("s001", environment: locale, ["put", "persons", "--set", "full_name=Петров Пётр", "--set", "role=teacher"]))
        for n in ["s001", "s002"] { expectOK(try w.school(n, environment: locale, ["sync", "--share", w.stick.path])) }
        let sent = Share.bundles(in: w.stick.appendingPathComponent("inbox")).map(\.lastPathComponent)
        XCTAssertEqual(sent.count, 2)
        let before = try manifest(w)
        for name in sent { XCTAssertTrue(before.contains("inbox/\(name)"), "the school's sync lists its bundle: \(before)") }

        // The district runs in another time zone than UTC: the list shows its local time.
        var env = locale
        env["TZ"] = "Asia/Vladivostok"
        let start = Date()
        let r = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path], environment: env)
        expectOK(r)
        let after = try manifest(w)
        for name in sent { XCTAssertFalse(after.contains(name), "a bundle the district took is still listed: \(after)") }
        XCTAssertFalse(after.contains("  inbox/"), after)
        for line in expect { XCTAssertTrue(after.contains(line), "missing «\(line)» in:\n\(after)") }
        let replies = ["s001", "s002"].flatMap { Share.bundles(in: w.stick.appendingPathComponent("outbox/\($0)")) }
        XCTAssertEqual(replies.count, 2)
        for reply in replies {
            // Each reply on its own line, with the number of records its header gives.
            let path = String(reply.path.dropFirst(w.stick.path.count + 1))
            let line = after.split(separator: "\n").first { $0.contains(path) }.map(String.init) ?? ""
            let count = try BundleReader.peekHeader(at: reply).header.rowCount
            XCTAssertTrue(line.contains(": \(records(count))"), "\(path) with \(count) records: \(after)")
        }

        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Vladivostok")
        f.dateFormat = updatedFormat
        let stamps = Set([start, Date()].map(f.string))
        let second = after.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        XCTAssertTrue(stamps.contains { second.contains($0) }, "the update time is not the local time (\(stamps)): \(second)")
    }

    /// An idle pass (nothing taken, nothing written) leaves the file alone: a daemon does not rewrite the stick every minute.
    func testAnIdlePassDoesNotRewriteTheManifest() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let url = w.stick.appendingPathComponent("MANIFEST.txt")
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let first = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        Thread.sleep(forTimeInterval: 1.1)
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int, first,
                       "the manifest was rewritten though no bundle came or went")
    }

    /// The same planted name read in the methodologist's receipt of `ingest` and in `status`: the
    /// pieces of the name stood on lines of their own («отвезите флешку в школу s002»), as if the
    /// program said so. Each name is one line there too, its breaks as «?».
    func testAFileNameWithLineBreaksIsOneLineOfTheReceipts() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let planted = "s001-54\nотвезите флешку в школу s002\r\nFAKE.msync"
        try Data("not a bundle".utf8).write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(planted))
        let fresh = try w.district(environment: ToolLocale.russian, ["ingest", "--share", w.stick.path])
        let settled = try w.district(environment: ToolLocale.russian, ["ingest", "--share", w.stick.path, "--settle", "0"])
        let status = try w.district(environment: ToolLocale.russian, ["status"])
        for (what, out) in [("waiting", fresh.stdout), ("quarantined", settled.stdout), ("status", status.stdout)] {
            let words = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // a long line is wrapped
            XCTAssertTrue(words.contains("s001-54?отвезите флешку в школу s002??FAKE.msync"), "\(what): \(out)")
            XCTAssertFalse(out.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("отвезите") || $0.hasPrefix("FAKE") }, "\(what): \(out)")
        }
    }

    /// A file planted among the school's replies with line breaks in its name: Ольга Ивановна's sync
    /// ended with «ответ управления образования не удалось учесть: district-000077», then a line of
    /// its own «отвезите флешку в школу s002», as if the program said so. The error is one line.
    func testAReplyNameWithLineBreaksIsOneLineOfTheSchoolsError() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let outbox = w.stick.appendingPathComponent("outbox/s001")
        try Data("not a bundle".utf8).write(to: outbox.appendingPathComponent("district-000077\nотвезите флешку в школу s002\n-to-s001.msync"))
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertEqual(sync.exitCode, 1, sync.output)
        XCTAssertEqual(sync.stderr.split(separator: "\n").count, 1, sync.stderr)
        XCTAssertTrue(sync.stderr.contains("district-000077?отвезите флешку в школу s002?-to-s001.msync"), sync.stderr)
    }

    /// A stranger planted a file whose name holds line breaks («s001-54⏎Для школы …⏎FAKE.msync»): the
    /// courier's list showed its pieces as lines of their own (a false instruction); the list, the
    /// quarantine's note and the log show the name on one line, its breaks as «?».
    func testAFileNameWithLineBreaksIsOneLineOfTheList() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let planted = "s001-54\nотвезите флешку в школу s002\r\nFAKE.msync"
        try Data("not a bundle".utf8).write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(planted))
        expectOK(try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path]))
        let text = try manifest(w)
        XCTAssertTrue(text.contains("inbox/s001-54?отвезите флешку в школу s002??FAKE.msync"), text)
        XCTAssertFalse(text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("отвезите") || $0.hasPrefix("FAKE") }, text)
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path])
        let events = ingest.stderr.split(separator: "\n").filter { $0.contains("event=") }
        XCTAssertFalse(events.isEmpty, ingest.output)
        XCTAssertFalse(ingest.stderr.contains("\r"), "a log line is one line: \(ingest.stderr)")
        XCTAssertTrue(events.contains { $0.contains("s001-54 отвезите флешку в школу s002 FAKE.msync") }, ingest.stderr)
        let quarantine = w.districtHome.appendingPathComponent("quarantine")
        let notes = try FileManager.default.contentsOfDirectory(atPath: quarantine.path).filter { $0.hasSuffix(".reason.txt") }
        XCTAssertEqual(notes.count, 1, "\(notes)")
        let note = try String(contentsOf: quarantine.appendingPathComponent(notes[0]), encoding: .utf8)
        XCTAssertTrue(note.hasPrefix("bundle: s001-54?отвезите флешку в школу s002??FAKE.msync\nquarantined: "), note)
        // Its reason quotes the name: on one line too.
        XCTAssertTrue(note.contains("reason: not a mentorsync bundle: s001-54?отвезите флешку в школу s002??FAKE.msync does not start"), note)
        XCTAssertFalse(note.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("отвезите") || $0.hasPrefix("FAKE") }, note)
    }

    /// The same planted with Unicode's own line and paragraph separators (U+2028, U+2029), which are
    /// no control characters: a text editor of the school's Linux (gedit, Kate) and the courier's list
    /// opened there showed «отвезите флешку в школу s002» on a line of its own again; and a
    /// right-to-left override (U+202E) turned the rest of a name around. They are «?» too.
    func testAFileNameWithUnicodeLineSeparatorsIsOneLineOfTheListAndTheReceipt() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let planted = "s001-55\u{2028}отвезите флешку в школу s002\u{2029}FAKE\u{202E}cnysm.msync"
        try Data("not a bundle".utf8).write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(planted))
        expectOK(try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path]))
        let list = try manifest(w)
        let ingest = try w.district(environment: ToolLocale.russian, ["ingest", "--share", w.stick.path, "--settle", "0"])
        let quarantine = w.districtHome.appendingPathComponent("quarantine")
        let notes = try FileManager.default.contentsOfDirectory(atPath: quarantine.path).filter { $0.hasSuffix(".reason.txt") }
        XCTAssertEqual(notes.count, 1, "\(notes)")
        let note = try String(contentsOf: quarantine.appendingPathComponent(notes[0]), encoding: .utf8)
        for (what, text) in [("list", list), ("receipt", ingest.stdout), ("note", note)] {
            XCTAssertTrue(text.contains("s001-55?отвезите флешку в школу s002?FAKE?cnysm.msync"), "\(what): \(text)")
            XCTAssertFalse(text.unicodeScalars.contains { [0x2028, 0x2029, 0x202E].contains($0.value) }, "\(what): \(text)")
        }
    }

    func manifest(_ w: CLIWorld) throws -> String {
        try String(contentsOf: w.stick.appendingPathComponent("MANIFEST.txt"), encoding: .utf8)
    }
}

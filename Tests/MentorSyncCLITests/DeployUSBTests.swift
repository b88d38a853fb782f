import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport

/// Deploy/mentorsync-usb-sync, given a folder as an already mounted stick (udev and mounting
/// need real hardware; the unit and the rule are checked in DeployUnitFilesTests).
final class DeployUSBTests: XCTestCase {
    func usbSync(_ w: CLIWorld, _ school: String, _ stick: URL, extra: [String: String] = [:]) throws -> Ran {
        var env = ["MENTORSYNC_USB_CONF": "/nonexistent/usb.conf", "MENTORSYNC_HOME": w.schoolHome(school).path,
                   "MENTORSYNC_SCHOOL_BIN": ToolRunner.executable("mentorsync-school").path, "MENTORSYNC_USB_USER": ""]
        for (k, v) in extra { env[k] = v }
        return try Deploy.run("/bin/bash", [Deploy.folder.appendingPathComponent("mentorsync-usb-sync").path, stick.path], environment: env)
    }

    func testAStickWithAMentorsyncFolderIsSyncedAndCarriesAReceipt() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("usb")
        let share = stick.appendingPathComponent("mentorsync")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        expectOK(try w.district("ingest", "--share", share.path))  // the district prepares the courier's stick once
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--id", "p1"))

        let first = try usbSync(w, "s001", stick)
        expectDone(first)
        let receipt = share.appendingPathComponent("receipt-s001.txt")
        var text = try String(contentsOf: receipt, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("mentorsync — receipt of the school s001 — Школа s001"), text)
        XCTAssertTrue(text.contains("result: DONE"), text)
        XCTAssertTrue(text.contains("for the district: 1 changed row"), text)
        XCTAssertTrue(text.contains("no reply from the district on this share yet"), text)
        XCTAssertTrue(text.contains("1 changed row not yet acknowledged"), "the school's state is in the receipt: \(text)")
        XCTAssertEqual(Share.bundles(in: share.appendingPathComponent("inbox")).count, 1)
        XCTAssertTrue(first.stderr.contains("receipt written to \(receipt.path)"), first.stderr)

        // At the district, then back at the school: the receipt tells what came back.
        expectOK(try w.district("ingest", "--share", share.path))
        let second = try usbSync(w, "s001", stick)
        expectDone(second)
        text = try String(contentsOf: receipt, encoding: .utf8)
        XCTAssertTrue(text.contains("received 1 reply"), text)
        XCTAssertTrue(text.contains("everything is acknowledged by the district"), text)
        let names = try FileManager.default.contentsOfDirectory(atPath: share.path)
        XCTAssertFalse(names.contains { $0.hasSuffix(".tmp") }, "\(names)")
        XCTAssertTrue(names.contains("MANIFEST.txt"))
    }

    /// A courier's route with one stick: the school, then the district, then the school again,
    /// each plugging it in (the same script, with MENTORSYNC_USB_ROLE=district at the district).
    func testTheDistrictEndOfTheRouteIngestsTheStickAndLeavesItsReceipt() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        let stick = w.scratch.folder("route")
        let share = stick.appendingPathComponent("mentorsync")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let atDistrict = ["MENTORSYNC_USB_ROLE": "district", "MENTORSYNC_HOME": w.districtHome.path,
                          "MENTORSYNC_DISTRICT_BIN": ToolRunner.executable("mentorsync-district").path]
        expectDone(try usbSync(w, "s001", stick, extra: atDistrict))  // an empty stick: the district prepares it
        for s in ["s001", "s002"] {
            expectOK(try w.school(s, "put", "persons", "--set", "full_name=Наставник \(s)"))
            expectDone(try usbSync(w, s, stick))
        }
        let r = try usbSync(w, "s001", stick, extra: atDistrict)
        expectDone(r)
        let receipt = try String(contentsOf: share.appendingPathComponent("receipt-district.txt"), encoding: .utf8)
        XCTAssertTrue(receipt.hasPrefix("mentorsync — receipt of the district — Управление образования"), receipt)
        XCTAssertTrue(receipt.contains("result: DONE. The replies for the schools are on the stick"), receipt)
        XCTAssertTrue(receipt.contains("merged 2 bundles"), receipt)
        XCTAssertFalse(receipt.contains("time="), "the event log goes to the journal, not the receipt: \(receipt)")
        XCTAssertEqual(Set(try w.rows(district: "persons").values.compactMap { $0["org_id"] as? String }), ["s001", "s002"])
        for s in ["s001", "s002"] {
            expectDone(try usbSync(w, s, stick))
            let text = try String(contentsOf: share.appendingPathComponent("receipt-\(s).txt"), encoding: .utf8)
            XCTAssertTrue(text.contains("received 1 reply"), text)
        }
        let bad = try usbSync(w, "s001", stick, extra: ["MENTORSYNC_USB_ROLE": "teacher"])
        XCTAssertEqual(bad.exitCode, 2)
    }

    func testAnyOtherStickIsLeftAloneAndNothingIsWrittenOnIt() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("holiday-photos")
        try Data("фото".utf8).write(to: stick.appendingPathComponent("IMG_0001.jpg"))
        let r = try usbSync(w, "s001", stick)
        expectDone(r)
        XCTAssertTrue(r.stderr.contains("not a mentorsync stick, left alone"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: stick.path), ["IMG_0001.jpg"])
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertTrue(status["last_export_at"] is NSNull, "no sync happened")
    }

    func testAStickTheDistrictDidNotPrepareGetsAReceiptSayingWhatToDo() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("new-stick")
        let share = stick.appendingPathComponent("mentorsync")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let r = try usbSync(w, "s001", stick)
        XCTAssertEqual(r.exitCode, 1, r.output)
        let text = try String(contentsOf: share.appendingPathComponent("receipt-s001.txt"), encoding: .utf8)
        XCTAssertTrue(text.contains("result: FAILED (nothing was lost"), text)
        XCTAssertTrue(text.contains("is not a mentorsync share (it has no inbox/ folder)"), text)
        XCTAssertTrue(r.stderr.contains("sync FAILED"), r.stderr)
    }

    /// The units set MENTORSYNC_LANG=ru: the whole receipt is Russian then, its own lines as
    /// well as the programs' (DESIGN.md: receipts follow the language), and English otherwise.
    func testTheReceiptIsWrittenInThePeoplesLanguage() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("ru-stick")
        let share = stick.appendingPathComponent("mentorsync")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let receipt = share.appendingPathComponent("receipt-s001.txt")
        let failed = try usbSync(w, "s001", stick, extra: ["MENTORSYNC_LANG": "ru"])
        XCTAssertEqual(failed.exitCode, 1, failed.output)
        var text = try String(contentsOf: receipt, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("mentorsync — квитанция: школа s001"), text)
        XCTAssertTrue(text.contains("итог: НЕ УДАЛОСЬ (ничего не потеряно"), text)
        expectOK(try w.district("ingest", "--share", share.path))
        let done = try usbSync(w, "s001", stick, extra: ["MENTORSYNC_LANG": "ru"])
        expectDone(done)
        // Its lines for the journal are in the same language as the programs' beside them.
        XCTAssertTrue(done.stderr.contains("mentorsync-usb-sync: синхронизация с флешкой"), done.stderr)
        XCTAssertTrue(done.stderr.contains("; квитанция записана в \(receipt.path)"), done.stderr)
        let other = try usbSync(w, "s001", w.scratch.folder("photos"), extra: ["MENTORSYNC_LANG": "ru"])
        expectDone(other)
        XCTAssertTrue(other.stderr.contains("нет папки mentorsync/: это не флешка mentorsync, она не тронута"), other.stderr)
        text = try String(contentsOf: receipt, encoding: .utf8)
        XCTAssertTrue(text.contains("итог: ГОТОВО. Отвезите флешку в управление образования"), text)
        XCTAssertTrue(text.contains("Что отправлено и получено:"), text)
        XCTAssertTrue(text.contains("Состояние школы после синхронизации:"), text)
        for english in ["receipt of", "written:", "result:", "What was sent", "The list of every bundle"] {
            XCTAssertFalse(text.contains(english), "\(english) in a Russian receipt: \(text)")
        }
        expectDone(try usbSync(w, "s001", stick, extra: ["MENTORSYNC_LANG": "en", "LANG": "ru_RU.UTF-8"]))
        XCTAssertTrue(try String(contentsOf: receipt, encoding: .utf8).contains("result: DONE"))
    }

    /// Russian school names often hold quotes (МБОУ "СОШ №1"); the receipt names the school whole,
    /// not cut at the quote its JSON escapes.
    func testASchoolNameWithQuotesIsWholeInTheReceipt() throws {
        let w = try CLIWorld(schools: [])
        let name = "МБОУ \"СОШ №1\" с/п Заречье"
        let enroll = w.scratch.path("s001.enroll")
        expectOK(try w.district("enroll", "--site", "s001", "--name", name, "--out", enroll.path))
        expectOK(try w.school("s001", "init", "--enroll", enroll.path))
        let stick = w.scratch.folder("quoted")
        let share = stick.appendingPathComponent("mentorsync")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        expectOK(try w.district("ingest", "--share", share.path))
        expectDone(try usbSync(w, "s001", stick, extra: ["MENTORSYNC_LANG": "en"]))
        let text = try String(contentsOf: share.appendingPathComponent("receipt-s001.txt"), encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("mentorsync — receipt of the school s001 — \(name)\n"), text)
    }

    func testAChosenFolderNameAndUsageErrors() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("labelled")
        let share = stick.appendingPathComponent("ЦМН")
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        expectOK(try w.district("ingest", "--share", share.path))
        expectDone(try usbSync(w, "s001", stick, extra: ["MENTORSYNC_USB_FOLDER": "ЦМН"]))
        XCTAssertTrue(FileManager.default.fileExists(atPath: share.appendingPathComponent("receipt-s001.txt").path))

        let script = Deploy.folder.appendingPathComponent("mentorsync-usb-sync").path
        XCTAssertEqual(try Deploy.run("/bin/bash", [script]).exitCode, 2)
        let nowhere = try Deploy.run("/bin/bash", [script, w.scratch.path("no-such-stick").path])
        XCTAssertEqual(nowhere.exitCode, 2)
        XCTAssertTrue(nowhere.stderr.contains("neither a block device nor a folder"), nowhere.stderr)
    }
}

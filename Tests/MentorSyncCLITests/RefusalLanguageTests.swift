import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A change the district refused reaches the school's user in the user's language, naming the
/// row and its owner by name, with what to do — not as the protocol's English line with ids
/// (which `--json` keeps, as machine output).
final class RefusalLanguageTests: XCTestCase {
    func testRefusedRowsAreToldByNameInTheReadersLanguage() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        // Another program writes at s001 a row of s002's and a row of a table only the district keeps.
        let db = try SchoolHome.open(w.schoolHome("s001")).database
        try db.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('p-of-s002', 's002', 'Чужая Анна Петровна')")
        try db.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('o1', 's001', 'Подставная', 'school')")
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        // The coordinator's ingest says which rows it refused and why.
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        expectOK(ingest)
        XCTAssertTrue(flat(ingest.stdout).contains("отклонено записей: 2)"), ingest.stdout)
        XCTAssertTrue(flat(ingest.stdout).contains("Школа s001, "), ingest.stdout)
        // The district holds neither row: it names them as their values did.
        XCTAssertTrue(flat(ingest.stdout).contains(": не принято изменение: Человек «Чужая Анна Петровна» — запись принадлежит организации «Школа s002»"), ingest.stdout)
        XCTAssertTrue(flat(ingest.stdout).contains(": не принято изменение: Организация «Подставная» — эту таблицу ведёт только управление образования"), ingest.stdout)

        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(sync)
        let ru = flat(sync.stdout)
        XCTAssertTrue(ru.contains("управление образования не приняло изменение: Человек «Чужая Анна Петровна» — запись принадлежит организации «Школа s002», а не вашей школе"), sync.stdout)
        XCTAssertTrue(ru.contains("Организация «Подставная» — эту таблицу ведёт только управление образования; если в ней ошибка, сообщите в управление"), sync.stdout)
        XCTAssertFalse(ru.contains("change refused") || ru.contains("p-of-s002"), sync.stdout)

        let status = try w.school("s001", environment: ToolLocale.english, ["status"])
        expectOK(status)
        let en = flat(status.stdout)
        XCTAssertTrue(en.contains("the district did not accept a change of Person «Чужая Анна Петровна»: the row belongs to «Школа s002», not to this school"), status.stdout)
        XCTAssertTrue(en.contains("Organization «Подставная»: the district alone keeps this table"), status.stdout)
        // Its own refused row goes once more whole: it is not said to wait for the district (the
        // receipt had just said the district has everything) — the refusal below says what to do.
        let ruStatus = flat(try w.school("s001", environment: ToolLocale.russian, ["status"]).stdout)
        XCTAssertTrue(ruStatus.contains("управление образования получило всё отправленное; что оно не приняло — ниже"), ruStatus)
        XCTAssertFalse(ruStatus.contains("ещё не подтвержден"), ruStatus)
        let figures = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(figures["refused_unacknowledged"] as? Int, 1)
        XCTAssertEqual(figures["unacknowledged_changes"] as? Int, 1, "the machine figure stays what it was")
        // Corrected since, the row waits for the district again: said so, not «correct it».
        try db.execute("UPDATE organizations SET name = 'Подставная, исправлено' WHERE id = 'o1'")
        let corrected = flat(try w.school("s001", environment: ToolLocale.russian, ["status"]).stdout)
        XCTAssertTrue(corrected.contains("1 изменённая запись ещё не подтверждена управлением образования"), corrected)
        XCTAssertFalse(corrected.contains("получило всё отправленное"), corrected)

        // The coordinator's status lists them by the school's name; the same refusal again (a later
        // bundle carrying the same row) is one line with how many times.
        try DistrictHome.open(w.districtHome).recordRejection(site: SiteID("s001"), bundle: "s001-000009-to-district.msync",
                                                              reason: "row persons/p-of-s002 belongs to 's002', not to s001; change refused")
        let district = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian)
        expectOK(district)
        let listed = flat(district.stdout)
        XCTAssertTrue(listed.contains("Отклонено за 60 дней: Школа s001, "), district.stdout)
        XCTAssertTrue(listed.contains("не принято изменение: Человек «Чужая Анна Петровна» — запись принадлежит организации «Школа s002» (2 раза)"), district.stdout)
        XCTAssertTrue(listed.contains("не принято изменение: Организация «Подставная» — эту таблицу ведёт только управление образования"), district.stdout)

        // Machine output keeps the reasons as the district wrote them.
        let json = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (json["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        XCTAssertTrue(reasons.contains("row persons/p-of-s002 belongs to 's002', not to s001; change refused"), "\(reasons)")
    }

    /// A row refused again with every bundle that carries it is told once at the school, not once a bundle.
    func testARowRefusedAgainIsToldOnceAtTheSchool() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        try SchoolHome.open(w.schoolHome("s001")).database.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('o1', 's001', 'Подставная', 'school')")
        for _ in 0..<3 { try w.round() }
        let refusal = "Организация «Подставная» — эту таблицу ведёт только управление образования"
        let json = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual((json["rejections"] as? [[String: Any]])?.count, 1, "\(json)")
        let status = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertEqual(flat(status.stdout).components(separatedBy: refusal).count - 1, 1, status.stdout)
        // A sync that reads a reply repeating the refusal for several bundles tells it once too.
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertEqual(flat(sync.stdout).components(separatedBy: refusal).count - 1, 1, sync.stdout)
    }

    /// A file cut short before its header (a stick pulled out while copying) is listed under the
    /// school its name names, not as a stranger's, and the school hears it arrived damaged.
    func testAFileCutBeforeItsHeaderIsTheSchoolsByItsName() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let inbox = w.stick.appendingPathComponent("inbox")
        let sent = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasPrefix("s001-") && $0.hasSuffix(".msync") }.sorted().last)
        let handle = try FileHandle(forWritingTo: inbox.appendingPathComponent(sent))
        try handle.truncate(atOffset: 100)
        try handle.close()
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        XCTAssertEqual(ingest.exitCode, 3, ingest.output)
        let status = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(flat(status.stdout).contains("Школа s001, "), status.stdout)
        XCTAssertFalse(flat(status.stdout).contains("Не от подключённой школы"), status.stdout)
        let told = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertTrue(flat(told.stdout).contains("пакет \(sent) дошёл до управления образования повреждённым ("), told.stdout)
        let home = try DistrictHome.open(w.districtHome)
        XCTAssertNil(home.school(namedByFile: "s001-x.msync"), "a name without a sequence names no school")
        XCTAssertEqual(home.school(namedByFile: "s002-000007-to-district.msync"), SiteID("s002"))
    }

    func testADamagedBundleIsToldInRussianToTheSchoolAndTheCoordinator() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let sent = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: w.stick.appendingPathComponent("inbox").path).first { $0.hasSuffix(".msync") })
        let file = w.stick.appendingPathComponent("inbox").appendingPathComponent(sent)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 40] ^= 0xff
        try bytes.write(to: file)
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        XCTAssertEqual(ingest.exitCode, 3, ingest.output)
        XCTAssertTrue(ingest.stdout.contains("в карантине: \(sent): пакет повреждён или записан не до конца ("), ingest.stdout)
        XCTAssertFalse(BundleError.Damage.allCases.contains { ingest.stdout.contains($0.text) }, "the damage said in English: \(ingest.stdout)")
        let status = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(flat(status.stdout).contains("Школа s001, "), status.stdout)
        XCTAssertTrue(flat(status.stdout).contains(": пакет \(sent) в карантине: пакет повреждён или записан не до конца ("), status.stdout)
        // Not "nothing received": something came and was refused, and the advice says where to read why.
        XCTAssertTrue(flat(status.stdout).contains("Школа s001 (s001): от школы ещё ничего не принято: пришедшее отклонено"), status.stdout)
        let told = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        // The school has nothing to copy again: its next bundles carry the changes.
        XCTAssertTrue(flat(told.stdout).contains("пакет \(sent) дошёл до управления образования повреждённым ("), told.stdout)
        XCTAssertTrue(flat(told.stdout).contains("делать ничего не нужно: его изменения уходят с каждым обменом, пока управление их не подтвердит"), told.stdout)
        XCTAssertFalse(told.stdout.contains("copy it again") || told.stdout.contains("скопируйте"), told.stdout)
        // Once the district has what it carried, the school's status no longer lists it.
        XCTAssertTrue(flat(try w.school("s001", environment: ToolLocale.russian, ["status"]).stdout).contains("дошёл до управления образования повреждённым"))
        expectOK(try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path]))
        // The reply that confirms it all is not news of the damaged file: the receipt says no more of it.
        let confirmed = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(confirmed)
        XCTAssertFalse(flat(confirmed.stdout).contains("повреждённым"), confirmed.stdout)
        let settled = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertFalse(flat(settled.stdout).contains("повреждённым"), settled.stdout)
        let district = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM persons WHERE full_name = 'Иванова Анна'")?.integer, 1, "the changes came again")

        // A file that is no bundle at all names no school, and is listed all the same, in Russian.
        let junk = "s099-000001-to-district.msync"
        try Data("Отчёт за четверть".utf8).write(to: w.stick.appendingPathComponent("inbox").appendingPathComponent(junk))
        let second = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        XCTAssertTrue(flat(second.stdout).contains("«\(junk)» начинается не так, как пакет"), second.stdout)
        let later = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(flat(later.stdout).contains("Не от подключённой школы, "), later.stdout)
        XCTAssertTrue(flat(later.stdout).contains(": пакет \(junk) в карантине: это не пакет mentorsync: «\(junk)» начинается не так, как пакет: это файл другой программы или испорченный"), later.stdout)
        XCTAssertFalse(later.stdout.contains("bundle signature"), later.stdout)
    }

    func testARefusalHeardMoreThan60DaysAgoIsNoLongerNews() throws {
        let w = try CLIWorld(schools: ["s001"])
        let db = try SchoolHome.open(w.schoolHome("s001")).database
        let old = "row persons/p-old names two different owners; change refused"
        let recent = "row persons/p-new names two different owners; change refused"
        try db.execute("INSERT INTO school_rejections(bundle, reason, heard_at) VALUES ('b1', ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-61 days'))", [.text(old)])
        try db.execute("INSERT INTO school_rejections(bundle, reason, heard_at) VALUES ('b2', ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-59 days'))", [.text(recent)])
        let json = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual((json["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }, [recent])
        let status = try w.school("s001", environment: ToolLocale.russian, ["status"])
        XCTAssertTrue(flat(status.stdout).contains("Человек «p-new» — в изменении указаны два разных владельца"), status.stdout)
        XCTAssertFalse(status.stdout.contains("p-old"), status.stdout)
    }

    func testAReasonOfAnotherWordingIsShownAsItCame() throws {
        let w = try CLIWorld(schools: ["s001"])
        let home = try SchoolHome.open(w.schoolHome("s001"))
        let text = "the district's disk is being replaced; send it again tomorrow"
        XCTAssertEqual(home.refusalMessage(bundle: "b.msync", reason: text).text(.ru), "управление образования не приняло b.msync: \(text)")
        // A row this school does not hold is named by its short id.
        let m = home.refusalMessage(bundle: "b.msync", reason: "row persons/0f6e3c52-5b1a-4c1e-9d2f-1a2b3c4d5e6f names two different owners; change refused")
        XCTAssertEqual(m.text(.en), "the district did not accept a change of Person «0f6e3c52»: the change names two different owners")
    }

    /// A file that came to the wrong district, or names no school of this one, says what to do with it.
    func testAFileForAnotherDistrictOrSchoolSaysWhatToDo() {
        XCTAssertEqual(Message.bundleError(.misaddressed(recipient: "dist2", expected: "district")).text(.ru),
                       "пакет адресован другому управлению образования («dist2»), а не этому («district»): он попал сюда по ошибке и ничего здесь не изменил — передайте его туда, куда он адресован")
        XCTAssertEqual(Message.bundleError(.unknownSender("s099")).text(.ru),
                       "пакет от школы «s099», а такая школа здесь не подключена: он ничего не изменил — если это ваша школа, подключите её на странице «Подключить школу» (enroll), иначе передайте файл её управлению образования")
        // A key the school has not replaced yet: where the deputy head installs the new file, in her web app.
        XCTAssertTrue(Message.bundleError(.expiredKey(sender: "s001", until: "2026-11-30")).text(.ru)
            .hasSuffix("установите в школе новый файл подключения: в программе школы «Состояние» → «Новый файл подключения» (или mentorsync-school rekey --enroll ФАЙЛ)"))
        XCTAssertTrue(Message.bundleError(.revokedKey(sender: "s001", revokedOn: "2026-12-05")).text(.ru)
            .hasSuffix("или школа ещё не установила новый файл подключения (в программе школы «Состояние» → «Новый файл подключения»)"))
    }

    /// Each way a bundle can be damaged is said in Russian too (zlib's own words stay as they are).
    func testEveryDamageIsSaidInRussian() {
        for d in BundleError.Damage.allCases {
            let why = d == .corruptBody ? d.text + "invalid distance too far back" : d.text
            let e = BundleError.damaged(why)
            XCTAssertEqual(BundleError(description: e.description), e)
            let ru = Message.bundleError(e).text(.ru)
            XCTAssertTrue(ru.hasPrefix("пакет повреждён или записан не до конца ("), ru)
            XCTAssertFalse(ru.contains(d.text), "English left in: \(ru)")
        }
        XCTAssertEqual(Message.bundleError(.damaged("something new")).text(.ru),
                       "пакет повреждён или записан не до конца (something new); ничего не потеряно: школа пришлёт эти изменения снова со следующим файлом")
        // At the school, a damaged reply: the district writes it again; there is nothing to copy.
        XCTAssertEqual(Message.replyDamaged(.damaged("checksum mismatch")).russian,
                       "ответ управления образования повреждён или записан не до конца (контрольная сумма не сходится); ваши данные не пострадали: управление образования запишет ответ заново, когда снова примет ваши файлы")
    }

    /// A bundle cut short (a stick pulled out while copying) is left for later while it may still be
    /// copying, and the coordinator is told what happens next.
    func testACutBundleIsLeftForLaterWithWhatHappensNext() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let inbox = w.stick.appendingPathComponent("inbox")
        let sent = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: inbox.path).first { $0.hasSuffix(".msync") })
        let bytes = try Data(contentsOf: inbox.appendingPathComponent(sent))
        try bytes.prefix(bytes.count / 2).write(to: inbox.appendingPathComponent(sent))
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        expectOK(ingest)
        XCTAssertTrue(flat(ingest.stdout).contains("отложен: \(sent) не дописан и изменён меньше 2 мин назад (ещё копируется?); первый приём после этого его разберёт"), ingest.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: inbox.appendingPathComponent(sent).path), "left where it is")
    }

    /// A copy that keeps the file's own time (Explorer, `cp -p`, rsync -t: a bundle written at the
    /// school a week ago) is still being copied when it changed a moment ago: left for later, not
    /// quarantined half-written.
    func testACutBundleCopiedWithItsOldTimeIsLeftForLater() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Анна"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let inbox = w.stick.appendingPathComponent("inbox")
        let sent = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: inbox.path).first { $0.hasSuffix(".msync") })
        let file = inbox.appendingPathComponent(sent)
        let bytes = try Data(contentsOf: file)
        try bytes.prefix(bytes.count / 2).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7 * 86400)], ofItemAtPath: file.path)
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        expectOK(ingest)
        XCTAssertTrue(flat(ingest.stdout).contains("отложен: \(sent)"), ingest.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "left where it is")
    }

    /// Wrapped text joined back: one space between words.
    func flat(_ text: String) -> String { text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") }
}

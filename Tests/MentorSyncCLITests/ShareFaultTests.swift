import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 11, defects 15 (a write-protected stick, a damaged or misplaced reply) and 16 (forgeries
/// evicting a school's genuine rejections), with the real tools.
final class ShareFaultTests: XCTestCase {
    private var mounts: [URL] = []

    override func tearDown() {
        for m in mounts.reversed() where run("/usr/bin/umount", [m.path]) != 0 { _ = run("/usr/bin/umount", ["-l", m.path]) }
        mounts.removeAll()
        super.tearDown()
    }

    func run(_ path: String, _ args: [String]) -> Int32 {
        (try? ToolRunner.runProgram(URL(fileURLWithPath: path), args).exitCode) ?? -1
    }

    func events(_ w: CLIWorld, _ school: String) throws -> [String] {
        let rows = try XCTUnwrap(try w.json(try w.school(school, "list", "events", "--json")) as? [[String: Any]])
        return rows.compactMap { $0["title"] as? String }
    }

    /// A write-protected stick said "merged 0 bundles" and exit 0, leaving the school's bundle unread.
    /// A school cannot start a stick: it is told to ask for a prepared one; the district's ingest
    /// on a new folder says it made it ready (once).
    func testANewStickIsPreparedByTheDistrictAndSaysSo() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("new-stick")
        let school = try ToolRunner.run("mentorsync-school", ["sync", "--share", stick.path, "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        XCTAssertNotEqual(school.exitCode, 0)
        XCTAssertTrue(school.stderr.contains("новую флешку или папку один раз готовит управление образования; попросите у него подготовленную флешку"), school.stderr)
        let first = try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("подготовлена для обмена (созданы inbox/ и outbox/)"), first.stdout)
        let again = try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertFalse(again.stdout.contains("подготовлена для обмена"), again.stdout)
        expectOK(try w.school("s001", "sync", "--share", stick.path))
    }

    func testAWriteProtectedStickFailsWithAClearLine() throws {
        let w = try CLIWorld(schools: ["s001"])
        let stick = w.scratch.folder("locked-stick")
        guard run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", stick.path]) == 0 else {
            throw XCTSkip("this machine does not let the test mount a small file system (needs root), so a read-only stick cannot be made")
        }
        mounts.append(stick)
        expectOK(try w.district("ingest", "--share", stick.path))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=С запертой флешки"))
        expectOK(try w.school("s001", "sync", "--share", stick.path))
        let waiting = Share.bundles(in: stick.appendingPathComponent("inbox"))
        XCTAssertEqual(waiting.count, 1)
        XCTAssertEqual(run("/usr/bin/mount", ["-o", "remount,ro", stick.path]), 0)

        let r = try w.district("ingest", "--share", stick.path)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertFalse(r.stdout.contains("merged 0 bundles"), r.stdout)
        XCTAssertTrue(r.stderr.contains("read-only"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").filter { $0.hasPrefix("mentorsync-district:") }.count, 1, r.stderr)
        XCTAssertEqual(Share.bundles(in: stick.appendingPathComponent("inbox")), waiting, "the bundle stays for the next visit")
        // The school on the locked stick: one line in her language, what to do, nothing lost.
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Ещё одна запись"))
        let school = try ToolRunner.run("mentorsync-school", ["sync", "--share", stick.path, "--home", w.schoolHome("s001").path], environment: ToolLocale.russian)
        XCTAssertEqual(school.exitCode, 1, school.output)
        XCTAssertEqual(school.stderr.split(separator: "\n").count, 1, school.stderr)
        XCTAssertTrue(school.stderr.contains("защищена от записи"), school.stderr)
        XCTAssertTrue(school.stderr.contains("ничего не потеряно"), school.stderr)
        XCTAssertFalse(school.stderr.contains("cannot write") || school.stderr.contains("read-only"), school.stderr)

        // A report or an enrollment file written onto it: no changes wait to go (it said «изменения
        // уйдут со следующей попыткой» of a report).
        for (tool, args) in [("mentorsync-school", ["report", "--out", stick.appendingPathComponent("отчёт.html").path, "--home", w.schoolHome("s001").path]),
                             ("mentorsync-district", ["enroll", "--site", "s002", "--name", "Школа 2", "--out", stick.appendingPathComponent("s002.enroll").path,
                                                      "--home", w.districtHome.path])] {
            let r = try ToolRunner.run(tool, args, environment: ToolLocale.russian)
            XCTAssertEqual(r.exitCode, 1, r.output)
            XCTAssertTrue(r.stderr.contains("защищена от записи"), r.stderr)
            XCTAssertFalse(r.stderr.contains("изменения уйдут"), "\(tool) \(args[0]): \(r.stderr)")
        }
    }

    /// One damaged file in `outbox/<site>` stopped the school from merging the genuine reply beside it.
    func testADamagedFileBesideAGenuineReplyIsReportedAndTheReplyMerged() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        expectOK(try w.district("put", "events", "--set", "title=Августовское совещание"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let outbox = w.stick.appendingPathComponent("outbox/s001")
        let damaged = outbox.appendingPathComponent("aaaa-damaged.msync")
        try Data("MSYNC\0\0\0 not a bundle at all".utf8).write(to: damaged)

        let r = try w.school("s001", "sync", "--share", w.stick.path)
        XCTAssertEqual(r.exitCode, 1, "the damaged file is reported: \(r.output)")
        XCTAssertTrue(r.stderr.contains("aaaa-damaged.msync"), r.stderr)
        XCTAssertTrue(try events(w, "s001").contains("Августовское совещание"), "the genuine reply was not merged: \(r.output)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: damaged.path), "the damaged file is left for whoever can tell what it is")
    }

    /// A reply put in another school's folder advised that school to install a new key.
    func testAReplyInTheWrongSchoolsFolderSaysSoInsteadOfAdvisingARekey() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        expectOK(try w.district("put", "events", "--set", "title=Семинар наставников"))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let misplaced = w.stick.appendingPathComponent("outbox/s002/for-s001.msync")
        try FileManager.default.copyItem(at: Share.bundles(in: w.stick.appendingPathComponent("outbox/s001")).last!, to: misplaced)

        let r = try w.school("s002", "sync", "--share", w.stick.path)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.stderr.contains("for-s001.msync: it is addressed to 's001', not to 's002'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("by mistake"), r.stderr)
        XCTAssertFalse(r.output.contains("rekey"), "a misplaced file is not a key problem: \(r.output)")
        XCTAssertTrue(try events(w, "s002").contains("Семинар наставников"), "s002's own reply was not merged")
    }

    /// The dashboard's advice does not say «ok» while files in a school's name are being refused:
    /// it says so until the school's next bundle is accepted.
    func testAFileRefusedInASchoolsNameIsAdvisedUntilItsNextBundleIsAccepted() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна"))
        try w.round()
        func advice() throws -> String? {
            let list = (try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]]
            return list?.first { $0["site"] as? String == "s001" }?["advice"] as? String
        }
        XCTAssertEqual(try advice(), "ok")
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петров Олег Ильич"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let sent = try XCTUnwrap(Share.bundles(in: w.stick.appendingPathComponent("inbox")).first)
        let doc = try BundleDocument.read(from: sent, key: try SchoolHome.open(w.schoolHome("s001")).key())
        try FileManager.default.removeItem(at: sent)
        try doc.write(to: w.stick.appendingPathComponent("inbox/s001-000099-to-district.msync"), key: Enrollment.newKey())
        Thread.sleep(forTimeInterval: 1.1)  // times are kept to the second: the refusal comes after the accepted bundle
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)
        XCTAssertEqual(try advice(), "1 file in the school's name refused since its last accepted bundle (why: under «Refused in the last 60 days»); if it repeats, call the school")
        let told = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 })
        XCTAssertTrue(told.stdout.contains("после последнего принятого пакета отклонено файлов от имени школы: 1"), told.stdout)
        Thread.sleep(forTimeInterval: 1.1)
        try w.round()
        XCTAssertEqual(try advice(), "ok", "the school's next bundle was accepted")
    }

    /// Forged files naming a school pushed its genuine rejections out of the 200 it is told of.
    func testForgeriesNamingASchoolDoNotEvictItsGenuineRejections() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let oldKey = try SchoolHome.open(w.schoolHome("s001")).key()
        // A genuine rejection: the school still signs with a key the district stopped accepting.
        let fresh = w.scratch.path("s001-new.enroll")
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", fresh.path, "--grace-days", "0"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Со старым ключом"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let genuine = try XCTUnwrap(Share.bundles(in: w.stick.appendingPathComponent("inbox")).first)
        let doc = try BundleDocument.read(from: genuine, key: oldKey)
        XCTAssertEqual(try w.district("ingest", "--share", w.stick.path).exitCode, 3)

        // 205 files naming s001, signed with a key nobody enrolled.
        let forger = Enrollment.newKey()
        for i in 0..<205 {
            try doc.write(to: w.stick.appendingPathComponent("inbox/s001-forged-\(String(format: "%04d", i)).msync"), key: forger)
        }
        let flood = try w.district("ingest", "--share", w.stick.path, "--json")
        XCTAssertEqual(flood.exitCode, 3)
        let district = try DistrictHome.open(w.districtHome)
        let told = try district.rejections(for: SiteID("s001")!)
        XCTAssertTrue(told.contains { $0.reason.contains("rekey") }, "the genuine rejection was evicted: \(told.prefix(2))")
        XCTAssertEqual(told.filter { $0.bundle.contains("forged") }.count, 20, "the school hears of the newest forgeries, in their own bounded slot")
        let forgeries = try district.database.scalar("SELECT count(*) FROM district_forgeries WHERE named_site = 's001'")?.integer
        XCTAssertEqual(forgeries, 205, "forgeries are kept for the coordinator")

        // The school hears its genuine rejection once it has the new key — as done already: it is about
        // a file written with the old key, and the new one is installed (not listed as news).
        expectOK(try w.school("s001", "rekey", "--enroll", fresh.path))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let school = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        XCTAssertEqual(try school.scalar("SELECT group_concat(settled) FROM school_rejections WHERE reason LIKE '%rekey%'")?.text, "1", "heard, and settled")
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let heard = try XCTUnwrap(status["rejections"] as? [[String: Any]])
        XCTAssertFalse(heard.contains { ($0["reason"] as? String ?? "").contains("rekey") }, "\(heard.prefix(2))")
    }
}

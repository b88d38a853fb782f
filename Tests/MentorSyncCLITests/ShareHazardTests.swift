import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 11, defects 11, 14, 15 (first two) and 16 (first): what anyone can plant on a share —
/// links, pipes, folders under a bundle's name, leftovers of killed writers — with the real tools.
final class ShareHazardTests: XCTestCase {
    /// Runs a tool killed after `seconds`, so a hang fails the test instead of stalling it.
    func bounded(_ tool: String, _ args: [String], seconds: Int = 30) throws -> ToolResult {
        try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/timeout"),
                                  ["-s", "KILL", String(seconds), ToolRunner.executable(tool).path] + args,
                                  removing: { $0 == "MENTORSYNC_HOME" })
    }

    /// `timeout` reports a killed tool as 137 (or the tool's own signal, 9).
    func killed(_ r: ToolResult) -> Bool { [9, 124, 137].contains(r.exitCode) }

    func quarantined(_ w: CLIWorld) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: w.districtHome.appendingPathComponent("quarantine").path)
    }

    /// Defect 11: `outbox/s002 -> s001` made the district write s002's reply into s001's folder and
    /// delete s001's replies as superseded.
    func testALinkedOutboxIsRefusedReportedAndTheOtherSchoolsRepliesStay() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.district("put", "events", "--set", "title=Семинар"))
        try w.round()
        let outbox = w.stick.appendingPathComponent("outbox")
        let s001Replies = Share.bundles(in: outbox.appendingPathComponent("s001"))
        XCTAssertFalse(s001Replies.isEmpty)
        let link = outbox.appendingPathComponent("s002")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "s001")

        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Пришла через флешку", "--id", "via-stick"))
        let sync = try w.school("s002", "sync", "--share", w.stick.path)
        XCTAssertTrue(sync.stderr.contains("symbolic link"), sync.output)
        let r = try w.district("ingest", "--share", w.stick.path)
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.stdout.contains("outbox/s002: it is a symbolic link"), r.stdout)
        XCTAssertTrue(r.stderr.contains("event=share_item_refused"), "the daemon log names it: \(r.stderr)")
        // s001's folder holds s001's replies only, and still one at least (the district may have renewed it).
        let after = try Share.bundles(in: outbox.appendingPathComponent("s001")).map { try BundleReader.peekHeader(at: $0).header.recipient.rawValue }
        XCTAssertFalse(after.isEmpty, "s001's replies were deleted")
        XCTAssertEqual(Set(after), ["s001"], "a reply for s002 landed in s001's folder")
        let type = try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType
        XCTAssertEqual(type, .typeSymbolicLink, "the link is reported, not silently replaced")
        // s002's own bundle is merged all the same.
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "via-stick" })
        // A link in place of a bundle file is left alone too.
        try FileManager.default.createSymbolicLink(atPath: w.stick.appendingPathComponent("inbox/s001-000099.msync").path,
                                                   withDestinationPath: s001Replies[0].path)
        let again = try w.district("ingest", "--share", w.stick.path)
        XCTAssertTrue(again.stdout.contains("s001-000099.msync: it is a symbolic link"), again.output)
        // In Russian the person reads Russian, and the log line stays English (DESIGN.md: never translated).
        let ru = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(ru.stdout.contains("s001-000099.msync: "), ru.output)
        XCTAssertNil(ru.stdout.range(of: "symbolic link"), ru.stdout)
        let logLines = ru.stderr.split(separator: "\n").filter { $0.contains("event=share_item_refused") }
        XCTAssertFalse(logLines.isEmpty, ru.stderr)
        for line in logLines {
            XCTAssertTrue(line.contains("it is a symbolic link"), String(line))
            XCTAssertNil(line.range(of: "[А-Яа-яЁё]", options: .regularExpression), "a translated log line: \(line)")
        }
        XCTAssertTrue(try quarantined(w).isEmpty, "a planted link was taken as a bundle")
    }

    /// Defect 14: a FIFO named like a bundle hung `ingest` and `sync` (opening it blocks).
    func testAPipeNamedLikeABundleNeitherHangsIngestNorSync() throws {
        let w = try CLIWorld(schools: ["s001"])
        XCTAssertEqual(mkfifo(w.stick.appendingPathComponent("inbox/x.msync").path, 0o644), 0)
        try FileManager.default.createDirectory(at: w.stick.appendingPathComponent("outbox/s001"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(w.stick.appendingPathComponent("outbox/s001/y.msync").path, 0o644), 0)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Рядом с трубой", "--id", "beside-pipe"))

        let sync = try bounded("mentorsync-school", ["sync", "--share", w.stick.path, "--home", w.schoolHome("s001").path])
        XCTAssertFalse(killed(sync), "sync hung on a pipe in the outbox")
        XCTAssertTrue(sync.stderr.contains("y.msync: it is not a regular file"), sync.output)
        let r = try bounded("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path])
        XCTAssertFalse(killed(r), "ingest hung on a pipe in the inbox")
        XCTAssertEqual(r.exitCode, 1, r.output)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.stdout)
        XCTAssertTrue(r.stdout.contains("x.msync: it is not a regular file"), r.stdout)
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "beside-pipe" })
        let loose = try bounded("mentorsync-district", ["ingest", w.stick.appendingPathComponent("inbox/x.msync").path, "--home", w.districtHome.path])
        XCTAssertEqual(loose.exitCode, 1, loose.output)
        XCTAssertTrue(loose.stderr.contains("not a regular file"), loose.stderr)
    }

    /// A file larger than any bundle can be (4 GiB of body) planted under a bundle's name — sparse, it
    /// costs its planter nothing — was read whole by every sync and ingest (a terabyte: a quarter of an
    /// hour, the school's web app waiting), and a district's copy of it filled its disk. It is left
    /// alone and said, never read or copied; the genuine bundle beside it is merged.
    func testAFileLargerThanAnyBundleIsLeftAloneNeverReadNorCopied() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Рядом с великаном", "--id", "beside-giant"))
        try FileManager.default.createDirectory(at: w.stick.appendingPathComponent("outbox/s001"), withIntermediateDirectories: true)
        let giants = ["inbox/s001-000777-to-district.msync", "outbox/s001/district-000777-to-s001.msync"].map { w.stick.appendingPathComponent($0) }
        for file in giants {
            XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data(BundleLayout.magic)))
            let h = try FileHandle(forWritingTo: file)
            try h.truncate(atOffset: 5 << 30)
            try h.close()
        }
        let sync = try bounded("mentorsync-school", ["sync", "--share", w.stick.path, "--home", w.schoolHome("s001").path], seconds: 120)
        XCTAssertFalse(killed(sync), sync.output)
        XCTAssertTrue(sync.stderr.contains("district-000777-to-s001.msync: it is larger than any bundle can be (5.0 GB)"), sync.output)
        let r = try bounded("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path], seconds: 120)
        XCTAssertFalse(killed(r), r.output)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.stdout)
        XCTAssertTrue(r.stdout.contains("s001-000777-to-district.msync: it is larger than any bundle can be"), r.stdout)
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "beside-giant" })
        expectNothingLargeCopied(into: w.districtHome)
        for file in giants { XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), "left alone: \(file.lastPathComponent)") }
        let ru = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(ru.stdout.contains("s001-000777-to-district.msync: он больше, чем может быть любой пакет (5,0 ГБ)"), ru.output)
    }

    /// A hostile file under a bundle's name, below a bundle's bound (5 GB) but one the district cannot
    /// take by a rename — another owner's, another name of it kept (a hard link), a stick — was copied
    /// into the district's home and kept in quarantine/: planted again and again (sparse, it costs
    /// nothing), it filled the district's disk. Above what the district copies (256 MB) it is left
    /// where it is and said, never copied; a small forgery is still quarantined; the genuine bundle
    /// beside them is merged.
    func testAFileTooLargeToCopyIsLeftWhereItIsNotCopiedIntoQuarantine() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Рядом с копией", "--id", "beside-copy"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let giant = w.stick.appendingPathComponent("inbox/s001-000778-to-district.msync")
        let small = w.stick.appendingPathComponent("inbox/s001-000779-to-district.msync")
        for (file, size) in [(giant, 300 << 20), (small, 4096)] {
            XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data(BundleLayout.magic)))
            let h = try FileHandle(forWritingTo: file)
            try h.truncate(atOffset: UInt64(size))
            try h.close()
            // Its planter keeps another name of it: the district cannot take it by a rename.
            XCTAssertEqual(link(file.path, w.stick.appendingPathComponent("kept-\(size)").path), 0)
        }
        let r = try bounded("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path], seconds: 120)
        XCTAssertFalse(killed(r), r.output)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.stdout)
        XCTAssertTrue(r.stdout.contains("s001-000778-to-district.msync: it is larger (300 MB) than a bundle the district copies from a share or a stick (256 MB)"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: giant.path), "left where it is")
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: w.districtHome.appendingPathComponent("quarantine").path)
        XCTAssertTrue(quarantined.contains("s001-000779-to-district.msync"), "\(quarantined)")
        XCTAssertFalse(quarantined.contains { $0.hasPrefix("s001-000778") }, "\(quarantined)")
        expectNothingLargeCopied(into: w.districtHome)
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "beside-copy" })
        let ru = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(ru.stdout.contains("s001-000778-to-district.msync: он больше (300 МБ), чем пакет, который программа копирует с общей папки или флешки (256 МБ)"), ru.output)
    }

    /// The same below what the district copies: a sparse file of 200 MB (nothing written, nothing
    /// spent by its planter) that the district cannot take by a rename was copied whole — 200 MB of
    /// the district's disk in quarantine/ at each planting. A file that is mostly holes is no bundle
    /// (a bundle is written byte by byte, and its encrypted bytes take their room on any file system):
    /// it is left where it is and said; a dense forgery is quarantined as before.
    func testASparseFileTheDistrictWouldCopyIsLeftWhereItIs() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Рядом с пустотой", "--id", "beside-holes"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let holes = w.stick.appendingPathComponent("inbox/s001-000780-to-district.msync")
        let dense = w.stick.appendingPathComponent("inbox/s001-000781-to-district.msync")
        XCTAssertTrue(FileManager.default.createFile(atPath: holes.path, contents: Data(BundleLayout.magic)))
        let h = try FileHandle(forWritingTo: holes)
        try h.truncate(atOffset: 200 << 20)
        try h.close()
        XCTAssertTrue(FileManager.default.createFile(atPath: dense.path, contents: Data(BundleLayout.magic) + Data((0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7919) })))
        // Their planter keeps another name of each: the district cannot take them by a rename.
        for (i, file) in [holes, dense].enumerated() { XCTAssertEqual(link(file.path, w.stick.appendingPathComponent("kept-\(i)").path), 0) }
        let r = try bounded("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path], seconds: 120)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.stdout)
        XCTAssertTrue(r.stdout.contains("s001-000780-to-district.msync: it is mostly empty space (200 MB with next to nothing written), which a bundle never is; remove it"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: holes.path), "left where it is")
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: w.districtHome.appendingPathComponent("quarantine").path)
        XCTAssertTrue(quarantined.contains("s001-000781-to-district.msync"), "\(quarantined)")
        XCTAssertFalse(quarantined.contains { $0.hasPrefix("s001-000780") }, "\(quarantined)")
        let rows = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertTrue(rows.contains { $0["id"] as? String == "beside-holes" })
        let ru = try ToolRunner.run("mentorsync-district", ["ingest", "--share", w.stick.path, "--settle", "0", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(ru.stdout.contains("s001-000780-to-district.msync: он почти весь — пустое место (200 МБ, почти ничего не записано), а пакет таким не бывает; удалите его"), ru.output)
    }

    /// The most memory any child process of this test run has held, in KiB (getrusage; children waited for).
    func largestChildKiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return usage.ru_maxrss
    }

    /// MANIFEST.txt planted on a stick as a sparse file of 20 GB (it costs nothing) was read whole
    /// into memory by the next sync and ingest, to keep the school names it lists: the program was
    /// killed by the system for want of memory — at the district at every pass of the daemon. A list
    /// larger than any the program writes (or not a plain file) is not read; it is written anew.
    func testAnEnormousManifestIsNotReadButWrittenAnew() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Под огромным списком", "--id", "under-list"))
        // Children of earlier tests count too: none of this test's may go above them or 700 MB.
        let bound = max(largestChildKiB(), 700_000)
        let manifest = w.stick.appendingPathComponent("MANIFEST.txt")
        try? FileManager.default.removeItem(at: manifest)
        XCTAssertTrue(FileManager.default.createFile(atPath: manifest.path, contents: Data("«Чужая школа» (s009)\n".utf8)))
        let h = try FileHandle(forWritingTo: manifest)
        try h.truncate(atOffset: 1 << 30)
        try h.close()
        let sync = try bounded("mentorsync-school", ["sync", "--share", w.stick.path, "--home", w.schoolHome("s001").path], seconds: 120)
        XCTAssertEqual(sync.exitCode, 0, sync.output)
        XCTAssertLessThanOrEqual(largestChildKiB(), bound, "a tool held the list in memory")
        let written = try String(contentsOf: manifest, encoding: .utf8)
        XCTAssertTrue(written.contains("s001-000001-to-district.msync") && written.utf8.count < 10_000, written.prefix(300).description)
        let h2 = try FileHandle(forWritingTo: manifest)
        try h2.truncate(atOffset: 1 << 30)
        try h2.close()
        let r = try bounded("mentorsync-district", ["ingest", "--share", w.stick.path, "--home", w.districtHome.path], seconds: 120)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.stdout)
        XCTAssertLessThanOrEqual(largestChildKiB(), bound, "a tool held the list in memory")
        XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: manifest.path)[.size] as? Int ?? 0, 10_000)
    }

    /// A folder named MANIFEST.txt on the stick (planted, or made by mistake) failed every school's
    /// sync after its exchange was done: no receipt, exit 1 and «cannot rename .MANIFEST.txt.tmp-… to
    /// MANIFEST.txt: Is a directory» in English — Ольга Ивановна took the exchange for failed. The
    /// receipt is told, then one line in her language on the list.
    func testAFolderNamedLikeTheCouriersListLeavesTheSyncToldAndSaysWhatToDo() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Рядом с папкой", "--id", "beside-folder"))
        let manifest = w.stick.appendingPathComponent("MANIFEST.txt")
        try? FileManager.default.removeItem(at: manifest)
        try FileManager.default.createDirectory(at: manifest, withIntermediateDirectories: false)
        let sync = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertEqual(sync.exitCode, 1, sync.output)
        XCTAssertTrue(sync.stdout.contains("s001-000001-to-district.msync"), "the receipt: \(sync.output)")
        XCTAssertEqual(sync.stderr.split(separator: "\n").count, 1, sync.stderr)
        XCTAssertTrue(sync.stderr.contains("список для курьера \(manifest.path) не записан: под его именем лежит не файл (папка?); удалите её"), sync.stderr)
        let r = try w.district("ingest", "--share", w.stick.path)
        XCTAssertTrue(r.stdout.contains("merged 1 bundle"), r.output)
        try FileManager.default.removeItem(at: manifest)
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        XCTAssertTrue(RegularFile.kind(manifest) == .regular, "the next exchange writes the list")
    }

    /// Defect 15: a folder named `x.msync` gave a raw NSError dump; a mistyped `ingest FILE` said
    /// "quarantined" with exit 3.
    func testAFolderOrAMistypedPathIsOneClearLineAndNothingIsQuarantined() throws {
        let w = try CLIWorld(schools: ["s001"])
        let folder = w.stick.appendingPathComponent("inbox/x.msync")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let r = try w.district("ingest", "--share", w.stick.path, "--settle", "0")
        XCTAssertFalse(r.output.contains("Error Domain"), r.output)
        XCTAssertTrue(r.stdout.contains("x.msync: it is a folder"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))

        let loose = try w.district("ingest", folder.path)
        XCTAssertEqual(loose.exitCode, 1, loose.output)
        XCTAssertFalse(loose.output.contains("Error Domain"), loose.output)
        XCTAssertTrue(loose.stderr.contains("it is a folder"), loose.stderr)

        let typo = try w.district("ingest", w.scratch.path("s001-00001.msnyc").path)
        XCTAssertEqual(typo.exitCode, 1, typo.output)
        XCTAssertEqual(typo.stderr.split(separator: "\n").count, 1, typo.stderr)
        XCTAssertTrue(typo.stderr.contains("no such file"), typo.stderr)
        XCTAssertFalse(typo.output.contains("quarantined"), typo.output)
        let q = try quarantined(w)
        XCTAssertTrue(q.isEmpty, "a folder or a typo was quarantined: \(q)")
    }

    /// Defect 16, first part: temporary files of writers killed mid-write stayed on the share for ever.
    func testStaleTemporaryFilesOfKilledWritersAreSweptAndNothingElse() throws {
        let w = try CLIWorld(schools: ["s001"])
        let outbox = w.stick.appendingPathComponent("outbox/s001")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        func plant(_ dir: URL, _ name: String, hoursAgo: Double) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try Data(repeating: 7, count: 4096).write(to: url)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -hoursAgo * 3600)], ofItemAtPath: url.path)
            return url
        }
        let inbox = w.stick.appendingPathComponent("inbox")
        let stale = [try plant(inbox, ".s001-000007.msync.tmp-4242", hoursAgo: 2),
                     try plant(outbox, ".district-000003.msync.tmp-77", hoursAgo: 5),
                     try plant(w.stick, ".MANIFEST.txt.tmp-31337", hoursAgo: 2)]
        let kept = [try plant(inbox, ".s001-000008.msync.tmp-4243", hoursAgo: 0),  // a writer still at work
                    try plant(inbox, ".notes-of-the-courier", hoursAgo: 9),        // not ours
                    try plant(inbox, ".s001-000009.msync.tmp-x1", hoursAgo: 9)]    // not our pattern
        let r = try w.district("ingest", "--share", w.stick.path)
        expectOK(r)
        for f in stale { XCTAssertFalse(FileManager.default.fileExists(atPath: f.path), "\(f.lastPathComponent) was left") }
        for f in kept { XCTAssertTrue(FileManager.default.fileExists(atPath: f.path), "\(f.lastPathComponent) was removed") }
        XCTAssertTrue(r.stderr.contains("event=temporary_removed"), r.stderr)

        // The school sweeps its own bundles' leftovers alone: on a network folder, a school laptop
        // whose clock runs an hour fast took every writer's file in progress for a stale one (the
        // file server sets their times). The district's and other schools' are the district's to sweep.
        let later = try plant(inbox, ".s001-000010.msync.tmp-999", hoursAgo: 3)
        let districts = try plant(outbox, ".district-000004.msync.tmp-998", hoursAgo: 3)
        let others = try plant(inbox, ".s002-000005-to-district.msync.tmp-997", hoursAgo: 3)
        // A school whose code begins with this one's and a hyphen (a branch: «s001-2», «s001-000001»)
        // is another writer too.
        let branches = [try plant(inbox, ".s001-2-000005-to-district.msync.tmp-996", hoursAgo: 3),
                        try plant(inbox, ".s001-000001-000005-to-district.msync.tmp-995", hoursAgo: 3)]
        let ownToDistrict = try plant(inbox, ".s001-000011-to-district-2.msync.tmp-994", hoursAgo: 3)
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        for f in branches { XCTAssertTrue(FileManager.default.fileExists(atPath: f.path), "\(f.lastPathComponent): another school's file") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: ownToDistrict.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: later.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: districts.path), "the district's file, the school's clock decides nothing of it")
        XCTAssertTrue(FileManager.default.fileExists(atPath: others.path), "another school's file")
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept[0].path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: districts.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: others.path))
    }

    /// A bundle another district machine has just claimed (renamed to `.<name>.claimed-<host>-<pid>`)
    /// while the school wrote it a day ago (a stick's file keeps its time): the claim is new, the
    /// claimer at work — it is not put back to be merged twice (it was, at once, read by the file's
    /// own time, which a rename does not change).
    func testAFreshClaimOfAnOldFileByAnotherMachineIsLeftToIt() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Алексеев Олег", "--set", "role=teacher"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let inbox = w.stick.appendingPathComponent("inbox")
        let bundle = try XCTUnwrap(Share.bundles(in: inbox).first)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -86_400)], ofItemAtPath: bundle.path)
        let claimed = inbox.appendingPathComponent(".\(bundle.lastPathComponent).claimed-another-machine-4242")
        XCTAssertEqual(rename(bundle.path, claimed.path), 0)
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: claimed.path), "another machine's fresh claim was taken back")
        XCTAssertTrue(Share.bundles(in: inbox).isEmpty)
    }

    /// The district's work and quarantine folders hold less than a mebibyte: a planted file was not copied in.
    func expectNothingLargeCopied(into home: URL, file: StaticString = #filePath, line: UInt = #line) {
        for dir in ["work", "quarantine"] {
            let files = FileManager.default.enumerator(at: home.appendingPathComponent(dir), includingPropertiesForKeys: [.fileSizeKey])?.allObjects as? [URL] ?? []
            XCTAssertLessThan(files.compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }.reduce(0, +), 1 << 20,
                              "copied into the district's \(dir)", file: file, line: line)
        }
    }
}

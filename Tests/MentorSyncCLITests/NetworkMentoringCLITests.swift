import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncDomain
import MentorSyncTestSupport

/// Network mentoring through the real binaries and a shared stick (issue 16; DESIGN.md, "Network
/// mentoring"): s001 offers a mentor, s002 pairs its young specialist with her, s003 stands by.
final class NetworkMentoringCLITests: XCTestCase {
    func registry(_ home: URL) throws -> Database {
        try Database(path: home.appendingPathComponent("registry.db").path)
    }

    func count(_ home: URL, _ sql: String) throws -> Int64? { try registry(home).scalar(sql)?.integer }

    /// Every byte of a school's registry files (the database and its journal), to look for a value.
    func bytes(_ home: URL) throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: home.path) where name.hasPrefix("registry.db") {
            all += try Data(contentsOf: home.appendingPathComponent(name))
        }
        return all
    }

    func testANetworkPairRunsBetweenTwoSchoolsAndAThirdSeesOnlyTheMentor() throws {
        let w = try CLIWorld(schools: ["s001", "s002", "s003"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "birth_date=14.03.1995",
                              "--set", "role=teacher", "--set", "position=учитель", "--set", "subject=физика", "--set", "notes=личное"))
        expectOK(try w.school("s001", "put", "mentors", "--set", "person_id=Иванова Мария Петровна", "--set", "status=active",
                              "--set", "network=1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петров Олег Ильич", "--set", "birth_date=02.01.2000",
                              "--set", "role=teacher", "--set", "position=учитель", "--set", "subject=физика"))
        expectOK(try w.school("s002", "put", "mentees", "--set", "person_id=Петров Олег Ильич", "--set", "category=young_specialist",
                              "--set", "requests=методика урока", "--set", "status=in_pair"))
        for n in w.schools { expectOK(try w.school(n, "sync", "--share", w.stick.path)) }
        expectOK(try w.district("ingest", "--share", w.stick.path))
        // The reply that brings the offered mentor says so (it said «новых записей: 2» alone).
        let brought = try w.school("s002", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertTrue(brought.stdout.contains("с ответом пришёл сетевой наставник другой школы: он в разделе «Наставники», его можно выбрать для пары"), brought.stdout)
        let offering = try w.school("s001", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertFalse(offering.stdout.contains("сетевой наставник"), "the offering school is not told of its own mentor: \(offering.stdout)")
        expectOK(try w.school("s003", "sync", "--share", w.stick.path))
        // s002 now holds the offered mentor and pairs its young specialist with her, by name.
        expectOK(try w.school("s002", "put", "pairs", "--set", "mentor_id=Иванова Мария Петровна", "--set", "form=teacher-teacher",
                              "--set", "kind=pair", "--set", "started_on=01.09.2025", "--set", "status=active"))
        expectOK(try w.school("s002", "put", "pair_mentees", "--set", "pair_id=Иванова Мария Петровна", "--set", "mentee_id=Петров Олег Ильич"))
        expectOK(try w.school("s002", "put", "meetings", "--set", "pair_id=Иванова Мария Петровна", "--set", "kind=introduction",
                              "--set", "held_on=05.09.2025"))
        try w.round()
        try w.round()

        let s1 = w.schoolHome("s001"), s2 = w.schoolHome("s002"), s3 = w.schoolHome("s003")
        XCTAssertEqual(try count(s1, "SELECT count(*) FROM pairs WHERE org_id = 's002'"), 1, "s001 holds the pair")
        XCTAssertEqual(try count(s1, "SELECT count(*) FROM meetings WHERE org_id = 's002' AND kind = 'introduction'"), 1)
        XCTAssertEqual(try registry(s1).scalar("SELECT full_name FROM persons WHERE org_id = 's002'")?.text, "Петров Олег Ильич")
        XCTAssertEqual(try count(s1, "SELECT count(*) FROM mentees WHERE org_id = 's002' AND requests IS NULL"), 1)
        // s003 holds only the reduced mentor rows.
        XCTAssertEqual(try count(s3, "SELECT count(*) FROM mentors WHERE org_id = 's001' AND network = 1"), 1)
        XCTAssertEqual(try count(s3, "SELECT count(*) FROM persons WHERE org_id = 's001' AND birth_date IS NULL AND notes IS NULL AND subject = 'физика'"), 1)
        XCTAssertEqual(try count(s3, "SELECT count(*) FROM persons WHERE org_id <> 's003'"), 1)
        for table in ["pairs", "pair_mentees", "mentees", "meetings", "plans", "surveys"] {
            XCTAssertEqual(try count(s3, "SELECT count(*) FROM \(table)"), 0, table)
        }

        // The mentor's school records a meeting on the pair; it reaches the mentee's school.
        expectOK(try w.school("s001", "put", "meetings", "--set", "pair_id=Иванова Мария Петровна", "--set", "kind=planning",
                              "--set", "held_on=12.09.2025", "--set", "minutes=план на четверть"))
        try w.round()
        XCTAssertEqual(try registry(s2).scalar("SELECT minutes FROM meetings WHERE org_id = 's001'")?.text, "план на четверть")
        XCTAssertEqual(try count(s3, "SELECT count(*) FROM meetings"), 0)

        // s002's birth dates never reach s001, nor anything of s002 reach s003: not in any byte of their registries.
        XCTAssertEqual(try count(s1, "SELECT count(*) FROM persons WHERE org_id = 's002' AND birth_date IS NOT NULL"), 0)
        XCTAssertNil(try bytes(s1).range(of: Data("2000-01-02".utf8)), "s002's birth date is in s001's registry")
        XCTAssertNil(try bytes(s3).range(of: Data("Петров Олег".utf8)), "s002's mentee is in s003's registry")
        XCTAssertNil(try bytes(s3).range(of: Data("1995-03-14".utf8)), "the mentor's birth date is in s003's registry")
        XCTAssertNotNil(try bytes(s2).range(of: Data("2000-01-02".utf8)), "the check above can see a birth date")

        // s001's lists mark the pair as another school's.
        let listed = try w.school("s001", environment: ["MENTORSYNC_LANG": "ru"], ["list", "pairs"])
        expectOK(listed)
        XCTAssertTrue(listed.stdout.contains("из школы «Школа s002» (сетевое наставничество)"), listed.stdout)
        let pairs = try XCTUnwrap(try w.json(try w.school("s001", "list", "pairs", "--json")) as? [[String: Any]])
        XCTAssertEqual(pairs.map { $0["other_school"] as? Bool }, [true])
        let own = try XCTUnwrap(try w.json(try w.school("s002", "list", "pairs", "--json")) as? [[String: Any]])
        XCTAssertEqual(own.map { $0["other_school"] as? Bool }, [nil])

        // The report: the pair counts for the mentee's school, the mentor as involved for hers, the
        // district's totals count the pair once.
        let report = try XCTUnwrap(try w.json(try w.district("report", "--json", "--period", "2025-2026")) as? [String: Any])
        let schools = try XCTUnwrap(report["schools"] as? [[String: Any]])
        func entry(_ site: String) throws -> [String: Any] { try XCTUnwrap(schools.first { $0["site"] as? String == site }) }
        XCTAssertEqual(try pairCount(entry("s002")), 1)
        XCTAssertEqual(try pairCount(entry("s001")), 0)
        XCTAssertEqual(try pairCount(XCTUnwrap(report["district"] as? [String: Any])), 1)
        XCTAssertEqual(try share(entry("s001"), "teachers_under_35"), [1, 1], "the mentor takes part, in her own school")
        XCTAssertEqual(try share(entry("s002"), "teachers_under_35"), [1, 1])
        XCTAssertEqual(try share(XCTUnwrap(report["district"] as? [String: Any]), "teachers_under_35"), [2, 2])
        XCTAssertEqual(try share(entry("s002"), "schools_with_active_pair"), [1, 1])
        XCTAssertEqual(try share(entry("s001"), "schools_with_active_pair"), [0, 1])
        // The mentor's school reports its own: its mentor involved, no pair of its own.
        let mine = try XCTUnwrap(try w.json(try w.school("s001", "report", "--json", "--period", "2025-2026")) as? [String: Any])
        let s001 = try XCTUnwrap((mine["schools"] as? [[String: Any]])?.first)
        XCTAssertEqual((mine["schools"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try share(s001, "teachers_under_35"), [1, 1])
        XCTAssertEqual(try pairCount(s001), 0)
    }

    func pairCount(_ organization: [String: Any]) throws -> Int {
        let pairs = try XCTUnwrap((organization["counts"] as? [String: Any])?["pairs"] as? [[String: Any]])
        return pairs.compactMap { $0["count"] as? Int }.reduce(0, +)
    }

    /// An indicator's numerator and denominator.
    func share(_ organization: [String: Any], _ code: String) throws -> [Int] {
        let indicators = try XCTUnwrap(organization["indicators"] as? [[String: Any]])
        let i = try XCTUnwrap(indicators.first { $0["code"] as? String == code }, "\(code) in \(indicators)")
        return [i["numerator"] as? Int ?? -1, i["denominator"] as? Int ?? -1]
    }

    /// The mentor's school syncs by a USB stick a courier carries, the mentee's school on the
    /// district's shared folder: the pair and both schools' meetings go round all the same.
    func testANetworkPairRunsOverAStickAndASharedFolder() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        let folder = w.scratch.folder("shared")
        expectOK(try w.district("ingest", "--share", folder.path))
        func round() throws {
            expectOK(try w.school("s001", "sync", "--share", w.stick.path))
            expectOK(try w.school("s002", "sync", "--share", folder.path))
            expectOK(try w.district("ingest", "--share", w.stick.path))
            expectOK(try w.district("ingest", "--share", folder.path))
            expectOK(try w.school("s001", "sync", "--share", w.stick.path))
            expectOK(try w.school("s002", "sync", "--share", folder.path))
        }
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher",
                              "--set", "birth_date=14.03.1980"))
        expectOK(try w.school("s001", "put", "mentors", "--set", "person_id=Иванова Мария Петровна", "--set", "network=1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петров Олег Ильич", "--set", "role=teacher",
                              "--set", "birth_date=02.01.2000"))
        expectOK(try w.school("s002", "put", "mentees", "--set", "person_id=Петров Олег Ильич", "--set", "category=young_specialist"))
        try round()
        expectOK(try w.school("s002", "put", "pairs", "--set", "mentor_id=Иванова Мария Петровна", "--set", "kind=pair", "--set", "status=active"))
        expectOK(try w.school("s002", "put", "pair_mentees", "--set", "pair_id=Иванова Мария Петровна", "--set", "mentee_id=Петров Олег Ильич"))
        // The stick's reply was written before the folder's pair was merged: the next trip brings it.
        try round()
        XCTAssertEqual(try count(w.schoolHome("s001"), "SELECT count(*) FROM pairs"), 0)
        try round()
        expectOK(try w.school("s001", "put", "meetings", "--set", "pair_id=Иванова Мария Петровна", "--set", "kind=introduction", "--set", "held_on=05.09.2025"))
        expectOK(try w.school("s002", "put", "meetings", "--set", "pair_id=Иванова Мария Петровна", "--set", "kind=trial", "--set", "held_on=12.09.2025"))
        try round()
        try round()
        for n in ["s001", "s002"] {
            let home = w.schoolHome(n)
            XCTAssertEqual(try count(home, "SELECT count(*) FROM pairs"), 1, n)
            XCTAssertEqual(try count(home, "SELECT count(*) FROM meetings"), 2, n)
            XCTAssertEqual(try registry(home).scalar("SELECT group_concat(full_name, ';') FROM (SELECT full_name FROM persons ORDER BY full_name)")?.text,
                           "Иванова Мария Петровна;Петров Олег Ильич", n)
        }
        XCTAssertEqual(try count(w.schoolHome("s001"), "SELECT count(*) FROM persons WHERE birth_date = '2000-01-02'"), 0)
        XCTAssertEqual(try count(w.schoolHome("s002"), "SELECT count(*) FROM persons WHERE birth_date = '1980-03-14'"), 0)
        for n in ["s001", "s002"] {
            let status = try XCTUnwrap(try w.json(try w.school(n, "status", "--json")) as? [String: Any])
            XCTAssertEqual(status["unacknowledged_changes"] as? Int, 0, n)
            XCTAssertEqual((status["rejections"] as? [Any])?.count, 0, n)
        }
    }

    /// s001 offers its mentor «Иванова Мария Петровна» (m-net) to the network; s002 has a teacher of
    /// its own, «Петров Олег Ильич» (not synced yet).
    func networkMentorAndAnotherSchool() throws -> CLIWorld {
        let w = try CLIWorld(schools: ["s001", "s002"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher"))
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "person_id=Иванова Мария Петровна",
                              "--set", "status=active", "--set", "network=1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петров Олег Ильич", "--set", "role=teacher"))
        return w
    }

    /// Unsharing: the mentor leaves the network; her pair goes on, a new pair with her is refused
    /// where it is entered, and at the district when another program wrote it anyway — the school
    /// hears why.
    func testAMentorTakenOffTheNetworkKeepsHerPairAndANewPairIsRefused() throws {
        let w = try networkMentorAndAnotherSchool()
        try w.round()
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-old", "--set", "mentor_id=Иванова Мария Петровна", "--set", "kind=pair"))
        try w.round()
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "network=0"))
        try w.round()
        let refused = try w.school("s002", environment: ToolLocale.russian, ["put", "pairs", "--id", "pair-new", "--set", "mentor_id=Иванова Мария Петровна", "--set", "kind=group"])
        XCTAssertNotEqual(refused.exitCode, 0)
        XCTAssertTrue(refused.stderr.contains("«Иванова Мария Петровна» (Наставники) — запись организации «Школа s001», и она сейчас не предложена для сетевого наставничества"), refused.stderr)
        XCTAssertNil(try registry(w.schoolHome("s002")).scalar("SELECT kind FROM pairs WHERE id = 'pair-new'"), "nothing written")
        // Another program (the sqlite3 shell) writes it all the same: the district refuses it.
        try registry(w.schoolHome("s002")).execute("INSERT INTO pairs(id, org_id, mentor_id, kind) VALUES ('pair-new', 's002', 'm-net', 'group')")
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-old", "--set", "status=completed"))
        try w.round()
        XCTAssertEqual(try registry(w.schoolHome("s001")).scalar("SELECT status FROM pairs WHERE id = 'pair-old'")?.text, "completed")
        XCTAssertNil(try registry(w.districtHome).scalar("SELECT kind FROM pairs WHERE id = 'pair-new'"))
        XCTAssertNil(try registry(w.schoolHome("s001")).scalar("SELECT kind FROM pairs WHERE id = 'pair-new'"))
        let status = try XCTUnwrap(try w.json(try w.school("s002", "status", "--json")) as? [String: Any])
        let rejections = "\(status["rejections"] ?? "")"
        XCTAssertTrue(rejections.contains("pair-new") && rejections.contains("not offered"), rejections)
        // The deputy head reads it by name, in Russian, with what to do.
        let told = try w.school("s002", environment: ToolLocale.russian, ["status"])
        XCTAssertTrue(told.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ").contains("выбранная запись «Иванова Мария Петровна» (Наставники, организация «Школа s001») не предложена для сетевого наставничества"), told.stdout)
        // Her list marks the refused pair (the web's «не принято управлением образования»), not the other.
        func refusedPairs() throws -> [String] { try SchoolHome.open(w.schoolHome("s002")).refusedRows(in: "pairs").keys.sorted() }
        XCTAssertEqual(try refusedPairs(), ["pair-new"])
        XCTAssertTrue(try SchoolHome.open(w.schoolHome("s002")).refusedRows(in: "pairs")["pair-new"]?.russian.contains("не предложена для сетевого наставничества") ?? false)
        // She corrects it: the pair's mentor becomes one of her own school. The district now
        // takes the pair whole (it never held it: one changed cell would not make a row).
        expectOK(try w.school("s002", "put", "mentors", "--id", "m-own", "--set", "person_id=Петров Олег Ильич", "--set", "status=active"))
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-new", "--set", "mentor_id=m-own"))
        XCTAssertEqual(try refusedPairs(), [], "corrected: no longer marked")
        try w.round()
        XCTAssertEqual(try refusedPairs(), [])
        XCTAssertEqual(try registry(w.districtHome).scalar("SELECT kind || ' ' || mentor_id FROM pairs WHERE id = 'pair-new'")?.text, "group m-own")
        let after = try XCTUnwrap(try w.json(try w.school("s002", "status", "--json")) as? [String: Any])
        XCTAssertEqual(after["unacknowledged_changes"] as? Int, 0, "\(after)")
        // The correction went and the district confirmed it: the refusal is settled, no longer news.
        XCTAssertFalse("\(after["rejections"] ?? "")".contains("pair-new"), "\(after["rejections"] ?? "")")
        // The district's replies repeat the refusal a while: her receipts no longer tell it once it is settled.
        expectOK(try w.school("s002", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let receipt = try w.school("s002", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertFalse(receipt.stdout.contains("не предложена для сетевого наставничества"), receipt.stdout)
        // Settled for good: a later change of the pair, not yet confirmed, does not bring it back.
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-new", "--set", "result=работает"))
        let later = try XCTUnwrap(try w.json(try w.school("s002", "status", "--json")) as? [String: Any])
        XCTAssertFalse("\(later["rejections"] ?? "")".contains("pair-new"), "\(later["rejections"] ?? "")")
        XCTAssertEqual(try refusedPairs(), [])
        // Offered again, she is news to the other school as a mentor arriving (it said «изменённых: 1»).
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "network=1"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let again = try w.school("s002", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        XCTAssertTrue(again.stdout.contains("с ответом пришёл сетевой наставник другой школы"), again.stdout)
    }

    /// A mentor taken off the network stays with the schools that hold her, and a pair given a
    /// mentor of its own school stays with the mentor's school: the lists mark them «(сетевое
    /// наставничество)» only while network mentoring brings them (they said so for good).
    func testARowNetworkMentoringNoLongerBringsIsMarkedSo() throws {
        let w = try CLIWorld(schools: ["s001", "s002", "s003"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher"))
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "person_id=Иванова Мария Петровна",
                              "--set", "status=active", "--set", "network=1"))
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Петров Олег Ильич", "--set", "role=teacher"))
        try w.round()
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-old", "--set", "mentor_id=Иванова Мария Петровна", "--set", "kind=pair"))
        try w.round()
        let now = "из школы «Школа s001» (сетевое наставничество)", noMore = "из школы «Школа s001» (больше не в сетевом наставничестве)"
        func listed(_ school: String, _ table: String) throws -> String {
            let r = try w.school(school, environment: ToolLocale.russian, ["list", table])
            expectOK(r)
            return r.stdout
        }
        XCTAssertTrue(try listed("s003", "mentors").contains(now))

        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "network=0"))
        try w.round()
        XCTAssertEqual(try count(w.schoolHome("s003"), "SELECT count(*) FROM mentors WHERE id = 'm-net' AND network = 0"), 1, "still held")
        for table in ["mentors", "persons"] {
            let third = try listed("s003", table)
            XCTAssertTrue(third.contains(noMore) && !third.contains(now), "\(table): \(third)")
        }
        // Her pair goes on: for its school she is still its network mentor.
        let paired = try listed("s002", "mentors")
        XCTAssertTrue(paired.contains(now) && !paired.contains(noMore), paired)
        XCTAssertTrue(try listed("s001", "pairs").contains("из школы «Школа s002» (сетевое наставничество)"))

        // The pair is given a mentor of its own school: no longer a network pair at the mentor's school.
        expectOK(try w.school("s002", "put", "persons", "--set", "full_name=Сидорова Анна Львовна", "--set", "role=teacher"))
        expectOK(try w.school("s002", "put", "mentors", "--id", "m-own", "--set", "person_id=Сидорова Анна Львовна", "--set", "status=active"))
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-old", "--set", "mentor_id=m-own"))
        try w.round()
        XCTAssertEqual(try registry(w.schoolHome("s001")).scalar("SELECT mentor_id FROM pairs WHERE id = 'pair-old'")?.text, "m-own")
        let pairs = try listed("s001", "pairs")
        XCTAssertTrue(pairs.contains("из школы «Школа s002» (больше не в сетевом наставничестве)") && !pairs.contains("(сетевое наставничество)"), pairs)
        XCTAssertTrue(try listed("s002", "mentors").contains(noMore))
        let english = try w.school("s003", environment: ["MENTORSYNC_LANG": "en"], ["list", "mentors"])
        XCTAssertTrue(english.stdout.contains("of the school “Школа s001” (no longer in network mentoring)"), english.stdout)
    }

    /// A correction of a row the district never held, sent as its one changed cell (a home of a
    /// version that did not keep refused rows): the district refuses it rather than make a row of
    /// that cell alone, the school is told there is nothing to do, and the row goes whole next time.
    func testACorrectionOfARowTheDistrictNeverHeldIsRefusedAndSentWhole() throws {
        let w = try networkMentorAndAnotherSchool()
        expectOK(try w.school("s002", "put", "mentors", "--id", "m-own", "--set", "person_id=Петров Олег Ильич", "--set", "status=active"))
        try w.round()
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "network=0"))
        try w.round()
        try registry(w.schoolHome("s002")).execute("INSERT INTO pairs(id, org_id, mentor_id, kind) VALUES ('pair-late', 's002', 'm-net', 'group')")
        try w.round()  // sent whole, refused, the refusal heard
        // As an older version was: no rows kept, so the correction goes as the one changed cell.
        let school = try registry(w.schoolHome("s002"))
        try school.execute("DELETE FROM msync_whole")
        try school.execute("DELETE FROM school_rejections")
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-late", "--set", "mentor_id=m-own"))
        expectOK(try w.school("s002", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        XCTAssertNil(try registry(w.districtHome).scalar("SELECT kind FROM pairs WHERE id = 'pair-late'"), "no row of one cell")
        let told = try w.school("s002", environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }, ["sync", "--share", w.stick.path])
        XCTAssertTrue(told.stdout.contains("управление образования не получило запись целиком: Пара «Петров Олег Ильич» — она уйдёт целиком со следующим обменом; делать ничего не нужно"), told.stdout)
        try w.round()
        XCTAssertEqual(try registry(w.districtHome).scalar("SELECT kind || ' ' || mentor_id FROM pairs WHERE id = 'pair-late'")?.text, "group m-own")
    }

    /// The other school's secretary changes the network mentor's subject in DB Browser (the sqlite3
    /// shell here). The district refuses it and its reply brings «Физика» back: the receipt of that
    /// sync tells the refusal once, and does not open by saying the district took everything; later
    /// exchanges with nothing new do not tell it again (the web app shows her the row read-only: she
    /// can never correct it), nor does `status`. The mentor's own school, which changed nothing, is
    /// told nothing of the district keeping its value: the attempt was another school's.
    func testAnotherSchoolsRowRefusedAndBroughtBackIsToldOnce() throws {
        let w = try networkMentorAndAnotherSchool()
        expectOK(try w.school("s001", "put", "persons", "--id", "Иванова Мария Петровна", "--set", "subject=Физика"))
        try w.round()
        let subject = "SELECT subject FROM persons WHERE full_name = 'Иванова Мария Петровна'"
        XCTAssertEqual(try registry(w.schoolHome("s002")).scalar(subject)?.text, "Физика", "the network mentor's row reached s002")
        try registry(w.schoolHome("s002")).execute("UPDATE persons SET subject = 'Математика' WHERE full_name = 'Иванова Мария Петровна'")
        func sync(_ school: String) throws -> String {
            let r = try w.school(school, environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
            expectOK(r)
            return r.stdout
        }
        _ = try sync("s002")
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let refusal = "управление образования не приняло изменение: Человек «Иванова Мария Петровна» — запись принадлежит организации «Школа s001»"
        let told = try sync("s002")
        XCTAssertTrue(told.contains(refusal), told)
        // Not «… получило все ваши изменения» right above «не приняло изменение».
        XCTAssertTrue(told.contains("новых изменений нет: управление образования подтвердило, что получило все ваши изменения, но приняло не все (что и почему — ниже)"), told)
        XCTAssertEqual(try registry(w.schoolHome("s002")).scalar(subject)?.text, "Физика", "the district's reply brought its value back")
        for k in 1...3 {
            expectOK(try w.district("ingest", "--share", w.stick.path))
            let later = try sync("s002")
            XCTAssertFalse(later.contains("не приняло"), "exchange \(k) after, nothing new: \(later)")
            XCTAssertFalse(later.contains("приняло не все"), later)
        }
        let status = try w.school("s002", environment: ToolLocale.russian, ["status"])
        XCTAssertFalse(status.stdout.contains("не приняло"), status.stdout)
        XCTAssertEqual(try SchoolHome.open(w.schoolHome("s002")).refusedRows(in: "persons"), [:])
        // The mentor's own school changed nothing: the district keeping its value against another
        // school's refused attempt is no news to it («оставило ваше значение … «Физика»» meant nothing).
        let owner = try sync("s001")
        XCTAssertTrue(owner.contains("получен 1 ответ"), owner)
        XCTAssertFalse(owner.contains("оставило ваше значение"), owner)
        XCTAssertEqual(try registry(w.schoolHome("s001")).scalar(subject)?.text, "Физика")
        XCTAssertEqual(try SchoolHome.open(w.schoolHome("s001")).lastCorrections(), [])
    }

    /// The school's OWN pair given a network mentor just as her school takes her off the network: the
    /// district refuses and its reply brings the old mentor back; the pair is not what she entered,
    /// so the refusal stays in status until she puts it right (another school's row, which she may
    /// not change, settles when brought back).
    func testARefusalOfTheSchoolsOwnRowUndoneStaysInStatus() throws {
        let w = try networkMentorAndAnotherSchool()
        expectOK(try w.school("s002", "put", "mentors", "--id", "m-own", "--set", "person_id=Петров Олег Ильич", "--set", "status=active"))
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-x", "--set", "mentor_id=m-own", "--set", "kind=group"))
        try w.round()
        expectOK(try w.school("s002", "put", "pairs", "--id", "pair-x", "--set", "mentor_id=Иванова Мария Петровна"))
        expectOK(try w.school("s001", "put", "mentors", "--id", "m-net", "--set", "network=0"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        expectOK(try w.school("s002", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let receipt = try w.school("s002", environment: ToolLocale.russian, ["sync", "--share", w.stick.path])
        expectOK(receipt)
        // The undo is told as what it is, with names alone (it read «исправило: … [m-net] → … [m-own]»).
        XCTAssertTrue(receipt.stdout.contains("управление образования вернуло прежнее значение (ваше изменение не принято): Пара «Петров Олег Ильич», наставник: Иванова Мария Петровна → Петров Олег Ильич\n"), receipt.stdout)
        XCTAssertFalse(receipt.stdout.contains("исправило"), receipt.stdout)
        XCTAssertEqual(try registry(w.schoolHome("s002")).scalar("SELECT mentor_id FROM pairs WHERE id = 'pair-x'")?.text, "m-own", "brought back")
        let status = try w.school("s002", environment: ToolLocale.russian, ["status"])
        XCTAssertTrue(status.stdout.contains("не предложена"), "the refusal she must act on is gone from status: \(status.stdout)")
    }
}

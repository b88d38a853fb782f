import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The one name service of the registry, called directly (the web app's way in).
final class ReferenceResolverTests: XCTestCase {
    var scratch: ScratchDirectory!
    var school: Replica!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("resolver")
        school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                    district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    override func tearDown() { school = nil; scratch = nil }

    func put(_ table: String, _ sets: [(String, String)]) throws -> String {
        try RegistryEditor(replica: school).put(table: table, sets: sets).id
    }

    /// A row this registry does not hold (a refused one) is named from its values by the rules its
    /// table's rows are named by — a person by the name, a mentor by the person it names here, a
    /// pair by its mentor's person — reading only the rows it names.
    func testARowNotHeldIsNamedFromItsValues() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let db = school.database
        XCTAssertEqual(RowNames.label(of: "persons", id: "p-x", values: ["full_name": .text("Чужая Анна Петровна"), "org_id": .text("s002")], registry: db),
                       "Чужая Анна Петровна")
        XCTAssertEqual(RowNames.label(of: "mentors", id: "m-x", values: ["person_id": .text(fedor)], registry: db), "Фёдоров Пётр Семёнович")
        XCTAssertEqual(RowNames.label(of: "pairs", id: "x", values: ["mentor_id": .text(mentor)], registry: db), "Фёдоров Пётр Семёнович")
        XCTAssertEqual(RowNames.label(of: "organizations", id: "o-x", values: ["name": .text("Подставная"), "kind": .text("school")], registry: db), "Подставная")
        XCTAssertEqual(RowNames.label(ofHeld: mentor, in: "mentors", registry: db), "Фёдоров Пётр Семёнович")
        // Values that name nothing: no label (the caller shows the short id).
        XCTAssertNil(RowNames.label(of: "persons", id: "p-y", values: ["org_id": .text("s002")], registry: db))
        XCTAssertNil(RowNames.label(of: "meetings", id: "x", values: ["notes": .text("Встреча")], registry: db))
        XCTAssertNil(RowNames.label(of: "no_such_table", id: "x", values: ["name": .text("Кто-то")], registry: db))
        XCTAssertNil(RowNames.label(ofHeld: "nobody", in: "persons", registry: db))
        // The registry itself is not touched.
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, 1)
    }

    /// Naming rows alone (a district's conflicts): the same names, the short id beside a reference,
    /// and no table read whole.
    func testRowsNamedAloneReadNoTableWhole() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let alone = ReferenceResolver(database: school.database, namesRowsAlone: true)
        XCTAssertEqual(try alone.label(of: mentor, in: "mentors"), "Фёдоров Пётр Семёнович")
        XCTAssertEqual(try alone.display(fedor, in: "persons"), "Фёдоров Пётр Семёнович [\(ReferenceResolver.shortID(fedor))]")
        XCTAssertEqual(alone.readable(.text(fedor), column: "person_id", table: "mentors", language: .ru),
                       "Фёдоров Пётр Семёнович [\(ReferenceResolver.shortID(fedor))]")
        XCTAssertEqual(try alone.display("nobody-1", in: "persons"), RowNames.notReceived(.text("nobody-1")))
        XCTAssertNil(try alone.label(of: "nobody-1", in: "persons"))
        XCTAssertTrue(alone.labelCache.isEmpty, "a table was read whole: \(alone.labelCache.keys)")
        // The same names as the resolver that reads tables whole gives.
        let whole = ReferenceResolver(database: school.database)
        XCTAssertEqual(try whole.label(of: mentor, in: "mentors"), try alone.label(of: mentor, in: "mentors"))
        XCTAssertEqual(try whole.display(fedor, in: "persons"), try alone.display(fedor, in: "persons"))
        // A sentence (a correction, a conflict, an import's preview) names the row without its id
        // where the table is named whole: its labels tell namesakes apart.
        XCTAssertEqual(whole.readable(.text(fedor), column: "person_id", table: "mentors", language: .ru), "Фёдоров Пётр Семёнович")
        let namesake = try put("persons", [("full_name", "Фёдоров Пётр Семёнович"), ("birth_date", "1990-03-12")])
        let named = ReferenceResolver(database: school.database)
        XCTAssertEqual(named.readable(.text(namesake), column: "person_id", table: "mentors", language: .ru), "Фёдоров Пётр Семёнович (12.03.1990)")
        XCTAssertNotEqual(named.readable(.text(fedor), column: "person_id", table: "mentors", language: .ru),
                          named.readable(.text(namesake), column: "person_id", table: "mentors", language: .ru))
    }

    /// A table of more than `wholeTableRows` rows (and the tables named after it) is named a row at a
    /// time, as a district's are; a small one is still read whole (birth dates tell equal names apart).
    func testABigTableIsNamedARowAtATime() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let small = ReferenceResolver(database: school.database)
        XCTAssertEqual(try small.label(of: mentor, in: "mentors"), "Фёдоров Пётр Семёнович")
        XCTAssertNotNil(small.labelCache["persons"], "a small table is named whole")
        try school.database.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(ReferenceResolver.wholeTableRows))
            INSERT INTO persons(id, org_id, full_name) SELECT printf('p%06d', i), 's017', 'Учитель ' || i FROM n
            """)
        let big = ReferenceResolver(database: school.database)
        XCTAssertEqual(try big.label(of: mentor, in: "mentors"), "Фёдоров Пётр Семёнович")
        XCTAssertEqual(try big.display("p000007", in: "persons"), "Учитель 7 [p000007]")
        // One scratch database serves every row, emptied between them.
        XCTAssertEqual(try big.display("p000008", in: "persons"), "Учитель 8 [p000008]")
        XCTAssertEqual(try big.label(of: "p000007", in: "persons"), "Учитель 7")
        XCTAssertEqual(big.readable(.text(fedor), column: "person_id", table: "mentors", language: .ru),
                       "Фёдоров Пётр Семёнович [\(ReferenceResolver.shortID(fedor))]")
        XCTAssertTrue(big.labelCache.isEmpty, "a big table was read whole: \(big.labelCache.keys)")
        // Finding a row by what a person typed reads the names alone (that is what it matches
        // against), not the labels; the name a listing shows, with its short id, finds it too.
        XCTAssertEqual(try big.resolve("Учитель 7", in: "persons"), "p000007")
        XCTAssertEqual(try big.resolve(try big.display("p000007", in: "persons"), in: "persons"), "p000007")
        XCTAssertEqual(try big.resolve("Фёдоров Пётр Семёнович", in: "mentors"), mentor)
        XCTAssertTrue(big.labelCache.isEmpty, "finding a row named a big table whole: \(big.labelCache.keys)")
        XCTAssertThrowsError(try big.resolve("Учитель 7 (01.02.2000)", in: "persons")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.no_name")
            XCTAssertTrue("\(e)".contains("Учитель 7 [p000007]"), "\(e)")
        }
        // A search whose word is in nearly every name lets the other words narrow (it found nothing).
        let taught = try put("mentors", [("person_id", "p000007")])
        _ = try put("persons", [("full_name", "Учитель Новый")])
        big.reload()
        XCTAssertGreaterThan(try big.choices(in: "persons").filter { $0.label.lowercased().contains("учитель") }.count, RegistryPage.maxBoundNames)
        let (clause, args) = try RegistryPage.matching("Учитель 7", RegistrySchema.schema.table(named: "mentors")!, big)
        let found = try school.database.rows("SELECT id FROM mentors\(clause)", args).map { $0[0].displayText }
        XCTAssertEqual(found, [taught])
    }

    /// Every name a person is shown for a row finds that row again — the label a list or a form
    /// gives, the candidate an error lists (with the short id), and each spelling of a date after a
    /// name — among namesakes told apart by birth date, by a pair's start, or by nothing but the id.
    func testEveryNameShownFindsItsRow() throws {
        var persons: [(id: String, name: String, birth: String)] = []
        for (name, birth) in [("Иванова Мария Петровна", "1990-03-12"), ("Иванова Мария Петровна", "1985-01-02"),
                              ("Иванова  мария петровна", "1985-01-02"), ("Петров Олег", ""), ("Сидоров Ян", "1970-05-06")] {
            // The third is the second written again by another program (a form refuses the same person twice).
            let p: String
            if persons.count == 2 {
                p = "p-again"
                try school.database.execute("INSERT INTO persons (id, org_id, full_name, birth_date) VALUES (?, 's017', ?, ?)", [.text(p), .text(name), .text(birth)])
            } else {
                p = try put("persons", [("full_name", name)] + (birth.isEmpty ? [] : [("birth_date", birth)]))
            }
            persons.append((p, name, birth))
            let m = try put("mentors", [("person_id", p)])
            _ = try put("pairs", [("mentor_id", m), ("started_on", "2024-09-01")])
        }
        let sidorov = try school.database.scalar("SELECT id FROM mentors WHERE person_id = ?", [.text(persons[4].id)])!.text!
        let later = try put("pairs", [("mentor_id", sidorov), ("started_on", "2025-01-15")])
        // Namesakes one with a birth date and one without (a network person arrives without one), and
        // two without: the undated are told apart by their short ids, also inside a pair's label.
        _ = try put("persons", [("full_name", "Кузнецова Ольга"), ("birth_date", "1979-01-01")])
        // (Entered here it would be refused, asking for the date: it arrives as another program writes it.)
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('p-kuznetsova-2', 's017', 'Кузнецова Ольга')")
        let lebedev = try put("persons", [("full_name", "Лебедев Ян")])
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('p-lebedev-2', 's017', 'Лебедев Ян')")
        let teacher = try put("mentors", [("person_id", lebedev)])
        for start in ["2024-09-01", "2025-01-15"] { _ = try put("pairs", [("mentor_id", teacher), ("started_on", start)]) }
        let r = ReferenceResolver(database: school.database)
        for table in ["persons", "mentors", "pairs"] {
            for row in try r.choices(in: table) {
                XCTAssertEqual(try r.resolve(row.label, in: table), row.id, "\(table): «\(row.label)»")
                let candidate = try r.candidate(row.id, in: table)
                XCTAssertEqual(try r.resolve(candidate, in: table), row.id, "\(table): «\(candidate)»")
                XCTAssertEqual(try r.resolve(try r.display(row.id, in: table), in: table), row.id, table)
            }
        }
        // A date after a name: in brackets, after a dash, a comma or a space, either way round.
        for spelling in ["Сидоров Ян (06.05.1970)", "сидоров ян - 1970-05-06", "Сидоров Ян, 06.05.1970", "Сидоров Ян 1970-05-06", "Сидоров Ян — 06.05.1970"] {
            XCTAssertEqual(try r.resolve(spelling, in: "persons"), persons[4].id, spelling)
            XCTAssertEqual(try r.resolve(spelling, in: "mentors"), sidorov, spelling)
        }
        // A pair: its mentor's name with its start, and with the mentor's birth date before it.
        XCTAssertEqual(try r.resolve("Сидоров Ян — 15.01.2025", in: "pairs"), later)
        XCTAssertEqual(try r.resolve("Сидоров Ян (06.05.1970) — 15.01.2025", in: "pairs"), later)
        XCTAssertEqual(try r.resolve("Сидоров Ян (06.05.1970), 2025-01-15", in: "pairs"), later)
        // What does not name one row says so: namesakes listed by the names that tell them apart,
        // a wrong date, a short id of another row.
        XCTAssertThrowsError(try r.resolve("Иванова Мария Петровна", in: "persons")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.ambiguous")
            XCTAssertTrue("\(e)".contains("Иванова Мария Петровна (12.03.1990) [\(ReferenceResolver.shortID(persons[0].id))]"), "\(e)")
        }
        XCTAssertThrowsError(try r.resolve("Сидоров Ян (07.05.1970)", in: "persons")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.no_name")
            XCTAssertTrue("\(e)".contains("Сидоров Ян [\(ReferenceResolver.shortID(persons[4].id))]"), "a similar name is offered: \(e)")
        }
        XCTAssertThrowsError(try r.resolve("Сидоров Ян [\(ReferenceResolver.shortID(persons[3].id))]", in: "persons")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.no_name")
        }
        XCTAssertThrowsError(try r.resolve("[\(persons[3].id.prefix(3))]", in: "persons"), "a short id alone is a whole one")
        XCTAssertEqual(r.labelCache.keys.sorted(), ["mentors", "pairs", "persons"], "labels are read for what is shown, not to find rows")
    }

    /// A name typed a letter or two off is offered the nearest names (a list's «Павлова» for «Павловна»);
    /// a name far from every other is offered none.
    func testANameTypedALetterOffIsOfferedTheNearestNames() throws {
        let sidorova = try put("persons", [("full_name", "Сидорова Екатерина Павловна")])
        _ = try put("persons", [("full_name", "Орлов Пётр Ильич")])
        let r = ReferenceResolver(database: school.database)
        for typo in ["Сидорова Екатерина Павлова", "Сидорава Екатерина Павловна", "сидорова екатерина павловнаа"] {
            XCTAssertThrowsError(try r.resolve(typo, in: "persons")) { e in
                XCTAssertEqual((e as? MessageError)?.message.russian.contains("похожие: Сидорова Екатерина Павловна [\(ReferenceResolver.shortID(sidorova))]"), true, "\(typo): \(e)")
            }
        }
        XCTAssertThrowsError(try r.resolve("Кузнецова Анна Викторовна", in: "persons")) { e in
            XCTAssertFalse("\(e)".contains("похожие") || "\(e)".contains("similar"), "\(e)")
        }
        XCTAssertEqual(NameLookup.editDistance(Array("павлова"), Array("павловна"), limit: 2), 1)
        XCTAssertEqual(NameLookup.editDistance(Array("abc"), Array("xyz"), limit: 2), nil)
        XCTAssertEqual(NameLookup.editDistance(Array(""), Array("ab"), limit: 2), 2)
    }

    /// A pair's meetings and surveys are named by the pair and the day — two on one day, or one
    /// with no day beside dated ones, told apart — and every name shown finds its row again.
    func testMeetingsAndSurveysAreNamedByTheirPairAndDay() throws {
        let ivanova = try put("persons", [("full_name", "Иванова Мария Петровна"), ("birth_date", "1990-03-12")])
        _ = try put("persons", [("full_name", "Иванова Мария Петровна"), ("birth_date", "1985-01-02")])
        let mentor = try put("mentors", [("person_id", ivanova)])
        let first = try put("pairs", [("mentor_id", mentor), ("started_on", "2024-09-01")])
        let second = try put("pairs", [("mentor_id", mentor), ("started_on", "2025-01-15")])
        var meetings: [String] = []
        for (pair, day) in [(first, "2024-10-01"), (first, "2024-11-05"), (first, "2024-11-05"), (first, ""), (second, "2025-02-03")] {
            guard day.isEmpty else { meetings.append(try put("meetings", [("pair_id", pair), ("kind", "planning"), ("held_on", day)])); continue }
            // One without its day (written by another program: an entry asks for the day).
            try school.database.execute("INSERT INTO meetings (id, org_id, pair_id, kind) VALUES ('m-undated', 's017', ?, 'planning')", [.text(pair)])
            meetings.append("m-undated")
        }
        let mentorSaid = try put("surveys", [("pair_id", second), ("respondent", "mentor"), ("satisfaction", "9"), ("answered_on", "2025-05-20")])
        _ = try put("surveys", [("pair_id", second), ("respondent", "mentee"), ("satisfaction", "8"), ("answered_on", "2025-05-21")])
        let r = ReferenceResolver(database: school.database)
        XCTAssertEqual(try r.label(of: meetings[0], in: "meetings"), "Иванова Мария Петровна (12.03.1990) — 01.09.2024, 01.10.2024")
        XCTAssertEqual(try r.label(of: meetings[3], in: "meetings"), "Иванова Мария Петровна (12.03.1990) — 01.09.2024")
        XCTAssertEqual(try r.label(of: mentorSaid, in: "surveys"), "Иванова Мария Петровна (12.03.1990) — 15.01.2025, 20.05.2025, наставник")
        XCTAssertTrue(try r.label(of: meetings[1], in: "meetings")?.hasSuffix("05.11.2024 [\(ReferenceResolver.shortID(meetings[1]))]") == true)
        for table in ["meetings", "surveys"] {
            for row in try r.choices(in: table) {
                XCTAssertEqual(try r.resolve(row.label, in: table), row.id, "\(table): «\(row.label)»")
                XCTAssertEqual(try r.resolve(try r.display(row.id, in: table), in: table), row.id, table)
            }
        }
    }

    /// A link row is named by what it joins: a pair's mentee by the pair and the mentee, read whole
    /// or alone (three levels down: the link, the pair, its mentor, the mentor's person).
    func testALinkIsNamedByWhatItJoins() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович")])
        let anna = try put("persons", [("full_name", "Смирнова Анна")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let mentee = try put("mentees", [("person_id", anna)])
        let pair = try put("pairs", [("mentor_id", mentor)])
        let link = try put("pair_mentees", [("pair_id", pair), ("mentee_id", mentee)])
        XCTAssertEqual(try ReferenceResolver(database: school.database).label(of: link, in: "pair_mentees"), "Фёдоров Пётр Семёнович → Смирнова Анна")
        XCTAssertEqual(try ReferenceResolver(database: school.database, namesRowsAlone: true).label(of: link, in: "pair_mentees"),
                       "Фёдоров Пётр Семёнович → Смирнова Анна")
    }

    /// A reference to a row this registry holds as deleted says so, not that it has not arrived yet.
    func testAReferenceToADeletedRowSaysDeleted() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let short = ReferenceResolver.shortID(fedor)
        try school.database.execute("DELETE FROM persons WHERE id = ?", [.text(fedor)])   // as another program would
        XCTAssertEqual(try ReferenceResolver(database: school.database).label(of: mentor, in: "mentors"), Message.notReceivedYet(short).text(),
                       "before the deletion is folded into the clocks it is not known as one")
        try school.fold()
        XCTAssertEqual(try ReferenceResolver(database: school.database).label(of: mentor, in: "mentors"), Message.deletedRow(short).text())
        XCTAssertEqual(try ReferenceResolver(database: school.database).display(fedor, in: "persons"), Message.deletedRow(short).text())
        XCTAssertEqual(Message.deletedRow(short).text(.ru), "удалено [\(short)]")
    }

    /// A typed name taken apart into the name and the dates after it.
    func testTypedNamesAreReadWithTheirDates() {
        let readings = TypedName.readings(of: RowNames.normalize("Петров И. И. (02.01.1980) — 01.09.2024"))
        XCTAssertTrue(readings.contains(TypedName(base: "петров и. и.", dates: ["1980-01-02", "2024-09-01"])), "\(readings)")
        XCTAssertTrue(readings.contains(TypedName(base: "петров и. и. (02.01.1980)", dates: ["2024-09-01"])), "\(readings)")
        XCTAssertEqual(TypedName.readings(of: "петров"), [TypedName(base: "петров", dates: [])])
        XCTAssertEqual(TypedName.readings(of: "(01.02.2000)"), [TypedName(base: "(01.02.2000)", dates: [])], "a date is not a name")
        XCTAssertEqual(TypedName.readings(of: "петров 32.13.20x1"), [TypedName(base: "петров 32.13.20x1", dates: [])])
        XCTAssertEqual(TypedName.storedDate("12.03.1990"), "1990-03-12")
        XCTAssertEqual(TypedName.storedDate("1990-03-12"), "1990-03-12")
        XCTAssertNil(TypedName.storedDate("1990.03.12"))
    }

    /// How names are compared: lower case, ё as е (composed or not), one kind of dash, single spaces,
    /// none at the ends; on random names too. (The Foundation search-and-replace this replaced left
    /// an ё standing right after an е: «ЕЁ» compared as «её».)
    func testNamesAreComparedAlike() {
        XCTAssertEqual(RowNames.normalize("  Фёдоров   ПЁТР\tСемёнович "), "федоров петр семенович")
        XCTAssertEqual(RowNames.normalize("Семе\u{0308}нов"), "семенов")
        XCTAssertEqual(RowNames.normalize("Петров—Водкин – Младший"), "петров-водкин - младший")
        XCTAssertEqual(RowNames.normalize("ЕЁ"), "ее")
        XCTAssertEqual(RowNames.normalize(" \n "), "")
        // Whitespace is what Unicode says it is (Character.isWhitespace), across the scalars names use.
        for v in UInt32(0)...0x3100 {
            guard let u = Unicode.Scalar(v), v != 0x0308 else { continue }
            XCTAssertEqual(RowNames.normalize("a\(Character(u))b") == "a b", Character(u).isWhitespace, "U+\(String(v, radix: 16))")
        }
        let alphabet = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБЕЁЖЯabcXYZ0129-—–.,() \t\n") + ["е\u{0308}", "Е\u{0308}"]
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let s = String((0..<Int.random(in: 0...24, using: &g)).map { _ in alphabet.randomElement(using: &g)! })
            let n = RowNames.normalize(s)
            XCTAssertEqual(RowNames.normalize(n), n, "«\(s)»")
            XCTAssertEqual(RowNames.normalize(s.uppercased()), n, "«\(s)»")
            XCTAssertFalse(n.contains("ё") || n.contains("—") || n.contains("–") || n.contains("  ") || n.hasPrefix(" ") || n.hasSuffix(" "), "«\(n)»")
            XCTAssertFalse(n.contains { $0.isWhitespace && $0 != " " }, "«\(n)»")
            XCTAssertEqual(n.split(separator: " ").count, s.split(whereSeparator: { $0.isWhitespace }).count, "«\(s)»")
        }
    }

    func testNamesFindRowsAndRowsHaveNames() throws {
        let fedor = try put("persons", [("full_name", "Фёдоров Пётр Семёнович"), ("birth_date", "1980-01-02")])
        let mentor = try put("mentors", [("person_id", fedor)])
        let first = try put("pairs", [("mentor_id", mentor), ("started_on", "2023-09-01")])
        let second = try put("pairs", [("mentor_id", mentor), ("started_on", "2024-09-01")])
        let indicator = try RegistryEditor(replica: try Replica.create(path: scratch.path("d.db").path, site: SiteID("district")!, role: .district,
                                                                       district: SiteID("district")!, schema: RegistrySchema.schema))
            .put(table: "indicators", sets: [("code", "I1"), ("title", "Доля молодых педагогов")]).id
        let r = ReferenceResolver(database: school.database)

        // ё and е, capitals and spaces do not count; a birth date in either spelling qualifies.
        XCTAssertEqual(try r.resolve("федоров  петр семенович", in: "persons"), fedor)
        XCTAssertEqual(try r.resolve("Фёдоров Пётр Семёнович (02.01.1980)", in: "persons"), fedor)
        XCTAssertEqual(try r.resolve("Фёдоров Пётр Семёнович (1980-01-02)", in: "mentors"), mentor)
        // The start of an id, as listings show it; the whole id in capitals.
        XCTAssertEqual(try r.resolve(String(fedor.prefix(8)), in: "persons"), fedor)
        XCTAssertEqual(try r.resolve(fedor.uppercased(), in: "persons"), fedor)
        // A mentor with two pairs: the pair needs its start date, and each pair is named with it.
        XCTAssertThrowsError(try r.resolve("Фёдоров Пётр Семёнович", in: "pairs")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.ambiguous")
        }
        XCTAssertEqual(try r.resolve("Фёдоров Пётр Семёнович — 01.09.2024", in: "pairs"), second)
        XCTAssertEqual(try r.label(of: first, in: "pairs"), "Фёдоров Пётр Семёнович — 01.09.2023")
        XCTAssertEqual(try r.choices(in: "pairs").map(\.id), [first, second])
        // A row this registry does not hold has no name; an id-like text that matches nothing is called a mistyped id.
        XCTAssertNil(try r.label(of: indicator, in: "indicators"))
        XCTAssertThrowsError(try r.resolve(indicator, in: "indicators")) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "reference.no_id")
        }
    }
}

import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

/// The words people write: the language rule, Russian headers and values, Excel's dates.
final class PeoplesWordsTests: XCTestCase {
    func testTheLanguageFollowsDesignsRule() {
        XCTAssertEqual(Language(environment: [:]), .en)
        XCTAssertEqual(Language(environment: ["LANG": "ru_RU.UTF-8"]), .ru)
        XCTAssertEqual(Language(environment: ["LANG": "C.UTF-8"]), .en)
        // The first set of LC_ALL, LC_MESSAGES, LANG decides; an empty one is not set.
        XCTAssertEqual(Language(environment: ["LC_ALL": "C.UTF-8", "LANG": "ru_RU.UTF-8"]), .en)
        XCTAssertEqual(Language(environment: ["LC_ALL": "", "LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"]), .ru)
        // MENTORSYNC_LANG, when set, wins.
        XCTAssertEqual(Language(environment: ["MENTORSYNC_LANG": "en", "LC_ALL": "ru_RU.UTF-8"]), .en)
        XCTAssertEqual(Language(environment: ["MENTORSYNC_LANG": "ru", "LANG": "C"]), .ru)
        XCTAssertEqual(Language(environment: ["LANG": "rus"]), .en, "only ru or ru_* is Russian")
    }

    func testDatesAsPeopleAndExcelWriteThem() {
        XCTAssertEqual(ValueParser.normalizeDate("12.03.1998 0:00"), "1998-03-12")
        XCTAssertEqual(ValueParser.normalizeDate("12.03.1998 13:45:10"), "1998-03-12")
        XCTAssertEqual(ValueParser.normalizeDate("1998-03-12T00:00"), "1998-03-12")
        XCTAssertEqual(ValueParser.normalizeDate("1.9.2024"), "2024-09-01")
        XCTAssertNil(ValueParser.normalizeDate("12.03.1998 25:00"), "not a time")
        XCTAssertNil(ValueParser.normalizeDate("12.03.1998 утро"))
        XCTAssertNil(ValueParser.normalizeDate("31.02.1998 0:00"))
    }

    /// A deputy head's list of mentors, most of them women, says «активна», «неактивна», «выбыла»:
    /// every such line was refused («недопустимое значение; допустимо: кандидат, активный,
    /// неактивный»); a staff list's «учительница» too. A woman's words are taken as a man's.
    func testAWomanMentorsStatusIsTakenAsSheWritesIt() {
        let values = ["candidate", "active", "inactive"]
        for (word, value) in [("активна", "active"), ("Активная", "active"), ("действующая", "active"), ("неактивна", "inactive"),
                              ("не активна", "inactive"), ("выбыла", "inactive"), ("выбыл(а)", "inactive")] {
            XCTAssertEqual(EnumerationAliases.value(word, column: "status", table: "mentors", values: values), value, word)
        }
        XCTAssertEqual(EnumerationAliases.russian("active", column: "status", table: "mentors"), "активный", "the word printed stays")
        // And a teacher as a staff list of women writes her.
        let roles = ["teacher", "student", "methodologist", "manager", "external"]
        XCTAssertEqual(EnumerationAliases.value("Учительница", column: "role", table: "persons", values: roles), "teacher")
        XCTAssertEqual(EnumerationAliases.value("преподавательница", column: "role", table: "persons", values: roles), "teacher")
    }

    /// A list of mentees in the words of the school's mentoring programme — «молодой педагог», «вновь
    /// принятый педагог», «закреплена за наставником» — was refused line by line («недопустимое
    /// значение»). These are the category's and the status's words too.
    func testAMenteeIsTakenInTheProgrammesWords() {
        let categories = ["young_specialist", "new_arrival", "struggling", "student", "reserve"]
        for (word, value) in [("Молодой педагог", "young_specialist"), ("молодой учитель", "young_specialist"), ("вновь принятый педагог", "new_arrival"),
                              ("вновь прибывший педагог", "new_arrival"), ("испытывающая трудности", "struggling")] {
            XCTAssertEqual(EnumerationAliases.value(word, column: "category", table: "mentees", values: categories), value, word)
        }
        let statuses = ["waiting", "in_pair", "completed", "left"]
        for word in ["закреплён", "Закреплена", "закреплена за наставником", "закреплен(а)"] {
            XCTAssertEqual(EnumerationAliases.value(word, column: "status", table: "mentees", values: statuses), "in_pair", word)
        }
        XCTAssertEqual(EnumerationAliases.russian("in_pair", column: "status", table: "mentees"), "в паре", "the word printed stays")
    }

    /// Every Russian header finds its own column, so no two columns of a table share a word.
    func testEveryRussianHeaderNamesOneColumn() {
        for t in RegistrySchema.schema.tables {
            for c in t.cellNames {
                for header in HeaderAliases.table[t.name]?[c] ?? [] {
                    XCTAssertEqual(HeaderAliases.column(for: header.uppercased(), table: t.name, columns: t.cellNames), c, "\(t.name): \(header)")
                }
                XCTAssertEqual(HeaderAliases.column(for: c, table: t.name, columns: t.cellNames), c)
            }
        }
        XCTAssertEqual(HeaderAliases.column(for: "Ф.И.О.", table: "persons", columns: RegistrySchema.persons.cellNames), "full_name")
        XCTAssertNil(HeaderAliases.column(for: "Класс", table: "persons", columns: RegistrySchema.persons.cellNames))
    }

    /// Quotes inside quotes as Russian writes them, in every message: a school's name holds its own.
    func testQuotesInsideQuotesAreLowAndHigh() {
        XCTAssertEqual(Message.nestingQuotes("школа «МБОУ «Лицей № 6»» подключена"), "школа «МБОУ „Лицей № 6“» подключена")
        XCTAssertEqual(Message.nestingQuotes("«а» и «б»"), "«а» и «б»")
        XCTAssertEqual(Message.nestingQuotes("лишняя » и «незакрытая"), "лишняя » и «незакрытая")
        XCTAssertEqual(Message("t", en: "«A «B»»", ru: "«А «Б»»").russian, "«А „Б“»")
    }

    /// Every Russian word of an enumeration finds its own value, and only values of that column have words.
    func testEveryRussianValueNamesOneValue() {
        for t in RegistrySchema.schema.tables {
            for c in t.columns {
                guard case .enumeration(let values) = c.kind else { continue }
                let words = EnumerationAliases.table["\(t.name).\(c.name)"] ?? [:]
                XCTAssertTrue(Set(words.keys).isSubset(of: Set(values)), "\(t.name).\(c.name): \(words.keys)")
                for (value, list) in words {
                    for word in list {
                        XCTAssertEqual(EnumerationAliases.value(word, column: c.name, table: t.name, values: values), value, "\(t.name).\(c.name): \(word)")
                    }
                }
            }
        }
        // A mentee's status is printed for a man and a woman alike, and either word is taken.
        XCTAssertEqual(EnumerationAliases.russian("completed", column: "status", table: "mentees"), "завершил(а)")
        XCTAssertEqual(EnumerationAliases.russian("left", column: "status", table: "mentees"), "выбыл(а)")
        XCTAssertEqual(EnumerationAliases.value("Завершила", column: "status", table: "mentees", values: ["waiting", "in_pair", "completed", "left"]), "completed")
        let forms = ["teacher-teacher", "student-student", "teacher-student", "employer-student", "studentmentor-student", "methodist-teacher"]
        XCTAssertEqual(EnumerationAliases.value("Учитель-учитель", column: "form", table: "pairs", values: forms), "teacher-teacher")
        XCTAssertEqual(EnumerationAliases.value("учитель — ученик", column: "form", table: "pairs", values: forms), "teacher-student")
        XCTAssertEqual(EnumerationAliases.value("JOINT WORK", column: "kind", table: "meetings",
                                                values: ["introduction", "trial", "planning", "joint_work", "final", "other"]), "joint_work")
    }
}

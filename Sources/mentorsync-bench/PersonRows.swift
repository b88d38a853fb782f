import MentorSyncDemo
import MentorSyncDomain
import MentorSyncEngine

/// A persons row as the benchmark writes it: the id, then org_id and the ten columns of
/// `RegistrySchema.persons` in their cell order (full_name … notes). nil is SQL NULL.
struct PersonRow {
    var id: String
    var values: [String?]
}

/// Deterministic persons-like rows: Russian names, positions and subjects, dates, UUID keys.
/// Row `i` of a given seed is the same on every side of every comparison.
struct PersonRows {
    static let table = RegistrySchema.persons
    /// Column names in cell order: org_id, then the table's columns.
    static let columns = table.cellNames
    /// The column the update phases rewrite (one column of every row).
    static let updatedColumn = "notes"
    static var updatedIndex: Int { columns.firstIndex(of: updatedColumn)! }

    let seed: UInt64

    init(seed: UInt64 = 0x6d656e746f72) { self.seed = seed }

    /// `INSERT INTO <table> (id, org_id, …) VALUES (?, …)`.
    static func insertSQL(into table: String = table.name) -> String {
        let cols = (["id"] + columns).map(SQL.identifier).joined(separator: ", ")
        return "INSERT INTO \(SQL.identifier(table)) (\(cols)) VALUES (?\(String(repeating: ", ?", count: columns.count)))"
    }

    static func updateSQL(of table: String = table.name) -> String {
        "UPDATE \(SQL.identifier(table)) SET \(SQL.identifier(updatedColumn)) = ? WHERE id = ?"
    }

    static func deleteSQL(from table: String = table.name) -> String {
        "DELETE FROM \(SQL.identifier(table)) WHERE id = ?"
    }

    /// The CREATE TABLE text of `persons`, under another name when asked (the plain baseline).
    static func createSQL(named name: String = table.name) -> String {
        var t = table
        t.name = name
        return t.plainCreateSQL
    }

    /// Row `index` owned by `org`.
    func row(_ index: Int, org: String) -> PersonRow {
        var g = SplitMix64(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        let id = g.uuid()
        let female = g.chance(0.7)  // most teachers in Russian schools are women
        let isStudent = g.chance(0.3)
        let first = female ? g.pick(Names.femaleFirst) : g.pick(Names.maleFirst)
        let patronymic = g.pick(Names.patronymics)
        let surname = g.pick(Names.surnames)
        let fullName = "\(female ? surname + "а" : surname) \(first) \(female ? patronymic.1 : patronymic.0)"
        let role: String
        let position: String?
        let subject: String?
        let birth: String
        var teachingSince: String? = nil
        if isStudent {
            role = "student"
            position = "обучающийся \(g.int(5...11)) «\(g.pick(["А", "Б", "В", "Г"]))» класса"
            subject = g.chance(0.5) ? g.pick(Names.subjects) : nil
            birth = g.date(years: 2008...2016)
        } else {
            role = g.chance(0.85) ? "teacher" : g.pick(["methodologist", "manager", "external"])
            let s = g.pick(Names.subjects)
            subject = s
            position = g.chance(0.8) ? "учитель (\(s))" : g.pick(Names.positions)
            birth = g.date(years: 1958...2001)
            teachingSince = g.date(years: 1980...2024)
        }
        let hired = g.date(years: 1995...2024)
        let left = g.chance(0.08) ? g.date(years: 2020...2024) : nil
        let consent = g.date(years: 2021...2024)
        let notes = g.chance(0.75) ? g.pick(Names.notes) : nil
        return PersonRow(id: id, values: [org, fullName, birth, role, position, subject, teachingSince, hired, left, consent, notes])
    }

    /// The new value of the updated column for row `index` (different from the generated one).
    func updatedValue(_ index: Int, pass: Int = 0) -> String {
        var g = SplitMix64(seed: seed ^ 0x5550_4441_5445 ^ (UInt64(index) &* 0xBF58_476D_1CE4_E5B9) ^ UInt64(pass))
        return "Обновлено (\(pass)): \(g.pick(Names.notes)) — встреча \(g.date(years: 2024...2025))"
    }

    func rows(_ range: Range<Int>, org: String) -> [PersonRow] { range.map { row($0, org: org) } }
}

/// What the bench's rows draw beyond `SplitMix64`'s basics.
extension SplitMix64 {
    /// A valid YYYY-MM-DD date (days 1…28, so every month has them).
    mutating func date(years: ClosedRange<Int>) -> String {
        let y = int(years), m = int(1...12), d = int(1...28)
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }
}

/// Word lists for the generated rows.
enum Names {
    /// The first fifty of the demo's surnames, so the generated rows stay as they were.
    static let surnames = Array(DemoNames.surnames.prefix(50))
    static let maleFirst = [
        "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Михаил", "Иван", "Николай", "Владимир", "Павел",
        "Евгений", "Олег", "Игорь", "Виктор", "Артём", "Максим", "Роман", "Юрий", "Константин", "Денис",
    ]
    static let femaleFirst = [
        "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Мария", "Екатерина", "Юлия",
        "Марина", "Галина", "Людмила", "Валентина", "Надежда", "Любовь", "Оксана", "Анастасия", "Дарья", "Виктория",
    ]
    static let patronymics: [(String, String)] = [
        ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Дмитриевич", "Дмитриевна"),
        ("Андреевич", "Андреевна"), ("Алексеевич", "Алексеевна"), ("Михайлович", "Михайловна"),
        ("Иванович", "Ивановна"), ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"),
        ("Павлович", "Павловна"), ("Евгеньевич", "Евгеньевна"), ("Олегович", "Олеговна"),
        ("Игоревич", "Игоревна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"),
    ]
    static let subjects = [
        "математика", "русский язык", "литература", "физика", "химия", "биология", "история", "обществознание",
        "география", "информатика", "английский язык", "немецкий язык", "физическая культура", "музыка",
        "изобразительное искусство", "технология", "ОБЖ", "начальные классы",
    ]
    static let positions = [
        "педагог-психолог", "социальный педагог", "заместитель директора по УВР", "заместитель директора по ВР",
        "методист", "педагог дополнительного образования", "учитель-логопед", "советник директора по воспитанию",
        "педагог-организатор", "старший вожатый",
    ]
    static let notes = [
        "Молодой специалист, первый год работы в школе",
        "Победитель муниципального этапа конкурса «Учитель года»",
        "Участвует в программе наставничества с 2022 года",
        "Нуждается в помощи при подготовке к аттестации",
        "Руководитель школьного методического объединения",
        "Прошла курсы повышения квалификации по ФГОС ООО",
        "Переведён из другой школы района",
        "Наставник молодых педагогов, эксперт ЕГЭ",
        "Декретный отпуск до сентября",
        "Призёр регионального этапа олимпиады",
        "Совмещает должность классного руководителя",
        "Адаптация в коллективе, запрос на поддержку",
    ]
}

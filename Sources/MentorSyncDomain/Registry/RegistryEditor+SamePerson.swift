import Foundation
import MentorSyncEngine

/// A person added by hand (a form, `put`) who is already in the school's list — the same name and
/// the same birth date, or the same name and neither has one — is not added a second time: two rows
/// of one teacher split their pairs and meetings and count twice in the report. A list import
/// matches such persons and updates them instead (`PersonMatcher`).
extension RegistryEditor {
    /// `anotherPerson`: the person entering says this is not the near namesake she was asked about.
    func checkNotAlreadyThere(_ values: [String: DatabaseValue], owner: String, resolver: ReferenceResolver, anotherPerson: Bool) throws {
        guard let name = values["full_name"]?.text else { return }
        let birth = values["birth_date"]?.text ?? ""
        let key = RowNames.normalize(name)
        // The owner's persons born that day (or with no date) only: never a district's whole list.
        let sameDay = try database.rows("SELECT id, full_name FROM persons WHERE org_id = ? AND coalesce(trim(birth_date), '') = ?",
                                        [.text(owner), .text(birth)])
        for row in sameDay where RowNames.normalize(row[1].text ?? "") == key {
            let id = row[0].displayText
            let shown = try resolver.label(of: id, in: "persons") ?? name
            throw MessageError(.personAlreadyThere(shown, short: ReferenceResolver.shortID(id), withoutBirthDate: birth.isEmpty))
        }
        // Born that day with a name a letter or two off («Петрова Марья» for «Петрова Мария»): a typo
        // far more often than another person, as a list's line is held (`PersonMatcher`) — asked, and
        // added once the person says it is someone else (twins, two pupils of one day).
        if !birth.isEmpty, !anotherPerson, let row = sameDay.first(where: { PersonMatcher.isNearName(key, RowNames.normalize($0[1].text ?? "")) }) {
            let id = row[0].displayText
            throw NearNamesakeQuestion(typed: name, registered: try resolver.label(of: id, in: "persons") ?? (row[1].text ?? ""),
                                       short: ReferenceResolver.shortID(id), birthDate: RowNames.russianDate(birth))
        }
        // The owner's namesakes born another day (or on one, beside an entry without its date).
        let namesakes = try database.rows("SELECT id, full_name, birth_date FROM persons WHERE org_id = ? AND coalesce(trim(birth_date), '') <> ''", [.text(owner)])
            .filter { RowNames.normalize($0[1].text ?? "") == key }
        // A namesake born on a day a slip of the keyboard away (12.05 typed 21.05) is that person:
        // added again, she was offered twice in every choice. A namesake born on another day is
        // another person (an import sends namesakes here to be added).
        if !birth.isEmpty {
            if let row = namesakes.first(where: { Self.isDateSlip(birth, $0[2].text ?? "") }) {
                let id = row[0].displayText
                throw MessageError(.personBornOnANearDay(try resolver.label(of: id, in: "persons") ?? name, short: ReferenceResolver.shortID(id),
                                                         registered: RowNames.russianDate(row[2].text ?? ""), typed: RowNames.russianDate(birth)))
            }
            return
        }
        // Without a birth date, a namesake with one may be the same person: not added without the
        // date that tells them apart (a third «Белова Мария Игоревна» made her name match three rows).
        guard !namesakes.isEmpty else { return }
        throw MessageError(.namesakesNeedABirthDate(name, known: try namesakes.map { try resolver.candidate($0[0].displayText, in: "persons") }))
    }

    /// Whether two dates (YYYY-MM-DD) differ by a slip: two neighbouring digits swapped, or the day
    /// and the month swapped. (One digit apart is not: pupils of one name born 05.03 and 15.03, or
    /// teachers born 1985 and 1989, are two people.)
    static func isDateSlip(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8.filter { $0 != UInt8(ascii: "-") }), y = Array(b.utf8.filter { $0 != UInt8(ascii: "-") })
        guard x.count == 8, y.count == 8, x != y else { return false }
        let differ = x.indices.filter { x[$0] != y[$0] }
        if differ.count == 2, differ[1] == differ[0] + 1, x[differ[0]] == y[differ[1]], x[differ[1]] == y[differ[0]] { return true }
        return x[0..<4] == y[0..<4] && x[4..<6] == y[6..<8] && x[6..<8] == y[4..<6]
    }
}

/// A person added by hand whose name is a letter or two off one the school has, born the same day:
/// not added until the person entering says it is someone else — at the command line with
/// `--another-person`, in the web app with the box the form shows with the question.
public struct NearNamesakeQuestion: Error, Sendable, Equatable, CustomStringConvertible {
    public let typed: String
    /// The registered person's name as lists show it, her short id, the day both were born (as read).
    public let registered: String, short: String, birthDate: String

    /// Where the answer is given: how to say «someone else» differs, the question does not.
    public enum Answer: Sendable { case commandLine, form }

    public func message(_ answer: Answer) -> Message { .personNearNamesake(self, answer: answer) }
    public var description: String { message(.commandLine).text() }
}

extension Message {
    static func personNearNamesake(_ q: NearNamesakeQuestion, answer: NearNamesakeQuestion.Answer) -> Message {
        let box = webAnotherPerson
        let (en, ru) = answer == .commandLine
            ? ("run the command again with --another-person", "повторите команду с --another-person")
            : ("tick “\(box.english)” and save again", "отметьте «\(box.russian)» и сохраните ещё раз")
        // The short id at the command line, where rows are opened by it; a page names her alone.
        let short = answer == .commandLine ? " [\(q.short)]" : ""
        return Message("registry.person_near_namesake",
                       en: "“\(q.typed)” looks like “\(q.registered)”\(short), born the same day (\(q.birthDate)), and was not added: if this is her, open her row rather than add her twice; if this is someone else, \(en)",
                       ru: "«\(q.typed)» похоже на «\(q.registered)»\(short) с той же датой рождения (\(q.birthDate)), и не добавлено: если это тот же человек, откройте его запись, а не добавляйте второй раз; если это другой человек, \(ru)")
    }

    /// The box a person form shows with a near namesake's question.
    public static let webAnotherPerson = Message("web.persons.another_person", en: "This is someone else", ru: "Это другой человек")

    static func namesakesNeedABirthDate(_ name: String, known: [String]) -> Message {
        Message("registry.namesakes_need_birth_date",
                en: "“\(name)” is already in the list (\(known.joined(separator: "; "))): not added without a birth date; if this is someone else, give the birth date, if it is the same person, open that row",
                ru: "«\(name)» уже есть в списке (\(known.joined(separator: "; "))): без даты рождения повторно не добавлено; если это другой человек — укажите дату рождения, если тот же — откройте его запись")
    }

    static func personBornOnANearDay(_ name: String, short: String, registered: String, typed: String) -> Message {
        Message("registry.person_near_birth_date",
                en: "“\(name)” [\(short)] is already in the list, born \(registered): \(typed) looks like a slip of that date, so the person is not added again; open that row to change it",
                ru: "«\(name)» [\(short)] уже есть в списке с датой рождения \(registered): \(typed) похоже на опечатку в этой дате, повторно не добавлено; чтобы изменить, откройте его запись")
    }

    static func personAlreadyThere(_ name: String, short: String, withoutBirthDate: Bool) -> Message {
        Message("registry.person_already_there",
                en: "“\(name)” [\(short)] is already in the list\(withoutBirthDate ? " (neither has a birth date)" : ", born the same day"): not added again; open that row to change it"
                    + (withoutBirthDate ? ", or give the birth date if this is someone else" : ""),
                ru: "«\(name)» [\(short)] уже есть в списке\(withoutBirthDate ? " (ни у кого из двоих нет даты рождения)" : " с той же датой рождения"): повторно не добавлено; чтобы изменить, откройте его запись"
                    + (withoutBirthDate ? ", а если это другой человек — укажите дату рождения" : ""))
    }
}

import Foundation
import MentorSyncEngine

/// A person added by hand (a form, `put`) who is already in the school's list — the same name and
/// the same birth date, or the same name and neither has one — is not added a second time: two rows
/// of one teacher split their pairs and meetings and count twice in the report. A list import
/// matches such persons and updates them instead (`PersonMatcher`). A name or birth date changed on
/// a person's row is held to the first two rules too (`checkEditNotAnother`).
extension RegistryEditor {
    /// `anotherPerson`: the person entering says this is not the near namesake she was asked about.
    func checkNotAlreadyThere(_ values: [String: DatabaseValue], owner: String, resolver: ReferenceResolver, anotherPerson: Bool) throws {
        guard let name = values["full_name"]?.text else { return }
        let birth = values["birth_date"]?.text ?? ""
        try checkNoSamePerson(name: name, birth: birth, owner: owner, resolver: resolver, anotherPerson: anotherPerson, edited: nil)
        // The owner's namesakes born another day (or on one, beside an entry without its date).
        let key = RowNames.normalize(name)
        let namesakes = try database.rows("SELECT id, full_name, birth_date FROM persons WHERE org_id = ? AND coalesce(trim(birth_date), '') <> ''", [.text(owner)])
            .filter { RowNames.normalize($0[1].text ?? "") == key }
        // A namesake born on a day a slip of the keyboard away (12.05 typed 21.05) is that person:
        // added again, she was offered twice in every choice. A namesake born on another day is
        // another person (an import sends namesakes here to be added).
        if !birth.isEmpty {
            if let row = namesakes.first(where: { Self.isDateSlip(birth, $0[2].text ?? "") }) {
                let id = row[0].displayText, shown = try resolver.label(of: id, in: "persons") ?? name
                let registered = RowNames.russianDate(row[2].text ?? ""), typed = RowNames.russianDate(birth)
                // The short id at the command line, where rows are opened by it; a page names her alone.
                throw MessageError(.personBornOnANearDay(shown, short: ReferenceResolver.shortID(id), registered: registered, typed: typed),
                                   onPage: .personBornOnANearDay(shown, short: nil, registered: registered, typed: typed))
            }
            return
        }
        // Without a birth date, a namesake with one may be the same person: not added without the
        // date that tells them apart (a third «Белова Мария Игоревна» made her name match three rows).
        guard !namesakes.isEmpty else { return }
        throw MessageError(.namesakesNeedABirthDate(name, known: try namesakes.map { try resolver.candidate($0[0].displayText, in: "persons") }))
    }

    /// A person's row whose name or birth date is changed (`sets`) into those of another of the
    /// owner's persons — the same name born the same day, or a name a letter off — makes two rows of
    /// one person: refused, or asked, as a new row is. A person the row already matched before the
    /// change (twins told apart when the second was added) is not asked about again.
    func checkEditNotAnother(_ id: String, sets values: [String: DatabaseValue], resolver: ReferenceResolver, anotherPerson: Bool) throws {
        guard values["full_name"] != nil || values["birth_date"] != nil,
              let row = try database.rows("SELECT full_name, coalesce(trim(birth_date), ''), org_id FROM persons WHERE id = ?", [.text(id)]).first
        else { return }
        let name = values["full_name"].map { $0.text ?? "" } ?? row[0].displayText
        let birth = values["birth_date"].map { $0.text ?? "" } ?? row[1].displayText
        guard !name.isEmpty else { return }
        try checkNoSamePerson(name: name, birth: birth, owner: values["org_id"]?.text ?? row[2].displayText, resolver: resolver,
                              anotherPerson: anotherPerson, edited: (id, RowNames.normalize(row[0].displayText), row[1].displayText))
    }

    /// The first two rules: the same name born the same day (or neither with a date) is refused; a
    /// name a letter or two off born that day is asked about. `edited`: the row changed, and its name
    /// (as compared) and birth date before — it is no one else; a person it was already the same as
    /// is not refused, and one it was already like (twins told apart) not asked about, again.
    private func checkNoSamePerson(name: String, birth: String, owner: String, resolver: ReferenceResolver, anotherPerson: Bool,
                                   edited: (id: String, key: String, birth: String)?) throws {
        let key = RowNames.normalize(name)
        // The owner's persons born that day (or with no date) only: never a district's whole list.
        let sameDay = try database.rows("SELECT id, full_name FROM persons WHERE org_id = ? AND coalesce(trim(birth_date), '') = ?",
                                        [.text(owner), .text(birth)])
            .filter { $0[0].displayText != edited?.id }
        /// Whether the edited row already stood so to `other` (its name, compared) before the change.
        func before(_ other: String, near: Bool) -> Bool {
            guard let edited, edited.birth == birth else { return false }
            return other == edited.key || (near && PersonMatcher.isNearName(edited.key, other))
        }
        for row in sameDay where RowNames.normalize(row[1].text ?? "") == key && !before(key, near: false) {
            let id = row[0].displayText
            let shown = try resolver.label(of: id, in: "persons") ?? name
            throw MessageError(.personAlreadyThere(shown, short: ReferenceResolver.shortID(id), withoutBirthDate: birth.isEmpty, edit: edited != nil),
                               onPage: .personAlreadyThere(shown, short: nil, withoutBirthDate: birth.isEmpty, edit: edited != nil))
        }
        // Born that day with a name a letter or two off («Петрова Марья» for «Петрова Мария»): a typo
        // far more often than another person, as a list's line is held (`PersonMatcher`) — asked, and
        // added once the person says it is someone else (twins, two pupils of one day).
        if !birth.isEmpty, !anotherPerson, let row = sameDay.first(where: { r in
            let other = RowNames.normalize(r[1].text ?? "")
            return PersonMatcher.isNearName(key, other) && !before(other, near: true)
        }) {
            let id = row[0].displayText
            throw NearNamesakeQuestion(typed: name, registered: try resolver.label(of: id, in: "persons") ?? (row[1].text ?? ""),
                                       short: ReferenceResolver.shortID(id), birthDate: RowNames.russianDate(birth), edit: edited != nil)
        }
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
    /// Typed into a person's row already there, not a new one.
    public var edit = false

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
        let (enSame, ruSame) = q.edit
            ? ("was not saved: if this is her, the list holds her twice — keep one row", "не сохранено: если это тот же человек, в списке две его записи — оставьте одну")
            : ("was not added: if this is her, open her row rather than add her twice", "не добавлено: если это тот же человек, откройте его запись, а не добавляйте второй раз")
        return Message("registry.person_near_namesake",
                       en: "“\(q.typed)” looks like “\(q.registered)”\(short), born the same day (\(q.birthDate)), and \(enSame); if this is someone else, \(en)",
                       ru: "«\(q.typed)» похоже на «\(q.registered)»\(short) с той же датой рождения (\(q.birthDate)), и \(ruSame); если это другой человек, \(ru)")
    }

    /// The box a person form shows with a near namesake's question.
    public static let webAnotherPerson = Message("web.persons.another_person", en: "This is someone else", ru: "Это другой человек")

    static func namesakesNeedABirthDate(_ name: String, known: [String]) -> Message {
        Message("registry.namesakes_need_birth_date",
                en: "“\(name)” is already in the list (\(known.joined(separator: "; "))): not added without a birth date; if this is someone else, give the birth date, if it is the same person, open that row",
                ru: "«\(name)» уже есть в списке (\(known.joined(separator: "; "))): без даты рождения повторно не добавлено; если это другой человек — укажите дату рождения, если тот же — откройте его запись")
    }

    static func personBornOnANearDay(_ name: String, short: String?, registered: String, typed: String) -> Message {
        let short = short.map { " [\($0)]" } ?? ""
        return Message("registry.person_near_birth_date",
                en: "“\(name)”\(short) is already in the list, born \(registered): \(typed) looks like a slip of that date, so the person is not added again; open that row to change it",
                ru: "«\(name)»\(short) уже есть в списке с датой рождения \(registered): \(typed) похоже на опечатку в этой дате, повторно не добавлено; чтобы изменить, откройте его запись")
    }

    static func personAlreadyThere(_ name: String, short shortID: String?, withoutBirthDate: Bool, edit: Bool) -> Message {
        let short = shortID.map { " [\($0)]" } ?? ""
        if edit {
            return Message("registry.person_already_there",
                           en: "“\(name)”\(short) is already in the list\(withoutBirthDate ? " (neither has a birth date)" : ", born the same day"): not saved, as the list would hold one person twice; if this is her, keep one of the two rows"
                               + (withoutBirthDate ? ", or give the birth date if this is someone else" : ""),
                           ru: "«\(name)»\(short) уже есть в списке\(withoutBirthDate ? " (ни у кого из двоих нет даты рождения)" : " с той же датой рождения"): не сохранено, иначе в списке будут две записи одного человека; если это он, оставьте одну из двух записей"
                               + (withoutBirthDate ? ", а если это другой человек — укажите дату рождения" : ""))
        }
        return Message("registry.person_already_there",
                en: "“\(name)”\(short) is already in the list\(withoutBirthDate ? " (neither has a birth date)" : ", born the same day"): not added again; open that row to change it"
                    + (withoutBirthDate ? ", or give the birth date if this is someone else" : ""),
                ru: "«\(name)»\(short) уже есть в списке\(withoutBirthDate ? " (ни у кого из двоих нет даты рождения)" : " с той же датой рождения"): повторно не добавлено; чтобы изменить, откройте его запись"
                    + (withoutBirthDate ? ", а если это другой человек — укажите дату рождения" : ""))
    }
}

import Foundation
import MentorSyncEngine

/// A person added by hand (a form, `put`) who is already in the school's list — the same name and
/// the same birth date, or the same name and neither has one — is not added a second time: two rows
/// of one teacher split their pairs and meetings and count twice in the report. A list import
/// matches such persons and updates them instead (`PersonMatcher`).
extension RegistryEditor {
    func checkNotAlreadyThere(_ values: [String: DatabaseValue], owner: String, resolver: ReferenceResolver) throws {
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
        // Without a birth date, a namesake with one may be the same person: not added without the
        // date that tells them apart (a third «Белова Мария Игоревна» made her name match three rows).
        guard birth.isEmpty else { return }
        let namesakes = try database.rows("SELECT id, full_name FROM persons WHERE org_id = ? AND coalesce(trim(birth_date), '') <> ''", [.text(owner)])
            .filter { RowNames.normalize($0[1].text ?? "") == key }.map { $0[0].displayText }
        guard !namesakes.isEmpty else { return }
        throw MessageError(.namesakesNeedABirthDate(name, known: try namesakes.map { try resolver.candidate($0, in: "persons") }))
    }
}

extension Message {
    static func namesakesNeedABirthDate(_ name: String, known: [String]) -> Message {
        Message("registry.namesakes_need_birth_date",
                en: "“\(name)” is already in the list (\(known.joined(separator: "; "))): not added without a birth date; if this is someone else, give the birth date, if it is the same person, open that row",
                ru: "«\(name)» уже есть в списке (\(known.joined(separator: "; "))): без даты рождения повторно не добавлено; если это другой человек — укажите дату рождения, если тот же — откройте его запись")
    }

    static func personAlreadyThere(_ name: String, short: String, withoutBirthDate: Bool) -> Message {
        Message("registry.person_already_there",
                en: "“\(name)” [\(short)] is already in the list\(withoutBirthDate ? " (neither has a birth date)" : ", born the same day"): not added again; open that row to change it"
                    + (withoutBirthDate ? ", or give the birth date if this is someone else" : ""),
                ru: "«\(name)» [\(short)] уже есть в списке\(withoutBirthDate ? " (ни у кого из двоих нет даты рождения)" : " с той же датой рождения"): повторно не добавлено; чтобы изменить, откройте его запись"
                    + (withoutBirthDate ? ", а если это другой человек — укажите дату рождения" : ""))
    }
}

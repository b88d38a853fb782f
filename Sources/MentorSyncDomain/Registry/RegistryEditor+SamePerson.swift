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
        for id in try resolver.lookup.rows(of: "persons", named: RowNames.normalize(name)) {
            guard let row = try database.rows("SELECT org_id, coalesce(birth_date, '') FROM persons WHERE id = ?", [.text(id)]).first,
                  row[0].text == owner, row[1].displayText.trimmingCharacters(in: .whitespaces) == birth else { continue }
            let shown = try resolver.label(of: id, in: "persons") ?? name
            throw MessageError(.personAlreadyThere(shown, short: ReferenceResolver.shortID(id), withoutBirthDate: birth.isEmpty))
        }
    }
}

extension Message {
    static func personAlreadyThere(_ name: String, short: String, withoutBirthDate: Bool) -> Message {
        Message("registry.person_already_there",
                en: "“\(name)” [\(short)] is already in the list\(withoutBirthDate ? " (neither has a birth date)" : ", born the same day"): not added again; open that row to change it"
                    + (withoutBirthDate ? ", or give the birth date if this is someone else" : ""),
                ru: "«\(name)» [\(short)] уже есть в списке\(withoutBirthDate ? " (ни у кого из двоих нет даты рождения)" : " с той же датой рождения"): повторно не добавлено; чтобы изменить, откройте его запись"
                    + (withoutBirthDate ? ", а если это другой человек — укажите дату рождения" : ""))
    }
}

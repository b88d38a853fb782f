import MentorSyncEngine

/// Who may stand on each side of a pair's form, by the person's role: a pupil (role «ученик»)
/// mentors only in «ученик – ученик», and is a mentee only in the forms «… – ученик»; a teacher is
/// no mentee of «учитель – ученик». A pupil made the mentor of a «учитель – учитель» pair counted
/// among the school's active mentors and its teacher pairs. A person without a role is not held to
/// it, nor is the mentor of «студент – ученик» (a college student is kept as «внешний» or «ученик»).
/// A role changed, or a record given another person, is held to the pairs running now.
enum PairForm {
    /// Whether a side of `form` is pupils (true), is not (false), or either (nil).
    static func pupils(_ form: String) -> (mentor: Bool?, mentee: Bool?) {
        switch form {
        case "student-student": return (true, true)
        case "studentmentor-student": return (nil, true)
        case "teacher-student", "employer-student": return (false, true)
        case "teacher-teacher", "methodist-teacher": return (false, false)
        default: return (nil, nil)
        }
    }

    static func check(_ t: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        switch t.name {
        case "pairs":
            guard touches(["form", "mentor_id"]), let form = try value("form")?.text else { return }
            let sides = pupils(form)
            if let mentor = try value("mentor_id")?.text {
                try checkSide(person: "SELECT p.id, p.role FROM mentors m JOIN persons p ON p.id = m.person_id WHERE m.id = ?", mentor,
                              wantsPupil: sides.mentor, mentorSide: true, form: form, database)
            }
            // A form changed holds the mentees the pair has.
            guard let row, touches(["form"]) else { return }
            for link in try PairMembers.links(of: row, database: database) {
                try checkSide(person: menteePerson, link.mentee, wantsPupil: sides.mentee, mentorSide: false, form: form, database)
            }
        case "pair_mentees":
            guard touches(["pair_id", "mentee_id"]), let pair = try value("pair_id")?.text, let mentee = try value("mentee_id")?.text,
                  let form = try database.scalar("SELECT form FROM pairs WHERE id = ?", [.text(pair)])?.text else { return }
            try checkSide(person: menteePerson, mentee, wantsPupil: pupils(form).mentee, mentorSide: false, form: form, database)
        case "persons", "mentors", "mentees":
            // The person's role changed, or a mentor's or mentee's record given another person: held
            // to the pairs running now (a pupil grown a teacher keeps her old pairs as they were).
            guard let row, touches([t.name == "persons" ? "role" : "person_id"]) else { return }
            let person = t.name == "persons" ? row : try value("person_id")?.text
            guard let person, let found = try database.rows("SELECT id, role FROM persons WHERE id = ?", [.text(person)]).first else { return }
            let role = t.name == "persons" ? try value("role")?.text : found[1].text
            guard let role, !role.isEmpty else { return }
            let running = "coalesce(p.status, '') IN ('', 'forming', 'active')"
            let (mentorOf, menteeOf): (String, String) = switch t.name {
            case "persons": ("m.person_id = ?", "e.person_id = ?")
            case "mentors": ("m.id = ?", "0 AND ? IS NULL")
            default: ("0 AND ? IS NULL", "e.id = ?")
            }
            let name = { try ReferenceResolver(database: database).labelOrShortID(person, in: "persons") }
            for r in try database.rows("SELECT DISTINCT p.form FROM pairs p JOIN mentors m ON m.id = p.mentor_id WHERE \(mentorOf) AND \(running)", [.text(row)]) {
                guard let form = r[0].text, let wants = pupils(form).mentor, (role == "student") != wants else { continue }
                throw MessageError(.pairFormSide(form: form, mentorSide: true, wantsPupil: wants, person: try name(), role: role))
            }
            for r in try database.rows("""
                SELECT DISTINCT p.form FROM pair_mentees l JOIN mentees e ON e.id = l.mentee_id JOIN pairs p ON p.id = l.pair_id
                WHERE \(menteeOf) AND \(running)
                """, [.text(row)]) {
                guard let form = r[0].text, let wants = pupils(form).mentee, (role == "student") != wants else { continue }
                throw MessageError(.pairFormSide(form: form, mentorSide: false, wantsPupil: wants, person: try name(), role: role))
            }
        default:
            return
        }
    }

    private static let menteePerson = "SELECT p.id, p.role FROM mentees e JOIN persons p ON p.id = e.person_id WHERE e.id = ?"

    private static func checkSide(person sql: String, _ id: String, wantsPupil: Bool?, mentorSide: Bool, form: String, _ database: Database) throws {
        guard let wantsPupil, let found = try database.rows(sql, [.text(id)]).first, let role = found[1].text, !role.isEmpty else { return }
        guard (role == "student") != wantsPupil else { return }
        let name = try ReferenceResolver(database: database).labelOrShortID(found[0].displayText, in: "persons")
        throw MessageError(.pairFormSide(form: form, mentorSide: mentorSide, wantsPupil: wantsPupil, person: name, role: role))
    }
}

extension Message {
    /// A person on a side of a pair's form she does not belong to (`PairForm`).
    static func pairFormSide(form: String, mentorSide: Bool, wantsPupil: Bool, person: String, role: String) -> Message {
        let f = valueTitle(form, column: "form", table: "pairs"), r = valueTitle(role, column: "role", table: "persons")
        let pupil = valueTitle("student", column: "role", table: "persons")
        let side = mentorSide ? (en: "mentor", ru: "наставник") : (en: "mentee", ru: "наставляемый")
        let rule = wantsPupil ? (en: "is a \(pupil.english)", ru: "— \(pupil.russian)") : (en: "is not a \(pupil.english)", ru: "— не \(pupil.russian)")
        let fix = mentorSide ? (en: "choose another mentor or another form", ru: "выберите другого наставника или другую форму наставничества")
                             : (en: "choose another mentee or another form", ru: "выберите другого наставляемого или другую форму наставничества")
        return Message("registry.pair_form_side",
                       en: "in the form “\(f.english)” the \(side.en) \(rule.en), and “\(person)” is a \(r.english): \(fix.en)",
                       ru: "в форме «\(f.russian)» \(side.ru) \(rule.ru), а «\(person)» — \(r.russian): \(fix.ru)")
    }
}

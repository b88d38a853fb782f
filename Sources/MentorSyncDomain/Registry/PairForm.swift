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
            guard let person else { return }
            let role = t.name == "persons" ? try value("role")?.text : try database.scalar("SELECT role FROM persons WHERE id = ?", [.text(person)])?.text
            // Forms of the running pairs where that person (or record) is the mentor, and the mentee.
            let running = "coalesce(p.status, '') IN ('', 'forming', 'active')"
            let asMentor = t.name == "mentees" ? [] : try forms("""
                SELECT DISTINCT p.form FROM pairs p JOIN mentors m ON m.id = p.mentor_id
                WHERE \(t.name == "persons" ? "m.person_id" : "m.id") = ? AND \(running)
                """, row, database)
            let asMentee = t.name == "mentors" ? [] : try forms("""
                SELECT DISTINCT p.form FROM pair_mentees l JOIN mentees e ON e.id = l.mentee_id JOIN pairs p ON p.id = l.pair_id
                WHERE \(t.name == "persons" ? "e.person_id" : "e.id") = ? AND \(running)
                """, row, database)
            for form in asMentor { try checkRole(role, of: person, wantsPupil: pupils(form).mentor, mentorSide: true, form: form, database) }
            for form in asMentee { try checkRole(role, of: person, wantsPupil: pupils(form).mentee, mentorSide: false, form: form, database) }
        default:
            return
        }
    }

    private static let menteePerson = "SELECT p.id, p.role FROM mentees e JOIN persons p ON p.id = e.person_id WHERE e.id = ?"

    /// The side a record (found by `sql`, giving its person's id and role) stands on, held to the form.
    private static func checkSide(person sql: String, _ id: String, wantsPupil: Bool?, mentorSide: Bool, form: String, _ database: Database) throws {
        guard let found = try database.rows(sql, [.text(id)]).first else { return }
        try checkRole(found[1].text, of: found[0].displayText, wantsPupil: wantsPupil, mentorSide: mentorSide, form: form, database)
    }

    /// Refused when the person's role is a pupil's and the side is not, or the other way round.
    private static func checkRole(_ role: String?, of person: String, wantsPupil: Bool?, mentorSide: Bool, form: String, _ database: Database) throws {
        guard let wantsPupil, let role, !role.isEmpty, (role == "student") != wantsPupil else { return }
        throw MessageError(.pairFormSide(form: form, mentorSide: mentorSide, wantsPupil: wantsPupil,
                                         person: try ReferenceResolver(database: database).labelOrShortID(person, in: "persons"), role: role))
    }

    private static func forms(_ sql: String, _ id: String, _ database: Database) throws -> [String] {
        try database.rows(sql, [.text(id)]).compactMap { $0[0].text }
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

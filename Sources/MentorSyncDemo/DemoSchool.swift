import MentorSyncDomain
import MentorSyncEngine

/// One school of the demo: its people, its mentoring and its roadmap. Each school draws a profile
/// (how keen its teachers and pupils are, how well plans go), so the report shows schools above and
/// below the targets; about one school in sixteen has not formed any pair yet.
struct DemoSchool {
    let writer: DemoWriter
    let site: String
    let name: String
    let year: SchoolYear
    let scale: Int
    let unresolved: Bool

    /// First and last day of the year, as day numbers.
    var y0: Int { DemoDay.number(year.startYear, 9, 1) }
    var y1: Int { DemoDay.number(year.startYear + 1, 8, 31) }

    struct Person {
        var id: String
        var age: Int
        var experience: Int
        var leftBefore = false
        var leftDuring = false
        var recentArrival = false
        var present: Bool { !leftBefore }
    }

    struct Pairing {
        var id: String
        var form: String
        var status: String
        var started: Int?
        var ended: Int?
        var members: [String]     // mentee row ids
        var forTeachers: Bool
    }

    // Profile of the school.
    var teacherRate = 0.0, studentRate = 0.0, planRate = 0.0, doneRate = 0.0, youngLeaveRate = 0.0
    var noPairs = false

    init(writer: DemoWriter, site: String, name: String, year: SchoolYear, scale: Int, unresolved: Bool) {
        self.writer = writer; self.site = site; self.name = name; self.year = year; self.scale = scale; self.unresolved = unresolved
    }

    mutating func write(_ rng: inout SplitMix64) throws {
        teacherRate = rng.between(0.45, 1.0)
        studentRate = rng.between(0.35, 0.92)
        planRate = rng.between(0.45, 0.98)
        doneRate = rng.between(0.55, 0.97)
        youngLeaveRate = rng.between(0, 0.3)
        noPairs = rng.chance(1.0 / 16)

        // People.
        let director = try person(&rng, role: "manager", age: rng.int(42...62), female: rng.chance(0.7), position: "директор",
                                  subject: nil, experience: rng.int(18...35))
        try writer.db.execute("UPDATE organizations SET director = coalesce(director, (SELECT full_name FROM persons WHERE id = ?)) WHERE id = ?",
                              [.text(director.id), .text(site)])
        _ = try person(&rng, role: "manager", age: rng.int(35...60), female: true, position: "заместитель директора по УВР",
                       subject: rng.pick(DemoNames.subjects), experience: rng.int(10...30))
        var methodists: [Person] = []
        for _ in 0..<max(1, scale / 30) {
            methodists.append(try person(&rng, role: "methodologist", age: rng.int(30...60), female: rng.chance(0.8),
                                         position: rng.chance(0.5) ? "методист" : "педагог-психолог", subject: nil,
                                         experience: rng.int(7...30)))
        }
        var teachers: [Person] = []
        for _ in 0..<scale {
            let r = rng.unit()
            let age = r < 0.3 ? rng.int(22...34) : (r < 0.65 ? rng.int(35...49) : rng.int(50...66))
            let experience: Int
            if age < 35 {
                experience = rng.chance(0.45) ? rng.int(0...2) : rng.int(0...(age - 22))
            } else {
                experience = rng.int(max(3, age - 40)...(age - 22))
            }
            let subject = rng.pick(DemoNames.subjects)
            let position = subject == "начальные классы" ? "учитель начальных классов" : "учитель"
            teachers.append(try person(&rng, role: "teacher", age: age, female: rng.chance(0.82), position: position,
                                       subject: subject, experience: experience))
        }
        var employers: [Person] = []
        for _ in 0..<rng.int(1...max(1, scale / 20)) {
            employers.append(try person(&rng, role: "external", age: rng.int(28...58), female: rng.chance(0.5),
                                        position: "представитель работодателя, \(rng.pick(DemoNames.employers))", subject: nil,
                                        experience: nil))
        }
        var collegeStudents: [Person] = []
        for _ in 0..<rng.int(1...max(1, scale / 20)) {
            collegeStudents.append(try person(&rng, role: "external", age: rng.int(18...21), female: rng.chance(0.6),
                                              position: "студент, \(rng.pick(DemoNames.colleges))", subject: nil, experience: nil))
        }
        var pupils: [Person] = []
        for _ in 0..<(scale * 8) {
            let age = rng.int(7...17)
            pupils.append(try pupil(&rng, age: age))
        }

        // Mentors.
        var teacherMentors: [String] = []
        var mentorPersons = Set<String>()
        for t in teachers where t.present && t.experience >= 5 && t.age >= 27 && rng.chance(0.35) {
            let r = rng.unit()
            let status = r < 0.85 ? "active" : (r < 0.95 ? "candidate" : "inactive")
            let id = try mentor(&rng, person: t.id, status: status, competencies: 2)
            mentorPersons.insert(t.id)
            if status == "active" { teacherMentors.append(id) }
        }
        let methodistMentors = try methodists.map { try mentor(&rng, person: $0.id, status: "active", competencies: 3) }
        var pupilMentors: [String] = []
        for p in pupils where p.present && p.age >= 14 && rng.chance(0.12 * studentRate) {
            pupilMentors.append(try mentor(&rng, person: p.id, status: "active", competencies: 0))
            mentorPersons.insert(p.id)
        }
        let employerMentors = try employers.map { try mentor(&rng, person: $0.id, status: "active", competencies: 0) }
        let collegeMentors = try collegeStudents.map { try mentor(&rng, person: $0.id, status: "active", competencies: 0) }

        // Teachers as mentees: young specialists, new arrivals, the reserve, those who struggle.
        var pairings: [Pairing] = []
        for t in teachers where t.present && !mentorPersons.contains(t.id) {
            let category: String
            if t.experience < 3 { category = "young_specialist" }
            else if t.recentArrival { category = "new_arrival" }
            else if t.age < 35 { category = rng.chance(0.5) ? "reserve" : "struggling" }
            else if rng.chance(0.05) { category = "struggling" }
            else { continue }
            let keen = category == "young_specialist" || category == "new_arrival" ? teacherRate : teacherRate * 0.6
            guard !noPairs, rng.chance(keen), !(teacherMentors.isEmpty && methodistMentors.isEmpty) else {
                // In the base of mentees, not yet in a pair (most newcomers are registered).
                if rng.chance(keen == teacherRate ? 0.8 : 0.3) { _ = try mentee(&rng, person: t.id, category: category, status: "waiting") }
                continue
            }
            let methodist = !methodistMentors.isEmpty
                && (teacherMentors.isEmpty || rng.chance(category == "young_specialist" ? 0.1 : 0.4))
            let form = methodist ? "methodist-teacher" : "teacher-teacher"
            let mentorID = methodist ? rng.pick(methodistMentors) : rng.pick(teacherMentors)
            var p = newPairing(&rng, form: form, forTeachers: true)
            if t.leftDuring && p.status == "active" { p.status = "terminated"; p.ended = p.ended ?? y0 + rng.int(60...200) }
            let status = menteeStatus(p, &rng)
            p.members = [try mentee(&rng, person: t.id, category: category, status: status)]
            try write(p, mentor: mentorID, &rng)
            pairings.append(p)
        }

        // Pupils as mentees, in groups (and some pairs) of every form.
        if !noPairs {
            var keen = pupils.filter { $0.present && !mentorPersons.contains($0.id) && rng.chance(studentRate) }
            shuffle(&keen, &rng)
            var next = 0
            while next < keen.count {
                var choices: [(String, Double)] = []
                if !teacherMentors.isEmpty { choices.append(("teacher-student", 0.45)) }
                if !pupilMentors.isEmpty { choices.append(("student-student", 0.25)) }
                if !employerMentors.isEmpty { choices.append(("employer-student", 0.15)) }
                if !collegeMentors.isEmpty { choices.append(("studentmentor-student", 0.15)) }
                if choices.isEmpty { break }
                let form = weighted(choices, &rng)
                let size: Int, mentorID: String
                switch form {
                case "teacher-student": size = rng.int(4...8); mentorID = rng.pick(teacherMentors)
                case "student-student": size = rng.chance(0.6) ? 1 : rng.int(2...4); mentorID = rng.pick(pupilMentors)
                case "employer-student": size = rng.int(3...6); mentorID = rng.pick(employerMentors)
                default: size = rng.int(2...5); mentorID = rng.pick(collegeMentors)
                }
                var p = newPairing(&rng, form: form, forTeachers: false)
                for s in keen[next..<min(keen.count, next + size)] {
                    let status = menteeStatus(p, &rng)
                    p.members.append(try mentee(&rng, person: s.id, category: "student", status: status))
                }
                next += size
                try write(p, mentor: mentorID, kind: p.members.count > 1 ? "group" : "pair", &rng)
                pairings.append(p)
            }
        }

        // Last year's pairs, ended before this year: the report of this year leaves them out.
        if !noPairs && !teacherMentors.isEmpty {
            for _ in 0..<max(1, pairings.count / 10) {
                let t = rng.pick(teachers)
                var p = Pairing(id: rng.uuid(), form: "teacher-teacher", status: "completed", started: y0 - rng.int(300...400),
                                ended: y0 - rng.int(20...120), members: [], forTeachers: true)
                p.members = [try mentee(&rng, person: t.id, category: t.experience < 4 ? "young_specialist" : "struggling",
                                        status: "completed")]
                try write(p, mentor: rng.pick(teacherMentors), &rng)
                pairings.append(p)
            }
        }

        for p in pairings {
            try plans(p, &rng)
            try meetings(p, &rng)
            try surveys(p, &rng)
        }

        try writeEvents(DemoRoadmap.schoolEvents, owner: site, writer: writer, year: year, &rng)
        if rng.chance(0.5) {
            // A task left over from last year: overdue whatever today is.
            try writer.insert("events", DemoEvents.columns,
                              [.text(rng.uuid()), .text(site), .text("6.2"), .text("6. Завершение"),
                               .text("Отчёт о реализации программы наставничества за \(year.previous) учебный год"),
                               .text("Отчёт направлен в ЦРО"), demoDate(y0 - 90), demoDate(y0 - 70), .null,
                               .text("куратор наставничества"), .null, .text("planned"), .null])
        }
        if rng.chance(0.3) {
            try writer.insert("practices", ["id", "org_id", "title", "form", "summary", "link", "published_on"],
                              [.text(rng.uuid()), .text(site), .text("Практика наставничества: \(name)"),
                               .text(ReportVocabulary.label(rng.pick(ReportVocabulary.pairForms))),
                               .text("Опыт работы наставнических пар и групп школы."), .null, demoDate(y0 + rng.int(30...250))])
        }

        // Schema 2 tables from a stream of their own, so the rows above stay as they were for a seed.
        var v2 = SplitMix64(seed: rng.next())
        try writeVersion2(teachers: teachers, &v2)

        if unresolved { try dangling(pairings, &rng) }
    }
}

private func shuffle<T>(_ items: inout [T], _ rng: inout SplitMix64) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(i, rng.int(0...i)) }
}

private func weighted(_ choices: [(String, Double)], _ rng: inout SplitMix64) -> String {
    let total = choices.reduce(0) { $0 + $1.1 }
    var x = rng.unit() * total
    for (value, weight) in choices {
        if x < weight { return value }
        x -= weight
    }
    return choices[choices.count - 1].0
}

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

    // MARK: Rows

    private func person(_ rng: inout SplitMix64, role: String, age: Int, female: Bool, position: String, subject: String?,
                        experience: Int?) throws -> Person {
        var p = Person(id: rng.uuid(), age: age, experience: experience ?? 0)
        let birth = y0 - age * 365 - age / 4 - rng.int(0...364)
        var teachingSince: Int?
        var hired: Int?
        if let experience {
            // Teaching started `experience` whole years before 1 September; some of this year's
            // newcomers started in the autumn.
            teachingSince = experience == 0 && rng.chance(0.4) ? y0 + rng.int(0...45) : y0 - experience * 365 - rng.int(1...330)
            hired = teachingSince
            if experience >= 3 && rng.chance(0.15) {
                p.recentArrival = true
                hired = y0 - rng.int(0...200)
            }
        }
        var left: Int?
        let leaveDuring = experience.map { $0 < 3 } == true && role == "teacher" ? youngLeaveRate : 0.05
        if rng.chance(0.05) && (hired ?? 0) < y0 - 40 {
            p.leftBefore = true
            left = y0 - rng.int(1...min(330, y0 - (hired ?? 0) - 30))
        } else if rng.chance(leaveDuring) {
            p.leftDuring = true
            left = max(y0 + rng.int(20...330), (hired ?? y0) + 10)
        }
        let consent = rng.chance(0.96) ? max(hired ?? y0 - 400, y0 - 900) + rng.int(0...20) : nil
        // A very few teachers have no birth date or teaching start recorded: the report lists them.
        let noBirth = role == "teacher" && rng.chance(0.004)
        let noStart = role == "teacher" && rng.chance(0.004)
        try writer.insert("persons", ["id", "org_id", "full_name", "birth_date", "role", "position", "subject", "teaching_since",
                                      "hired_on", "left_on", "pd_consent_on", "notes"],
                          [.text(p.id), .text(site), .text(DemoNames.fullName(&rng, female: female)), demoDate(noBirth ? nil : birth),
                           .text(role), .text(position), demoText(subject), demoDate(noStart ? nil : teachingSince),
                           demoDate(hired), demoDate(left), demoDate(consent),
                           demoText(left == nil ? nil : (p.leftBefore ? "уволен(а) по собственному желанию" : "переезд"))])
        return p
    }

    private func pupil(_ rng: inout SplitMix64, age: Int) throws -> Person {
        var p = Person(id: rng.uuid(), age: age, experience: 0)
        let grade = max(1, min(11, age - 6))
        let birth = y0 - age * 365 - age / 4 - rng.int(0...364)
        var left: Int?
        if rng.chance(0.03) { p.leftBefore = true; left = y0 - rng.int(1...300) }
        else if rng.chance(0.03) { p.leftDuring = true; left = y0 + rng.int(10...330) }
        try writer.insert("persons", ["id", "org_id", "full_name", "birth_date", "role", "position", "pd_consent_on", "left_on"],
                          [.text(p.id), .text(site), .text(DemoNames.fullName(&rng, female: rng.chance(0.5))), demoDate(birth),
                           .text("student"), .text("обучающийся \(grade) «\(rng.pick(DemoNames.classLetters))» класса"),
                           demoDate(rng.chance(0.93) ? y0 - rng.int(0...700) : nil), demoDate(left)])
        return p
    }

    private func mentor(_ rng: inout SplitMix64, person: String, status: String, competencies: Int) throws -> String {
        let id = rng.uuid()
        var skills: [String] = []
        for _ in 0..<competencies {
            let skill = rng.pick(DemoNames.competencies)
            if !skills.contains(skill) { skills.append(skill) }  // a repeated draw names one skill once
        }
        let trained = status != "candidate" && rng.chance(0.8)
        try writer.insert("mentors", ["id", "org_id", "person_id", "status", "competencies", "trained_on", "training_course"],
                          [.text(id), .text(site), .text(person), .text(status),
                           demoText(skills.isEmpty ? nil : skills.joined(separator: "; ")),
                           demoDate(trained ? y0 - rng.int(-40...500) : nil),
                           demoText(trained ? rng.pick(DemoNames.trainingCourses) : nil)])
        return id
    }

    private func mentee(_ rng: inout SplitMix64, person: String, category: String, status: String) throws -> String {
        let id = rng.uuid()
        let student = category == "student"
        try writer.insert("mentees", ["id", "org_id", "person_id", "category", "requests", "deficits", "status"],
                          [.text(id), .text(site), .text(person), .text(category),
                           .text(student ? rng.pick(DemoNames.studentRequests) : "методическая поддержка"),
                           demoText(student ? nil : rng.pick(DemoNames.deficits)), .text(status)])
        return id
    }

    private func newPairing(_ rng: inout SplitMix64, form: String, forTeachers: Bool) -> Pairing {
        let r = rng.unit()
        var p = Pairing(id: rng.uuid(), form: form, status: "active", started: nil, ended: nil, members: [], forTeachers: forTeachers)
        if r < 0.62 {
            p.started = y0 + rng.int(-250...75)
        } else if r < 0.82 {
            p.status = "completed"
            let started = y0 + rng.int(-200...40)
            p.started = started
            p.ended = max(started + 60, y0 + rng.int(90...300))
        } else if r < 0.91 {
            p.status = "forming"
            p.started = rng.chance(0.6) ? nil : y0 + rng.int(60...120)
        } else {
            p.status = "terminated"
            let started = y0 + rng.int(-60...40)
            p.started = started
            p.ended = started + rng.int(30...150)
        }
        return p
    }

    private func menteeStatus(_ p: Pairing, _ rng: inout SplitMix64) -> String {
        switch p.status {
        case "completed": return "completed"
        case "terminated": return rng.chance(0.5) ? "left" : "waiting"
        default: return "in_pair"
        }
    }

    private func write(_ p: Pairing, mentor: String, kind: String = "pair", _ rng: inout SplitMix64) throws {
        let result: String?
        switch p.status {
        case "completed": result = rng.pick(["Цели ИОМ достигнуты", "Наставляемый адаптирован в коллективе",
                                             "Подготовлен проект, выступление на конференции", "Улучшены результаты обучения"])
        case "terminated": result = rng.pick(["Прекращена по инициативе наставляемого", "Наставник уволился",
                                              "Наставляемый выбыл из ОО", "Несовместимость пары"])
        default: result = nil
        }
        try writer.insert("pairs", ["id", "org_id", "mentor_id", "form", "kind", "started_on", "ended_on", "status", "result"],
                          [.text(p.id), .text(site), .text(mentor), .text(p.form), .text(kind), demoDate(p.started),
                           demoDate(p.ended), .text(p.status), demoText(result)])
        for m in p.members {
            try writer.insert("pair_mentees", ["id", "org_id", "pair_id", "mentee_id"], [.text(rng.uuid()), .text(site), .text(p.id), .text(m)])
        }
    }

    /// An individual plan per teacher mentee, a group plan (no mentee) for pupils' groups.
    private func plans(_ p: Pairing, _ rng: inout SplitMix64) throws {
        guard rng.chance(p.forTeachers ? planRate : planRate * 0.8) else { return }
        let begin = (p.started ?? y0) + rng.int(0...30)
        var ends = p.ended ?? (y1 - rng.int(0...70))
        if ends <= begin { ends = begin + 30 }
        let status: String
        switch p.status {
        case "forming": status = "draft"
        case "completed": status = rng.chance(doneRate) ? "done" : "failed"
        case "terminated": status = "failed"
        default:
            // An active pair: the plan runs on; some plans are done early, some fall behind.
            let r = rng.unit()
            status = r < doneRate * 0.25 ? "done" : (r > 0.95 ? "failed" : "active")
            if status == "done" { ends = min(ends, begin + rng.int(60...200)) }
        }
        let targets: [String?] = p.forTeachers ? p.members.map { $0 } : [nil]
        for mentee in targets {
            let title = p.forTeachers ? "ИОМ: \(rng.pick(DemoNames.deficits))" : "План работы группы: \(rng.pick(DemoNames.studentRequests))"
            try writer.insert("plans", ["id", "org_id", "pair_id", "mentee_id", "title", "goals", "starts_on", "ends_on", "status"],
                              [.text(rng.uuid()), .text(site), .text(p.id), demoText(mentee), .text(title),
                               .text("Устранить профессиональные дефициты; освоить приёмы наставника; итоговое открытое мероприятие"),
                               demoDate(begin), demoDate(ends), .text(status)])
        }
    }

    /// The cycle of DOMAIN.md: introduction, trial, planning, joint work, final.
    private func meetings(_ p: Pairing, _ rng: inout SplitMix64) throws {
        guard p.status != "forming" else { return }
        let start = p.started ?? y0
        let end = p.ended ?? y1
        var plan: [(String, Int)] = [("introduction", start), ("trial", start + rng.int(3...10)), ("planning", start + rng.int(10...20))]
        let joint = p.status == "terminated" ? rng.int(0...1) : rng.int(1...6)
        for _ in 0..<joint { plan.append(("joint_work", start + 21 + rng.int(0...max(1, end - start - 22)))) }
        if p.status == "completed" { plan.append(("final", end)) }
        if rng.chance(0.2) { plan.append(("other", start + rng.int(0...max(1, end - start)))) }
        var number = 0
        for (kind, day) in plan where day <= end {
            number += 1
            let undated = rng.chance(0.002)
            try writer.insert("meetings", ["id", "org_id", "pair_id", "kind", "held_on", "minutes", "notes"],
                              [.text(rng.uuid()), .text(site), .text(p.id), .text(kind), demoDate(undated ? nil : day),
                               .text("Протокол № \(number)"), demoText(rng.chance(0.3) ? rng.pick(DemoNames.competencies) : nil)])
        }
    }

    /// Mentor and mentees answer at the end of a pair, and mid-year in a working one.
    private func surveys(_ p: Pairing, _ rng: inout SplitMix64) throws {
        let day: Int
        switch p.status {
        case "completed", "terminated": day = p.ended ?? y1
        case "active": guard rng.chance(0.6) else { return }; day = max(p.started ?? y0, y0 + rng.int(100...140))
        default: return
        }
        let unhappy = p.status == "terminated"
        func score(_ rng: inout SplitMix64, mentor: Bool) -> Int64 {
            Int64(unhappy ? rng.int(3...7) : (mentor ? rng.int(7...10) : rng.int(5...10)))
        }
        try survey(&rng, pair: p.id, respondent: "mentor", score: score(&rng, mentor: true), day: day)
        for _ in p.members.prefix(4) where rng.chance(0.85) {
            try survey(&rng, pair: p.id, respondent: "mentee", score: score(&rng, mentor: false), day: day + rng.int(0...5))
        }
    }

    private func survey(_ rng: inout SplitMix64, pair: String, respondent: String, score: Int64, day: Int) throws {
        try writer.insert("surveys", ["id", "org_id", "pair_id", "respondent", "satisfaction", "answered_on", "comment"],
                          [.text(rng.uuid()), .text(site), .text(pair), .text(respondent), .integer(score), demoDate(day),
                           demoText(rng.chance(0.15) ? rng.pick(["Спасибо наставнику!", "Хотелось бы больше встреч",
                                                                 "Полезно", "Мало времени на совместную работу"]) : nil)])
    }

    /// References to rows that have not arrived: what a registry holds in the middle of syncing.
    private func dangling(_ pairings: [Pairing], _ rng: inout SplitMix64) throws {
        if rng.chance(0.12) {
            // A pair whose mentor (entered on another computer) has not arrived yet.
            try writer.insert("pairs", ["id", "org_id", "mentor_id", "form", "kind", "started_on", "status"],
                              [.text(rng.uuid()), .text(site), .text(rng.uuid()), .text("teacher-teacher"), .text("pair"),
                               demoDate(y0 + rng.int(5...40)), .text("active")])
        }
        if rng.chance(0.06), let p = pairings.first(where: { $0.members.count > 1 }) {
            try writer.insert("pair_mentees", ["id", "org_id", "pair_id", "mentee_id"],
                              [.text(rng.uuid()), .text(site), .text(p.id), .text(rng.uuid())])
        }
        if rng.chance(0.05) {
            try writer.insert("meetings", ["id", "org_id", "pair_id", "kind", "held_on"],
                              [.text(rng.uuid()), .text(site), .text(rng.uuid()), .text("joint_work"), demoDate(y0 + rng.int(30...200))])
        }
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

import MentorSyncDomain
import MentorSyncEngine

/// The rows of one school's people: staff and pupils, and their mentor and mentee records.
extension DemoSchool {
    func person(_ rng: inout SplitMix64, role: String, age: Int, female: Bool, position: String, subject: String?,
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

    func pupil(_ rng: inout SplitMix64, age: Int) throws -> Person {
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

    func mentor(_ rng: inout SplitMix64, person: String, status: String, competencies: Int) throws -> String {
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

    func mentee(_ rng: inout SplitMix64, person: String, category: String, status: String) throws -> String {
        let id = rng.uuid()
        let student = category == "student"
        try writer.insert("mentees", ["id", "org_id", "person_id", "category", "requests", "deficits", "status"],
                          [.text(id), .text(site), .text(person), .text(category),
                           .text(student ? rng.pick(DemoNames.studentRequests) : "методическая поддержка"),
                           demoText(student ? nil : rng.pick(DemoNames.deficits)), .text(status)])
        return id
    }
}

import MentorSyncDomain
import MentorSyncEngine

/// One school's mentoring: pairs and groups, their plans, meetings and surveys, and dangling references.
extension DemoSchool {
    func newPairing(_ rng: inout SplitMix64, form: String, forTeachers: Bool) -> Pairing {
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

    func menteeStatus(_ p: Pairing, _ rng: inout SplitMix64) -> String {
        switch p.status {
        case "completed": return "completed"
        case "terminated": return rng.chance(0.5) ? "left" : "waiting"
        default: return "in_pair"
        }
    }

    func write(_ p: Pairing, mentor: String, kind: String = "pair", _ rng: inout SplitMix64) throws {
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
    func plans(_ p: Pairing, _ rng: inout SplitMix64) throws {
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
    func meetings(_ p: Pairing, _ rng: inout SplitMix64) throws {
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
    func surveys(_ p: Pairing, _ rng: inout SplitMix64) throws {
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

    func survey(_ rng: inout SplitMix64, pair: String, respondent: String, score: Int64, day: Int) throws {
        try writer.insert("surveys", ["id", "org_id", "pair_id", "respondent", "satisfaction", "answered_on", "comment"],
                          [.text(rng.uuid()), .text(site), .text(pair), .text(respondent), .integer(score), demoDate(day),
                           demoText(rng.chance(0.15) ? rng.pick(["Спасибо наставнику!", "Хотелось бы больше встреч",
                                                                 "Полезно", "Мало времени на совместную работу"]) : nil)])
    }

    /// References to rows that have not arrived: what a registry holds in the middle of syncing.
    func dangling(_ pairings: [Pairing], _ rng: inout SplitMix64) throws {
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

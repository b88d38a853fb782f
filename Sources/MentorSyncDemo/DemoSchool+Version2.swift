import MentorSyncEngine

/// The tables of registry schema 2 in the demo: diagnostics of professional deficits, courses,
/// professional contests, and who took part in the school's practice-sharing event, master class and
/// consultation, so the report's indicators 8–12 have something to show.
extension DemoSchool {
    func writeVersion2(teachers: [Person], _ rng: inout SplitMix64) throws {
        let present = teachers.filter(\.present)
        guard !present.isEmpty else { return }
        let levels = ["high", "elevated", "basic", "basic", "low", "unacceptable"]
        for t in present where rng.chance(0.7) {
            try writer.insert("diagnostics", ["id", "org_id", "person_id", "held_on", "level", "tool", "deficits"],
                              [.text(rng.uuid()), .text(site), .text(t.id), demoDate(y0 + rng.int(10...120)),
                               .text(rng.pick(levels)), .text("анкета самодиагностики"),
                               rng.chance(0.5) ? .text("цифровые инструменты; работа с родителями") : .null])
        }
        let topics = ["mentoring", "deficits", "talents", "other"]
        for t in present where rng.chance(0.25) {
            try writer.insert("trainings", ["id", "org_id", "person_id", "course", "provider", "topic", "hours",
                                            "federal_registry", "finished_on", "passed"],
                              [.text(rng.uuid()), .text(site), .text(t.id), .text("Курс повышения квалификации"),
                               .text("ЦРО"), .text(rng.pick(topics)), .real(Double(rng.pick([16, 36, 72]))),
                               .integer(rng.chance(0.5) ? 1 : 0), demoDate(y0 + rng.int(20...300)),
                               .integer(rng.chance(0.9) ? 1 : 0)])
        }
        for t in present where rng.chance(0.05) {
            try writer.insert("contest_entries", ["id", "org_id", "person_id", "contest", "level", "year", "result"],
                              [.text(rng.uuid()), .text(site), .text(t.id), .text("Учитель года"),
                               .text(rng.pick(["school", "municipal", "regional"])), .integer(Int64(year.startYear + 1)),
                               .text(rng.pick(["участник", "призёр", "победитель"]))])
        }
        let event = rng.uuid()
        try writer.insert("events", ["id", "org_id", "title", "starts_on", "status", "kind"],
                          [.text(event), .text(site), .text("Фестиваль наставнических практик школы"),
                           demoDate(y0 + rng.int(60...200)), .text("done"), .text("practice_sharing")])
        for t in present where rng.chance(0.6) {
            try writer.insert("event_participants", ["id", "org_id", "event_id", "person_id", "role"],
                              [.text(rng.uuid()), .text(site), .text(event), .text(t.id),
                               .text(rng.chance(0.2) ? "speaker" : "participant")])
        }
        // A master class and a consultation of the school's methodical association (indicator 12b).
        for (title, kind, share) in [("Мастер-класс наставников школы", "master_class", 0.5),
                                     ("Консультация по индивидуальным образовательным маршрутам", "consultation", 0.3)] {
            let id = rng.uuid()
            try writer.insert("events", ["id", "org_id", "title", "starts_on", "status", "kind"],
                              [.text(id), .text(site), .text(title), demoDate(y0 + rng.int(30...240)), .text("done"), .text(kind)])
            for t in present where rng.chance(share) {
                try writer.insert("event_participants", ["id", "org_id", "event_id", "person_id", "role"],
                                  [.text(rng.uuid()), .text(site), .text(id), .text(t.id), .text("participant")])
            }
        }
    }
}

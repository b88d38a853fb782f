/// The school's agenda (`SchoolAgenda`): the home page's «Что сделать» and `status`.
extension Message {
    public static let agendaHeading = Message("agenda.heading", en: "To do", ru: "Что сделать")
    public static let agendaNothing = Message("agenda.nothing",
                                              en: "nothing waits: the running pairs have their plans and meetings, the completed ones their surveys, and the last exchange is recent",
                                              ru: "сейчас ничего не ждёт: у действующих пар есть планы и встречи, у завершённых — анкеты, обмен был недавно")

    /// What an item is about, with how many rows: «нет плана (ИОМ) у действующих пар (2)».
    public static func agendaHead(_ item: AgendaItem) -> Message {
        let n = item.count
        switch item.kind {
        case .exchangeDue:
            guard let days = item.days else {
                return Message("agenda.never_exchanged",
                               en: "no exchange with the district yet: your records are on this computer alone until the first one",
                               ru: "обмена с управлением образования ещё не было: пока ваши записи есть только на этом компьютере")
            }
            let (enWaiting, ruWaiting) = n > 0 ? (", and \(Plural.en(count: n, "change is", "changes are")) not yet confirmed", ", изменений ещё не подтверждено: \(n)") : ("", "")
            return Message("agenda.exchange_due",
                           en: "time to exchange with the district: the last exchange was \(Plural.en(count: days, "day", "days")) ago\(enWaiting)",
                           ru: "пора обменяться данными с управлением образования: последний обмен был \(Plural.ru(count: days, "день", "дня", "дней")) назад\(ruWaiting)")
        case .replyOverdue:
            let days = item.days ?? 0
            return Message("agenda.reply_overdue",
                           en: "the district has not answered for \(Plural.en(count: days, "day", "days")), \(Plural.en(count: n, "change is", "changes are")) not yet confirmed: ask it whether your sticks or the shared folder reach it",
                           ru: "управление образования не отвечает \(Plural.ru(count: days, "день", "дня", "дней")), изменений ещё не подтверждено: \(n): узнайте у него, доходят ли до него ваши флешки или общая папка")
        case .changesRefused:
            return Message("agenda.changes_refused",
                           en: "the district did not accept changes (\(n)): open the row, it says why and what to do",
                           ru: "управление образования не приняло изменения (\(n)): откройте запись, там сказано почему и что сделать")
        case .pairPastEnd:
            return Message("agenda.pair_past_end",
                           en: "pairs past their end date and not closed (\(n)): mark them completed with their result, or correct the end date",
                           ru: "не закрыты пары, чей срок прошёл (\(n)): отметьте «завершена» с результатом или исправьте дату окончания")
        case .pairStillForming:
            return Message("agenda.pair_still_forming",
                           en: "pairs still “forming” a month after they began (\(n)): mark them running — the report counts running and completed pairs only",
                           ru: "всё ещё «формируются» пары, начавшиеся больше месяца назад (\(n)): отметьте «действует» — отчёт считает только действующие и завершённые пары")
        case .pairWithoutPlan:
            return Message("agenda.pair_without_plan", en: "running pairs without a plan (ИОМ) (\(n))",
                           ru: "нет плана (ИОМ) у действующих пар (\(n))")
        case .pairWithoutMeetings:
            return Message("agenda.pair_without_meetings", en: "running pairs without a meeting for over a month (\(n))",
                           ru: "нет встреч больше месяца у действующих пар (\(n))")
        case .surveysMissing:
            return Message("agenda.surveys_missing", en: "pairs completed this school year without their satisfaction surveys (\(n))",
                           ru: "нет анкет удовлетворённости у пар, завершённых в этом учебном году (\(n))")
        case .finalMeetingMissing:
            return Message("agenda.final_meeting_missing", en: "pairs completed this school year without their final meeting (\(n))",
                           ru: "нет итоговой встречи у пар, завершённых в этом учебном году (\(n))")
        case .noPairsYet where item.awaitsDistrictCopy:
            return Message("agenda.no_pairs_yet_copy_to_come",
                           en: "no pairs in the registry yet, and the district's answer to the first exchange has not come: if the school kept its registry on another computer, everything comes back with it — do not enter it again; a school beginning enters the teachers and pupils (a list from Excel can be loaded whole), marks the mentors and the mentees, then makes the pairs",
                           ru: "пар в реестре ещё нет, а ответа управления образования на первый обмен ещё не было: если школа уже вела реестр на другом компьютере, всё вернётся с этим ответом — не вносите заново; если школа только начинает — внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары")
        case .noPairsYet:
            return Message("agenda.no_pairs_yet",
                           en: "no pairs in the registry yet: enter the teachers and pupils (a list from Excel can be loaded whole), mark the mentors and the mentees, then make the pairs",
                           ru: "пар в реестре ещё нет: внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары")
        case .menteesWaiting:
            return Message("agenda.mentees_waiting", en: "mentees waiting for a pair (\(n))", ru: "ждут пару наставляемые (\(n))")
        case .menteesWithoutPair:
            let (inPair, done, left) = (valueTitle("in_pair", column: "status", table: "mentees"), valueTitle("completed", column: "status", table: "mentees"),
                                        valueTitle("left", column: "status", table: "mentees"))
            return Message("agenda.mentees_without_pair",
                           en: "mentees marked “\(inPair.english)” but in no running pair (\(n)): mark them “\(done.english)” or “\(left.english)”, or make their pair",
                           ru: "наставляемые «\(inPair.russian)» без действующей пары (\(n)): отметьте «\(done.russian)» или «\(left.russian)» либо составьте пару")
        }
    }

    /// One row of an item: «Петров Олег Ильич» (окончание 31.05.2026).
    public static func agendaRow(_ row: AgendaItem.Row) -> Message {
        let detail = row.detail.map { " (\($0))" } ?? ""
        return Message("agenda.row", en: "“\(row.name)”\(detail)", ru: "«\(row.name)»\(detail)")
    }

    public static func agendaMore(_ n: Int) -> Message {
        Message("agenda.more", en: "and \(n) more", ru: "и ещё \(n)")
    }

    static func agendaStartedOn(_ day: String) -> Message { Message("agenda.started_on", en: "began \(day)", ru: "начало \(day)") }
    static func agendaEndedOn(_ day: String) -> Message { Message("agenda.ended_on", en: "end date \(day)", ru: "окончание \(day)") }
    static func agendaLastMeeting(_ day: String) -> Message { Message("agenda.last_meeting", en: "last meeting \(day)", ru: "последняя встреча \(day)") }
    static let agendaNoMeetings = Message("agenda.no_meetings", en: "no meetings", ru: "встреч нет")

    static func agendaSurveysOf(mentor: Bool, mentee: Bool) -> Message {
        switch (mentor, mentee) {
        case (true, true): return Message("agenda.surveys_of_both", en: "neither the mentor's nor the mentee's", ru: "нет анкет наставника и наставляемого")
        case (true, false): return Message("agenda.surveys_of_mentor", en: "no mentor's survey", ru: "нет анкеты наставника")
        default: return Message("agenda.surveys_of_mentee", en: "no mentee's survey", ru: "нет анкеты наставляемого")
        }
    }
}

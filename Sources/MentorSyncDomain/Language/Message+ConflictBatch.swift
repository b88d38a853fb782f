/// A school's conflicts settled by one decision (`ConflictBatch`): at the command line and on the page.
extension Message {
    public static func conflictBatchUsage(_ tool: String) -> Message {
        Message("conflicts.batch_usage",
                en: "conflicts resolve --all --site SITE --keep school|district|mine|theirs [--field TABLE.COLUMN] [--dry-run]",
                ru: "conflicts resolve --all --site КОД --keep school|district|mine|theirs [--field ТАБЛИЦА.СТОЛБЕЦ] [--dry-run]")
    }

    /// An option of `resolve --all` typed with another form of `conflicts` (one conflict's resolve, list, show).
    public static func conflictBatchOnly(_ option: String) -> Message {
        Message("conflicts.batch_only",
                en: "--\(option) goes only with conflicts resolve --all (a school's conflicts at once: --all --site SITE --keep school|district [--field TABLE.COLUMN] [--dry-run]); nothing was changed",
                ru: "--\(option) — параметр только для conflicts resolve --all (все конфликты школы сразу: --all --site КОД --keep school|district [--field ТАБЛИЦА.СТОЛБЕЦ] [--dry-run]); ничего не изменено")
    }

    public static func conflictBatchBadKeep(_ word: String) -> Message {
        Message("conflicts.batch_bad_keep",
                en: "--keep with --all takes school (the school's values), district (the district's), mine (the values held now) or theirs (the values lost), not '\(word)'; nothing was changed",
                ru: "--keep с --all принимает school (значения школы), district (значения управления образования), mine (значения, которые сейчас в реестре) или theirs (потерянные значения), а не «\(word)»; ничего не изменено")
    }

    /// What the decision keeps, as a clause: «оставлены значения школы „…“» (`future`: «будут оставлены …»).
    public static func conflictBatchKept(_ keep: ConflictBatch.Keep, school: String, future: Bool = false) -> Message {
        let (be, will) = future ? ("будут ", "will be ") : ("", "")
        switch keep {
        case .school: return Message("conflicts.batch_kept_school", en: "the values of «\(school)» \(will)kept", ru: "\(be)оставлены значения школы «\(school)»")
        case .district: return Message("conflicts.batch_kept_district", en: "the district's values \(will)kept", ru: "\(be)оставлены значения управления образования")
        case .mine: return Message("conflicts.batch_kept_mine", en: "the values held now \(will)kept", ru: "\(be)оставлены значения, которые сейчас в реестре")
        case .theirs: return Message("conflicts.batch_kept_theirs", en: "the values lost \(will)brought back", ru: "\(be)возвращены потерянные значения")
        }
    }

    public static func conflictBatchField(_ field: String?) -> Message {
        guard let field else { return Message("conflicts.batch_all_fields", en: "", ru: "") }
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        let named = parts.count == 2 ? "\(rowTitle(parts[0]).english) — \(webColumn(parts[1], table: parts[0]).english)" : field
        let namedRu = parts.count == 2 ? "\(rowTitle(parts[0]).russian) — \(webColumn(parts[1], table: parts[0]).russian)" : field
        return Message("conflicts.batch_field", en: " (field «\(named)»)", ru: " (поле «\(namedRu)»)")
    }

    public static func conflictBatchNone(school: String, field: String?) -> Message {
        let f = conflictBatchField(field)
        return Message("conflicts.batch_none", en: "«\(school)» has no open conflicts\(f.english); nothing was changed",
                       ru: "у школы «\(school)» нет открытых конфликтов\(f.russian); ничего не изменено")
    }

    /// The receipt: how many were settled, what was kept, how many values changed. `dryRun`: what
    /// would be done, at the command line (`preview`: the same on the page, without the command's advice).
    public static func conflictBatchSettled(_ n: Int, changed: Int, keep: ConflictBatch.Keep, school: String, field: String?, dryRun: Bool, preview: Bool = false) -> Message {
        let f = conflictBatchField(field)
        if dryRun || preview {
            let kept = conflictBatchKept(keep, school: school, future: true)
            let (en, ru) = dryRun ? ("; nothing was changed (run it again without --dry-run to settle them)", "; ничего не изменено (чтобы решить, повторите команду без --dry-run)") : ("", "")
            return Message("conflicts.batch_would_settle",
                           en: "\(Plural.en(count: n, "conflict", "conflicts")) of «\(school)»\(f.english) will be settled: \(kept.english); \(Plural.en(count: changed, "value", "values")) in the registry will change\(en)",
                           ru: "будет решено \(Plural.ru(count: n, "конфликт", "конфликта", "конфликтов")) школы «\(school)»\(f.russian): \(kept.russian); в реестре изменится \(Plural.ru(count: changed, "значение", "значения", "значений"))\(ru)")
        }
        let kept = conflictBatchKept(keep, school: school)
        return Message("conflicts.batch_settled",
                       en: "settled \(Plural.en(count: n, "conflict", "conflicts")) of «\(school)»\(f.english): \(kept.english); \(Plural.en(count: changed, "value", "values")) in the registry changed; the school receives the decisions in its next reply",
                       ru: "решено \(Plural.ru(count: n, "конфликт", "конфликта", "конфликтов")) школы «\(school)»\(f.russian): \(kept.russian); в реестре изменено \(Plural.ru(count: changed, "значение", "значения", "значений")); школа получит решения со следующим ответом")
    }

    public static func conflictBatchReplaced(_ n: Int) -> Message {
        Message("conflicts.batch_replaced",
                en: "\(Plural.en(count: n, "conflict was", "conflicts were")) settled already by a later change of the field: kept as it is",
                ru: "\(Plural.ru(count: n, "конфликт уже решён", "конфликта уже решены", "конфликтов уже решены")) более поздним изменением поля: остаётся как есть")
    }

    public static func conflictBatchLeft(_ n: Int, cli: Bool) -> Message {
        Message("conflicts.batch_left",
                en: "\(Plural.en(count: n, "conflict is", "conflicts are")) left to settle one by one\(cli ? " (conflicts list)" : ""): the record was deleted, or both values were written by the same side",
                ru: "\(Plural.ru(count: n, "конфликт остаётся", "конфликта остаются", "конфликтов остаются")) решить по одному\(cli ? " (conflicts list)" : ""): запись удалена или оба значения записала одна сторона")
    }

    /// One line of the preview: `«Иванова М. П.» — Должность: учитель → завуч`.
    public static func conflictBatchLine(row: String, field: String, now: String, kept: String, changes: Bool) -> Message {
        changes ? Message("conflicts.batch_line", en: "\(row) — \(field): \(now) → \(kept)", ru: "\(row) — \(field): \(now) → \(kept)")
                : Message("conflicts.batch_line_same", en: "\(row) — \(field): \(kept) (stays)", ru: "\(row) — \(field): \(kept) (остаётся)")
    }

    // The page.
    public static let webBatchHeading = Message("web.batch_heading", en: "Settle a school's conflicts at once", ru: "Решить конфликты школы разом")
    public static func webBatchIntro(_ n: Int, school: String) -> Message {
        Message("web.batch_intro",
                en: "«\(school)» has \(Plural.en(count: n, "open conflict", "open conflicts")). You may keep one side for all of them (or for one field): you will see first what changes, and confirm.",
                ru: "У школы «\(school)» \(Plural.ru(count: n, "открытый конфликт", "открытых конфликта", "открытых конфликтов")). Можно оставить одну сторону во всех сразу (или в одном поле): сначала вы увидите, что изменится, и подтвердите.")
    }
    public static let webBatchAllFields = Message("web.batch_all_fields", en: "all fields", ru: "все поля")
    public static let webBatchFieldLabel = Message("web.batch_field", en: "Field", ru: "Поле")
    public static let webBatchKeepSchool = Message("web.batch_keep_school", en: "Keep the school's values…", ru: "Оставить значения школы…")
    public static let webBatchKeepDistrict = Message("web.batch_keep_district", en: "Keep the district's values…", ru: "Оставить значения управления образования…")
    public static func webBatchTitle(_ school: String) -> Message {
        Message("web.batch_title", en: "Conflicts of «\(school)»: what will change", ru: "Конфликты школы «\(school)»: что изменится")
    }
    public static let webBatchRow = Message("web.batch_row", en: "Record", ru: "Запись")
    public static let webBatchNow = Message("web.batch_now", en: "Now in the registry", ru: "Сейчас в реестре")
    public static let webBatchAfter = Message("web.batch_after", en: "Will be", ru: "Станет")
    public static let webBatchStays = Message("web.batch_stays", en: "stays", ru: "не меняется")
    public static func webBatchConfirm(_ n: Int) -> Message {
        Message("web.batch_confirm", en: "Settle \(Plural.en(count: n, "conflict", "conflicts"))",
                ru: "Решить \(Plural.ru(count: n, "конфликт", "конфликта", "конфликтов"))")
    }
    public static let webBatchChanged = Message("web.batch_changed",
        en: "Some of these conflicts were settled or changed meanwhile (an exchange came in): here is what the decision does now — look again and confirm.",
        ru: "Пока страница была открыта, часть конфликтов решена или изменилась (пришёл обмен): ниже — что решение сделает сейчас; посмотрите ещё раз и подтвердите.")
    public static func webSchoolConflicts(_ school: String) -> Message {
        Message("web.school_conflicts", en: "Conflicts of «\(school)»", ru: "Конфликты школы «\(school)»")
    }
    public static let conflictBatchChangedMeanwhile = Message("conflicts.batch_changed",
        en: "the school's conflicts changed while the decision was being made (an exchange came in); nothing was changed: look at them again",
        ru: "конфликты школы изменились, пока принималось решение (пришёл обмен); ничего не изменено: посмотрите их ещё раз")
}

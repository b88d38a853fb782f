import Foundation

/// Messages of settling conflicts (`conflicts resolve`).
extension Message {
    public static func resolveUsage(_ tool: String) -> Message {
        Message("conflicts.resolve_usage",
                en: "conflicts resolve ID --keep mine|theirs, or conflicts resolve ID --value TEXT (one of them)",
                ru: "conflicts resolve ID --keep mine|theirs или conflicts resolve ID --value ТЕКСТ (что-то одно)")
    }

    public static func resolveBadKeep(_ word: String, tool: String) -> Message {
        Message("conflicts.resolve_bad_keep",
                en: "--keep takes mine (the district's value) or theirs (the value it lost), not '\(word)'; to type a value use --value TEXT; nothing was changed",
                ru: "--keep принимает mine (значение управления образования) или theirs (значение школы), а не «\(word)»; чтобы ввести значение, используйте --value ТЕКСТ; ничего не изменено")
    }
}

/// What `conflicts list` and `conflicts show` say: the row as people know it, both sides with their
/// writers by name and the writers' times (their own clocks, marked as such).
extension Message {
    public static let conflictsNone = Message("conflicts.none", en: "no open conflicts", ru: "открытых конфликтов нет")

    public static func conflictsCount(open: Int, all: Int) -> Message {
        Message("conflicts.count",
                en: "\(Plural.en(count: open, "open conflict", "open conflicts"))\(all > open ? ", \(all - open) settled" : "")",
                ru: "\(Plural.ru(count: open, "открытый конфликт", "открытых конфликта", "открытых конфликтов"))\(all > open ? ", решённых: \(all - open)" : "")")
    }

    /// `a4e6489d  Люди «Иванова Мария Петровна» [e305ab1e] — Должность` (`row` as `ConflictView.rowName` gives it).
    public static func conflictTitle(short: String, table: String, row: String, column: String) -> Message {
        Message("conflicts.title", en: "\(short) \(tableTitle(table).english) \(row) — \(columnTitle(column, table: table).english)",
                ru: "\(short) \(rowTitle(table).russian) \(row) — \(columnTitle(column, table: table).russian)")
    }

    /// `mine — Управление образования: завуч (сейчас в реестре)`; `choice` is the word `--keep` takes;
    /// `keepable`: false of a conflict a later change of its field settled (no side to keep, no word said).
    public static func conflictSide(choice: String, writer: String, value: String, current: Bool, keepable: Bool = true) -> Message {
        let keep = keepable ? " (--keep \(choice))" : ""
        return Message("conflicts.side", en: "\(keepable ? choice : choice == "mine" ? "kept" : "lost") — \(writer): \(value)\(current ? " (held now)" : "")",
                       ru: "\(choice == "mine" ? "принятое" : "потерянное")\(keep) — \(writer): \(value)\(current ? " (сейчас в реестре)" : "")")
    }

    /// When a side's write was made, by its writer's clock.
    public static func conflictWrittenAt(_ date: Date?, writer: String) -> Message {
        guard let date else {
            return Message("conflicts.written_unknown", en: "not yet carried by any bundle: written before the conflict was found",
                           ru: "ещё не уходило ни с одним пакетом: записано до того, как конфликт обнаружен")
        }
        return Message("conflicts.written_at",
                       en: "written no later than \(LocalTime.readable(date, .en)) by the clock of \(writer)'s computer",
                       ru: "записано не позже \(LocalTime.readable(date, .ru)) по часам компьютера: \(writer)")
    }

    public static let conflictsResolveHint = Message("conflicts.resolve_hint",
        en: "settle one with: mentorsync-district conflicts resolve ID --keep mine|theirs, or --value TEXT; more: conflicts show ID; a school's all at once: conflicts resolve --all --site SITE --keep school|district --dry-run",
        ru: "решить: mentorsync-district conflicts resolve КОД --keep mine|theirs или --value ТЕКСТ; подробнее: conflicts show КОД; все конфликты школы сразу: conflicts resolve --all --site КОД --keep school|district --dry-run")

    public static func conflictHeading(short: String, status: Message) -> Message {
        Message("conflicts.heading", en: "conflict \(short) — \(status.english)", ru: "Конфликт \(short) — \(status.russian)")
    }

    public static let conflictOpen = Message("conflicts.open", en: "open", ru: "открыт")

    public static func conflictSettled(_ how: Message) -> Message {
        Message("conflicts.settled", en: "settled: \(how.english)", ru: "решён: \(how.russian)")
    }

    public static func conflictRow(table: String, row: String, owner: String?, deleted: Bool) -> Message {
        Message("conflicts.row",
                en: "row: \(tableTitle(table).english) \(row)\(owner.map { "; owner: \($0)" } ?? "")\(deleted ? "; the row is deleted" : "")",
                ru: "запись: \(rowTitle(table).russian) \(row)\(owner.map { "; владелец: \($0)" } ?? "")\(deleted ? "; запись удалена" : "")")
    }

    public static func conflictColumn(_ column: String, table: String) -> Message {
        Message("conflicts.column", en: "column: \(columnTitle(column, table: table).english) (\(column))",
                ru: "поле: \(columnTitle(column, table: table).russian)")
    }

    public static func conflictDetected(by: String, at: Date) -> Message {
        Message("conflicts.detected", en: "detected by \(by), \(LocalTime.readable(at, .en))",
                ru: "обнаружен: \(by), \(LocalTime.readable(at, .ru))")
    }

    public static func conflictExplained(short: String) -> Message {
        Message("conflicts.explained",
                en: "Both sides changed this cell without seeing each other's change; the value held now is the one every site chose by the same rule. To settle it: mentorsync-district conflicts resolve \(short) --keep mine|theirs (or --value TEXT)",
                ru: "Обе стороны изменили это поле, не видя изменений друг друга; сейчас в реестре значение, которое все выбрали по одному правилу. Решить: mentorsync-district conflicts resolve \(short) --keep mine|theirs (или --value ТЕКСТ)")
    }

    /// What the coordinator decided, said from the note kept with the conflict (English, the machine's).
    public static func conflictResolution(_ note: String) -> Message {
        switch note {
        case "kept the district's value": return Message("conflicts.kept_mine", en: note, ru: "оставлено значение управления образования")
        case "kept the school's value": return Message("conflicts.kept_theirs", en: note, ru: "оставлено значение школы")
        case "emptied": return Message("conflicts.emptied", en: "the field emptied", ru: "поле очищено")
        case DistrictHome.replacedNote:
            return Message("conflicts.replaced", en: "the field was changed after both sides", ru: "поле изменили позже обеих сторон")
        case "kept the deletion: the row stays deleted":
            return Message("conflicts.kept_deletion", en: note, ru: "оставлено удаление: запись остаётся удалённой")
        default:
            if note.hasPrefix("set to ") {
                return Message("conflicts.set_to", en: note, ru: "установлено значение «\(note.dropFirst(7))»")
            }
            return Message("conflicts.resolution", en: note, ru: note)
        }
    }

    public static func conflictResolved(_ how: Message) -> Message {
        Message("conflicts.resolved", en: "resolved: \(how.english); the school receives it in its next reply",
                ru: "решено: \(how.russian); школа получит это со следующим ответом")
    }

    public static func noConflict(_ id: String) -> Message {
        Message("conflicts.no_such", en: "no conflict with id \(id); see 'conflicts list'",
                ru: "нет конфликта с кодом «\(id)»; список: mentorsync-district conflicts list --all")
    }

    public static func conflictHeldAfter(_ value: String) -> Message {
        Message("conflicts.held_after", en: "the field holds now: “\(value)”", ru: "сейчас в поле: «\(value)»")
    }

    /// Either side asked for, of a conflict whose field a later change replaced.
    public static func conflictReplaced(short: String, held: String) -> Message {
        Message("conflicts.replaced_refused",
                en: "conflict \(short) is settled already: the field was changed after it, and holds “\(held)” now (keeping either side would undo that change); to set another value: mentorsync-district conflicts resolve \(short) --value TEXT",
                ru: "конфликт \(short) уже снят: поле изменили позже, сейчас в нём «\(held)» (оставить любую из сторон значило бы отменить это изменение); чтобы поставить другое значение: mentorsync-district conflicts resolve \(short) --value ТЕКСТ")
    }

    /// The same refusal on the conflicts page: another value goes in the page's box, not a command.
    public static func conflictReplacedOnPage(held: String) -> Message {
        Message("conflicts.replaced_refused_on_page",
                en: "this conflict is settled already: the field was changed after it, and holds “\(held)” now (keeping either side would undo that change); to set another value, type it in the box «\(webTypeValue.english)» on the conflict's page",
                ru: "этот конфликт уже снят: поле изменили позже, сейчас в нём «\(held)» (оставить любую из сторон значило бы отменить это изменение); чтобы поставить другое значение, впишите его в поле «\(webTypeValue.russian)» на странице конфликта")
    }

    public static func conflictIDAmbiguous(_ id: String) -> Message {
        Message("conflicts.ambiguous", en: "'\(id)' matches several conflicts; give more of the id",
                ru: "«\(id)» подходит к нескольким конфликтам; введите код длиннее")
    }

    public static func conflictNoRow(short: String, table: String, rowID: String, deletedBy: String?, column: String, value: String, gone: Bool) -> Message {
        let enGone = gone ? "is not in this registry" : "was deleted\(deletedBy.map { " (by \($0))" } ?? "")"
        let ruGone = gone ? "нет в этом реестре" : "удалена\(deletedBy.map { " (удалил: \($0))" } ?? "")"
        return Message("conflicts.no_row",
                       en: "conflict \(short) not settled: row \(table) \(rowID) \(enGone), so \(column) = \(value) has no row to go into; re-create the row with 'put \(table) --id \(rowID) --set …', then settle the conflict again",
                       ru: "конфликт \(short) не решён: записи \(tableTitle(table).russian) \(rowID) \(ruGone), значению «\(value)» поля \(column) некуда записаться; создайте запись заново: put \(table) --id \(rowID) --set …, затем решите конфликт снова")
    }
}

extension Message {
    /// A conflict's side that is the deletion of its row, and the row's place where its name was.
    public static let conflictRowDeleted = Message("conflict.row_deleted", en: "record deleted", ru: "запись удалена")

    /// A conflict settled with a typed value left empty: nothing is changed.
    static func conflictValueEmpty(column: String, table: String) -> Message {
        Message("conflicts.value_empty",
                en: "the value to keep is empty: type the right “\(columnTitle(column, table: table).english)”, or keep one of the two values; nothing was changed",
                ru: "значение не введено: впишите правильное значение поля «\(columnTitle(column, table: table).russian)» или оставьте одно из двух значений; ничего не изменено")
    }
}

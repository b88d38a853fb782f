/// Messages of registry editing and listing (`put`, `list`, `delete`).
extension Message {
    public static func listFooter(rows: Int, hidden: [String]) -> Message {
        let en = hidden.isEmpty ? "" : "; not shown: \(hidden.joined(separator: ", ")) (see --json or export-csv)"
        let ru = hidden.isEmpty ? "" : "; не показаны: \(hidden.joined(separator: ", ")) (полностью: --json или export-csv)"
        return Message("list.footer", en: "(\(rows) row\(rows == 1 ? "" : "s")\(en))", ru: "(записей: \(rows)\(ru))")
    }
}

/// Why an edit of the registry was refused (RegistryEditor).
extension Message {
    static func noTable(_ name: String, tables: [String]) -> Message {
        Message("registry.no_table",
                en: "no table '\(name)'; tables are: \(tables.joined(separator: ", "))",
                ru: "нет таблицы «\(name)»; таблицы: \(tables.map(ruTable).joined(separator: ", "))")
    }

    static func noColumn(_ table: String, _ name: String, columns: [String]) -> Message {
        Message("registry.no_column",
                en: "table \(table) has no column '\(name)'; columns are: \(columns.joined(separator: ", "))",
                ru: "в таблице \(ruTable(table)) нет столбца «\(name)»; столбцы: \(columns.joined(separator: ", "))")
    }

    /// The district giving a row of its own tables to a school.
    static func districtTableOwner(_ table: String) -> Message {
        let t = Message.tableTitle(table)
        return Message("registry.district_table_owner",
                       en: "rows of «\(t.english)» belong to the district: a school cannot be their owner (leave org_id out)",
                       ru: "записи таблицы «\(t.russian)» принадлежат управлению образования: школа не может быть их владельцем (не указывайте org_id)")
    }

    /// A school writing a table only the district keeps: the district would refuse every row of it.
    static func districtTable(_ table: String) -> Message {
        let t = tableTitle(table)
        return Message("registry.district_table",
                       en: "«\(t.english)» is kept by the district alone: a school sees it and cannot add to or change it (the district would refuse the row)",
                       ru: "таблицу «\(t.russian)» ведёт только управление образования: школа её видит, но добавить или изменить в ней ничего не может (управление такую запись не примет)")
    }

    /// `ownerName`: the owner as people know it (the organization's name), when this registry has it.
    static func mayNotWrite(site: String, owner: String, ownerName: String? = nil) -> Message {
        Message("registry.may_not_write",
                en: "this school (\(site)) may not write rows of '\(owner)'; only the district can",
                ru: "эта школа (\(site)) не может менять записи организации «\(ownerName ?? owner)»; это может только управление образования")
    }

    static let idBySet = Message("registry.id_by_set",
                                 en: "set the row id with --id, not --set id=…", ru: "id строки задаётся через --id, а не --set id=…")

    static func notASiteID(_ text: String) -> Message {
        Message("registry.not_a_site", en: "org_id '\(text)' is not a site id", ru: "org_id «\(text)» — не код школы или района")
    }

    static let rowIDLength = Message("registry.id_length",
                                     en: "a row id must be 1 to 64 characters", ru: "id строки — от 1 до 64 символов")

    static let nothingToChange = Message("registry.nothing_to_change",
                                         en: "nothing to change: give --set COLUMN=VALUE", ru: "нечего менять: укажите --set СТОЛБЕЦ=ЗНАЧЕНИЕ")

    static func sayOwner(_ table: String) -> Message {
        Message("registry.say_owner",
                en: "say which school owns the new \(table) row: --set org_id=SITE",
                ru: "укажите, какой школе принадлежит новая строка таблицы \(ruTable(table)): --set org_id=КОД")
    }

    static func requiredForNewRow(_ table: String, _ column: String) -> Message {
        Message("registry.required",
                en: "“\(columnTitle(column, table: table).english)” (\(column)) is not filled in: a new \(table) row is not saved without it",
                ru: "не заполнено «\(columnTitle(column, table: table).russian)»: без этого новую запись таблицы «\(tableTitle(table).russian)» не сохранить")
    }

    static func emptyNewRow(_ table: String) -> Message {
        Message("registry.empty_row",
                en: "nothing is filled in: an empty \(table) row is not saved",
                ru: "ничего не заполнено: пустая запись таблицы «\(tableTitle(table).russian)» не сохраняется")
    }

    static func needsOneOf(_ table: String, _ columns: [String]) -> Message {
        let ru = columns.map { "«\(columnTitle($0, table: table).russian)»" }.joined(separator: " или ")
        let en = columns.map { "“\(columnTitle($0, table: table).english)” (\($0))" }.joined(separator: " or ")
        return Message("registry.needs_one_of",
                       en: "fill in \(en): a new \(table) row is not saved without one of them",
                       ru: "укажите \(ru): без этого новую запись таблицы «\(tableTitle(table).russian)» не сохранить")
    }

    static func requiredNotEmptied(_ table: String, _ column: String) -> Message {
        Message("registry.required_not_emptied",
                en: "“\(columnTitle(column, table: table).english)” (\(column)) cannot be emptied: a \(table) row is not kept without it",
                ru: "«\(columnTitle(column, table: table).russian)» нельзя оставить пустым: без этого запись таблицы «\(tableTitle(table).russian)» не хранится")
    }

    static func registryRefuses(_ reason: String) -> Message {
        Message("registry.refuses", en: "the registry refuses this value: \(reason)", ru: "реестр не принимает это значение: \(reason)")
    }
}

/// What `put`, `list` and `delete` did.
extension Message {
    public static func putDone(_ table: String, id: String, created: Bool, name: String?) -> Message {
        let shown = name.map { " «\($0)»" } ?? ""
        return Message("registry.put_done",
                       en: "\(created ? "added" : "updated") \(table) \(id)\(shown)",
                       ru: "\(created ? "добавлено" : "изменено"): \(rowTitle(table).russian)\(shown) [\(ReferenceResolver.shortID(id))]")
    }

    /// `list --where` found nothing (the table itself may hold many rows).
    public static func noRowsMatch(_ table: String) -> Message {
        Message("registry.no_rows_match", en: "no rows of \(table) match", ru: "в таблице «\(tableTitle(table).russian)» нет записей с такими значениями")
    }

    public static func noRows(_ table: String) -> Message {
        Message("registry.no_rows", en: "no rows in \(table)", ru: "в таблице «\(tableTitle(table).russian)» пока нет записей")
    }

    /// `name`: the row's name, read before it was deleted.
    public static func deleted(_ table: String, id: String, name: String? = nil) -> Message {
        let shown = name.map { " «\($0)»" } ?? ""
        return Message("registry.deleted", en: "deleted \(table) \(id)\(shown)",
                       ru: "удалено: \(rowTitle(table).russian)\(shown) [\(ReferenceResolver.shortID(id))]")
    }

    /// A second mentee linked to a pair of the kind «пара» (`PairKind`).
    static func pairTakesOneMentee(pair: String, holds mentee: String) -> Message {
        Message("registry.pair_takes_one_mentee",
                en: "the pair “\(pair)” is one mentor and one mentee, and “\(mentee)” is in it already; to add more mentees, make its kind “group”",
                ru: "пара «\(pair)» — это один наставник и один наставляемый, а в ней уже есть «\(mentee)»; чтобы добавить ещё наставляемых, выберите для неё вид «группа»")
    }

    /// A pair with several mentees made a «пара» (`PairKind`).
    static func pairHasSeveralMentees(pair: String, mentees: [String]) -> Message {
        Message("registry.pair_has_several_mentees",
                en: "the pair “\(pair)” has \(mentees.count) mentees (\(mentees.joined(separator: ", "))), and the kind “pair” takes one: keep it a group, or take the others out of it first",
                ru: "в паре «\(pair)» наставляемых: \(mentees.count) (\(mentees.joined(separator: ", "))), а вид «пара» — это один наставляемый: оставьте вид «группа» или сначала уберите из неё остальных")
    }

    /// A person put in a pair as its mentor and its mentee (`PairKind`).
    static func mentorOfHerOwnPair(_ person: String) -> Message {
        Message("registry.mentor_of_own_pair",
                en: "“\(person)” is this pair's mentor and cannot be its mentee too; choose another mentee, or another mentor",
                ru: "«\(person)» — наставник этой пары и не может быть в ней наставляемым; выберите другого наставляемого или другого наставника")
    }
}

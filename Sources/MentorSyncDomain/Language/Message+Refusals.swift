import MentorSyncEngine

/// A row the district refused (`RefusalReason`), told to the school that sent it (what to do
/// there) or to the coordinator (whose change it was is said by the line around it). Both
/// readers' texts side by side; `row` names a row by table and id, `owner` an organization by id.
extension Message {
    public enum RefusalReader: Sendable { case school, coordinator }

    static func refusal(_ reason: RefusalReason, to reader: RefusalReader,
                        row: (_ table: String, _ id: String) -> String, owner: (String) -> String) -> Message {
        let school = reader == .school
        switch reason {
        case .notOwner(let table, let id, let org, _):
            let (t, r, o) = (rowTitle(table), row(table, id), owner(org))
            return school
                ? Message("school.refused_not_owner",
                          en: "the district did not accept a change of \(t.english) «\(r)»: the row belongs to «\(o)», not to this school; only its owner and the district may change it",
                          ru: "управление образования не приняло изменение: \(t.russian) «\(r)» — запись принадлежит организации «\(o)», а не вашей школе; изменять её могут только владелец и управление образования")
                : Message("district.refused_not_owner",
                          en: "a change of \(t.english) «\(r)» was refused: the row belongs to «\(o)»",
                          ru: "не принято изменение: \(t.russian) «\(r)» — запись принадлежит организации «\(o)»")
        case .districtOnly(let table, let id):
            let (t, r) = (rowTitle(table), row(table, id))
            return school
                ? Message("school.refused_district_only",
                          en: "the district did not accept a change of \(t.english) «\(r)»: the district alone keeps this table; tell the district if something in it is wrong",
                          ru: "управление образования не приняло изменение: \(t.russian) «\(r)» — эту таблицу ведёт только управление образования; если в ней ошибка, сообщите в управление")
                : Message("district.refused_district_only",
                          en: "a change of \(t.english) «\(r)» was refused: only the district keeps this table",
                          ru: "не принято изменение: \(t.russian) «\(r)» — эту таблицу ведёт только управление образования")
        case .twoOwners(let table, let id):
            let (t, r) = (rowTitle(table), row(table, id))
            return school
                ? Message("school.refused_two_owners",
                          en: "the district did not accept a change of \(t.english) «\(r)»: the change names two different owners",
                          ru: "управление образования не приняло изменение: \(t.russian) «\(r)» — в изменении указаны два разных владельца")
                : Message("district.refused_two_owners",
                          en: "a change of \(t.english) «\(r)» was refused: it names two different owners",
                          ru: "не принято изменение: \(t.russian) «\(r)» — в нём указаны два разных владельца")
        case .refusedValue(let table, let id, let detail):
            let (t, r) = (rowTitle(table), row(table, id))
            return school
                ? Message("school.refused_value",
                          en: "the district did not accept \(t.english) «\(r)»: its registry refuses one of the row's values (\(detail)); correct the row and it goes again with the next sync",
                          ru: "управление образования не приняло запись: \(t.russian) «\(r)» — реестр управления не принимает одно из её значений (\(detail)); исправьте запись, и она уйдёт со следующей синхронизацией")
                : Message("district.refused_value",
                          en: "\(t.english) «\(r)» was refused: the registry refuses one of its values (\(detail)); the school is told to correct it",
                          ru: "не принята запись: \(t.russian) «\(r)» — реестр не принимает одно из её значений (\(detail)); школе сообщено, что её нужно исправить")
        case .unknownTable(let table):
            let t = tableTitle(table)
            return school
                ? Message("school.refused_unknown_table",
                          en: "the district's mentorsync does not know the table «\(t.english)» yet: the district needs to upgrade mentorsync",
                          ru: "программа mentorsync в управлении образования ещё не знает таблицу «\(t.russian)»: управлению нужно обновить программу")
                : Message("district.refused_unknown_table",
                          en: "rows of the table «\(t.english)» were refused: this version of mentorsync does not know it; upgrade mentorsync",
                          ru: "не приняты записи таблицы «\(t.russian)»: эта версия mentorsync её не знает; обновите программу")
        case .notOffered(let table, let id, _, let target, let ref, let org):
            let (t, r, named, nt, o) = (rowTitle(table), row(table, id), row(target, ref), tableTitle(target), owner(org))
            return school
                ? Message("school.refused_not_offered",
                          en: "the district did not accept a change of \(t.english) «\(r)»: \(nt.english) «\(named)» of «\(o)» is not offered to network mentoring (its school may have withdrawn it); choose one of your school or another from the district's base of network mentors",
                          ru: "управление образования не приняло изменение: \(t.russian) «\(r)» — выбранная запись «\(named)» (\(nt.russian), организация «\(o)») не предложена для сетевого наставничества (её школа могла её снять); выберите запись своей школы или другую из базы сетевых наставников")
                : Message("district.refused_not_offered",
                          en: "a change of \(t.english) «\(r)» was refused: \(nt.english) «\(named)» of «\(o)» is not offered to network mentoring",
                          ru: "не принято изменение: \(t.russian) «\(r)» — выбранная запись «\(named)» (\(nt.russian), организация «\(o)») не предложена для сетевого наставничества")
        case .notWhole(let table, let id):
            let (t, r) = (rowTitle(table), row(table, id))
            return school
                ? Message("school.refused_not_whole",
                          en: "the district did not receive \(t.english) «\(r)» whole: it goes whole with the next sync; nothing to do",
                          ru: "управление образования не получило запись целиком: \(t.russian) «\(r)» — она уйдёт целиком со следующим обменом; делать ничего не нужно")
                : Message("district.refused_not_whole",
                          en: "a change of \(t.english) «\(r)» was refused: only some cells of a record not held here came; the school sends it whole",
                          ru: "не принято изменение: \(t.russian) «\(r)» — пришла часть записи, которой здесь нет; школа пришлёт её целиком")
        case .notParty(let table, let id, _, let linked, let ref, let org, let sender):
            let (t, r, named, lt, o) = (rowTitle(table), row(table, id), row(linked, ref), tableTitle(linked), owner(org))
            if sender == nil {
                return school
                    ? Message("school.refused_owner_attaches",
                              en: "the district did not accept \(t.english) «\(r)»: only «\(o)», the owner of \(lt.english) «\(named)», adds such rows to it",
                              ru: "управление образования не приняло запись: \(t.russian) «\(r)» — добавлять такие записи к «\(named)» (\(lt.russian)) может только её владелец, «\(o)»")
                    : Message("district.refused_owner_attaches",
                              en: "\(t.english) «\(r)» was refused: only «\(o)», the owner of \(lt.english) «\(named)», adds such rows to it",
                              ru: "не принята запись: \(t.russian) «\(r)» — добавлять такие записи к «\(named)» (\(lt.russian)) может только её владелец, «\(o)»")
            }
            return school
                ? Message("school.refused_not_party",
                          en: "the district did not accept \(t.english) «\(r)»: it belongs to \(lt.english) «\(named)» of «\(o)», which this school is not a party to",
                          ru: "управление образования не приняло запись: \(t.russian) «\(r)» — она относится к «\(named)» (\(lt.russian), организация «\(o)»), в которой ваша школа не участвует")
                : Message("district.refused_not_party",
                          en: "\(t.english) «\(r)» was refused: it belongs to \(lt.english) «\(named)» of «\(o)», which the school is not a party to",
                          ru: "не принята запись: \(t.russian) «\(r)» — она относится к «\(named)» (\(lt.russian), организация «\(o)»), в которой школа не участвует")
        }
    }
}

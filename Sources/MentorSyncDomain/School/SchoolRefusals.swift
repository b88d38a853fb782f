import Foundation
import MentorSyncEngine

extension SchoolHome {
    /// A rejection the district sent, as the school's user reads it: a refused row by its name and
    /// table, why, and what to do (Protocol/bundle.md words these reasons; `RefusalReason` reads
    /// them); a reason of any other wording as the district wrote it. The one source of these
    /// lines for `sync`, `import`, `status` and the web app.
    public func refusalMessage(bundle: String, reason: String) -> Message {
        guard let refused = RefusalReason(text: reason) else { return .districtRefused(bundle, reason: .reason(reason)) }
        let names = ReferenceResolver(database: database)
        func name(_ id: String, in table: String) -> String? { (try? names.label(of: id, in: table)) ?? nil }
        func row(_ table: String, _ id: String) -> String { name(id, in: table) ?? ReferenceResolver.shortID(id) }
        switch refused {
        case .notOwner(let table, let id, let owner, _):
            return .refusedNotOwner(table: table, row: row(table, id), owner: name(owner, in: "organizations") ?? owner)
        case .districtOnly(let table, let id):
            return .refusedDistrictOnly(table: table, row: row(table, id))
        case .twoOwners(let table, let id):
            return .refusedTwoOwners(table: table, row: row(table, id))
        case .refusedValue(let table, let id, let detail):
            return .refusedValue(table: table, row: row(table, id), detail: detail)
        case .unknownTable(let table):
            return .refusedUnknownTable(table)
        }
    }
}

extension Message {
    static func refusedNotOwner(table: String, row: String, owner: String) -> Message {
        Message("school.refused_not_owner",
                en: "the district did not accept a change of \(Message.tableTitle(table).english) «\(row)»: the row belongs to «\(owner)», not to this school; only its owner and the district may change it",
                ru: "управление образования не приняло изменение: \(Message.tableTitle(table).russian) «\(row)» — запись принадлежит организации «\(owner)», а не вашей школе; изменять её могут только владелец и управление образования")
    }

    static func refusedDistrictOnly(table: String, row: String) -> Message {
        Message("school.refused_district_only",
                en: "the district did not accept a change of \(Message.tableTitle(table).english) «\(row)»: the district alone keeps this table; tell the district if something in it is wrong",
                ru: "управление образования не приняло изменение: \(Message.tableTitle(table).russian) «\(row)» — эту таблицу ведёт только управление образования; если в ней ошибка, сообщите в управление")
    }

    static func refusedTwoOwners(table: String, row: String) -> Message {
        Message("school.refused_two_owners",
                en: "the district did not accept a change of \(Message.tableTitle(table).english) «\(row)»: the change names two different owners",
                ru: "управление образования не приняло изменение: \(Message.tableTitle(table).russian) «\(row)» — в изменении указаны два разных владельца")
    }

    static func refusedValue(table: String, row: String, detail: String) -> Message {
        Message("school.refused_value",
                en: "the district did not accept \(Message.tableTitle(table).english) «\(row)»: its registry refuses one of the row's values (\(detail)); correct the row and it goes again with the next sync",
                ru: "управление образования не приняло запись: \(Message.tableTitle(table).russian) «\(row)» — реестр управления не принимает одно из её значений (\(detail)); исправьте запись, и она уйдёт со следующей синхронизацией")
    }

    static func refusedUnknownTable(_ table: String) -> Message {
        Message("school.refused_unknown_table",
                en: "the district's mentorsync does not know the table «\(Message.tableTitle(table).english)» yet: the district needs to upgrade mentorsync",
                ru: "программа mentorsync в управлении образования ещё не знает таблицу «\(Message.tableTitle(table).russian)»: управлению нужно обновить программу")
    }
}

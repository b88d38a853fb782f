/// Messages of spreadsheet import (`import-csv`).
extension Message {
    static func importSeveralPersons(_ count: Int, _ name: String) -> Message {
        Message("import.several_persons",
                en: "\(count) persons named '\(name)' with this birth date are in the registry already; add an id column to say which one",
                ru: "в реестре уже \(count) человека с именем «\(name)» и этой датой рождения; добавьте столбец id, чтобы указать, кого именно")
    }
}

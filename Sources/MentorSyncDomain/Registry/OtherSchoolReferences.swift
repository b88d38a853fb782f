import MentorSyncEngine

/// What a school's row may name of another school's rows, checked where the entry is made (the
/// district refuses the rest when it arrives, and the school would keep a row nobody else has):
/// - a link the sharing rules allow (a pair's mentor) only to a row offered to network mentoring
///   now — a mentor whose school withdrew it is still held here, but no new pair may take it;
/// - a person only of the row's own organization, or of the district: another school's teacher,
///   held here as a network mentor's reduced row, is never this school's mentor, mentee or
///   participant.
public enum OtherSchoolReferences {
    /// Why a row of `rowOwner`'s may not name, in `column` of `table`, the row of `target` owned by
    /// `owner`; nil when it may (its own row, the district's, or a link to a row offered now).
    static func refusal(table: String, column: String, target: String, ref: String, owner: String, rowOwner: String,
                        district: String?, database: Database) throws -> RefusedKind? {
        let sharing = RegistrySchema.schema.sharing
        guard owner != rowOwner, owner != district else { return nil }
        if sharing.links.contains(where: { $0.table == table && $0.column == column }) {
            return try sharing.isOffered(target, id: ref, in: database) ? nil : .notOffered
        }
        return target == "persons" ? .personOfAnotherSchool : nil
    }

    enum RefusedKind { case notOffered, personOfAnotherSchool }

    static func check(_ t: TableSchema, database: Database, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        guard let rowOwner = try value("org_id")?.text, !rowOwner.isEmpty else { return }
        let district = try districtID(database)
        guard rowOwner != district else { return }
        for c in t.columns where touches([c.name]) {
            guard case .reference(let target) = c.kind, let ref = try value(c.name)?.text, !ref.isEmpty,
                  let owner = try database.scalar("SELECT org_id FROM \(SQL.identifier(target)) WHERE id = ?", [.text(ref)])?.text,
                  let refused = try refusal(table: t.name, column: c.name, target: target, ref: ref, owner: owner, rowOwner: rowOwner,
                                            district: district, database: database) else { continue }
            let names = ReferenceResolver(database: database)
            let named = try names.labelOrShortID(ref, in: target)
            let school = try names.label(of: owner, in: "organizations") ?? owner
            switch refused {
            case .notOffered: throw MessageError(.notOfferedNow(named, table: target, school: school))
            case .personOfAnotherSchool: throw MessageError(.personOfAnotherSchool(named, table: t.name, school: school))
            }
        }
    }

    /// The rows a form offers for `column` of a row of `rowOwner`: the ones it may name, each with
    /// the name of its organization when that is another school (a network mentor), in order.
    public static func choices(_ rows: [RowName], table: String, column: String, target: String, rowOwner: String,
                               database: Database) throws -> [(row: RowName, school: String?)] {
        let district = try districtID(database)
        guard rowOwner != district else { return rows.map { ($0, nil) } }
        var owners: [String: String] = [:]
        for r in try database.rows("SELECT id, org_id FROM \(SQL.identifier(target))") { owners[r[0].displayText] = r[1].displayText }
        let names = ReferenceResolver(database: database)
        var kept: [(row: RowName, school: String?)] = []
        for row in rows {
            guard let owner = owners[row.id], owner != rowOwner, owner != district else { kept.append((row, nil)); continue }
            guard try refusal(table: table, column: column, target: target, ref: row.id, owner: owner, rowOwner: rowOwner,
                              district: district, database: database) == nil else { continue }
            kept.append((row, try names.label(of: owner, in: "organizations") ?? owner))
        }
        return kept
    }

    /// Whether `owner` is a school (not the district) in the registry of `database`.
    public static func isSchool(_ owner: String, database: Database) throws -> Bool {
        try owner != districtID(database)
    }

    /// The district's site id: this site at the district, the district it belongs to at a school.
    private static func districtID(_ database: Database) throws -> String? {
        guard let r = try database.rows("SELECT site, role, district FROM msync_site").first else { return nil }
        return r[1].text == "district" ? r[0].text : r[2].text
    }
}

extension Message {
    static func notOfferedNow(_ named: String, table: String, school: String) -> Message {
        let t = tableTitle(table)
        return Message("registry.not_offered",
                       en: "«\(named)» (\(t.english)) belongs to «\(school)» and is not offered to network mentoring now: choose one of your school's, or one offered to the network",
                       ru: "«\(named)» (\(t.russian)) — запись организации «\(school)», и она сейчас не предложена для сетевого наставничества: выберите запись своей школы или предложенную для сетевого наставничества")
    }

    static func personOfAnotherSchool(_ named: String, table: String, school: String) -> Message {
        let t = tableTitle(table)
        return Message("registry.person_of_another_school",
                       en: "«\(named)» is in the list of «\(school)», not of this school: \(t.english) of a school name only its own people; add the person to your list first if they work here",
                       ru: "«\(named)» — человек из списка организации «\(school)», а не вашей школы: в таблице «\(t.russian)» школы могут быть только её люди; если он работает у вас, сначала добавьте его в «Люди»")
    }
}

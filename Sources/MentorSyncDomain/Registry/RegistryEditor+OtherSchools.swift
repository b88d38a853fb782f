import MentorSyncEngine

/// Rows of other schools a school holds through network mentoring (DESIGN.md, "Network mentoring"):
/// offered mentors with their reduced persons, and the network pairs it is a party to with what
/// hangs on them. Lists and the web app mark them; they are read, not edited, there.
extension RegistryEditor {
    /// At a school: whether a row owned by `orgID` is another school's. Never at the district.
    public func isOtherSchools(_ orgID: String) -> Bool {
        replica.role == .school && orgID != replica.site.rawValue && orgID != replica.district.rawValue
    }

    /// How the lists of `table` mark another school's rows (the command line's and the web app's alike).
    public func otherSchoolsMarks(in table: String) throws -> OtherSchoolsMarks {
        OtherSchoolsMarks(editor: self, now: replica.role == .school ? try replica.networkRowsNow()[table] ?? [] : [])
    }
}

/// The mark of another school's row in a school's list: «(сетевое наставничество)» while network
/// mentoring brings the row now — a mentor offered to the network, a pair the school is party to
/// and what hangs on it — and, once it brings it no more (the mentor taken off the network, the
/// pair given a mentor of its own school), that it is no longer so: the row stays, read-only.
public struct OtherSchoolsMarks {
    let editor: RegistryEditor
    let now: Set<String>

    /// nil for the school's own rows and the district's; `school` names the owner for the reader.
    public func mark(owner: String, id: String, school: (String) throws -> String) rethrows -> Message? {
        guard editor.isOtherSchools(owner) else { return nil }
        return now.contains(id) ? .otherSchoolsRow(try school(owner)) : .otherSchoolsFormerRow(try school(owner))
    }
}

extension Message {
    /// The owner of another school's row in a school's lists, by its name (its code when not known here).
    public static func otherSchoolsRow(_ school: String) -> Message {
        Message("list.other_school", en: "of the school “\(school)” (network mentoring)",
                ru: "из школы «\(school)» (сетевое наставничество)")
    }

    /// The same, for a row network mentoring brings no more.
    public static func otherSchoolsFormerRow(_ school: String) -> Message {
        Message("list.other_school_former", en: "of the school “\(school)” (no longer in network mentoring)",
                ru: "из школы «\(school)» (больше не в сетевом наставничестве)")
    }
}

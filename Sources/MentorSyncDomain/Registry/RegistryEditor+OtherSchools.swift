import MentorSyncEngine

/// Rows of other schools a school holds through network mentoring (DESIGN.md, "Network mentoring"):
/// offered mentors with their reduced persons, and the network pairs it is a party to with what
/// hangs on them. Lists and the web app mark them; they are read, not edited, there.
extension RegistryEditor {
    /// At a school: whether a row owned by `orgID` is another school's. Never at the district.
    public func isOtherSchools(_ orgID: String) -> Bool {
        replica.role == .school && orgID != replica.site.rawValue && orgID != replica.district.rawValue
    }
}

extension Message {
    /// The owner of another school's row in a school's lists, by its name (its code when not known here).
    public static func otherSchoolsRow(_ school: String) -> Message {
        Message("list.other_school", en: "of the school “\(school)” (network mentoring)",
                ru: "из школы «\(school)» (сетевое наставничество)")
    }
}

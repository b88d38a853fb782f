/// Environments that choose the tools' language by LANG alone (DESIGN.md, "People's language and
/// names"): the variables that would win over LANG are cleared, whatever the machine running the tests has.
public enum ToolLocale {
    public static let russian = lang("ru_RU.UTF-8")
    public static let english = lang("C.UTF-8")

    public static func lang(_ value: String) -> [String: String] {
        ["LANG": value, "LC_ALL": "", "LC_MESSAGES": "", "MENTORSYNC_LANG": ""]
    }
}

/// Why a report could not be made; each message is one line that says what to do.
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `--period` is not a school year.
    case badPeriod(String)
    /// `--site` names no school of this registry.
    case unknownSite(String)
    /// The database is not a registry (a table is missing).
    case notARegistry(path: String, missingTable: String)
    /// `--format` is not one of the report formats.
    case badFormat(String)

    public var description: String {
        switch self {
        case .badPeriod(let text):
            return "period \(text): expected a school year like 2024-2025 (1 September to 31 August)"
        case .unknownSite(let site):
            return "site \(site): no school of this registry has that site id; see `status` for the enrolled schools"
        case .notARegistry(let path, let table):
            return "\(path): table \(table) is missing; this is not a mentorsync registry (run init first)"
        case .badFormat(let text):
            return "format \(text): expected one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

/// Errors about a site's home folder, each one line a person can act on.
public enum HomeError: Error, Equatable, CustomStringConvertible {
    case notAHome(String)
    case alreadyExists(String)
    case badEnrollment(String)
    case notEnrolled(String)
    /// A folder that is no share (missing, not prepared, not writable): the line in both languages.
    case notAShare(Message)
    case invalidArgument(String)
    case busy(String)

    public var description: String {
        switch self {
        case .notAHome(let path): return Message.notAHome(path).text()
        case .alreadyExists(let path): return Message.alreadyExists(path).text()
        case .badEnrollment(let why): return why
        case .notEnrolled(let site): return Message.notEnrolled(site).text()
        case .notAShare(let why): return why.text()
        case .invalidArgument(let why): return why
        case .busy(let why): return why
        }
    }

    /// The line in English, for the daemon's key=value log, which is never translated (DESIGN.md).
    public var englishDescription: String {
        if case .notAShare(let why) = self { return why.text(.en) }
        return description
    }
}

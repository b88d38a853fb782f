/// Errors about a site's home folder, each one line a person can act on.
public enum HomeError: Error, Equatable, CustomStringConvertible {
    case notAHome(String)
    case alreadyExists(String)
    case badEnrollment(String)
    case notEnrolled(String)
    case notAShare(String)
    case invalidArgument(String)
    case busy(String)

    public var description: String {
        switch self {
        case .notAHome(let path): return Message.notAHome(path).text()
        case .alreadyExists(let path): return Message.alreadyExists(path).text()
        case .badEnrollment(let why): return why
        case .notEnrolled(let site): return Message.notEnrolled(site).text()
        case .notAShare(let why): return why
        case .invalidArgument(let why): return why
        case .busy(let why): return why
        }
    }
}

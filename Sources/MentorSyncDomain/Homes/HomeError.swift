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
        case .notAHome(let path): return "\(path) holds no mentorsync registry; run init first or pass --home"
        case .alreadyExists(let path): return "\(path) already holds a registry; refusing to overwrite it"
        case .badEnrollment(let why): return "enrollment file refused: \(why)"
        case .notEnrolled(let site): return "school '\(site)' is not enrolled here; enroll it first"
        case .notAShare(let why): return why
        case .invalidArgument(let why): return why
        case .busy(let why): return why
        }
    }
}

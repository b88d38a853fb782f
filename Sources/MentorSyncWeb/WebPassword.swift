import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The web app's passwords, kept in `web-passwords` in the home (never in registry.db):
/// one line per user, `name:iterations:salt-hex:hash-hex`, the hash PBKDF2-HMAC-SHA256.
/// A hash made at fewer iterations than `iterations` (20,000 before 2026-12) is checked at its own
/// count, and hashed again at `iterations` with its salt when it logs in.
public struct WebPasswords {
    /// OWASP's count for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023): a login costs
    /// about 0.4 s of one core in a release build, 1 s in a debug one.
    public static let iterations = 600_000
    public let file: URL

    public init(home: URL) { file = home.appendingPathComponent("web-passwords") }

    struct Entry { var user: String; var iterations: Int; var salt: [UInt8]; var hash: [UInt8] }

    func entries() -> [Entry] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let n = Int(f[1]), let salt = Hex.decode(f[2]), let hash = Hex.decode(f[3]) else { return nil }
            return Entry(user: f[0], iterations: n, salt: salt, hash: hash)
        }
    }

    public var isEmpty: Bool { entries().isEmpty }

    /// Sets (or replaces) the password of `user`; the file is written whole and readable by its owner only.
    public func set(user: String, password: String) throws {
        guard !user.isEmpty, !user.contains(":"), !user.contains("\n") else { throw WebError(.webBadUser) }
        guard password.count >= 8 else { throw WebError(.webShortPassword) }
        let salt = WebRandom.bytes(16)
        let hash = Self.pbkdf2(Array(password.utf8), salt: salt, iterations: Self.iterations)
        try exclusively {
            try write(entries().filter { $0.user != user } + [Entry(user: user, iterations: Self.iterations, salt: salt, hash: hash)])
        }
    }

    /// Reads and rewrites the file under a lock on the home folder (flock), so the app raising a
    /// hash and `web-password` changing it, two processes, never write over each other's change.
    private func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        let folder = open(file.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { flock(folder, LOCK_EX) }
        defer { if folder >= 0 { flock(folder, LOCK_UN); close(folder) } }
        return try body()
    }

    /// The file written whole (a name of its own for the new copy), readable by its owner only.
    private func write(_ entries: [Entry]) throws {
        let lines = entries.map { "\($0.user):\($0.iterations):\(Hex.encode($0.salt)):\(Hex.encode($0.hash))" }
        let tmp = file.appendingPathExtension("tmp-\(getpid())-\(Hex.encode(WebRandom.bytes(4)))")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]),
              rename(tmp.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw WebError(.webCannotWrite(file.path, reason))
        }
    }

    /// Whether `password` is the password of `user` (compared in constant time).
    /// A name nobody has costs the same work as a wrong password (a hash of a stand-in entry), so
    /// the time of the answer does not tell a stranger which user names exist. A hash made at fewer
    /// iterations is checked at its count and also worked out at `iterations` (a wrong password costs
    /// no less than for anyone else); the right password has it written in place of the old one,
    /// with the same salt (the sessions opened with it go on).
    public func check(user: String, password: String) -> Bool {
        let found = entries().first(where: { $0.user == user })
        let e = found ?? Self.standIn
        let matches = constantTimeEquals(Self.pbkdf2(Array(password.utf8), salt: e.salt, iterations: e.iterations), e.hash)
        if e.iterations < Self.iterations {
            let raised = Entry(user: e.user, iterations: Self.iterations, salt: e.salt,
                               hash: Self.pbkdf2(Array(password.utf8), salt: e.salt, iterations: Self.iterations))
            if found != nil && matches { raise(e, to: raised) }
        }
        return found != nil && matches
    }

    /// The old entry replaced by the raised one, unless `web-password` changed it meanwhile. A home
    /// the app cannot write keeps the old hash, which still logs in.
    private func raise(_ old: Entry, to raised: Entry) {
        exclusively {
            var all = entries()
            guard let i = all.firstIndex(where: { $0.user == old.user && $0.salt == old.salt && $0.hash == old.hash }) else { return }
            all[i] = raised
            try? write(all)
        }
    }

    /// What an unknown name is checked against: the work of a real entry, matching no password.
    static let standIn = Entry(user: "", iterations: iterations, salt: [UInt8](repeating: 0, count: 16), hash: [UInt8](repeating: 0, count: 32))

    /// What a session remembers of the password it was opened with (its salt, new with every
    /// `web-password`): nil when the user has none.
    public func credential(of user: String) -> String? {
        entries().first(where: { $0.user == user }).map { Hex.encode($0.salt) }
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256, one 32-byte block.
    static func pbkdf2(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        PBKDF2.sha256(password: password, salt: salt, iterations: iterations)
    }
}

/// Random bytes from the kernel, for session ids, tokens and salts.
enum WebRandom {
    static func bytes(_ n: Int) -> [UInt8] {
        RandomBytes.make(n)
    }

    static func token() -> String { Hex.encode(bytes(32)) }
}

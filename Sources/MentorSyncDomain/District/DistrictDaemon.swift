import Dispatch
import Foundation
import MentorSyncEngine

/// `serve`: a loop around `DistrictIngest.ingest(share:)`. One instance per home (a lock file);
/// the first SIGTERM or SIGINT finishes the bundle in hand and exits 0, a second exits at once
/// (the interrupted merge is one SQLite transaction, so it is rolled back, never half-applied).
public final class DistrictDaemon {
    public let ingest: DistrictIngest
    public let share: Share
    public let interval: TimeInterval
    private let stop = StopFlag()
    private var sources: [DispatchSourceSignal] = []

    public init(ingest: DistrictIngest, share: Share, interval: TimeInterval) {
        self.ingest = ingest
        self.share = share
        self.interval = interval
    }

    /// Takes the home's lock, or says which process holds it.
    public static func lock(home: URL) throws -> Int32 {
        let path = home.appendingPathComponent("serve.lock").path
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw HomeError.busy("cannot open \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buf, 31)
            let pid = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(fd)
            throw HomeError.busy("another mentorsync-district serve is already running for \(home.path) (pid \(pid)); stop it first")
        }
        ftruncate(fd, 0)
        let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return fd  // held open (and so locked) until the process ends
    }

    /// Runs until a signal stops it. Returns the exit code.
    public func run() -> Int32 {
        installSignalHandlers()
        ingest.shouldStop = { [stop] in stop.isSet }
        ingest.log.event("serve_started", ["home": ingest.home.url.path, "share": share.url.path, "interval": Int(interval)])
        while !stop.isSet {
            do {
                // The layout was prepared at start; a folder without it now is an unmounted share.
                let share = try Share.open(self.share.url)
                let o = try ingest.ingest(share: share, replyToAll: true)
                try? ingest.home.setSetting("share_problem", nil)
                if !o.merged.isEmpty || !o.quarantined.isEmpty || !o.replies.isEmpty {
                    ingest.log.event("pass_done", ["merged": o.merged.count, "quarantined": o.quarantined.count,
                                                   "waiting": o.leftForLater.count, "replies": o.replies.count])
                }
            } catch {
                // An unmounted share or a full disk: say so, keep running, try again next pass.
                ingest.log.event("pass_failed", ["reason": "\(error)"])
                try? ingest.home.setSetting("share_problem", "\(Replica.timestamp()): \(error)")
            }
            stop.wait(seconds: interval)
        }
        ingest.log.event("serve_stopped", ["reason": "signal"])
        return 0
    }

    private func installSignalHandlers() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [stop] in
                if stop.isSet {
                    // Second signal: leave now. The open transaction is rolled back by SQLite.
                    FileHandle.standardError.write(Data("time=\(Replica.timestamp()) event=serve_aborted reason=\"second signal\"\n".utf8))
                    _exit(1)
                }
                stop.set()
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// A flag set once from a signal handler, with a wake-up for the sleeping loop.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private let wake = DispatchSemaphore(value: 0)

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }

    func set() {
        lock.lock(); value = true; lock.unlock()
        wake.signal()
    }

    func wait(seconds: TimeInterval) {
        guard !isSet else { return }
        _ = wake.wait(timeout: .now() + seconds)
    }
}

import Dispatch
import Foundation
import MentorSyncEngine

/// `serve`: a loop around `passOnce()`, one instance per home (a lock file). The loop ends when
/// `stop` is set (the CLI sets it on the first SIGTERM or SIGINT): the bundle in hand is finished
/// first, since `DistrictIngest` checks the flag between bundles. An interval of 0 switches the
/// loop off: `run()` makes one pass and returns, and tests call `passOnce()` directly, never sleeping.
public final class DistrictDaemon {
    public let ingest: DistrictIngest
    public let share: Share
    public let interval: TimeInterval
    public let stop: StopFlag

    public init(ingest: DistrictIngest, share: Share, interval: TimeInterval, stop: StopFlag = StopFlag()) {
        self.ingest = ingest
        self.share = share
        self.interval = interval
        self.stop = stop
        ingest.shouldStop = { [stop] in stop.isSet }
    }

    /// Takes the home's lock, or says which process holds it.
    public static func lock(home: URL) throws -> Int32 {
        let path = home.appendingPathComponent("serve.lock").path
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw HomeError.busy(Message.cannotOpen(path, String(cString: strerror(errno))).text()) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buf, 31)
            let pid = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(fd)
            throw HomeError.busy(Message.daemonRunning(home.path, pid: pid).text())
        }
        ftruncate(fd, 0)
        let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return fd  // held open (and so locked) until the process ends
    }

    /// One pass: ingest the share's inbox and reply to every school. A failure (an unmounted share,
    /// a full disk) is logged and kept in the `share_problem` setting for `status`; nil then.
    @discardableResult
    public func passOnce() -> DistrictIngest.Outcome? {
        do {
            // The layout was prepared at start; a folder without it now is an unmounted share.
            let share = try Share.open(self.share.url)
            let o = try ingest.ingest(share: share, replyToAll: true)
            try? ingest.home.setSetting("share_problem", nil)
            if !o.merged.isEmpty || !o.quarantined.isEmpty || !o.replies.isEmpty {
                ingest.log.event("pass_done", ["merged": o.merged.count, "quarantined": o.quarantined.count,
                                               "waiting": o.leftForLater.count, "replies": o.replies.count,
                                               "refused": o.refused.count])
            }
            return o
        } catch {
            // The log line is the machine interface: its reason in English whatever the locale.
            let reason = (error as? HomeError)?.englishDescription ?? (error as? MessageError)?.message.text(.en) ?? "\(error)"
            ingest.log.event("pass_failed", ["reason": reason])
            try? ingest.home.setSetting("share_problem", "\(Replica.timestamp()): \(error)")
            return nil
        }
    }

    /// Makes a pass every `interval` seconds until `stop` is set; with an interval of 0, one pass.
    public func run() {
        ingest.log.event("serve_started", ["home": ingest.home.url.path, "share": share.url.path, "interval": Int(interval)])
        while !stop.isSet {
            passOnce()
            if interval <= 0 { break }
            stop.wait(seconds: interval)
        }
        ingest.log.event("serve_stopped", ["reason": stop.isSet ? "signal" : "one pass"])
    }
}

/// A stop request, set once from another thread (a signal handler), with a wake-up for a sleeping loop.
/// Sendable by its lock: `value` is read and written only under `lock`; the semaphore is thread-safe.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private let wake = DispatchSemaphore(value: 0)

    public init() {}

    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }

    public func set() {
        lock.lock(); value = true; lock.unlock()
        wake.signal()
    }

    /// Sleeps up to `seconds`, or until `set()`.
    public func wait(seconds: TimeInterval) {
        guard !isSet else { return }
        _ = wake.wait(timeout: .now() + seconds)
    }
}

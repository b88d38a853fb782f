import Dispatch
import Foundation
import MentorSyncDomain

/// Signals of `serve` (held from the moment `install` returns: `SignalSources`). The first SIGTERM
/// or SIGINT sets the daemon's stop flag (the bundle in hand is finished, then it exits 0); a
/// second one exits at once with status 1 — the interrupted merge is one SQLite transaction, so
/// SQLite rolls it back and nothing is half-applied.
enum DaemonSignals {
    /// Installs the handlers; keep the returned sources alive as long as the daemon runs.
    static func install(stop: StopFlag, log: EventLog, signals: [(Int32, String)] = SignalSources.stop) -> [DispatchSourceSignal] {
        SignalSources.install(signals) { name, source in
            // Signals that arrive before the handler runs are coalesced into one call; `data` counts them.
            if stop.isSet || source.data > 1 {
                log.event("serve_aborted", ["reason": "second signal", "signal": name])
                _exit(1)
            }
            log.event("stop_requested", ["signal": name])
            stop.set()
        }
    }
}

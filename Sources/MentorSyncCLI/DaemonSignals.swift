import Dispatch
import Foundation
import MentorSyncDomain

/// Signals of `serve`, the Linux way: the default action ignored first, then a dispatch source.
/// The first SIGTERM or SIGINT sets the daemon's stop flag (the bundle in hand is finished, then
/// it exits 0); a second one exits at once with status 1 — the interrupted merge is one SQLite
/// transaction, so SQLite rolls it back and nothing is half-applied.
enum DaemonSignals {
    /// Installs the handlers; keep the returned sources alive as long as the daemon runs.
    static func install(stop: StopFlag, log: EventLog) -> [DispatchSourceSignal] {
        [(SIGTERM, "TERM"), (SIGINT, "INT")].map { sig, name in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Signals that arrive before the handler runs are coalesced into one call; `data` counts them.
                if stop.isSet || source.data > 1 {
                    log.event("serve_aborted", ["reason": "second signal", "signal": name])
                    _exit(1)
                }
                log.event("stop_requested", ["signal": name])
                stop.set()
            }
            source.resume()
            return source
        }
    }
}

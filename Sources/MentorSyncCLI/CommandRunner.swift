/// Runs one command of a tool and turns what it threw into the exit code and the one line a person reads:
/// 0 ok, 1 failure, 2 usage error (or the code a `CommandFailure` carries, such as 3 from `ingest`).
enum CommandRunner {
    static func run(tool: String, usage: String, argv: [String], console: Console,
                    _ dispatch: (_ command: String) throws -> Int32) -> Int32 {
        guard let command = argv.first else {
            console.err(usage)
            return 2
        }
        do {
            if ["help", "--help", "-h"].contains(command) {
                console.out(usage)
                return 0
            }
            return try dispatch(command)
        } catch let e as UsageError {
            console.err("\(tool): \(e.description)")
            console.err("run '\(tool) help' for the list of commands")
            return 2
        } catch let e as CommandFailure {
            console.err("\(tool): \(e.description)")
            return e.exitCode
        } catch {
            console.err("\(tool): \(describe(error))")
            return 1
        }
    }

    /// The options every command takes besides its own.
    static func parse(_ argv: [String], _ options: Set<String>, _ flags: Set<String>) throws -> Arguments {
        try Arguments.parse(argv, options: options.union(["home"]), flags: flags.union(["json"]))
    }
}

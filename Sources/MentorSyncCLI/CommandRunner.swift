import MentorSyncDomain
import MentorSyncEngine

/// Runs one command of a tool and turns what it threw into the exit code and the one line a person reads:
/// 0 ok, 1 failure, 2 usage error (or the code a `CommandFailure` carries, such as 3 from `ingest`).
/// `--version` anywhere, and `--help` after any command words, are answered here without running the command.
enum CommandRunner {
    static func run(tool: String, help: [CommandHelp], argv: [String], console: Console,
                    _ dispatch: (_ command: String) throws -> Int32) -> Int32 {
        let options = argv.prefix { $0 != "--" }
        if options.contains("--version") {
            if options.contains("--json") { console.json(HelpText.versionJSON(tool: tool)) } else { console.out(HelpText.version(tool: tool)) }
            return 0
        }
        guard let command = argv.first else {
            console.err(HelpText.overview(tool: tool, help))
            return 2
        }
        do {
            if ["help", "--help", "-h"].contains(command) {
                let words = Array(argv.dropFirst().prefix { !$0.hasPrefix("-") })
                console.out(words.isEmpty ? HelpText.overview(tool: tool, help) : try helpText(tool, help, words))
                return 0
            }
            if options.contains("--help") {
                console.out(try helpText(tool, help, Array(argv.prefix { !$0.hasPrefix("-") })))
                return 0
            }
            // An option before the command (`--home DIR status`) is not a command named "--home".
            if command.hasPrefix("-") { throw UsageError(Message.commandFirst(command, tool: tool).text()) }
            return try dispatch(command)
        } catch let e as UsageError {
            // One line, as every error: what was wrong, then where the command's help is.
            let known = help.contains { $0.command == command }
            console.err("\(tool): \(e.description) — \((known ? Message.helpHint(tool, command) : Message.helpHint(tool, nil)).text())")
            return 2
        } catch let e as CommandFailure {
            console.err("\(tool): \(e.description)")
            return e.exitCode
        } catch {
            console.err("\(tool): \(describe(error))")
            return 1
        }
    }

    /// The help of the command the words name, with the table's columns when the second word is a table.
    static func helpText(_ tool: String, _ help: [CommandHelp], _ words: [String]) throws -> String {
        guard let c = help.first(where: { $0.command == words[0] }) else {
            throw UsageError(Message.unknownCommand(words[0]).text())
        }
        var table: TableSchema?
        if c.table != .none, words.count > 1 {
            do { table = try RegistryEditor.table(named: words[1]) } catch let e as MessageError { throw UsageError(e.message.text()) }
        }
        return HelpText.command(tool: tool, c, table: table)
    }

    /// The options every command takes besides its own.
    static func parse(_ argv: [String], _ options: Set<String>, _ flags: Set<String>) throws -> Arguments {
        try Arguments.parse(argv, options: options.union(["home"]), flags: flags.union(["json"]))
    }
}

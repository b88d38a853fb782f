import MentorSyncDomain

/// Messages of the command line itself: unknown words and where to find help.
extension Message {
    /// An option typed before the command (`mentorsync-district --home DIR status`).
    static func commandFirst(_ option: String, tool: String) -> Message {
        Message("cli.command_first", en: "the command comes first, then its options: \(tool) COMMAND \(option) …",
                ru: "сначала команда, потом параметры: \(tool) КОМАНДА \(option) …")
    }

    /// Under «Что сделать», when an item names five rows and counts the rest.
    static let agendaAllHint = Message("cli.agenda_all_hint", en: "the whole list: mentorsync-school status --all",
                                       ru: "весь список: mentorsync-school status --all")

    static func unknownCommand(_ word: String) -> Message {
        Message("cli.unknown_command", en: "unknown command '\(word)'", ru: "нет такой команды: «\(word)»")
    }

    /// The end of a usage error's line: the command's help, or the list of commands.
    static func helpHint(_ tool: String, _ command: String?) -> Message {
        guard let command else {
            return Message("cli.help_hint", en: "run '\(tool) --help' for the list of commands", ru: "список команд: \(tool) --help")
        }
        return Message("cli.command_help_hint", en: "run '\(tool) \(command) --help' for its options",
                       ru: "параметры команды: \(tool) \(command) --help")
    }
}

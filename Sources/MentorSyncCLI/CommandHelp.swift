import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// What `--help` says about one command: how to call it, what it does, its options, and whether
/// it works on a registry table (then `COMMAND TABLE --help` lists that table's columns).
struct CommandHelp {
    enum TableUse { case none, write, read }

    struct Option {
        let name: String
        let text: Message
    }

    let command: String
    let synopsis: String
    let summary: Message
    var options: [Option] = []
    var table: TableUse = .none

    init(_ command: String, _ synopsis: String, _ summary: Message, _ options: [Option] = [], table: TableUse = .none) {
        self.command = command; self.synopsis = synopsis; self.summary = summary; self.options = options; self.table = table
    }

    /// An option line; `key` names it in the catalogue (`help.option.KEY`).
    static func option(_ name: String, _ key: String, en: String, ru: String) -> Option {
        Option(name: name, text: Message("help.option.\(key)", en: en, ru: ru))
    }

    static func summary(_ key: String, en: String, ru: String) -> Message { Message("help.command.\(key)", en: en, ru: ru) }

    /// The options every command takes.
    static func common(_ tool: String) -> [Option] {
        let home = tool == DistrictCLI.tool ? "district" : "school"
        return [
            option("--home DIR", "home", en: "the \(home)'s home folder, where registry.db is (default: $MENTORSYNC_HOME, else the current folder)",
                   ru: home == "district" ? "папка района, где лежит registry.db (по умолчанию $MENTORSYNC_HOME, иначе текущая папка)"
                       : "папка школы, где лежит registry.db (по умолчанию $MENTORSYNC_HOME, иначе текущая папка)"),
            option("--json", "json", en: "print the result as JSON (keys never change with the language)",
                   ru: "вывести результат в JSON (ключи от языка не зависят)"),
            option("--help", "help", en: "this help", ru: "эта справка"),
        ]
    }
}

/// Renders help and version texts in the user's language.
enum HelpText {
    /// The list of commands (`TOOL --help`, `TOOL help`, or no command at all).
    static func overview(tool: String, _ commands: [CommandHelp], _ lang: Language = .current) -> String {
        var lines = [lang.pick(en: "usage: \(tool) COMMAND [options]   (every command takes --home DIR and --json)",
                               ru: "вызов: \(tool) КОМАНДА [параметры]   (любая команда принимает --home ПАПКА и --json)")]
        let synopses = commands.map { synopsis($0.synopsis, lang) }
        let width = min(synopses.map(\.count).max() ?? 0, 48)
        for (c, shown) in zip(commands, synopses) {
            if shown.count > width {
                lines.append("  \(shown)")
                lines.append("  " + String(repeating: " ", count: width) + "  " + c.summary.text(lang))
            } else {
                lines.append("  " + shown.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + c.summary.text(lang))
            }
        }
        lines.append(lang.pick(en: "  --version" + String(repeating: " ", count: max(width - 9, 0)) + "  the program's version",
                               ru: "  --version" + String(repeating: " ", count: max(width - 9, 0)) + "  версия программы"))
        lines.append(lang.pick(en: "more on one command: \(tool) COMMAND --help (put TABLE --help lists the table's columns)",
                               ru: "подробнее о команде: \(tool) КОМАНДА --help (put ТАБЛИЦА --help перечисляет столбцы таблицы)"))
        return lines.joined(separator: "\n")
    }

    /// One command's help; with a table, that table's columns and allowed values too.
    static func command(tool: String, _ c: CommandHelp, table: TableSchema?, _ lang: Language = .current) -> String {
        var lines = [lang.pick(en: "usage: ", ru: "вызов: ") + "\(tool) \(synopsis(c.synopsis, lang))", c.summary.text(lang), ""]
        lines.append(lang.pick(en: "options:", ru: "параметры:"))
        let options = c.options + CommandHelp.common(tool)
        let names = options.map { synopsis($0.name, lang) }
        let width = names.map(\.count).max() ?? 0
        for (o, name) in zip(options, names) { lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + o.text.text(lang)) }
        if c.table != .none {
            lines.append("")
            if let table {
                lines += TableHelp.columns(table, writing: c.table == .write, district: tool == DistrictCLI.tool, lang)
                if c.command == "import-csv" && table.name == "pairs" { lines.append(Message.importPairMenteesColumnHelp.text(lang)) }
            } else {
                let names = RegistrySchema.schema.tables.map(\.name)
                lines.append(lang.pick(en: "tables: " + names.joined(separator: ", "),
                                       ru: "таблицы (по имени или по названию): " + names.map { "«\(Message.tableTitle($0).russian)» (\($0))" }.joined(separator: ", ")))
                lines.append(lang.pick(en: "the columns of one: \(tool) \(c.command) TABLE --help",
                                       ru: "столбцы одной из них: \(tool) \(c.command) ТАБЛИЦА --help"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A synopsis or an option's name with its placeholders in the reader's language (`--home ПАПКА`).
    static func synopsis(_ text: String, _ lang: Language) -> String { lang == .ru ? Placeholders.russian(text) : text }

    static func version(tool: String, _ lang: Language = .current) -> String {
        "\(tool) \(MentorSyncVersion.version) " + lang.pick(
            en: "(bundle format \(BundleLayout.formatVersion), registry schema \(RegistrySchema.version))",
            ru: "(формат пакетов \(BundleLayout.formatVersion), схема реестра \(RegistrySchema.version))")
    }

    static func versionJSON(tool: String) -> [String: Any] {
        ["tool": tool, "version": MentorSyncVersion.version, "bundle_format": Int(BundleLayout.formatVersion),
         "schema_version": RegistrySchema.version]
    }
}

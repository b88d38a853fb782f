import MentorSyncDomain

/// Help for the commands both tools share: registry editing, spreadsheets, reports, backups.
extension CommandHelp {
    static let put = CommandHelp("put", "put TABLE --set COLUMN=VALUE… [--id ID] [--another-person]",
        summary("put", en: "add a registry row, or change one (with --id)", ru: "добавить строку реестра или изменить её (с --id)"), [
            option("--set COLUMN=VALUE", "set", en: "a value for one column; repeat for each column", ru: "значение одного столбца; повторите для каждого столбца"),
            option("--id ID", "put_id", en: "the row to change: its name as listings show it, its id, or the id's first 8 characters",
                   ru: "какую строку изменить: её название, как в списке, её id или первые 8 символов id"),
            option("--another-person", "another_person", en: "the person typed (new, or a name or birth date changed) whose name is a letter off someone born the same day is someone else: save",
                   ru: "человек (новый или с изменёнными ФИО или датой рождения), чьё ФИО на букву отличается от ФИО человека с той же датой рождения, — другой человек: сохранить"),
        ], table: .write)

    static let list = CommandHelp("list", "list TABLE [--where COLUMN=VALUE]",
        summary("list", en: "show the rows of a table, names beside ids", ru: "показать строки таблицы, с именами рядом с id"), [
            option("--where COLUMN=VALUE", "where", en: "only rows where the column has this value (a reference may be a name); repeatable",
                   ru: "только строки, где в столбце это значение (ссылку можно указать именем); можно повторять"),
        ], table: .read)

    static let delete = CommandHelp("delete", "delete TABLE ID",
        summary("delete", en: "delete a row (the deletion travels with the next sync)", ru: "удалить строку (удаление уйдёт со следующей синхронизацией)"),
        table: .read)

    static let importCSV = CommandHelp("import-csv", "import-csv TABLE FILE [--dry-run] [--skip-bad] [--separator ';'|','|tab] [--sheet NAME]",
        summary("import_csv", en: "add or update rows from a list: CSV, an Excel workbook (.xlsx) or a LibreOffice spreadsheet (.ods)",
                ru: "добавить или обновить строки из списка: CSV, книга Excel (.xlsx) или таблица LibreOffice (.ods)"), [
            option("--dry-run", "dry_run", en: "show what each line would do (add, update, refuse and why); write nothing",
                   ru: "показать, что будет с каждой строкой (добавится, изменится, будет отклонена и почему); ничего не записывать"),
            option("--skip-bad", "skip_bad", en: "import the good rows and list the bad ones (without it a bad row stops the whole file)",
                   ru: "загрузить верные строки и перечислить ошибочные (без него одна ошибка останавливает весь файл)"),
            option("--separator ';'|','|tab", "separator", en: "the CSV separator, when the first line does not tell it",
                   ru: "разделитель CSV, если его не видно по первой строке"),
            option("--sheet NAME", "sheet", en: "the sheet of a workbook to read (default: the first shown sheet with the table's columns)",
                   ru: "какой лист книги читать (по умолчанию первый видимый лист с названиями столбцов таблицы)"),
        ], table: .write)

    static let exportCSV = CommandHelp("export-csv", "export-csv TABLE FILE [--separator ';'|','|tab] [--no-bom]",
        summary("export_csv", en: "write a table as CSV that opens in Excel, or as a workbook when FILE ends in .xlsx",
                ru: "записать таблицу в CSV, который открывается в Excel, или в книгу Excel, если ФАЙЛ оканчивается на .xlsx"), [
            option("--separator ';'|','|tab", "export_separator", en: "the CSV separator (default ';', as Russian Excel reads)",
                   ru: "разделитель CSV (по умолчанию ';', как читает русский Excel)"),
            option("--no-bom", "no_bom", en: "no byte order mark at the start of the CSV file", ru: "не писать метку BOM в начале CSV-файла"),
        ], table: .read)

    /// `site`: the district's report, of every school, takes `--site` for one of them; a school's is its own.
    static func report(site: Bool) -> CommandHelp {
        let options = [
            option("--period YYYY-YYYY", "period", en: "the school year (default: the current one)", ru: "учебный год (по умолчанию текущий)"),
        ] + (site ? [option("--site SITE", "report_site", en: "one school only", ru: "только одна школа")] : []) + [
            option("--format table|csv|json|html|xlsx", "format", en: "how to print it (default: table; or as the --out file's name ends)",
                   ru: "в каком виде (по умолчанию таблица или по расширению файла --out)"),
            option("--out FILE", "report_out", en: "write it to a file instead of the screen (отчёт.xlsx: an Excel workbook)",
                   ru: "записать в файл, а не на экран (отчёт.xlsx — книга Excel)"),
        ]
        return CommandHelp("report", "report [--period 2024-2025]\(site ? " [--site SITE]" : "") [--format table|csv|json|html|xlsx] [--out FILE]",
            site ? summary("report_district", en: "the effectiveness indicators, per school and for the district",
                           ru: "показатели эффективности по школам и по району")
                 : summary("report_school", en: "this school's effectiveness indicators", ru: "показатели эффективности этой школы"),
            options)
    }

    static func events(site: Bool) -> CommandHelp {
        var options = [option("--overdue", "overdue", en: "only the overdue events", ru: "только просроченные мероприятия")]
        options.append(option("--period YYYY-YYYY", "events_period", en: "one school year", ru: "один учебный год"))
        if site { options.append(option("--site SITE", "events_site", en: "one school only", ru: "только одна школа")) }
        return CommandHelp("events", "events [--overdue]\(site ? " [--site SITE]" : "") [--period YYYY-YYYY]",
            summary("events", en: "the roadmap events (overdue ones flagged)", ru: "мероприятия дорожной карты (просроченные отмечены)"), options)
    }

    static func backup(district: Bool) -> CommandHelp {
        CommandHelp("backup", "backup --out FILE|DIR [--keep N]",
            district ? summary("backup_district", en: "online copy of registry.db, safe while serve runs",
                               ru: "копия registry.db на ходу, можно при работающем serve")
                     : summary("backup_school", en: "online copy of registry.db", ru: "копия registry.db на ходу"), [
                option("--out FILE|DIR", "backup_out", en: "a new file, or a folder for dated copies", ru: "новый файл или папка для копий с датой"),
                option("--keep N", "keep_n", en: "in a folder, keep the newest N copies", ru: "в папке хранить N последних копий"),
            ])
    }

    static func restore(district: Bool) -> CommandHelp {
        CommandHelp("restore", "restore --from FILE",
            district ? summary("restore_district", en: "put a backup back (serve stopped); orders a resync of every school",
                               ru: "вернуть резервную копию (serve остановлен); всем школам назначается полная пересылка")
                     : summary("restore_school", en: "put a backup back; then the district runs resync --site",
                               ru: "вернуть резервную копию; затем управление образования выполняет resync --site"), [
                option("--from FILE", "from", en: "the backup file", ru: "файл резервной копии"),
            ])
    }
}

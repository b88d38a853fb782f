import MentorSyncDomain

/// Help for `mentorsync-school`, in the order `--help` lists the commands.
extension CommandHelp {
    static let school: [CommandHelp] = [
        CommandHelp("init", "init --enroll FILE",
            summary("school_init", en: "create this school's home from the district's enrollment file",
                    ru: "создать папку школы по файлу подключения из управления образования"), [
                option("--enroll FILE", "enroll", en: "the enrollment file the district wrote for this school", ru: "файл подключения, выданный этой школе управлением образования"),
            ]),
        CommandHelp("rekey", "rekey --enroll FILE",
            summary("rekey", en: "install a new enrollment file (after the district re-enrolled the school)",
                    ru: "установить новый файл подключения (после повторного подключения школы в управлении образования)"), [
                option("--enroll FILE", "rekey_enroll", en: "the new enrollment file", ru: "новый файл подключения"),
            ]),
        CommandHelp("move-here", "move-here",
            summary("move_here", en: "the school works on this computer from now on (its folder was copied here from another)",
                    ru: "школа теперь работает на этом компьютере (её папка скопирована сюда с другого)")),
        CommandHelp("sync", "sync --share DIR",
            summary("sync", en: "send changes to DIR/inbox/, take the district's replies from DIR/outbox/<site>/",
                    ru: "отправить изменения в ПАПКА/inbox/ и забрать ответы управления образования из ПАПКА/outbox/<код школы>/"), [
                option("--share DIR", "share", en: "the USB stick or the shared folder", ru: "флешка или общая папка"),
            ]),
        CommandHelp("export", "export --out DIR",
            summary("export", en: "write a bundle of unacknowledged changes into DIR", ru: "записать пакет неподтверждённых изменений в ПАПКУ"), [
                option("--out DIR", "export_out", en: "the folder to write the bundle into", ru: "папка, куда записать пакет"),
            ]),
        CommandHelp("import", "import FILE…",
            summary("import", en: "merge replies from the district", ru: "принять ответы управления образования")),
        CommandHelp("status", "status [--all]",
            summary("school_status", en: "what is not yet acknowledged, last sync, rejections, commands",
                    ru: "что ещё не подтверждено, последняя синхронизация, отказы, распоряжения управления образования"), [
                option("--all", "status_all", en: "name every row of “To do” (it names five of each and counts the rest)",
                       ru: "назвать все записи в «Что сделать» (обычно названы пять, остальные посчитаны)"),
            ]),
        .put, .list, .delete,
        .report(site: false), .events(site: false),
        .importCSV, .exportCSV,
        .backup(district: false), .restore(district: false),
        .web(district: false), .webPassword,
    ]
}

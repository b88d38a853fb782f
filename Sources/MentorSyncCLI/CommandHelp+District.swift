import MentorSyncDomain

/// Help for `mentorsync-district`, in the order `--help` lists the commands.
extension CommandHelp {
    static let district: [CommandHelp] = [
        CommandHelp("init", "init --name NAME [--site district]",
            summary("district_init", en: "create the district home", ru: "создать папку района"), [
                option("--name NAME", "district_name", en: "the district's name", ru: "название района (органа управления образованием)"),
                option("--site SITE", "district_site", en: "the district's site id (default: district)", ru: "код района в реестре (по умолчанию district)"),
            ]),
        CommandHelp("enroll", "enroll --site SITE --name NAME --out FILE [--again] [--grace-days N]",
            summary("enroll", en: "register a school; writes its enrollment file", ru: "подключить школу; записывает её файл подключения"), [
                option("--site SITE", "enroll_site", en: "the school's short id, e.g. s017", ru: "короткий код школы, например s017"),
                option("--name NAME", "enroll_name", en: "the school's name (with --again: the name it has, unless given)",
                       ru: "название школы (с --again: прежнее, если не указано)"),
                option("--out FILE", "enroll_out", en: "where to write the enrollment file (it holds the school's secret key)",
                       ru: "куда записать файл подключения (в нём секретный ключ школы)"),
                option("--again", "enroll_again", en: "enroll a school enrolled already with a new key (a new computer, a lost file; revoke a stolen one first)",
                       ru: "подключить уже подключённую школу заново, с новым ключом (новый компьютер, потерянный файл; украденный сначала отключите)"),
                option("--grace-days N", "grace_days", en: "when re-enrolling, days the old key is still accepted (default 30)",
                       ru: "при повторном подключении: сколько дней принимается старый ключ (по умолчанию 30)"),
            ]),
        CommandHelp("serve", "serve --share DIR [--interval SECONDS]",
            summary("serve", en: "the daemon: merge bundles from DIR/inbox, reply to DIR/outbox/",
                    ru: "служба: принимать пакеты из ПАПКА/inbox, отвечать в ПАПКА/outbox/"), [
                option("--share DIR", "serve_share", en: "the shared folder schools write to", ru: "общая папка, куда пишут школы"),
                option("--interval SECONDS", "interval", en: "seconds between passes (default 30)", ru: "секунд между проходами (по умолчанию 30)"),
            ]),
        CommandHelp("ingest", "ingest --share DIR [--settle SECONDS] | ingest FILE…",
            summary("ingest", en: "one pass (a USB stick); exit 3 if a bundle was quarantined",
                    ru: "один проход (флешка); код выхода 3, если пакет отправлен в карантин"), [
                option("--share DIR", "ingest_share", en: "the stick or shared folder to take bundles from", ru: "флешка или общая папка с пакетами"),
                option("--settle SECONDS", "settle", en: "how long a damaged file may still be copying before quarantine",
                       ru: "сколько секунд повреждённый файл может ещё копироваться, прежде чем уйти в карантин"),
            ]),
        CommandHelp("status", "status",
            summary("district_status", en: "every school: last contact, rows, conflicts, clock skew, resync",
                    ru: "все школы: последняя связь, строки, конфликты, расхождение часов, пересылка")),
        CommandHelp("conflicts", "conflicts list [--all] | show ID | resolve ID --keep mine|theirs | --value TEXT | resolve --all --site SITE --keep school|district|mine|theirs [--field TABLE.COLUMN] [--dry-run]",
            summary("conflicts", en: "review and settle conflicts", ru: "просмотреть и разрешить конфликты"), [
                option("--all", "all", en: "list settled conflicts too; with resolve: every open conflict of the school --site at once",
                       ru: "показать и разрешённые конфликты; с resolve: все открытые конфликты школы --site сразу"),
                option("--site SITE", "conflicts_site", en: "with resolve --all: the school; --keep school keeps its values, district the district's",
                       ru: "с resolve --all: школа; --keep school оставляет её значения, district — значения управления образования"),
                option("--field TABLE.COLUMN", "conflicts_field", en: "with resolve --all: only this field (persons.position)",
                       ru: "с resolve --all: только это поле (persons.position)"),
                option("--dry-run", "conflicts_dry_run", en: "with resolve --all: show what would change, change nothing",
                       ru: "с resolve --all: показать, что изменится, ничего не меняя"),
                option("--keep mine|theirs", "keep", en: "mine: the value the district holds now (the write the merge kept); theirs: the value it lost (`list` names who wrote each)",
                       ru: "mine: значение, которое сейчас в реестре района (его оставило слияние); theirs: потерянное значение (`list` называет, кто записал каждое)"),
                option("--value TEXT", "value", en: "settle with this value instead (checked like any entry)",
                       ru: "разрешить этим значением (проверяется, как любой ввод)"),
            ]),
        CommandHelp("resync", "resync --site SITE",
            summary("resync", en: "order a school to resync (full exchange both ways)", ru: "назначить школе полную пересылку (в обе стороны)"), [
                option("--site SITE", "resync_site", en: "the school", ru: "школа"),
            ]),
        CommandHelp("revoke", "revoke --site SITE",
            summary("revoke", en: "refuse a school's bundles at once (a stolen machine)", ru: "сразу отклонять пакеты школы (украден компьютер)"), [
                option("--site SITE", "revoke_site", en: "the school whose machine was lost or stolen", ru: "школа, чей компьютер потерян или украден"),
            ]),
        .put, .list, .delete,
        .report(site: true), .events(site: true),
        CommandHelp("indicators", "indicators",
            summary("indicators", en: "the indicator targets (change them with put indicators)",
                    ru: "целевые значения показателей (менять: put indicators)")),
        CommandHelp("seed-demo", "seed-demo [--schools N] [--scale N] [--seed N] [--enroll-dir DIR]",
            summary("seed_demo", en: "fill the district with generated demo data", ru: "заполнить район учебными данными"), [
                option("--schools N", "schools", en: "how many schools (default 5)", ru: "сколько школ (по умолчанию 5)"),
                option("--scale N", "scale", en: "rows per school, roughly (default 20)", ru: "примерно строк на школу (по умолчанию 20)"),
                option("--seed N", "seed", en: "the random seed, for the same data again", ru: "начальное число, чтобы получить те же данные"),
                option("--enroll-dir DIR", "enroll_dir", en: "where to write the schools' enrollment files", ru: "куда записать файлы подключения школ"),
            ]),
        .backup(district: true), .restore(district: true),
        .web(district: true), .webPassword,
    ]
}

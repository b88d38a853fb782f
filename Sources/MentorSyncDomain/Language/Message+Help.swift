/// The school's help page («Помощь»): the deputy head's year, page by page, in her words.
extension Message {
    public static let webHelp = Message("web.help", en: "Help", ru: "Помощь")

    public static let helpWeekly = Message("help.weekly.heading", en: "Every week: the exchange with the district",
                                           ru: "Каждую неделю: обмен с управлением образования")
    public static let helpWeeklyText = Message("help.weekly.text",
        en: "Plug in the courier's stick (or choose the shared folder) and press «Sync now» on the page «Sync». The program writes your changes onto the stick and takes the district's answer: what it accepted, what it corrected and what it refused, said in a few lines. Hand the stick to the courier. If a stick is lost, nothing is lost with it: your changes stay on this computer until the district confirms them and go again with the next stick, and the exchange files on it are encrypted: without the school's key they cannot be read.",
        ru: "Вставьте флешку курьера (или выберите общую папку) и нажмите «Выполнить обмен» на странице «Обмен». Программа запишет на флешку ваши изменения и заберёт ответ управления образования: что оно приняло, что исправило и что отклонило — в нескольких строках. Флешку отдайте курьеру. Если флешка потеряется, ничего не пропадёт: изменения остаются на этом компьютере, пока управление образования их не подтвердит, и уйдут со следующей флешкой, а файлы обмена на ней зашифрованы: без ключа школы их не прочитать.")

    public static let helpLists = Message("help.lists.heading", en: "At the start of the school year (by 15 September): the lists",
                                          ru: "В начале учебного года (до 15 сентября): списки")
    public static let helpListsText = Message("help.lists.text",
        en: "Open last year's list in Excel, correct it and load it on the page «Import». First the program shows line by line what will be added, changed and refused, and why; nothing is written until you confirm. People are found by full name and date of birth, so loading a list again does not double anyone. Every table's page has «Download for Excel»: the registry's own list to start from.",
        ru: "Откройте прошлогодний список в Excel, исправьте его и загрузите на странице «Загрузка списка». Сначала программа покажет по строкам, что будет добавлено, изменено и отклонено и почему; ничего не запишется, пока вы не подтвердите. Люди находятся по ФИО и дате рождения, поэтому повторная загрузка никого не удваивает. На странице каждой таблицы есть «Скачать для Excel» — список из реестра, с которого можно начать.")

    public static let helpPairs = Message("help.pairs.heading", en: "Pairs, plans and meetings", ru: "Пары, планы и встречи")
    public static let helpPairsText = Message("help.pairs.text",
        en: "Make a pair on the page «Pairs»: choose the mentor by name (one of the school's, or a network mentor of the district, shown with the subject and the school), tick the mentees, set the form and the start date. The plan (ИОМ) goes on the page «Plans (ИОМ)». Then the meetings, in the roadmap's order, on the page «Meetings»: introduction, trial meeting, planning, joint work by the plan, final meeting.",
        ru: "Пару составляют на странице «Пары»: выберите наставника по имени (своего или сетевого наставника района — он показан с предметом и школой), отметьте наставляемых, укажите форму и дату начала. План (ИОМ) — на странице «Планы (ИОМ)». Затем встречи по дорожной карте, на странице «Встречи»: знакомство, пробная встреча, планирование, совместная работа по плану, итоговая встреча.")

    public static let helpMay = Message("help.may.heading", en: "In May: the results", ru: "В мае: итоги")
    public static let helpMayText = Message("help.may.text",
        en: "Hold the final meeting, enter the satisfaction surveys of the mentor and the mentee (marks from 1 to 10), and mark the pair «completed» with its result. The school's report for the teachers' council is on the page «Report»: it prints, and downloads for Excel.",
        ru: "Проведите итоговую встречу, внесите анкеты удовлетворённости наставника и наставляемого (оценки от 1 до 10) и отметьте пару «завершена» с результатом. Отчёт школы для педагогического совета — на странице «Отчёт»: его можно распечатать и скачать для Excel.")

    public static let helpAgenda = Message("help.agenda.heading", en: "«To do»", ru: "«Что сделать»")
    public static let helpAgendaText = Message("help.agenda.text",
        en: "The home page says what waits: pairs without a plan or meetings, pairs past their end date, missing surveys, an exchange not made for long. Each line opens its record.",
        ru: "Главная страница сама напоминает, что ждёт: пары без плана или без встреч, незакрытые пары, анкеты, давно не было обмена. Каждая строка открывает свою запись.")

    public static let helpTrouble = Message("help.trouble.heading", en: "When something goes wrong", ru: "Если что-то пошло не так")
    public static let helpTroubleText = Message("help.trouble.text",
        en: "The district refused a record: open it — it says why and what to correct. The district corrected your record: the exchange says so, and the page «Status» keeps it. The computer was replaced: choose the school's enrollment file on the program's first page (ask the district for a new one if it is gone); the school's data comes at the first exchange. A laptop was stolen: tell the district at once — it switches the old key off and gives a new file; a new computer takes it on the program's first page, and the computer that still holds the school's registry on «Status» → «A new enrollment file». A full or damaged stick is said in one sentence: take another stick.",
        ru: "Управление образования отклонило запись — откройте её: там сказано почему и что исправить. Управление образования исправило вашу запись — это видно в итогах обмена и на странице «Состояние». Компьютер заменили — выберите файл подключения школы на первой странице программы (если его нет, попросите новый в управлении образования); данные школы придут при первом обмене. Ноутбук украли — сразу сообщите в управление образования: оно отключит старый ключ и даст новый файл; на новом компьютере его выбирают на первой странице программы, а если реестр школы остался на этом — на странице «Состояние» → «Новый файл подключения». Если флешка заполнена или повреждена, программа скажет об этом одной фразой: возьмите другую флешку.")
}

/// The district's help page («Помощь»): the methodologist's year, page by page.
extension Message {
    public static let helpMorning = Message("help.district.morning.heading", en: "Every morning: the schools", ru: "Каждое утро: школы")
    public static let helpMorningText = Message("help.district.morning.text",
        en: "The page «Schools» shows when each school was last heard from, which have been silent for 30 days, which files were refused and why, and how many conflicts wait. «To do» names only the schools that need something.",
        ru: "На странице «Школы» видно, когда от каждой школы последний раз приходили данные, какие молчат 30 дней, какие файлы отклонены и почему, сколько конфликтов ждут решения. В «Что сделать» названы только школы, которым что-то нужно.")
    public static let helpConflicts = Message("help.district.conflicts.heading", en: "Conflicts", ru: "Конфликты")
    public static let helpConflictsText = Message("help.district.conflicts.text",
        en: "A conflict is one field corrected both at the school and here before either saw the other's correction. The page «Conflicts» shows whose record it is, both values, who wrote each and when: keep one («Keep this») or type the right value. A school with many (after restoring its registry from a backup) can be settled at once under «Settle a school's conflicts at once», every record shown before it is confirmed. A decision can be changed later; the school is told with its next reply.",
        ru: "Конфликт — одно поле, исправленное и в школе, и здесь, прежде чем одна сторона увидела исправление другой. На странице «Конфликты» видно, чья это запись, оба значения, кто и когда их записал: оставьте одно («Оставить это») или впишите верное. Если у школы их много (после восстановления её реестра из копии), их решают разом — в «Решить конфликты школы разом», увидев каждую запись до подтверждения. Решение можно изменить; школа узнает о нём со следующим ответом.")
    public static let helpNetwork = Message("help.district.network.heading", en: "The district's network mentors", ru: "Сетевые наставники района")
    public static let helpNetworkText = Message("help.district.network.text",
        en: "A school offers its mentor to the whole district («Network: yes» in the mentor's record); every school then sees the mentor with the subject and competencies, and a village school can pair its young specialist with a mentor of another school. The page «Mentors» lists them all.",
        ru: "Школа предлагает своего наставника всему району («Сетевой: да» в записи наставника); тогда каждая школа видит его с предметом и компетенциями, и сельская школа может составить пару своего молодого специалиста с наставником другой школы. Все они — на странице «Наставники».")
    public static let helpRoadmap = Message("help.district.roadmap.heading", en: "The roadmap and the targets", ru: "Дорожная карта и цели")
    public static let helpRoadmapText = Message("help.district.roadmap.text",
        en: "Municipal events (seminars, master classes, contests, practice sharing) with their dates, responsible persons and status go on the page «Events»; those overdue are marked. The indicators' targets are set on the page «Indicators and targets».",
        ru: "Муниципальные мероприятия (семинары, мастер-классы, конкурсы, трансляция практик) с датами, ответственными и статусом — на странице «Мероприятия»; просроченные отмечены. Цели показателей задаются на странице «Показатели и цели».")
    public static let helpAugust = Message("help.district.august.heading", en: "In August: the report", ru: "В августе: отчёт")
    public static let helpAugustText = Message("help.district.august.text",
        en: "The page «Report» gives the effectiveness indicators for the school year, for each school and for the municipality: numerator, denominator, target and whether it is met. It prints, and downloads as an Excel file for the region.",
        ru: "На странице «Отчёт» — показатели эффективности за учебный год по каждой школе и по муниципалитету: числитель, знаменатель, цель и достигнута ли она. Его можно распечатать и скачать файлом Excel для региона.")
    public static let helpNewSchool = Message("help.district.new_school.heading", en: "A new school", ru: "Новая школа")
    public static let helpNewSchoolText = Message("help.district.new_school.text",
        en: "On the page «Enroll a school» give the school's code and name and download its enrollment file. Hand it over in person or on a stick: it holds the school's key. At the school it is chosen on the first page of the school's app; its data comes with the first exchange.",
        ru: "На странице «Подключить школу» укажите код и название школы и скачайте её файл подключения. Передайте его лично или на флешке: в нём ключ школы. В школе его выбирают на первой странице программы; данные школы придут с первым обменом.")
    public static let helpBroken = Message("help.district.broken.heading", en: "When something breaks", ru: "Если что-то сломалось")
    public static let helpBrokenText = Message("help.district.broken.text",
        en: "A school's disk died: once the school is set up again, press «Order a full re-send» beside it on the page «Schools» — everything it had comes back. A stick was lost: nothing is lost with it, and its exchange files cannot be read without the schools' keys. A laptop was stolen: press «Revoke» beside the school at once, then enroll it again with the box ticked and hand the school the new file.",
        ru: "У школы вышел из строя диск: когда школа подключится снова, нажмите «Запросить полную пересылку» рядом с ней на странице «Школы» — всё, что у неё было, вернётся. Потерялась флешка: с ней ничего не пропало, а файлы обмена на ней без ключей школ не прочитать. Украли ноутбук: сразу нажмите «Отключить» рядом со школой, затем подключите её заново с отметкой и передайте школе новый файл.")
}
